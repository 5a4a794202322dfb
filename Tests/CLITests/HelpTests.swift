import Foundation
import Testing

/// Help text of the root command and every subcommand, as snapshots.
@Suite("help text")
struct HelpTests {
    @Test("--help", arguments: [
        ([], "help-root.txt"),
        (["fit"], "help-fit.txt"),
        (["optimal"], "help-optimal.txt"),
        (["predict"], "help-predict.txt"),
        (["laws"], "help-laws.txt"),
        (["isoflop"], "help-isoflop.txt"),
    ])
    func help(_ command: [String], snapshot: String) throws {
        let result = try CLIRunner.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        Snapshot.check(result.stdout, named: snapshot)
    }

    @Test("--version prints the artifact tool version")
    func version() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test("no subcommand prints the overview")
    func noSubcommand() throws {
        let result = try CLIRunner.run([])
        #expect(result.stdout.contains("SUBCOMMANDS:") || result.stderr.contains("SUBCOMMANDS:"))
    }
}

/// `scaling-laws laws`.
@Suite("laws command")
struct LawsCommandTests {
    @Test("table")
    func table() throws {
        let result = try CLIRunner.run(["laws"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("L(N, D) = E + A/N^α + B/D^β"))
        #expect(result.stdout.contains("arXiv:2203.15556"))
        Snapshot.check(result.stdout, named: "laws.txt")
    }

    @Test("json lists name, formula, citation, parameters and presets")
    func json() throws {
        let result = try CLIRunner.run(["laws", "--format", "json"])
        #expect(result.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let chinchilla = try #require(array.first { $0["name"] as? String == "chinchilla" })
        #expect(chinchilla["formula"] as? String == "L(N, D) = E + A/N^α + B/D^β")
        #expect((chinchilla["citation"] as? String)?.contains("Hoffmann") == true)
        let parameters = (chinchilla["parameters"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(parameters == ["E", "A", "B", "alpha", "beta"])
        let presets = (chinchilla["presets"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(presets?.contains("epoch2024") == true)
    }
}
