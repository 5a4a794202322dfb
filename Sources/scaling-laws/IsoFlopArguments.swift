import ArgumentParser
import Forecast
import Foundation
import ScalingLaws

/// The iso-FLOP options shared by `isoflop` and `plot --kind isoflop|isoflop-frontier`: how runs
/// are grouped into budgets, which rows are kept, and how each budget's profile is fitted.
struct IsoFlopArguments: ParsableArguments {
    @Option(
        name: .customLong("budget-column"),
        help: ArgumentHelp("Column holding each run's compute budget (runs are grouped by its exact value).", valueName: "column"))
    var budgetColumn: String?

    @Option(help: ArgumentHelp("Profile fitted to each budget: parabola, cubic, huber or interpolated.", valueName: "shape"))
    var profile: String = "parabola"

    @Option(
        help: ArgumentHelp(
            "Fit each profile to the lowest-loss size and K sizes on each side of it only.", valueName: "k"))
    var neighbours: Int?

    @Option(
        help: ArgumentHelp(
            "Relative tolerance for grouping runs by compute when there is no budget column.", valueName: "fraction"))
    var tolerance: Double = 0.05

    @Option(help: ArgumentHelp("Confidence level of the intervals.", valueName: "level"))
    var level: Double = 0.95

    @Flag(name: .customLong("no-approach3"), help: "Skip the parametric (Approach 3) comparison.")
    var noApproach3 = false

    func validate() throws {
        guard IsoFlopProfileShape(name: profile) != nil else {
            throw ValidationError("invalid --profile '\(profile)': expected parabola, cubic, huber or interpolated")
        }
    }

    /// Whether any option that only matters to an iso-FLOP analysis was given.
    var isExplicit: Bool {
        budgetColumn != nil || profile != "parabola" || neighbours != nil
    }

    /// The analysis settings.
    var options: IsoFlopOptions { options(budgetColumn: budgetColumn) }

    /// The analysis settings with the budget column in use (given, or found by name): runs
    /// grouped by its exact value, else by compute within --tolerance.
    func options(budgetColumn: String?) -> IsoFlopOptions {
        IsoFlopOptions(
            shape: IsoFlopProfileShape(name: profile) ?? .parabola,
            grouping: budgetColumn == nil ? .relativeTolerance(tolerance) : .exactBudget,
            neighbours: neighbours, confidenceLevel: level, compareApproach3: !noApproach3)
    }

    /// The budget column of the file `specification` reads: --budget-column, else a column
    /// named budget, flops_budget or compute_budget (``Forecast/IsoFlopBudgetColumn``), else `nil`.
    func budgetColumn(for specification: InputSpecification) throws -> String? {
        if let budgetColumn { return budgetColumn }
        let stream = try CSVStream(contentsOf: URL(fileURLWithPath: specification.path), separator: specification.separatorCharacter)
        return IsoFlopBudgetColumn.find(in: CSVTable(header: stream.header, rows: [], source: stream.source))
    }

    /// The runs `specification` selects: `N`, `loss`, `D` (optional with a budget column),
    /// columns resolved as `fit` resolves them, `--where` and the row filters applied; and the
    /// budget column in use.
    ///
    /// - Throws: the errors of ``ScalingLaws/InputSpecification/load(roles:extraColumns:categoryColumns:blankAllowed:)``,
    ///   naming file, line, column and option.
    func runs(_ specification: InputSpecification) throws -> (runs: [IsoFlopRun], notes: [String], budgetColumn: String?) {
        let (selection, budget, notes) = try load(specification)
        let (runs, more) = try runs(from: selection.dataset, roles: selection.roles, budgetColumn: budget)
        return (runs, notes + more, budget)
    }

    /// The runs of each `--by` group of `specification` (one group, `all`, without `--by`).
    func groupedRuns(_ specification: InputSpecification) throws
        -> (groups: [(label: String, runs: [IsoFlopRun])], notes: [String], budgetColumn: String?)
    {
        let (selection, budget, notes) = try load(specification)
        var out: [(label: String, runs: [IsoFlopRun])] = []
        var roleNotes: [String] = []
        for group in selection.groups() {
            let (runs, more) = try runs(from: group.dataset, roles: selection.roles, budgetColumn: budget)
            roleNotes = more
            out.append((group.label, runs))
        }
        return (out, notes + roleNotes, budget)
    }

    private func load(_ specification: InputSpecification) throws -> (InputSelection, String?, [String]) {
        let budget = try budgetColumn(for: specification)
        var notes: [String] = []
        if budgetColumn == nil, let budget {
            notes.append("budget: column '\(budget)' (found by name; --budget-column names another)")
        }
        let extra = [budget].compactMap { $0 }
        if budget != nil {
            // Tokens are optional with a budget column.
            do {
                return (try specification.load(roles: ["N", "D", "loss"], extraColumns: extra), budget, notes)
            } catch let error as DataError {
                switch error {
                case .noColumnForRole, .noColumnForTokens:
                    return (try specification.load(roles: ["N", "loss"], extraColumns: extra), budget, notes)
                default: throw error
                }
            }
        }
        return (try specification.load(roles: ["N", "D", "loss"], extraColumns: extra), budget, notes)
    }

    private func runs(from data: Dataset, roles: ColumnRoles, budgetColumn: String?) throws -> (runs: [IsoFlopRun], notes: [String]) {
        let n = try data.column("N"), loss = try data.column("loss")
        let hasTokens = roles.roles.contains("D")
        let d = hasTokens ? try data.column("D") : []
        let measuredTokens = roles.column(for: "D") != nil
        let budgets = try budgetColumn.map { try data.column($0) }
        let runs = n.indices.map { k in
            IsoFlopRun(
                parameters: n[k], tokens: measuredTokens ? d[k] : nil, loss: loss[k],
                compute: budgets?[k] ?? 6 * n[k] * d[k], line: data.rowLines[k])
        }
        return (runs, roles.notes)
    }

    /// `file (N runs; dataset == rw)`.
    func source(file: String, runs: Int, selection: String = "") -> String {
        var source = "\(file) (\(runs) runs"
        if !selection.isEmpty { source += "; " + selection }
        return source + ")"
    }
}
