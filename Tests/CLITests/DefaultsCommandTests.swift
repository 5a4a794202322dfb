import Foundation
import Testing
import TestSupport

/// Defaults that match the literature, labels that name what was measured, and one vocabulary
/// (issue 13, items 6 and 7 and its "Smaller" list), checked on the built binary.
@Suite("defaults and labels")
struct DefaultsCommandTests {
    /// Porian et al. 2024's tuned configuration on RefinedWeb (paper label "Optimizer tuning (no
    /// decay)"): the per-budget compute-optimal points of `optimal_pairs.csv`.
    static let tunedConfiguration = "summary_df|rw|tuned|short|const|standard|val"

    @Test("power-law defaults to log-log least squares: Porian et al.'s tuned N*(C) exponent 0.4970 (linear least squares gave 0.5055)",
          .enabled(if: RepositoryPaths.hasSharedData))
    func powerLawDefaultObjective() throws {
        let file = try #require(RepositoryPaths.sharedDataset("porian2024_resolving_discrepancies/optimal_pairs.csv"))
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let rows = lines.dropFirst().filter { $0.hasPrefix(Self.tunedConfiguration + ",") }
        #expect(rows.count == 12)
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(([lines[0]] + rows).joined(separator: "\n") + "\n", to: "tuned.csv", in: directory)

        let result = try CLIRunner.run(
            ["fit", "tuned.csv", "--law", "power-law", "--x", "x=flops_budget", "--x", "y=n_star", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        #expect((object["objective"] as? [String: Any])?.keys.first == "logLeastSquares")
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        let alpha = try #require(parameters.first { $0["name"] as? String == "alpha" }?["value"] as? Double)
        // The authors' stored analysis (fits.json, "basic" n_exponent, a log-log OLS of n* on C):
        // 0.49702879549161855; the paper's figures print a = 0.50.
        #expect(Swift.abs(-alpha - 0.49702879549161855) < 1e-6)
        #expect(String(format: "%.2f", -alpha) == "0.50")
        #expect(String(format: "%.4f", -alpha) == "0.4970")

        // The catalog says so too.
        let laws = try CLIRunner.run(["laws"])
        let block = laws.stdout.components(separatedBy: "\n\n").first { $0.hasPrefix("    power-law  ") }
        #expect(block?.contains("objective:  least squares on log residuals") == true)
    }

    @Test("a formula naming 'n' where the input is N is refused, naming the near match")
    func formulaCaseSlip() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(FormulaCommandTests.runs, to: "runs.csv", in: directory)
        let result = try CLIRunner.run(["fit", "runs.csv", "--law", "E + A/n^alpha + B/D^beta"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: formula: 'n' is not an input; did you mean N? declare it with --param if it is a parameter"])

        // Declared, it is a parameter as asked.
        let declared = try CLIRunner.run(
            ["fit", "runs.csv", "--law", "E + A/N^alpha + c*D", "--param", "c in [0, 1]", "--starts", "single", "--format", "json"],
            in: directory)
        #expect(declared.status == 0, "\(declared.stderr)")
        #expect(try Fixtures.object(declared.stdout)["inputs"] as? [String] == ["N", "D"])
    }

    @Test("plot axes name the recorded response and its unit: a *_bpb column is bits/byte, not 'final training loss (nats/token)'")
    func responseAxisLabel() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The bundled synthetic runs with the loss column renamed c4_bpb.
        let source = try String(contentsOf: CLIRunner.root.appendingPathComponent(Fixtures.syntheticData), encoding: .utf8)
        var lines = source.split(separator: "\n").map(String.init)
        #expect(lines[0] == "N,D,C,loss")
        lines[0] = "N,D,C,c4_bpb"
        try Fixtures.write(lines.joined(separator: "\n") + "\n", to: "runs.csv", in: directory)
        let fit = try CLIRunner.run(["fit", "runs.csv", "--x", "loss=c4_bpb", "--output", "fit.json", "--format", "json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")

        for kind in ["curves", "isoflop", "forecast"] {
            let plot = try CLIRunner.run(["plot", "fit.json", "--kind", kind, "--x", "loss=c4_bpb"], in: directory)
            #expect(plot.status == 0, "\(kind): \(plot.stderr)")
            #expect(plot.stdout.contains(">c4_bpb (bits/byte)</text>"), "\(kind)")
            #expect(!plot.stdout.contains("nats/token"), "\(kind)")
            #expect(!plot.stdout.contains("final training loss"), "\(kind)")
        }

        // The law's own response keeps the law's name and unit.
        let own = try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", directory.appendingPathComponent("own.json").path])
        #expect(own.status == 0, "\(own.stderr)")
        let plot = try CLIRunner.run(["plot", directory.appendingPathComponent("own.json").path, "--kind", "curves"])
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(plot.stdout.contains(">final training loss L (nats/token)</text>"))
    }
}
