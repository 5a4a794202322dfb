import Foundation
import TestSupport
import Testing

/// `compare-recipes` through the built binary: bad input fails in one line and writes nothing;
/// a noise-free pair of recipes with a known compute ratio gives it in every format.
@Suite("compare-recipes command")
struct CompareRecipesCommandTests {
    /// Two recipes on a 5 × 4 ladder of the Chinchilla law E = 1.8, A = 480, B = 2100,
    /// α = 0.35, β = 0.37; recipe B is A with N and D worth 0.8 and 0.625 times as much, so it
    /// needs k = 1/(0.8·0.625) = 2 times A's compute. `keepB` runs of B; `scaleB` multiplies
    /// B's N and D.
    static func runs(keepB: Int = 20, scaleB: Double = 1) -> String {
        var lines = ["recipe,N,D,loss"]
        for (label, kN, kD) in [("A", 1.0, 1.0), ("B", 0.8, 0.625)] {
            var count = 0
            for n in [3e7, 7e7, 1.5e8, 3e8, 7e8] {
                for ratio in [5.0, 10, 20, 40] {
                    let d = n * ratio
                    let loss = 1.8 + 480 / pow(kN * n, 0.35) + 2100 / pow(kD * d, 0.37)
                    let scale = label == "B" ? scaleB : 1
                    if label == "B" { count += 1; if count > keepB { continue } }
                    lines.append("\(label),\(n * scale),\(d * scale),\(loss)")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("bad input: one error line, status 1, no report, no figure, no artifact", arguments: [
        (runs(), ["--baseline", "C"], "error: runs.csv: --baseline C: no row has recipe == C (values: A, B)"),
        (runs(keepB: 4), ["--baseline", "A"],
         "error: runs.csv: --by recipe: recipe 'B' has 4 runs, expected at least 6 for --sharing separate (5 parameters of its own)"),
        (runs(scaleB: 1e3), ["--baseline", "A"],
         "error: runs.csv: recipe 'B' (C = 6ND from 2.7e+22 to 1.18e+26) and baseline 'A' (2.7e+16 to 1.18e+20) have disjoint compute ranges, 2.36 decades apart: every multiplier would extrapolate one of the fits"),
        (runs(), ["--baseline", "A", "--budget", "abc"], "error: invalid --budget 'abc': expected a positive number of FLOP such as 3e20"),
    ])
    func badInput(_ file: String, _ extra: [String], _ stderr: String) throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(file, to: "runs.csv", in: directory)
        let result = try CLIRunner.run(
            ["compare-recipes", "runs.csv", "--by", "recipe", "--bootstrap", "0", "--folds", "0", "--plot", "fig.svg", "--output", "out.json"]
                + extra, in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [stderr])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["runs.csv"])
    }

    @Test("k = 2 at every budget under effective compute, in the CSV table, the JSON artifact and the figure")
    func knownRatio() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(Self.runs(), to: "runs.csv", in: directory)
        let result = try CLIRunner.run(
            ["compare-recipes", "runs.csv", "--by", "recipe", "--baseline", "A", "--budget", "1e19", "--budget", "1e21",
             "--sharing", "effective-compute", "--bootstrap", "20", "--folds", "0", "--format", "csv", "--plot", "fig.svg",
             "--output", "out.json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["recipe", "C", "model", "baseline_loss", "recipe_loss", "k", "lower", "upper"])
        #expect(rows.count == 3)
        for row in rows.dropFirst() {
            #expect(row[0] == "B" && row[2] == "effective-compute")
            let k = try #require(Double(row[5]))
            #expect(abs(k / 2 - 1) < 1e-3, "\(row)")
        }
        let json = try String(contentsOf: directory.appendingPathComponent("out.json"), encoding: .utf8)
        #expect(json.contains("\"baseline\" : \"A\""))
        let svg = try String(contentsOf: directory.appendingPathComponent("fig.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("B") && svg.contains("A (baseline)"))
    }
}
