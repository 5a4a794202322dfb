import Foundation
import Forecast
import ScalingLaws

/// A self-contained HTML report of one fit: data summary, fit report, diagnostics (with
/// `ScalingLaws/FitDiagnostics` findings when attached to the fit), figures, the iso-FLOP
/// analysis when the runs have budgets, the forecast table (CI and PI) and an optional backtest, in one file with inline CSS and inline SVG: no scripts, no network, no
/// external files. Output is deterministic (no dates, no random ids).
public struct HTMLReport: Sendable {
    public var fit: LawFit
    public var data: Dataset
    /// Figures in display order; their ``Figure/id``s must be distinct.
    public var figures: [Figure]
    /// Why some figures are missing, one sentence each.
    public var omitted: [String]
    public var forecast: ForecastTable?
    /// The iso-FLOP analysis of the runs, when they have budgets: its own section (budgets,
    /// N* ∝ C^a, the Approach-3 comparison).
    public var isoflop: IsoFlopPlotInput?
    /// A backtest of the law on the same data (`report --backtest largest:K`).
    public var backtest: BacktestResult?
    /// The rows the report was made from in words (`--where` predicates and row filters), shown
    /// in the data section; empty when every row was used.
    public var selection: String = ""

    public init(
        fit: LawFit, data: Dataset, figures: [Figure], omitted: [String] = [], forecast: ForecastTable? = nil,
        isoflop: IsoFlopPlotInput? = nil, backtest: BacktestResult? = nil
    ) {
        self.fit = fit
        self.data = data
        self.figures = figures
        self.omitted = omitted
        self.forecast = forecast
        self.isoflop = isoflop
        self.backtest = backtest
    }

    static let css = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
        h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
        .subtitle{color:#444;margin-top:0}
        table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
        th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
        th{background:#f3f3f3}
        pre{background:#f7f7f7;border:1px solid #ddd;padding:.8em;overflow-x:auto;font-size:.85em}
        figure{margin:1.5em 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}
        .warning{color:#8a4b00}.ok{color:#1b6b2f}
        """

    /// The report as HTML5 text, ending in a newline.
    public func render() -> String {
        let e = SVGText.escape
        var out = Self.head(title: "Scaling-law report: \(fit.law) on \(data.source)")
        out += "<h1>Scaling-law report: \(e(fit.law))</h1>\n"
        out += "<p class=\"subtitle\">\(e(fit.formula)) — \(e(fit.citation))</p>\n"
        out += sections()
        out += "<p class=\"subtitle\">Made by \(e(fit.tool)) \(e(fit.toolVersion)).</p>\n</body>\n</html>\n"
        return out
    }

    /// One page holding a report per `--by` group (`title` a group's heading, the group's
    /// sections below it), then a summary table with a row per group.
    public static func render(by column: String, groups: [(label: String, report: HTMLReport)], summary: TextTable) -> String {
        let e = SVGText.escape
        let law = groups.first?.report.fit.law ?? ""
        let source = groups.first?.report.data.source ?? ""
        var out = head(title: "Scaling-law report: \(law) on \(source) by \(column)")
        out += "<h1>Scaling-law report: \(e(law)) by \(e(column))</h1>\n"
        if let first = groups.first?.report.fit { out += "<p class=\"subtitle\">\(e(first.formula)) — \(e(first.citation))</p>\n" }
        out += "<h2>Summary by \(e(column))</h2>\n" + html(summary)
        for (label, report) in groups {
            out += "<h1 id=\"group-\(e(label))\">\(e(column)) = \(e(label))</h1>\n"
            out += report.sections()
        }
        if let first = groups.first?.report.fit {
            out += "<p class=\"subtitle\">Made by \(e(first.tool)) \(e(first.toolVersion)).</p>\n"
        }
        return out + "</body>\n</html>\n"
    }

    /// The document head up to the opening body tag.
    static func head(title: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(SVGText.escape(title))</title>\n"
        return out + "<style>\n\(css)\n</style>\n</head>\n<body>\n"
    }

    /// The report's sections, from the data summary to the backtest.
    func sections() -> String {
        let e = SVGText.escape
        var out = "<h2>Data</h2>\n"
        out += "<p>\(e(data.source)): \(data.count) rows, digest fnv1a64:\(e(fit.data.digest)).</p>\n"
        if !selection.isEmpty { out += "<p>Rows selected by: \(e(selection)). Every section below uses these rows only.</p>\n" }
        var summary = TextTable(header: ["column", "min", "median", "max"], numeric: [false, true, true, true])
        for name in fit.inputs + [fit.response] {
            guard let values = try? data.column(name), !values.isEmpty else { continue }
            let sorted = values.filter(\.isFinite).sorted()
            guard let lo = sorted.first, let hi = sorted.last else { continue }
            let mid = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            summary.append([name, NumberFormat.significant(lo, digits: 4), NumberFormat.significant(mid, digits: 4), NumberFormat.significant(hi, digits: 4)])
        }
        out += Self.html(summary)

        out += "<h2>Diagnostics</h2>\n<ul>\n"
        let s = fit.statistics
        let convergence = "<span class=\"\(s.converged ? "ok" : "warning")\">\(e(StatusWords.convergence(s.converged)))</span>"
        out += "<li>\(convergence) (\(e(StatusWords.termination(s.termination)))), \(s.iterations) iterations, \(s.functionEvaluations) evaluations</li>\n"
        if let r2 = s.rSquared { out += "<li>R² = \(e(NumberFormat.significant(r2, digits: 6))), RMSE = \(e(NumberFormat.significant(s.rmse, digits: 4)))</li>\n" }
        if fit.warnings.isEmpty {
            out += "<li class=\"ok\">no warnings</li>\n"
        } else {
            for warning in fit.warnings { out += "<li class=\"warning\">warning: \(e(warning.description))</li>\n" }
        }
        out += "</ul>\n"
        if let diagnostics = fit.diagnostics {
            out += "<h3>Fit diagnostics</h3>\n<ul>\n"
            if diagnostics.isEmpty {
                let checks = FitDiagnostic.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                out += "<li class=\"ok\">no findings (checked: \(e(checks)))</li>\n"
            }
            for diagnostic in diagnostics {
                out += "<li class=\"warning\"><b>\(e(diagnostic.kind.rawValue))</b>: \(e(diagnostic.message))</li>\n"
            }
            out += "</ul>\n"
        }

        out += "<h2>Fit report</h2>\n<pre>\(e(FitReportRenderer.table(fit)))</pre>\n"

        out += "<h2>Figures</h2>\n"
        for figure in figures {
            out += "<figure id=\"\(e(figure.id))-figure\">\n\(figure.svg())</figure>\n"
        }
        if !omitted.isEmpty {
            out += "<ul>\n" + omitted.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }

        if let isoflop {
            out += "<h2>Iso-FLOP analysis (Approach 2)</h2>\n"
            out += "<p>\(e(isoflop.analysis.options.shape.description)); \(e(String(describing: isoflop.analysis.options.grouping))).</p>\n"
            out += "<pre>\(e(IsoFlopRenderer.text(isoflop.analysis, source: isoflop.source, markdown: false)))</pre>\n"
        }

        if let forecast {
            out += "<h2>Forecast: confidence vs prediction intervals</h2>\n"
            out += "<p>The CI bounds the mean loss the law predicts at the compute-optimal allocation; the PI bounds the loss of one new run there, so it also holds the runs' scatter about the law.</p>\n<ul>\n"
            for (key, value) in ForecastRenderer.fields(forecast) { out += "<li>\(e(key)): \(e(value))</li>\n" }
            out += "</ul>\n" + Self.html(ForecastRenderer.grid(forecast))
        }

        if let backtest {
            out += "<h2>Backtest</h2>\n"
            out += "<p>Fitted without the held-out runs (\(e(backtest.rule.description))), then asked to predict them.</p>\n"
            out += "<pre>\(e(BacktestRenderer.text(backtest, markdown: false)))</pre>\n"
        }
        return out
    }

    /// A ``TextTable`` as an HTML table (numeric columns right-aligned).
    static func html(_ table: TextTable) -> String {
        let e = SVGText.escape
        var out = "<table>\n<thead><tr>" + table.header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (k, cell) in row.enumerated() {
                let numeric = k < table.numeric.count && table.numeric[k]
                out += numeric ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
