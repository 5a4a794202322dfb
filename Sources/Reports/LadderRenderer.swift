import Foundation
import ScalingLaws

/// Renders a `ScalingLaws/LogLadder`: one row per run with N, D, C and where each came from,
/// the logged steps and evaluations, the recognised schedule and the metric, then the warnings.
/// `csv` is the tidy table of points (one row per run, full precision); `json` everything.
///
/// ```
/// [[Runs]]       run, N, D, C, rows, evaluations, steps, schedule, metric value (at step)
/// [[Sources]]    where N, D and C came from, per distinct source
/// [[Warnings]]   one line each
/// ```
public enum LadderRenderer {
    /// The report in `format`, ending in a newline; `json` is ``Artifact``.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ ladder: LogLadder, format: ReportFormat) throws -> String {
        try report(ladder).render(format, payload: Artifact(ladder))
    }

    /// The JSON form: the runs, the warnings as text and as typed values, and the options.
    struct Artifact: Encodable {
        let kind = "runs"
        let runs: [LadderRun]
        let warnings: [String]
        let options: LogReadOptions
        init(_ ladder: LogLadder) {
            runs = ladder.runs
            warnings = ladder.warnings.map(\.description)
            options = ladder.options
        }
    }

    /// The ladder as a ``Report``. The runs table is also the tidy CSV of points: one row per
    /// run with the name-pattern fields, N, D, C, metric, value, step, final value, schedule
    /// shape, the sources of N, D and C and the file, at full precision.
    public static func report(_ ladder: LogLadder) -> Report {
        let metric = ladder.runs.first?.metric ?? ladder.options.metric
        let fields = ladder.options.namePattern?.fieldNames ?? []
        var runsSection = ReportSection(title: "Runs")
        var runs = ReportTable(
            columns: [ReportColumn("run")] + fields.map { ReportColumn($0, visibility: .csvOnly) } + [
                .number("N"), .number("D"), .number("C"), .number("rows", visibility: .displayOnly),
                .number("evals", visibility: .displayOnly), ReportColumn("steps", visibility: .displayOnly),
                ReportColumn("schedule", visibility: .displayOnly), ReportColumn("metric", visibility: .csvOnly),
                .number("value"), .number("at step", csvName: "step"), ReportColumn("final_value", visibility: .csvOnly),
                ReportColumn("schedule", visibility: .csvOnly), ReportColumn("N_source", visibility: .csvOnly),
                ReportColumn("D_source", visibility: .csvOnly), ReportColumn("C_source", visibility: .csvOnly),
                ReportColumn("file", visibility: .csvOnly),
            ],
            exportsToCSV: true)
        for run in ladder.runs {
            runs.append([ReportCell(run.run)] + fields.map { ReportCell(run.fields[$0] ?? "") } + [
                .number(run.parameters, digits: 4), .number(run.tokens, digits: 4), .number(run.compute, digits: 4),
                .count(run.rows), .count(run.evaluations),
                ReportCell("\(NumberFormat.significant(run.firstStep, digits: 6))–\(NumberFormat.significant(run.lastStep, digits: 6))"),
                ReportCell((run.schedule?.description ?? "no learning-rate column") + (run.branchOf.map { ", continues \($0)" } ?? "")),
                ReportCell(run.metric), .number(run.value, digits: 6), .number(run.step, digits: 6),
                ReportCell(NumberFormat.exact(run.finalValue)), ReportCell(run.schedule?.shape.description ?? ""),
                ReportCell(run.parametersSource), ReportCell(run.tokensSource), ReportCell(run.computeSource), ReportCell(run.path),
            ])
        }
        runsSection.table(runs)
        var sourcesSection = ReportSection(title: "Sources")
        var sources = ReportTable(columns: [ReportColumn("variable"), ReportColumn("source"), .number("runs")])
        sources.append(["value", ReportCell("\(metric), \(ladder.options.reduction)"), .count(ladder.runs.count)])
        for (name, key) in [("N", \LadderRun.parametersSource), ("D", \LadderRun.tokensSource), ("C", \LadderRun.computeSource)] {
            var order: [String] = []
            var counts: [String: Int] = [:]
            for run in ladder.runs {
                let value = key == \LadderRun.parametersSource ? Self.generalized(run[keyPath: key]) : run[keyPath: key]
                if counts[value] == nil { order.append(value) }
                counts[value, default: 0] += 1
            }
            for value in order { sources.append([ReportCell(name), ReportCell(value), .count(counts[value] ?? 0)]) }
        }
        sourcesSection.table(sources)
        var warnings = ReportSection(title: "Warnings")
        warnings.warnings(ladder.warnings.map(\.description))
        return Report(title: "Training logs", sections: [runsSection, sourcesSection, warnings])
    }

    /// `model_sizes.csv: 190M` → `model_sizes.csv` (the table, not the row).
    private static func generalized(_ source: String) -> String {
        guard let colon = source.range(of: ": ", options: .backwards) else { return source }
        return String(source[..<colon.lowerBound])
    }
}
