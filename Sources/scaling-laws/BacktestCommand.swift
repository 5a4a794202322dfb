import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws backtest FILE --law NAME --holdout RULE`: fits on the smaller runs, predicts
/// the held-out larger ones and reports the errors by extrapolation distance.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Backtest a law by extrapolation: fit small runs, predict the large ones.",
        discussion: """
            Holdout rules: largest:K holds out the K runs with the largest compute (C = 6ND \
            for a law of N and D, else a C column, else the law's first input); \
            above:COLUMN=VALUE holds out the runs with COLUMN > VALUE; after:[COLUMN=]DATE \
            holds out the runs dated after DATE (YYYY-MM-DD, YYYY-MM or a decimal year; the \
            column holds ISO dates or decimal years, 'date' by default); rollout:COLUMN fits \
            the runs up to each distinct value of COLUMN and predicts the next value's runs \
            (rolling origin). Distances are orders of magnitude (OOM) beyond the largest \
            training value, log10(value / training maximum), and years for after:.

            Each held-out run gets the fold fit's prediction interval for a new run (on the \
            logit scale inside [chance, 1] for score laws); the report gives the share of \
            held-out runs inside it (coverage) beside the nominal level.

            Example:
              scaling-laws backtest runs.csv --law chinchilla --holdout rollout:N
              scaling-laws backtest bench.csv --law sigmoid-offset --x C=compute --x score=MMLU --drop-missing --holdout after:2024-01-01
            """
    )

    @OptionGroup(title: "Input")
    var input: InputOptions

    @Option(help: ArgumentHelp("The law to fit: a name (see 'scaling-laws laws'), a formula, or @FILE.", valueName: "law"))
    var law: String = "chinchilla"

    @Option(
        help: ArgumentHelp("Which runs to hold out: largest:K, above:COLUMN=VALUE, after:[COLUMN=]DATE or rollout:COLUMN.", valueName: "rule"),
        transform: Syntax.holdout)
    var holdout: HoldoutRule

    @OptionGroup(title: "Fitting")
    var settings: FitSettingsOptions

    @OptionGroup(title: "Formula laws")
    var formula: FormulaOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let law = try formula.law(self.law)
            var extra: [String] = []
            switch holdout {
            case let .above(column, _), let .rollout(column), let .after(column, _): extra.append(column)
            case .largest, .rightCensored: break
            }
            let selection = try input.selection(
                for: law, extraColumns: extra.filter { !law.inputs.map(\.role).contains($0) && $0 != law.response.role })
            let options = settings.options(for: law)
            let results = try selection.mapGroups { group in
                try Backtest.run(law: law, data: group.dataset, rule: holdout, fitOptions: options)
            }
            if let by = input.specification.by {
                var groups: [GroupedReportRenderer.Group] = []
                var summary = TextTable(
                    header: ["group", "rows", "held out", "mean |rel. error|", "max |rel. error|", "RMS log error"],
                    numeric: [false, true, true, true, true, true])
                for (group, result) in results {
                    groups.append(.init(label: group.label, report: BacktestRenderer.report(result), json: try ReportJSON.string(result)))
                    summary.append([
                        group.label, "\(group.dataset.count)", "\(result.overall.count)",
                        NumberFormat.significant(result.overall.meanAbsoluteRelativeError, digits: 4),
                        NumberFormat.significant(result.overall.maxAbsoluteRelativeError, digits: 4),
                        result.overall.rmsLogError.map { NumberFormat.significant($0, digits: 4) } ?? "—",
                    ])
                }
                let report = try GroupedReportRenderer.render(by: by, groups: groups, summary: summary, format: output.format.report)
                try output.emit(report: report) {
                    Array(try GroupedReportRenderer.render(by: by, groups: groups, summary: summary, format: .json).utf8)
                }
            } else if let result = results.first?.result {
                let report = try BacktestRenderer.render(result, format: output.format.report)
                try output.emit(report: report) { Array(try ReportJSON.string(result).utf8) }
            }
            for (group, result) in results {
                let prefix = input.specification.by == nil ? "" : "\(group.label): "
                for note in result.notes { Console.note("note: \(prefix)\(note)") }
            }
        }
    }
}
