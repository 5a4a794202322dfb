import Foundation
import Testing
import TestSupport

/// `scaling-laws isoflop`.
@Suite("isoflop command")
struct IsoFlopCommandTests {
    static let data = "Datasets/isoflop-synthetic/data.csv"

    @Test("synthetic sweeps: five budgets accepted, 3e22 refused, a = 0.45517 (numpy.polyfit on the same file)")
    func synthetic() throws {
        let table = try CLIRunner.run(["isoflop", Self.data, "--budget-column", "budget"])
        #expect(table.status == 0, "\(table.stderr)")
        Snapshot.check(table.stdout, named: "isoflop-synthetic.txt", rel: 1e-4)
        #expect(table.stdout.contains("budget 3e+22 FLOP: the fitted minimum N* = 5.093e+09 lies outside the sampled range N = 2.649e+08–2.119e+09: the minimum is not bracketed"))

        let json = try CLIRunner.run(["isoflop", Self.data, "--budget-column", "budget", "--format", "json", "--no-approach3"])
        #expect(json.status == 0)
        let object = try Fixtures.object(json.stdout)
        let law = try #require(object["parameterLaw"] as? [String: Any])
        #expect(isClose(try #require(law["exponent"] as? Double), 0.45516882, rel: 1e-7))
        let profiles = try #require(object["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["status"] as? String } == ["accepted", "accepted", "accepted", "accepted", "accepted", "refused"])

        for format in ["csv", "markdown"] {
            let result = try CLIRunner.run(["isoflop", Self.data, "--budget-column", "budget", "--format", format, "--no-approach3"])
            #expect(result.status == 0)
            Snapshot.check(result.stdout, named: "isoflop-synthetic.\(format == "markdown" ? "md" : format)", rel: 1e-6)
        }
    }

    @Test("without a budget column, runs are grouped by C = 6ND within the tolerance")
    func groupedByCompute() throws {
        let result = try CLIRunner.run(["isoflop", Self.data, "--format", "csv", "--no-approach3"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Fixtures.csv(result.stdout).rows
        #expect(rows.count == 6)
        // 6·N·D of the rounded file values agrees with the budget column to ~1e-7.
        #expect(isClose(try #require(Double(rows[0][0])), 1e18, rel: 1e-6))
    }

    @Test("Porian et al. 2024, tuned optimizer: the interpolated exponent 0.4970 lies in the authors' range [0.4916, 0.5035]",
          .enabled(if: RepositoryPaths.hasSharedData))
    func porian() throws {
        let file = try #require(RepositoryPaths.sharedDataset("porian2024_resolving_discrepancies/isoflop_points.csv"))
        let result = try CLIRunner.run([
            "isoflop", file.path, "--budget-column", "flops_budget", "--n", "n_params", "--d", "tokens",
            "--where", "config_id==summary_df|rw|tuned|short|const|standard|val", "--profile", "interpolated",
            "--no-approach3", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let law = try #require(try Fixtures.object(result.stdout)["parameterLaw"] as? [String: Any])
        let exponent = try #require(law["exponent"] as? Double)
        #expect(exponent >= 0.49156401361181884 && exponent <= 0.5035377699958562)
        // scipy's Akima1DInterpolator on the same points gives 0.4970.
        #expect(Swift.abs(exponent - 0.4970) < 5e-5)
    }

    @Test("errors name the option or the data", arguments: [
        (["--profile", "quartic"], "Error: invalid --profile 'quartic': expected parabola, cubic, huber or interpolated"),
        (["--where", "budget==7"], "error: data.csv: no row satisfies --where 'budget == 7'"),
        (["--where", "nonsense"], "Error: The value 'nonsense' is invalid for '--where <expr>': invalid --where 'nonsense': expected an operator (==, !=, <, <=, >, >=) or 'in' at character 9"),
        (["--where", "budget<=1e18"], "error: only 1 of 1 budget has a bracketed minimum; fitting N* ∝ C^a needs at least 2"),
    ])
    func errors(_ extra: [String], _ message: String) throws {
        let result = try CLIRunner.run(["isoflop", Self.data, "--budget-column", "budget"] + extra)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }
}
