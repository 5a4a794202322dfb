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

            Without --budget-column, a column named budget, flops_budget or compute_budget is \
            the budget column. --budget C extrapolates the frontier to C: N*, D* and D/N with \
            the Student-t interval of the log-log line (covariance of log k and the exponent), \
            and Approach 3's N_opt with its delta-method interval; where the two intervals do \
            not overlap a warning says so. --output writes the iso-FLOP artifact (frontier with \
            covariances, profiles, runs, inputs, settings), which 'optimal --fit', 'forecast \
            --fit' and 'plot' read.

            Profiles: parabola (Hoffmann et al. 2022), cubic, huber (robust parabola), \
            interpolated (Akima spline of log loss in log N, as Porian et al. 2024).

            Example:
              scaling-laws isoflop runs.csv --budget-column budget --profile huber
              scaling-laws isoflop runs.csv --budget 3.8e25 --output iso.json
              scaling-laws optimal --fit iso.json --budget 3.8e25
            """
    )

    @OptionGroup(title: "Input")
    var input: InputOptions

    @OptionGroup
    var isoflop: IsoFlopArguments

    @Option(
        name: .customLong("budget"),
        help: ArgumentHelp(
            "Extrapolate the frontier N* = k·C^a, D* = k·C^b to this budget in FLOP (repeatable), with intervals.",
            valueName: "flop"))
    var budgets: [String] = []

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let budgetValues = try budgets.map { text -> Double in
                guard let value = Syntax.number(text), value.isFinite, value > 0 else {
                    throw CLIError.invalidNumber(option: "--budget", text: text, expected: "a positive number of FLOP such as 3.8e25")
                }
                return value
            }
            let url = URL(fileURLWithPath: input.file)
            let specification = input.specification
            let selection = specification.predicates.map(\.description).joined(separator: ", ")
            if let by = specification.by {
                guard budgetValues.isEmpty else { throw ValidationError("--budget applies to one analysis; give --where COLUMN==VALUE instead of --by") }
                try runGroups(specification, by: by, selection: selection)
                return
            }
            let (runs, notes, budgetColumn) = try isoflop.runs(specification)
            for note in notes { Console.note(note) }
            let analysis = try IsoFlopAnalysis.run(runs, options: isoflop.options(budgetColumn: budgetColumn))
            let source = isoflop.source(file: input.file, runs: runs.count, selection: selection)
            var report = try IsoFlopRenderer.render(analysis, source: source, format: output.format.report)
            if !budgetValues.isEmpty {
                guard let frontier = analysis.frontier else {
                    throw IsoFlopError.tooFewBudgets(
                        accepted: analysis.accepted.count, budgets: analysis.profiles.count, reasons: analysis.profiles.compactMap(\.reason))
                }
                let table = IsoFlopExtrapolationTable(label: "iso-FLOP analysis", detail: source, frontier: frontier, budgets: budgetValues)
                for warning in table.warnings { Console.note("warning: \(warning)") }
                switch output.format {
                case .table, .markdown:
                    report += "\n" + (try IsoFlopExtrapolationRenderer.render(table, format: output.format.report))
                case .csv, .json:
                    // One document per output: the extrapolation replaces the per-budget table.
                    report = try IsoFlopExtrapolationRenderer.render(table, format: output.format.report)
                }
            }
            try output.emit(report: report) {
                let filters = specification.predicates.map(\.description) + input.filters.map { String(describing: $0) }
                let bytes = (try? Data(contentsOf: url)) ?? Data()
                let inputs = IsoFlopArtifact.Inputs(
                    file: input.file, digest: IsoFlopArtifact.Inputs.digest(bytes), columns: input.explicitColumns,
                    filters: filters, budgetColumn: budgetColumn)
                let artifact = try IsoFlopArtifact(analysis: analysis, runs: runs, inputs: inputs)
                return Array(try ArtifactFile.encode(artifact, kind: .isoflop))
            }
        }
    }

    /// `--by`: one analysis per group, a section each and a summary of the frontier exponents.
    func runGroups(_ specification: InputSpecification, by: String, selection: String) throws {
        var groups: [GroupedReportRenderer.Group] = []
        var summary = TextTable(header: ["group", "runs", "budgets", "a (N* ∝ C^a)", "b (D* ∝ C^b)"])
        let grouped = try isoflop.groupedRuns(specification)
        for note in grouped.notes { Console.note(note) }
        for group in grouped.groups {
            let analysis: IsoFlopAnalysis
            do {
                analysis = try IsoFlopAnalysis.run(group.runs, options: isoflop.options(budgetColumn: grouped.budgetColumn))
            } catch {
                throw InputError.inGroup(by: by, group: group.label, message: Console.message(for: error))
            }
            let source = isoflop.source(
                file: input.file, runs: group.runs.count,
                selection: (selection.isEmpty ? "" : selection + ", ") + "\(by) == \(RowPredicate.Value.text(group.label))")
            groups.append(.init(
                label: group.label, report: IsoFlopRenderer.report(analysis, source: source),
                json: try IsoFlopRenderer.render(analysis, source: source, format: .json)))
            summary.append([
                group.label, "\(group.runs.count)", "\(analysis.accepted.count)/\(analysis.profiles.count)",
                NumberFormat.significant(analysis.parameterLaw.exponent, digits: 4),
                NumberFormat.significant(analysis.tokenLaw.exponent, digits: 4),
            ])
        }
        let report = try GroupedReportRenderer.render(by: by, groups: groups, summary: summary, format: output.format.report)
        try output.emit(report: report) {
            Array(try GroupedReportRenderer.render(by: by, groups: groups, summary: summary, format: .json).utf8)
        }
    }
}
