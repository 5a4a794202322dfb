import Forecast
import Foundation
import ScalingLaws
import Testing
import TestSupport

/// ``IsoFlopRuns``: the iso-FLOP runs `scaling-laws isoflop` builds from a table, built by the
/// library, give the numbers the tool prints (Tests/CLITests/Snapshots/isoflop-synthetic.txt).
@Suite("iso-FLOP runs from a table")
struct IsoFlopRunsTests {
    static let path = RepositoryPaths.root.appendingPathComponent("Datasets/isoflop-synthetic/data.csv").path

    @Test("the budget column is found by name; 40 runs give the CLI's frontier exponent 0.45517 and 5 of 6 budgets")
    func synthetic() throws {
        let selection = try IsoFlopRuns.load(InputSpecification(path: Self.path), budgetColumn: nil)
        #expect(selection.budgetColumn == "budget")
        #expect(selection.budgetColumnFoundByName)
        let runs = try selection.runs()
        #expect(runs.count == 40)
        #expect(runs[0].compute == 1e18)
        #expect(isClose(runs[0].parameters, 2.01455e7, rel: 1e-12))
        #expect(isClose(try #require(runs[0].tokens), 8.273148e9, rel: 1e-12))
        #expect(runs[0].line == 2)
        let analysis = try IsoFlopAnalysis.run(runs, options: IsoFlopOptions(grouping: .exactBudget, compareApproach3: false))
        #expect(analysis.profiles.count == 6)
        #expect(analysis.accepted.count == 5)
        // As the CLI prints: N* = k·C^a with a = 0.45517 ± 0.00473, D* exponent 0.54483.
        #expect(Swift.abs(analysis.parameterLaw.exponent - 0.45517) < 5e-6)
        #expect(Swift.abs(analysis.tokenLaw.exponent - 0.54483) < 5e-6)
        let first = try #require(analysis.profiles.first?.optimum)
        #expect(Swift.abs(first.parameters / 83.8e6 - 1) < 1e-3)
    }

    @Test("a given budget column wins; without one, compute is 6ND; groups follow --by")
    func givenColumnAndGroups() throws {
        let given = try IsoFlopRuns.load(InputSpecification(path: Self.path), budgetColumn: "budget")
        #expect(!given.budgetColumnFoundByName)
        let table = CSVTable(header: ["N", "D", "loss"], rows: [["1e8", "1e9", "3.0"], ["2e8", "3e9", "2.9"]], source: "t")
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        let data = try roles.dataset(from: table)
        let runs = try IsoFlopRuns.build(from: data, roles: roles, budgetColumn: nil)
        #expect(runs.map(\.compute) == [6 * 1e8 * 1e9, 6 * 2e8 * 3e9])
        #expect(runs.map(\.line) == [2, 3])

        var byBudget = InputSpecification(path: Self.path)
        byBudget.by = "budget"
        let groups = try IsoFlopRuns.load(byBudget, budgetColumn: nil).groups()
        #expect(groups.count == 6)
        #expect(groups.map(\.runs.count).reduce(0, +) == 40)
        #expect(groups.map(\.runs.count) == [7, 7, 7, 7, 7, 5])
    }
}
