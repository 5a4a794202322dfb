import Foundation
import ScalingLaws

/// Renders a `ScalingLaws/BacktestResult` through the ``Report`` model: the folds, every
/// held-out run with its absolute, relative and log error, its distance beyond the training
/// data and its prediction interval, and the errors and interval coverage by distance bucket.
/// `csv` gives the held-out runs at full precision; `json` the result itself.
///
/// ```
/// [[Backtest]]          law, rule, distance variable and unit, interval and coverage
/// [[Folds]]             fold, training rows, held-out rows, training maximum, status
/// [[Held-out runs]]     line, inputs, actual, predicted, error, relative, log error, distance, interval
/// [[By distance]]       bucket, runs, mean |error|, mean |relative|, max |relative|, RMS log error, coverage
/// ```
public enum BacktestRenderer {
    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ result: BacktestResult, format: ReportFormat) throws -> String {
        try report(result).render(format, payload: result)
    }

    /// The backtest as a ``Report``.
    public static func report(_ r: BacktestResult) -> Report {
        let unit = r.distanceUnit
        var fields = [("law", r.law), ("rule", r.rule.description),
                      ("distance", unit == "years" ? "years of \(r.distanceVariable) after the latest training date" : "orders of magnitude of \(r.distanceVariable) beyond the largest training value")]
        let intervals = r.intervalLevel != nil
        if let level = r.intervalLevel, let coverage = r.overall.coverage {
            let nominal = NumberFormat.significant(100 * level, digits: 4)
            fields.append(("interval", "\(nominal)% prediction interval of each fold fit for a new run (logit scale inside [chance, 1] for score laws)"))
            fields.append(("coverage", "\(r.overall.covered) of \(r.overall.withInterval) held-out runs inside (\(NumberFormat.fixed(100 * coverage, decimals: 1))%, nominal \(nominal)%)"))
        }
        var head = ReportSection(title: "Backtest")
        head.fields(fields)
        var document = Report(title: "Backtest of \(r.law)", sections: [head])

        var folds = ReportTable(columns: [.number("fold"), .number("training rows"), .number("held out"), .number("training max"), ReportColumn("fit")])
        for f in r.folds {
            folds.append([.count(f.index), .count(f.trainingRows), .count(f.heldOutRows), .number(f.trainingMaximum, digits: 4),
                          ReportCell(f.failure.map { "failed: \($0)" } ?? StatusWords.convergence(f.converged))])
        }
        var foldSection = ReportSection(title: "Folds")
        foldSection.table(folds)
        document.append(foldSection)

        var columns: [ReportColumn] = [.number("fold"), .number("line")] + r.inputNames.map { ReportColumn.number($0) }
        columns += [
            ReportColumn("distance_variable", numeric: true, visibility: .csvOnly),
            .number("actual"), .number("predicted"), .number("error"), .number("relative", csvName: "relative_error"),
            .number("log error", csvName: "log_error"),
            .number("distance (\(unit))", csvName: unit == "years" ? "distance_years" : "distance_oom"),
            .number("new low", csvName: "prediction_lower", visibility: intervals ? .everywhere : .csvOnly),
            .number("new high", csvName: "prediction_upper", visibility: intervals ? .everywhere : .csvOnly),
        ]
        if intervals { columns.append(ReportColumn("inside", visibility: .displayOnly)) }
        var runs = ReportTable(columns: columns, exportsToCSV: true)
        let exact = { (v: Double?) in NumberFormat.exact(v) }
        for p in r.predictions {
            var row: [ReportCell] = [.count(p.fold), .count(p.line)]
            row += p.inputs.map { ReportCell(NumberFormat.significant($0, digits: 4), exact: exact($0)) }
            row += [
                ReportCell("", exact: exact(p.variable)),
                ReportCell(NumberFormat.significant(p.actual, digits: 6), exact: exact(p.actual)),
                ReportCell(NumberFormat.significant(p.predicted, digits: 6), exact: exact(p.predicted)),
                ReportCell(NumberFormat.significant(p.error, digits: 3), exact: exact(p.error)),
                ReportCell(NumberFormat.percent(p.relativeError), exact: exact(p.relativeError)),
                ReportCell(NumberFormat.significant(p.logError, digits: 3, placeholder: ""), exact: exact(p.logError)),
                ReportCell(NumberFormat.fixed(p.distance, decimals: 3), exact: exact(p.distance)),
                ReportCell(NumberFormat.significant(p.lower, digits: 4, placeholder: "-"), exact: exact(p.lower)),
                ReportCell(NumberFormat.significant(p.upper, digits: 4, placeholder: "-"), exact: exact(p.upper)),
            ]
            if intervals { row.append(ReportCell(p.covered.map { $0 ? "yes" : "no" } ?? "-")) }
            runs.append(row)
        }
        var runSection = ReportSection(title: "Held-out runs")
        runSection.table(runs)
        document.append(runSection)

        var buckets = ReportTable(columns: [
            ReportColumn("distance (\(unit))"), .number("runs"), .number("mean |error|"), .number("mean |relative|"), .number("max |relative|"),
            .number("RMS log error"),
        ] + (intervals ? [ReportColumn.number("coverage")] : []))
        for b in r.buckets + [r.overall] {
            var row: [ReportCell] = [
                ReportCell(b.label), .count(b.count), ReportCell(NumberFormat.significant(b.meanAbsoluteError, digits: 3)),
                ReportCell(NumberFormat.percent(b.meanAbsoluteRelativeError)), ReportCell(NumberFormat.percent(b.maxAbsoluteRelativeError)),
                ReportCell(NumberFormat.significant(b.rmsLogError, digits: 3, placeholder: "")),
            ]
            if intervals {
                row.append(ReportCell(b.coverage.map { NumberFormat.fixed(100 * $0, decimals: 1) + "% (\(b.covered)/\(b.withInterval))" } ?? "-"))
            }
            buckets.append(row)
        }
        var bucketSection = ReportSection(title: "By distance")
        bucketSection.table(buckets)
        document.append(bucketSection)
        if !r.notes.isEmpty {
            var notes = ReportSection(title: "Notes")
            notes.list(r.notes)
            document.append(notes)
        }
        return document
    }
}
