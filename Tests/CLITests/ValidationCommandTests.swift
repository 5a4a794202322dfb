import Foundation
import Testing
import TestSupport

/// `fit --profile`, `backtest` and `compare` on the bundled synthetic datasets.
@Suite("profile, backtest and compare commands")
struct ValidationCommandTests {
    static let volatile = FitCommandTests.volatile + ["refits"]

    @Test("fit --profile: a profile section whose intervals bracket the simulated truth")
    func profile() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--profile"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("[[Profile likelihood]] (95% intervals, chi-square(1) threshold 3.841)"))
        Snapshot.check(result.stdout, named: "fit-synthetic-profile.txt", volatile: Self.volatile)

        let json = try CLIRunner.run(["fit", Fixtures.syntheticData, "--profile", "--format", "json"])
        let object = try Fixtures.object(json.stdout)
        let profile = try #require(object["profile"] as? [String: Any])
        let intervals = try #require(profile["intervals"] as? [[String: Any]])
        #expect(intervals.count == 5)
        for interval in intervals {
            let name = try #require(interval["name"] as? String)
            let lower = try #require(interval["lower"] as? Double)
            let upper = try #require(interval["upper"] as? Double)
            let truth = try #require(Fixtures.truth[name])
            #expect(lower < truth && truth < upper, "\(name): \(truth) not in [\(lower), \(upper)]")
        }
    }

    @Test("backtest: largest runs by compute, and rolling origin along N")
    func backtest() throws {
        let largest = try CLIRunner.run(["backtest", Fixtures.syntheticData, "--holdout", "largest:10"])
        #expect(largest.status == 0)
        #expect(largest.stderr.isEmpty)
        Snapshot.check(largest.stdout, named: "backtest-synthetic-largest.txt")

        let rollout = try CLIRunner.run(["backtest", Fixtures.syntheticData, "--holdout", "rollout:N", "--format", "markdown"])
        #expect(rollout.status == 0)
        Snapshot.check(rollout.stdout, named: "backtest-synthetic-rollout.md")
    }

    @Test("backtest: malformed and impossible holdouts are refused with what was expected")
    func backtestErrors() throws {
        let malformed = try CLIRunner.run(["backtest", Fixtures.syntheticData, "--holdout", "biggest:3"])
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("'biggest:3': expected largest:K, above:COLUMN=VALUE, after:[COLUMN=]DATE or rollout:COLUMN"))

        let empty = try CLIRunner.run(["backtest", Fixtures.syntheticData, "--holdout", "above:N=1e12"])
        #expect(empty.status == 1)
        #expect(empty.stderr == "error: --holdout above:N=1e+12: no row has N above that value (N ranges over [5e+07, 1.6e+10])\n")
    }

    /// The synthetic data were simulated from Epoch's constants: the likelihood ratio must not
    /// reject them at 5%.
    @Test("compare: the simulated constants are not rejected; nested power laws are told apart")
    func compare() throws {
        let truth = try CLIRunner.run(["compare", Fixtures.syntheticData, "--law", "chinchilla", "--against", "epoch2024"])
        #expect(truth.status == 0)
        Snapshot.check(truth.stdout, named: "compare-synthetic-epoch2024.txt")
        let json = try CLIRunner.run(["compare", Fixtures.syntheticData, "--law", "chinchilla", "--against", "epoch2024", "--format", "json"])
        let tests = try #require(try Fixtures.object(json.stdout)["tests"] as? [[String: Any]])
        let ratio = try #require(tests.first { $0["statistic"] as? String == "likelihood ratio" })
        #expect(try #require(ratio["pValue"] as? Double) > 0.05)

        let nested = try CLIRunner.run([
            "compare", "Datasets/compute-floor-synthetic/data.csv", "--law", "power-law", "--law", "power-law-floor",
            "--x", "x=C", "--x", "y=loss", "--objective", "log-lsq", "--format", "csv",
        ])
        #expect(nested.status == 0)
        Snapshot.check(nested.stdout, named: "compare-floor.csv")
    }

    @Test("compare: --against needs a Chinchilla preset")
    func compareErrors() throws {
        let result = try CLIRunner.run(["compare", Fixtures.syntheticData, "--law", "chinchilla", "--against", "kaplan"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--against kaplan: expected a Chinchilla preset (hoffmann-rounded, hoffmann, epoch2024, muennighoff-c4) with --law chinchilla first"))
    }
}
