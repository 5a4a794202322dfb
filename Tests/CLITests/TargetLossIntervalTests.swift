import Foundation
import Testing
import TestSupport

/// `optimal --target-loss`: the interval printed is on the budget (the answer), not on the loss
/// (the target).
@Suite("optimal --target-loss interval")
struct TargetLossIntervalTests {
    @Test("the interval is on the budget that reaches the target and holds it")
    func budgetInterval() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let data = CLIRunner.root.appendingPathComponent(Fixtures.syntheticData).path
        let fit = try CLIRunner.run(["fit", data, "--output", "fit.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let result = try CLIRunner.run(["optimal", "--fit", "fit.json", "--target-loss", "2.0", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        let target = try #require(object["targetBudget"] as? [String: Any], "\(result.stdout)")
        let budget = try #require(target["budget"] as? Double)
        let lower = try #require(target["lower"] as? Double)
        let upper = try #require(target["upper"] as? Double)
        #expect(target["targetLoss"] as? Double == 2.0)
        #expect(lower < budget && budget < upper, "\(lower) < \(budget) < \(upper)")
        #expect(upper / lower > 1.05, "an interval on the budget spans more than a few percent: \(lower)…\(upper)")
        let rows = try #require(object["rows"] as? [[String: Any]])
        let row = try #require(rows.first)
        #expect(isClose(try #require(row["budget"] as? Double), budget, rel: 1e-12))
        // The loss is the target: no interval on it.
        #expect(row["lossLower"] == nil && row["lossUpper"] == nil, "\(row)")

        let table = try CLIRunner.run(["optimal", "--fit", "fit.json", "--target-loss", "2.0"], in: directory)
        #expect(table.stdout.contains("95% CI of the budget reaching loss 2: ["), "\(table.stdout)")
    }
}
