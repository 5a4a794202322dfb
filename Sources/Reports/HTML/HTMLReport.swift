import Foundation
import Forecast
import ScalingLaws

/// A self-contained HTML report of one fit: data summary, fit report, diagnostics (with
/// `ScalingLaws/FitDiagnostics` findings when attached to the fit), figures, the iso-FLOP
/// analysis when the runs have budgets, the forecast table (CI and PI) and an optional backtest, in one file with inline CSS and inline SVG: no scripts, no network, no
/// external files. Output is deterministic (no dates, no random ids).
public struct HTMLReport: Sendable {
    /// The fit reported.
    public var fit: LawFit
    /// The runs it was fitted to.
    public var data: Dataset
    /// Figures in display order; their ``Figure/id``s must be distinct.
    public var figures: [Figure]
    /// Why some figures are missing, one sentence each.
    public var omitted: [String]
    /// The forecast table (CI and PI), when asked for.
    public var forecast: ForecastTable?
    /// The iso-FLOP analysis of the runs, when they have budgets: its own section (budgets,
    /// N* ∝ C^a, the Approach-3 comparison).
    public var isoflop: IsoFlopPlotInput?
    /// A backtest of the law on the same data (`report --backtest largest:K`).
    public var backtest: BacktestResult?
    /// The rows the report was made from in words (`--where` predicates and row filters), shown
    /// in the data section; empty when every row was used.
    public var selection: String = ""

    /// A report of one fit.
    /// - Parameters:
    ///   - fit: The fit reported.
    ///   - data: The runs it was fitted to.
    ///   - figures: Figures in display order, distinct ids.
    ///   - omitted: Why some figures are missing (default none).
    ///   - forecast: The forecast table, or `nil`.
    ///   - isoflop: The iso-FLOP analysis of the runs, or `nil`.
    ///   - backtest: A backtest of the law on the same data, or `nil`.
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

    /// The report as HTML5 text, ending in a newline: one ``Report`` rendered by
    /// ``HTMLReportWriter``, so every section is HTML tables, lists and inline SVG.
    public func render() -> String {
        HTMLReportWriter.page(report())
    }

    /// The report model of the page: data, one diagnostics section, the fit's law, statistics,
    /// variables, correlations (and bootstrap and profile when present), figures, the iso-FLOP
    /// analysis, the forecast and the backtest.
    public func report() -> Report {
        Report(title: "Scaling-law report: \(fit.law) on \(data.source)", sections: sections())
    }

    /// One page holding a report per `--by` group (its sections titled `COLUMN = GROUP: …`),
    /// after a summary table with a row per group.
    public static func render(by column: String, groups: [(label: String, report: HTMLReport)], summary: TextTable) -> String {
        let law = groups.first?.report.fit.law ?? ""
        let source = groups.first?.report.data.source ?? ""
        var report = Report(title: "Scaling-law report: \(law) on \(source) by \(column)")
        var overview = ReportSection(title: "Summary by \(column)")
        overview.table(ReportTable(summary))
        report.append(overview)
        for (label, group) in groups {
            for var section in group.sections() {
                section.title = "\(column) = \(label): \(section.title)"
                report.append(section)
            }
        }
        return HTMLReportWriter.page(report)
    }

    /// The report's sections, from the data summary to the backtest.
    func sections() -> [ReportSection] {
        var out: [ReportSection] = []
        var dataSection = ReportSection(title: "Data")
        dataSection.paragraph("\(data.source): \(data.count) rows, digest fnv1a64:\(fit.data.digest).")
        if !selection.isEmpty { dataSection.paragraph("Rows selected by: \(selection). Every section below uses these rows only.") }
        var summary = ReportTable(columns: [ReportColumn("column"), .number("min"), .number("median"), .number("max")])
        for name in fit.inputs + [fit.response] {
            guard let values = try? data.column(name), !values.isEmpty else { continue }
            let sorted = values.filter(\.isFinite).sorted()
            guard let lo = sorted.first, let hi = sorted.last else { continue }
            let mid = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            summary.append([ReportCell(name), .number(lo, digits: 4), .number(mid, digits: 4), .number(hi, digits: 4)])
        }
        dataSection.table(summary)
        dataSection.paragraph("Made by \(fit.tool) \(fit.toolVersion).")
        out.append(dataSection)

        // One diagnostics section: convergence, fit quality, the diagnostics' findings, warnings.
        var diagnostics = ReportSection(title: "Diagnostics")
        let s = fit.statistics
        var status = ["\(StatusWords.convergence(s.converged)) (\(StatusWords.termination(s.termination))), \(s.iterations) iterations, \(s.functionEvaluations) evaluations"]
        if let r2 = s.rSquared { status.append("R² = \(NumberFormat.significant(r2, digits: 6)), RMSE = \(NumberFormat.significant(s.rmse, digits: 4))") }
        diagnostics.list(status)
        if let findings = fit.diagnostics {
            let checks = FitDiagnostic.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            var table = ReportTable(title: "Fit diagnostics", columns: [ReportColumn("check"), ReportColumn("finding")],
                                    emptyText: "no findings (checked: \(checks))")
            for finding in findings { table.append([ReportCell(finding.kind.rawValue), ReportCell(finding.message)]) }
            diagnostics.table(table)
        }
        // Under their own caption: a bare "none" after the findings read as "no findings".
        if fit.warnings.isEmpty {
            diagnostics.paragraph("Warnings: none.")
        } else {
            diagnostics.paragraph("Warnings:")
            diagnostics.warnings(fit.warnings.map(\.description))
        }
        out.append(diagnostics)

        // The fit report's own sections, but its data, diagnostics and warnings are above.
        out += FitReportRenderer.sections(fit).filter { !["Data", "Diagnostics", "Warnings"].contains($0.title) }

        var figureSection = ReportSection(title: "Figures")
        for figure in figures { figureSection.figure(svg: figure.svg(), caption: figure.title) }
        if !omitted.isEmpty { figureSection.list(omitted) }
        out.append(figureSection)

        if let isoflop {
            var sections = IsoFlopRenderer.report(isoflop.analysis, source: isoflop.source).sections
            if !sections.isEmpty { sections[0].title = "Iso-FLOP analysis (Approach 2)"; sections[0].subtitle = nil }
            out += sections
        }

        if let forecast {
            var section = ReportSection(title: "Forecast: confidence vs prediction intervals")
            section.paragraph("The CI bounds the mean loss the law predicts at the compute-optimal allocation; the PI bounds the loss of one new run there, so it also holds the runs' scatter about the law.")
            section.fields(ForecastRenderer.fields(forecast))
            section.table(ReportTable(ForecastRenderer.grid(forecast)))
            out.append(section)
        }

        if let backtest { out.append(Self.backtestSection(backtest)) }
        return out
    }

    /// The backtest as tables: the held-out runs (actual, predicted, relative error, distance)
    /// and the errors by distance beyond the largest training run.
    static func backtestSection(_ r: BacktestResult) -> ReportSection {
        var section = ReportSection(title: "Backtest")
        section.paragraph("Fitted without the held-out runs (\(r.rule.description)), then asked to predict them.")
        var runs = ReportTable(
            title: "Held-out runs",
            columns: [.number("fold"), .number("line")] + r.inputNames.map { .number($0) }
                + [.number("actual"), .number("predicted"), .number("relative error"), .number("distance (\(r.distanceUnit))")])
        for p in r.predictions {
            runs.append([.count(p.fold), .count(p.line)] + p.inputs.map { ReportCell(NumberFormat.human($0), exact: NumberFormat.exact($0)) }
                + [.number(p.actual, digits: 5), .number(p.predicted, digits: 5), ReportCell(NumberFormat.percent(p.relativeError)),
                   .number(p.distance, digits: 3)])
        }
        section.table(runs)
        var buckets = ReportTable(
            title: "Errors by distance",
            columns: [ReportColumn("distance (\(r.distanceUnit))"), .number("runs"), .number("mean |relative|"), .number("max |relative|"), .number("RMS log error")])
        for b in r.buckets + [r.overall] {
            buckets.append([ReportCell(b.label), .count(b.count), ReportCell(NumberFormat.percent(b.meanAbsoluteRelativeError)),
                            ReportCell(NumberFormat.percent(b.maxAbsoluteRelativeError)),
                            ReportCell(b.rmsLogError.map { NumberFormat.significant($0, digits: 4) } ?? "-")])
        }
        section.table(buckets)
        section.list(r.notes)
        return section
    }
}
