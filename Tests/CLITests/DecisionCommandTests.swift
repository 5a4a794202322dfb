import Foundation
import Testing
import TestSupport

/// `scaling-laws score`, `filtering`, `utd`, and `forecast --score-fit`.
@Suite("decision commands")
struct DecisionCommandTests {
    static let owen = ["score", "--law", "sigmoid", "--param", "k=1.5", "--param", "x0=24.5"]

    @Test("score: P(1e24) = 0.3208, P(1e25) = 0.6792, C(0.5) = 10^24.5; GPT-3 scaled compute 1.223e23")
    func scoreVectors() throws {
        let csv = try CLIRunner.run(Self.owen + ["--compute", "1e24,1e25", "--target", "0.5", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let parsed = Fixtures.csv(csv.stdout)
        #expect(parsed.header.first == "kind")
        #expect(parsed.rows.count == 3)
        #expect(abs(try #require(Double(parsed.rows[0][9])) - 0.3208) < 5e-5)
        #expect(abs(try #require(Double(parsed.rows[1][9])) - 0.6792) < 5e-5)
        #expect(parsed.rows[2][0] == "target")
        #expect(isClose(try #require(Double(parsed.rows[2][6])), pow(10, 24.5), rel: 1e-12))

        let gpt3 = try CLIRunner.run(Self.owen + ["--n", "175B", "--d", "300B", "--loss-preset", "hoffmann-rounded", "--format", "csv"])
        #expect(gpt3.status == 0, "\(gpt3.stderr)")
        let row = try #require(Fixtures.csv(gpt3.stdout).rows.first)
        #expect(abs(try #require(Double(row[3])) - 2.0023) < 5e-5)
        #expect(isClose(try #require(Double(row[6])), 1.223e23, rel: 5e-4))
    }

    @Test("score: table snapshot")
    func scoreTable() throws {
        let result = try CLIRunner.run(Self.owen + ["--compute", "1e23:1e26:x10", "--n", "70B", "--d", "1.4T", "--loss-preset", "hoffmann-rounded", "--target", "0.5", "--target", "0.9"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        Snapshot.check(result.stdout, named: "score-owen.txt")
    }

    @Test("score: bad input gives one exact error line", arguments: [
        (["--compute", "1e24", "--target", "1"], "error: target score 1 is at or above the ceiling 1 of the sigmoid law, which it approaches only as compute grows without bound: no finite compute reaches it"),
        (["--n", "70B", "--d", "1.4T"], "error: a score forecast from model size and tokens needs a Chinchilla loss law to map (N, D) to scaled compute"),
        (["--target", "high"], "error: invalid --target 'high': expected a score such as 0.5 (normalised: chance 0, best 1)"),
    ])
    func scoreErrors(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(Self.owen + arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [message])
    }

    @Test("score: a missing --param names the parameter")
    func missingParam() throws {
        let result = try CLIRunner.run(["score", "--law", "sigmoid", "--param", "k=1.5", "--compute", "1e24"])
        #expect(result.status == 1)
        #expect(result.stderrLines == ["error: --law sigmoid needs --param x0=VALUE (its parameters: k, x0)"])
    }

    @Test("filtering: published mixtures, best pool and the crossover between 32M and 128M")
    func filtering() throws {
        let arguments = ["filtering", "--preset", "goyal2024-tmars", "--budgets", "32M,128M,640M"]
        let table = try CLIRunner.run(arguments)
        #expect(table.status == 0, "\(table.stderr)")
        Snapshot.check(table.stdout, named: "filtering-tmars.txt")
        let json = try CLIRunner.run(arguments + ["--format", "json"])
        let object = try Fixtures.object(json.stdout)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["best"] as? String } == ["top 10%", "top 20%", "top 20%"])
        let errors = try #require(rows[1]["errors"] as? [Double])
        #expect(abs(errors[1] - 0.7040) <= 5e-5)
        let crossovers = try #require(object["crossovers"] as? [[String: Any]])
        #expect(crossovers.count == 1)
        let samples = try #require(crossovers.first?["samples"] as? Double)
        #expect(samples > 32e6 && samples < 128e6)
    }

    @Test("filtering: bad input", arguments: [
        (["--preset", "tmars", "--budgets", "1M"], "error: unknown preset 'tmars' (presets: goyal2024-tmars)"),
        (["--preset", "goyal2024-tmars", "--budgets", "1M", "--crossover-range", "5M:1M"], "error: invalid --crossover-range '5M:1M': expected LOW:HIGH with 0 < LOW < HIGH (samples)"),
    ])
    func filteringErrors(arguments: [String], message: String) throws {
        let result = try CLIRunner.run(["filtering"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderrLines == [message])
    }

    @Test("utd: Gym J = 800 σ* ≈ 6.29 at F* ≈ 1.91e15, and σ* for budgets from the published law")
    func utd() throws {
        let table = try CLIRunner.run(["utd", "--budgets", "1e15,1e16"])
        #expect(table.status == 0, "\(table.stderr)")
        Snapshot.check(table.stdout, named: "utd-gym.txt")
        let csv = try CLIRunner.run(["utd", "--format", "csv"])
        let row = try #require(Fixtures.csv(csv.stdout).rows.first)
        #expect(row[0] == "optimum")
        #expect(abs(try #require(Double(row[3])) - 6.29) < 0.005)
        #expect(isClose(try #require(Double(row[2])), 1.91e15, rel: 5e-3))
        let bad = try CLIRunner.run(["utd", "--sigma-range", "16:0.25"])
        #expect(bad.status == 1)
        #expect(bad.stderrLines == ["error: invalid --sigma-range '16:0.25': expected LOW:HIGH with 0 < LOW < HIGH (UTD ratios)"])
    }

    @Test("forecast --score-fit adds a score column at each row's scaled compute")
    func forecastScores() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Scores exactly on the sigmoid k = 1.5, x0 = 24.5 with a small alternating offset.
        var lines = ["C,score"]
        for i in 0..<20 {
            let x = 22.0 + 0.25 * Double(i)
            let p = 1 / (1 + exp(-1.5 * (x - 24.5))) + (i % 2 == 0 ? 0.01 : -0.01)
            lines.append("\(pow(10, x)),\(p)")
        }
        try Fixtures.write(lines.joined(separator: "\n") + "\n", to: "scores.csv", in: directory)
        let artifact = directory.appendingPathComponent("score.json").path
        let fit = try CLIRunner.run(["fit", directory.appendingPathComponent("scores.csv").path, "--law", "sigmoid", "--output", artifact])
        #expect(fit.status == 0, "\(fit.stderr)")
        let result = try CLIRunner.run(["forecast", "--preset", "hoffmann-rounded", "--budgets", "1e23,1e24,1e25", "--score-fit", artifact, "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = Fixtures.csv(result.stdout)
        #expect(Array(parsed.header.suffix(6)) == ["score_compute_flop", "score", "score_lower", "score_upper", "score_prediction_lower", "score_prediction_upper"])
        let scoreCompute = try #require(parsed.header.firstIndex(of: "score_compute_flop"))
        for row in parsed.rows {
            let n = try #require(Double(row[1])), d = try #require(Double(row[2]))
            let cs = try #require(Double(row[scoreCompute]))
            // C_s = 120·N_s² with L(N_s, 20·N_s) = L(N_opt, D_opt) under the rounded Hoffmann law.
            func loss(_ n: Double, _ d: Double) -> Double { 1.69 + 406.4 / pow(n, 0.34) + 410.7 / pow(d, 0.28) }
            let ns = (cs / 120).squareRoot()
            #expect(isClose(loss(ns, 20 * ns), loss(n, d), rel: 1e-9))
            let score = try #require(Double(row[scoreCompute + 1]))
            let truth = 1 / (1 + exp(-1.5 * (log10(cs) - 24.5)))
            #expect(abs(score - truth) < 0.02)
            #expect(try #require(Double(row[scoreCompute + 2])) < score && score < (try #require(Double(row[scoreCompute + 3]))))
        }
        let table = try CLIRunner.run(["forecast", "--preset", "hoffmann-rounded", "--budgets", "1e24", "--score-fit", artifact])
        #expect(table.stdout.contains("score low"))
        #expect(table.stdout.contains("at the scaled compute of each row"))
    }
}
