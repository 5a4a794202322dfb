import Foundation
import Testing
import TestSupport

/// `scaled-compute`: Owen's (2024) scaled compute for every selected row of a table.
@Suite("scaled-compute command")
struct ScaledComputeCommandTests {
    static let models = """
        model,params_B,tokens_B,family
        gpt3,175,300,gpt
        chinchilla,70,1400,deepmind
        unknown,,300,gpt
        tiny,0.01,0.2,toy
        """

    @Test("adds C_s to every selected row: GPT-3 and Chinchilla give Owen's published values; --where and --drop-missing select rows")
    func published() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write(Self.models, to: "models.csv", in: directory)
        let result = try CLIRunner.run([
            "scaled-compute", "models.csv", "--n", "params_B", "--n-unit", "1e9", "--d", "tokens_B", "--d-unit", "1B",
            "--loss-preset", "hoffmann-rounded", "--drop-missing", "--where", "family!=toy",
        ], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines == ["note: --drop-missing dropped 1 row with an empty cell in params_B, tokens_B; 2 kept"])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "model,params_B,tokens_B,family,chinchilla_loss,scaled_compute_flop")
        #expect(lines[1].hasPrefix("gpt3,175,300,gpt,"))
        #expect(lines[2].hasPrefix("chinchilla,70,1400,deepmind,"))
        // Owen 2024 with Hoffmann et al.'s rounded constants (E 1.69, A 406.4, B 410.7, α 0.34,
        // β 0.28): GPT-3 175B/300B has L = 2.0023 and C_s = 1.223e23; Chinchilla 70B/1.4T is a
        // fixed point, C_s = 6ND = 5.880e23 (values printed to 4 significant figures).
        let gpt3 = lines[1].split(separator: ",").suffix(2).compactMap { Double($0) }
        let chinchilla = lines[2].split(separator: ",").suffix(2).compactMap { Double($0) }
        #expect(abs(gpt3[0] - 2.0023) < 5e-5)
        #expect(abs(gpt3[1] / 1.223e23 - 1) < 5e-4)
        #expect(abs(chinchilla[0] - 1.9366) < 5e-5)
        #expect(abs(chinchilla[1] / 5.880e23 - 1) < 1e-3)
    }

    @Test("an empty cell without --drop-missing names the file, line and column; nothing is written")
    func emptyCell() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write(Self.models, to: "models.csv", in: directory)
        let result = try CLIRunner.run([
            "scaled-compute", "models.csv", "--n", "params_B", "--d", "tokens_B", "--loss-preset", "hoffmann-rounded",
        ], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: models.csv, line 4, column 'params_B': expected a number, got an empty cell"])
    }

    @Test("a row with N = 0 is one error line naming the row")
    func belowIrreducible() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write("model,N,D\nok,1e9,2e10\nzero,0,1e9\n", to: "models.csv", in: directory)
        let result = try CLIRunner.run(["scaled-compute", "models.csv", "--loss-preset", "hoffmann-rounded"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: models.csv, line 3: no scaled compute: N and D must be positive, got N = 0.0, D = 1000000000.0"])
    }
}
