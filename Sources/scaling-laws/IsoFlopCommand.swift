import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws isoflop FILE …`: Chinchilla Approach 2 on a table of iso-FLOP training runs.
struct IsoFlopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isoflop",
        abstract: "Iso-FLOP analysis (Chinchilla Approach 2): N* per budget and N* ∝ C^a.",
        discussion: """
            Groups runs by compute budget (a --budget-column, or C = 6ND, or a --c column, \
            grouped within --tolerance), fits each budget's loss against log N (--profile), \
            takes the minimum N* with an interval where the sampled sizes bracket it (other \
            budgets are refused, with the reason), and fits N* = k·C^a and D* = k·C^b by \
            log-log least squares. Unless --no-approach3, the Chinchilla law is fitted to the \
            same runs and its a3 = β/(α+β) and N_opt are set beside the iso-FLOP result.

            Profiles: parabola (Hoffmann et al. 2022), cubic, huber (robust parabola), \
            interpolated (Akima spline of log loss in log N, as Porian et al. 2024).

            Example:
              scaling-laws isoflop runs.csv --budget-column budget --profile huber
            """
    )

    @OptionGroup(title: "Input")
    var input: InputOptions

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

    @OptionGroup(title: "Output")
    var output: OutputOptions

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

    func run() throws {
        try Console.run {
            var table = try CSVTable.read(contentsOf: URL(fileURLWithPath: input.file), separator: input.separator)
            for group in groups.compactMap(Self.splitGroup) { table = try group.apply(to: table) }
            let resolver = ColumnRoleResolver(explicit: input.explicitColumns)
            let roles: ColumnRoles
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
            for note in roles.notes { Console.note(note) }
            var extra: [String] = []
            for column in [budgetColumn].compactMap({ $0 }) + input.filters.map(\.column)
            where !roles.roles.contains(column) && !extra.contains(column) {
                extra.append(column)
            }
            let data = try roles.dataset(from: table, extraColumns: extra).filtered(input.filters)
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
            let options = IsoFlopOptions(
                shape: IsoFlopProfileShape(name: profile) ?? .parabola,
                grouping: budgetColumn == nil ? .relativeTolerance(tolerance) : .exactBudget,
                neighbours: neighbours, confidenceLevel: level, compareApproach3: !noApproach3)
            let analysis = try IsoFlopAnalysis.run(runs, options: options)
            var source = "\(input.file) (\(runs.count) runs"
            if !groups.isEmpty { source += "; " + groups.compactMap(Self.splitGroup).map(\.description).joined(separator: ", ") }
            source += ")"
            let report = try IsoFlopRenderer.render(analysis, source: source, format: output.format.report)
            try output.emit(report: report) { Array(try IsoFlopRenderer.render(analysis, source: source, format: .json).utf8) }
        }
    }
}
