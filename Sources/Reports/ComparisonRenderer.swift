import Foundation
import ScalingLaws

/// Renders a `ScalingLaws/LawComparison`: one row per law (free parameters, objective, AIC,
/// AICc, BIC, ΔAIC to the best, cross-validated RMSE, backtest error) and the hypothesis tests
/// (statistic, what it tests, value, degrees of freedom, p-value). `csv` gives the law rows at
/// full precision; `json` everything.
public enum ComparisonRenderer {
    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ comparison: LawComparison, format: ReportFormat) throws -> String {
        switch format {
        case .table: return text(comparison, markdown: false)
        case .markdown: return text(comparison, markdown: true)
        case .csv: return csv(comparison)
        case .json: return try ReportJSON.string(comparison)
        }
    }

    static func text(_ c: LawComparison, markdown: Bool) -> String {
        func section(_ title: String) -> String { markdown ? "### \(title)\n\n" : "[[\(title)]]\n" }
        func table(_ t: TextTable) -> String { markdown ? t.markdown() + "\n" : t.plainText(indent: "    ") }
        var out = markdown ? "## Comparison of laws\n\n" : ""
        out += section("Laws")
        let cvLabel = c.entries.first.map { e in
            "CV RMSE (\(e.crossValidation.folds)-fold\(e.crossValidation.groupColumn.map { ", by \($0)" } ?? ""), seed \(e.crossValidation.seed))"
        } ?? "CV RMSE"
        let bestAIC = c.entries.map(\.aic).min() ?? 0
        var laws = TextTable(
            header: ["law", "k", "objective", "AIC", "AICc", "BIC", "ΔAIC", cvLabel, "backtest |rel|", "backtest RMS log"],
            numeric: [false, true, true, true, true, true, true, true, true, true])
        for e in c.entries {
            laws.append([
                e.law + (e.converged ? "" : " (\(StatusWords.convergence(false)))"), String(e.freeParameters),
                NumberFormat.significant(e.objective, digits: 6), NumberFormat.fixed(e.aic, decimals: 2),
                e.aicc.map { NumberFormat.fixed($0, decimals: 2) } ?? "", NumberFormat.fixed(e.bic, decimals: 2),
                NumberFormat.fixed(e.aic - bestAIC, decimals: 2),
                NumberFormat.significant(e.crossValidation.rmse, digits: 4),
                e.backtestError.map(NumberFormat.percent) ?? "", NumberFormat.significant(e.backtestLogError, digits: 4, placeholder: ""),
            ])
        }
        out += table(laws)
        let space = c.objective.isLogSpace ? "log residuals" : "residuals"
        let notes = [
            "objective: \(c.objective.description); AIC = n ln(RSS/n) + 2k on \(space), AICc adds 2k(k+1)/(n-k-1)",
            "backtest: \(c.holdout.description)",
        ]
        for note in notes { out += (markdown ? "- " : "    ") + note + "\n" }
        if markdown { out += "\n" }

        out += section("Tests")
        if c.tests.isEmpty {
            out += (markdown ? "None (no nested laws and no hypothesis).\n\n" : "    none (no nested laws and no hypothesis)\n")
        } else {
            var tests = TextTable(header: ["statistic", "hypothesis", "value", "dof", "p-value"], numeric: [false, false, true, true, true])
            for t in c.tests {
                tests.append([t.statistic, t.hypothesis, NumberFormat.significant(t.value, digits: 5), String(t.degreesOfFreedom),
                              NumberFormat.significant(t.pValue, digits: 3)])
            }
            out += table(tests)
        }
        if !c.notes.isEmpty {
            out += section("Notes")
            for note in c.notes { out += (markdown ? "- " : "    ") + note + "\n" }
        }
        return out
    }

    static func csv(_ c: LawComparison) -> String {
        var t = TextTable(header: ["law", "k", "rows", "objective", "aic", "aicc", "bic", "cv_rmse", "cv_folds", "backtest_mean_abs_relative_error", "backtest_rms_log_error", "converged"])
        for e in c.entries {
            t.append([e.law, String(e.freeParameters), String(e.rows), NumberFormat.exact(e.objective), NumberFormat.exact(e.aic),
                      NumberFormat.exact(e.aicc), NumberFormat.exact(e.bic), NumberFormat.exact(e.crossValidation.rmse),
                      String(e.crossValidation.folds), NumberFormat.exact(e.backtestError), NumberFormat.exact(e.backtestLogError),
                      e.converged ? "true" : "false"])
        }
        return t.csv()
    }
}
