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

    @Option(
        name: .customLong("group"),
        help: ArgumentHelp(
            "Keep rows whose COLUMN text equals VALUE (repeatable), e.g. --group dataset=rw.", valueName: "column=value"))
    var groups: [String] = []

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
        for group in groups where Self.splitGroup(group) == nil {
            throw ValidationError("invalid --group '\(group)': expected COLUMN=VALUE, e.g. dataset=rw")
        }
    }

    static func splitGroup(_ text: String) -> TextEqualityFilter? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let column = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !column.isEmpty else { return nil }
        return TextEqualityFilter(column: column, value: String(text[text.index(after: equals)...]))
    }

    /// Whether any option that only matters to an iso-FLOP analysis was given.
    var isExplicit: Bool {
        budgetColumn != nil || !groups.isEmpty || profile != "parabola" || neighbours != nil
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

    /// The budget column: --budget-column, else a column named budget, flops_budget or
    /// compute_budget (``Forecast/IsoFlopBudgetColumn``), else `nil`.
    func budgetColumn(in table: CSVTable) -> String? {
        budgetColumn ?? IsoFlopBudgetColumn.find(in: table)
    }

    /// The runs of `table` after the `--group` selections and `filters`: `N`, `loss`, `D` (optional
    /// with a budget column), columns resolved as `fit` resolves them (`explicit` first).
    ///
    /// - Throws: the errors of ``ScalingLaws/TextEqualityFilter``, ``ScalingLaws/ColumnRoleResolver``
    ///   and reading the columns, naming file, line and column.
    func runs(table: CSVTable, explicit: [String: String], filters: [RowFilter]) throws -> (runs: [IsoFlopRun], notes: [String]) {
        var table = table
        for group in groups.compactMap(Self.splitGroup) { table = try group.apply(to: table) }
        let resolver = ColumnRoleResolver(explicit: explicit)
        let roles: ColumnRoles
        let budgetColumn = budgetColumn(in: table)
        var notes: [String] = []
        if self.budgetColumn == nil, let budgetColumn {
            notes.append("budget: column '\(budgetColumn)' (found by name; --budget-column names another)")
        }
        if budgetColumn != nil {
            // Tokens are optional with a budget column.
            if let withTokens = try? resolver.resolve(["N", "D", "loss"], in: table) {
                roles = withTokens
            } else {
                roles = try resolver.resolve(["N", "loss"], in: table)
            }
        } else {
            roles = try resolver.resolve(["N", "D", "loss"], in: table)
        }
        var extra: [String] = []
        for column in [budgetColumn].compactMap({ $0 }) + filters.map(\.column)
        where !roles.roles.contains(column) && !extra.contains(column) {
            extra.append(column)
        }
        let data = try roles.dataset(from: table, extraColumns: extra).filtered(filters)
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
        return (runs, notes + roles.notes)
    }

    /// `file (N runs; config_id == '…')`.
    func source(file: String, runs: Int) -> String {
        var source = "\(file) (\(runs) runs"
        if !groups.isEmpty { source += "; " + groups.compactMap(Self.splitGroup).map(\.description).joined(separator: ", ") }
        return source + ")"
    }
}
