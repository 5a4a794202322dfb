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

    @OptionGroup
    var isoflop: IsoFlopArguments

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let specification = input.specification
            let selection = specification.predicates.map(\.description).joined(separator: ", ")
            guard let by = specification.by else {
                let (runs, notes) = try isoflop.runs(specification)
                for note in notes { Console.note(note) }
                let analysis = try IsoFlopAnalysis.run(runs, options: isoflop.options)
                let source = isoflop.source(file: input.file, runs: runs.count, selection: selection)
                let report = try IsoFlopRenderer.render(analysis, source: source, format: output.format.report)
                try output.emit(report: report) { Array(try IsoFlopRenderer.render(analysis, source: source, format: .json).utf8) }
                return
            }
            var sections: [GroupedReportRenderer.Section] = [], artifacts: [GroupedReportRenderer.Section] = []
            var summary = TextTable(header: ["group", "runs", "budgets", "a (N* ∝ C^a)", "b (D* ∝ C^b)"])
            var printedNotes = false
            for group in try isoflop.groupedRuns(specification) {
                if !printedNotes { for note in group.notes { Console.note(note) } }
                printedNotes = true
                let analysis: IsoFlopAnalysis
                do {
                    analysis = try IsoFlopAnalysis.run(group.runs, options: isoflop.options)
                } catch {
                    throw InputError.inGroup(by: by, group: group.label, message: Console.message(for: error))
                }
                let source = isoflop.source(
                    file: input.file, runs: group.runs.count,
                    selection: (selection.isEmpty ? "" : selection + ", ") + "\(by) == \(RowPredicate.Value.text(group.label))")
                sections.append(.init(label: group.label, body: try IsoFlopRenderer.render(analysis, source: source, format: output.format.report)))
                artifacts.append(.init(label: group.label, body: try IsoFlopRenderer.render(analysis, source: source, format: .json)))
                summary.append([
                    group.label, "\(group.runs.count)", "\(analysis.accepted.count)/\(analysis.profiles.count)",
                    NumberFormat.significant(analysis.parameterLaw.exponent, digits: 4),
                    NumberFormat.significant(analysis.tokenLaw.exponent, digits: 4),
                ])
            }
            let report = try GroupedReportRenderer.render(by: by, sections: sections, summary: summary, format: output.format.report)
            try output.emit(report: report) {
                Array(try GroupedReportRenderer.render(by: by, sections: artifacts, summary: summary, format: .json).utf8)
            }
        }
    }
}
