import ArgumentParser
import Forecast
import Foundation
import Reports
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

    /// The budget column of the file `specification` reads (``Forecast/IsoFlopRuns/budgetColumn(_:for:)``).
    func budgetColumn(for specification: InputSpecification) throws -> String? {
        try IsoFlopRuns.budgetColumn(budgetColumn, for: specification)
    }

    /// The runs `specification` selects (``Forecast/IsoFlopRuns/load(_:budgetColumn:)``), the
    /// notes on how columns were found, and the budget column in use.
    func runs(_ specification: InputSpecification) throws -> (runs: [IsoFlopRun], notes: [String], budgetColumn: String?) {
        let selection = try IsoFlopRuns.load(specification, budgetColumn: budgetColumn)
        return (try selection.runs(), notes(selection), selection.budgetColumn)
    }

    /// The runs of each `--by` group of `specification` (one group, `all`, without `--by`).
    func groupedRuns(_ specification: InputSpecification) throws
        -> (groups: [(label: String, runs: [IsoFlopRun])], notes: [String], budgetColumn: String?)
    {
        let selection = try IsoFlopRuns.load(specification, budgetColumn: budgetColumn)
        return (try selection.groups().map { ($0.label, $0.runs) }, notes(selection), selection.budgetColumn)
    }

    private func notes(_ selection: IsoFlopRuns.Selection) -> [String] {
        var notes: [String] = []
        if selection.budgetColumnFoundByName, let budget = selection.budgetColumn {
            notes.append("budget: column '\(budget)' (found by name; --budget-column names another)")
        }
        return notes + selection.roleNotes
    }

    /// The iso-FLOP analysis of the runs `specification` selects, as `plot` and `report` draw
    /// it, with the notes on how columns were found.
    func plotInput(_ specification: InputSpecification) throws -> (input: IsoFlopPlotInput, notes: [String]) {
        let (runs, notes, budgetColumn) = try runs(specification)
        let analysis = try IsoFlopAnalysis.run(runs, options: options(budgetColumn: budgetColumn))
        let input = IsoFlopPlotInput(
            analysis: analysis, runs: runs,
            source: source(
                file: specification.source, runs: runs.count,
                selection: specification.predicates.map(\.description).joined(separator: ", ")))
        return (input, notes)
    }

    /// `file (N runs; dataset == rw)`.
    func source(file: String, runs: Int, selection: String = "") -> String {
        var source = "\(file) (\(runs) runs"
        if !selection.isEmpty { source += "; " + selection }
        return source + ")"
    }
}
