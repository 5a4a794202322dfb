import Foundation
import ScalingLaws

/// Renders a `SharedSlopePowerLaw` fit: the shared exponent and one intercept per group,
/// with standard errors.
public enum SharedSlopeRenderer {
    /// The fit in `format`, ending in a newline. `x` and `y` name the columns.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ fit: SharedSlopePowerLaw, x: String, y: String, source: String, format: ReportFormat) throws -> String {
        switch format {
        case .table, .markdown:
            var table = TextTable(header: ["group", "log10 intercept", "std err", "\(y) at \(x) = 1"],
                                  numeric: [false, true, true, true])
            for (k, group) in fit.groups.enumerated() {
                table.append([group, NumberFormat.significant(fit.intercepts[k], digits: 6),
                              NumberFormat.significant(fit.interceptStandardErrors[k], digits: 3),
                              NumberFormat.significant(pow(10, fit.intercepts[k]), digits: 6)])
            }
            let title = "Shared-slope power law log10 \(y) = c_group + s·log10 \(x), fitted to \(source)"
            let summary = [
                ("slope s", "\(NumberFormat.significant(fit.slope, digits: 6)) +/- \(NumberFormat.significant(fit.slopeStandardError, digits: 3))"),
                ("points", "\(fit.observations) in \(fit.groups.count) groups"),
                ("R-squared (log10)", NumberFormat.significant(fit.rSquared, digits: 6)),
                ("residual sd (log10)", NumberFormat.significant(fit.residualStandardDeviation, digits: 4)),
            ]
            if format == .markdown {
                let lines = summary.map { "- \($0.0): \($0.1)" }.joined(separator: "\n")
                return "## \(title)\n\n\(lines)\n\n" + table.markdown()
            }
            return title + "\n" + FitReportRenderer.keyValues(summary, separator: ": ", indent: "    ") + "\n" + table.plainText()
        case .csv:
            var table = TextTable(header: ["group", "intercept_log10", "intercept_standard_error", "slope", "slope_standard_error"])
            for (k, group) in fit.groups.enumerated() {
                table.append([group, NumberFormat.exact(fit.intercepts[k]), NumberFormat.exact(fit.interceptStandardErrors[k]),
                              NumberFormat.exact(fit.slope), NumberFormat.exact(fit.slopeStandardError)])
            }
            return table.csv()
        case .json:
            return try ReportJSON.string(fit)
        }
    }
}
