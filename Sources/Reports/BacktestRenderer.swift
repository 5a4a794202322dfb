import Foundation
import ScalingLaws

/// Renders a `ScalingLaws/BacktestResult`: the folds, every held-out run with its absolute,
/// relative and log error and its distance beyond the training data, and the errors by
/// distance bucket. `csv` gives the held-out runs at full precision; `json` everything.
///
/// ```
/// [[Backtest]]          law, data rule, distance variable
/// [[Folds]]             fold, training rows, held-out rows, training maximum, status
/// [[Held-out runs]]     line, inputs, actual, predicted, error, relative, log error, distance
/// [[By distance]]       bucket (OOM), runs, mean |error|, mean |relative|, max |relative|, RMS log error
/// ```
public enum BacktestRenderer {
    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ result: BacktestResult, format: ReportFormat) throws -> String {
        switch format {
        case .table: return text(result, markdown: false)
        case .markdown: return text(result, markdown: true)
        case .csv: return csv(result)
        case .json: return try ReportJSON.string(result)
        }
    }

    static func text(_ r: BacktestResult, markdown: Bool) -> String {
        func section(_ title: String) -> String { markdown ? "### \(title)\n\n" : "[[\(title)]]\n" }
        func table(_ t: TextTable) -> String { markdown ? t.markdown() + "\n" : t.plainText(indent: "    ") }
        var out = markdown ? "## Backtest of \(r.law)\n\n" : "[[Backtest]]\n"
        let fields = [("law", r.law), ("rule", r.rule.description), ("distance", "orders of magnitude of \(r.distanceVariable) beyond the largest training value")]
        if markdown {
            var t = TextTable(header: ["field", "value"])
            for (k, v) in fields { t.append([k, v]) }
            out += t.markdown() + "\n"
        } else {
            let width = fields.map(\.0.count).max() ?? 0
            for (k, v) in fields { out += "    " + (k + ":").padded(to: width + 1) + " " + v + "\n" }
        }

        out += section("Folds")
        var folds = TextTable(header: ["fold", "training rows", "held out", "training max", "fit"], numeric: [true, true, true, true, false])
        for f in r.folds {
            folds.append([String(f.index), String(f.trainingRows), String(f.heldOutRows), NumberFormat.significant(f.trainingMaximum, digits: 4),
                          f.failure.map { "failed: \($0)" } ?? StatusWords.convergence(f.converged)])
        }
        out += table(folds)

        out += section("Held-out runs")
        var runs = TextTable(
            header: ["fold", "line"] + r.inputNames + ["actual", "predicted", "error", "relative", "log error", "distance (OOM)"],
            numeric: [true, true] + r.inputNames.map { _ in true } + [true, true, true, true, true, true])
        for p in r.predictions {
            runs.append([String(p.fold), String(p.line)] + p.inputs.map { NumberFormat.significant($0, digits: 4) } + [
                NumberFormat.significant(p.actual, digits: 6), NumberFormat.significant(p.predicted, digits: 6),
                NumberFormat.significant(p.error, digits: 3), NumberFormat.percent(p.relativeError),
                NumberFormat.significant(p.logError, digits: 3, placeholder: ""), NumberFormat.fixed(p.distance, decimals: 3),
            ])
        }
        out += table(runs)

        out += section("By distance")
        var buckets = TextTable(
            header: ["distance (OOM)", "runs", "mean |error|", "mean |relative|", "max |relative|", "RMS log error"],
            numeric: [false, true, true, true, true, true])
        for b in r.buckets + [r.overall] {
            buckets.append([b.label, String(b.count), NumberFormat.significant(b.meanAbsoluteError, digits: 3),
                            NumberFormat.percent(b.meanAbsoluteRelativeError), NumberFormat.percent(b.maxAbsoluteRelativeError),
                            NumberFormat.significant(b.rmsLogError, digits: 3, placeholder: "")])
        }
        out += table(buckets)
        if !r.notes.isEmpty {
            out += section("Notes")
            for note in r.notes { out += (markdown ? "- " : "    ") + note + "\n" }
        }
        return out
    }

    static func csv(_ r: BacktestResult) -> String {
        var t = TextTable(header: ["fold", "line"] + r.inputNames + ["distance_variable",
            "actual", "predicted", "error", "relative_error", "log_error", "distance_oom"])
        for p in r.predictions {
            t.append([String(p.fold), String(p.line)] + p.inputs.map { NumberFormat.exact($0) } + [
                NumberFormat.exact(p.variable), NumberFormat.exact(p.actual), NumberFormat.exact(p.predicted),
                NumberFormat.exact(p.error), NumberFormat.exact(p.relativeError), NumberFormat.exact(p.logError),
                NumberFormat.exact(p.distance),
            ])
        }
        return t.csv()
    }
}
