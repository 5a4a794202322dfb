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
            let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: input.file), separator: input.separator)
            let (runs, notes) = try isoflop.runs(table: table, explicit: input.explicitColumns, filters: input.filters)
            for note in notes { Console.note(note) }
            let analysis = try IsoFlopAnalysis.run(runs, options: isoflop.options)
            let source = isoflop.source(file: input.file, runs: runs.count)
            let report = try IsoFlopRenderer.render(analysis, source: source, format: output.format.report)
            try output.emit(report: report) { Array(try IsoFlopRenderer.render(analysis, source: source, format: .json).utf8) }
        }
    }
}
