import Foundation
import ScalingLaws

/// Renders a `ScalingLaws/LawComparison`: one row per law (free parameters, objective, AIC,
/// AICc, BIC, ΔAIC to the best, cross-validated RMSE, backtest error) and the hypothesis tests
/// (statistic, what it tests, value, degrees of freedom, p-value). `csv` gives the law rows at
/// full precision; `json` everything.
public enum ComparisonRenderer {
    /// The report in `format`, ending in a newline; `json` is the comparison itself.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ comparison: LawComparison, format: ReportFormat) throws -> String {
        try report(comparison).render(format, payload: comparison)
    }

    /// The comparison as a ``Report``: the laws (exported to CSV at full precision), the tests
    /// and the notes.
    public static func report(_ c: LawComparison) -> Report {
        var report = Report(title: "Comparison of laws")
        var lawsSection = ReportSection(title: "Laws")
        let cvLabel = c.entries.first.map { e in
            "CV RMSE (\(e.crossValidation.folds)-fold\(e.crossValidation.groupColumn.map { ", by \($0)" } ?? ""), seed \(e.crossValidation.seed))"
        } ?? "CV RMSE"
        let bestAIC = c.entries.map(\.aic).min() ?? 0
        var laws = ReportTable(
            columns: [
                ReportColumn("law"), .number("k"), .number("rows", visibility: .csvOnly), .number("objective"),
                .number("AIC", csvName: "aic"), .number("AICc", csvName: "aicc"), .number("BIC", csvName: "bic"),
                .number("ΔAIC", visibility: .displayOnly), .number(cvLabel, csvName: "cv_rmse"), .number("cv_folds", visibility: .csvOnly),
                .number("backtest |rel|", csvName: "backtest_mean_abs_relative_error"),
                .number("backtest RMS log", csvName: "backtest_rms_log_error"), ReportColumn("converged", visibility: .csvOnly),
            ],
            exportsToCSV: true)
        for e in c.entries {
            laws.append([
                ReportCell(e.law + (e.converged ? "" : " (\(StatusWords.convergence(false)))"), exact: e.law), .count(e.freeParameters),
                .count(e.rows), ReportCell(NumberFormat.significant(e.objective, digits: 6), exact: NumberFormat.exact(e.objective)),
                ReportCell(NumberFormat.fixed(e.aic, decimals: 2), exact: NumberFormat.exact(e.aic)),
                ReportCell(e.aicc.map { NumberFormat.fixed($0, decimals: 2) } ?? "", exact: NumberFormat.exact(e.aicc)),
                ReportCell(NumberFormat.fixed(e.bic, decimals: 2), exact: NumberFormat.exact(e.bic)),
                ReportCell(NumberFormat.fixed(e.aic - bestAIC, decimals: 2)),
                ReportCell(NumberFormat.significant(e.crossValidation.rmse, digits: 4), exact: NumberFormat.exact(e.crossValidation.rmse)),
                .count(e.crossValidation.folds),
                ReportCell(e.backtestError.map(NumberFormat.percent) ?? "", exact: NumberFormat.exact(e.backtestError)),
                ReportCell(NumberFormat.significant(e.backtestLogError, digits: 4, placeholder: ""), exact: NumberFormat.exact(e.backtestLogError)),
                ReportCell(e.converged ? "true" : "false"),
            ])
        }
        lawsSection.table(laws)
        let space = c.objective.isLogSpace ? "log residuals" : "residuals"
        lawsSection.list([
            "objective: \(c.objective.description); AIC = n ln(RSS/n) + 2k on \(space), AICc adds 2k(k+1)/(n-k-1)",
            "backtest: \(c.holdout.description)",
        ])
        report.append(lawsSection)

        var testsSection = ReportSection(title: "Tests")
        if c.tests.isEmpty {
            testsSection.list([], empty: "none (no nested laws and no hypothesis)")
        } else {
            var tests = ReportTable(columns: [ReportColumn("statistic"), ReportColumn("hypothesis"), .number("value"), .number("dof"), .number("p-value")])
            for t in c.tests {
                tests.append([ReportCell(t.statistic), ReportCell(t.hypothesis), .number(t.value, digits: 5), .count(t.degreesOfFreedom),
                              .number(t.pValue, digits: 3)])
            }
            testsSection.table(tests)
        }
        report.append(testsSection)
        if !c.notes.isEmpty {
            var notes = ReportSection(title: "Notes")
            notes.list(c.notes)
            report.append(notes)
        }
        return report
    }
}
