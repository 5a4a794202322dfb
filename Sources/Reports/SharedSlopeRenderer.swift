import Foundation
import ScalingLaws

/// Renders a `SharedSlopePowerLaw` fit: the shared exponent and one intercept per group,
/// with standard errors.
public enum SharedSlopeRenderer {
    /// The fit in `format`, ending in a newline; `json` is the fit itself.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ fit: SharedSlopePowerLaw, x: String, y: String, source: String, format: ReportFormat) throws -> String {
        try report(fit, x: x, y: y, source: source).render(format, payload: fit)
    }

    /// The fit as a ``Report``: the slope and fit quality, then one row per group (exported
    /// to CSV at full precision with the shared slope).
    public static func report(_ fit: SharedSlopePowerLaw, x: String, y: String, source: String) -> Report {
        var section = ReportSection(title: "Shared-slope power law", subtitle: "log10 \(y) = c_group + s·log10 \(x), fitted to \(source)")
        section.fields([
            ("slope s", "\(NumberFormat.significant(fit.slope, digits: 6)) +/- \(NumberFormat.significant(fit.slopeStandardError, digits: 3))"),
            ("points", "\(fit.observations) in \(fit.groups.count) groups"),
            ("R-squared (log10)", NumberFormat.significant(fit.rSquared, digits: 6)),
            ("residual sd (log10)", NumberFormat.significant(fit.residualStandardDeviation, digits: 4)),
        ])
        var table = ReportTable(
            columns: [
                ReportColumn("group"), .number("log10 intercept", csvName: "intercept_log10"),
                .number("std err", csvName: "intercept_standard_error"), .number("\(y) at \(x) = 1", visibility: .displayOnly),
                .number("slope", visibility: .csvOnly), .number("slope_standard_error", visibility: .csvOnly),
            ],
            exportsToCSV: true)
        for (k, group) in fit.groups.enumerated() {
            table.append([
                ReportCell(group), .number(fit.intercepts[k], digits: 6), .number(fit.interceptStandardErrors[k], digits: 3),
                .number(pow(10, fit.intercepts[k]), digits: 6), ReportCell(NumberFormat.exact(fit.slope)),
                ReportCell(NumberFormat.exact(fit.slopeStandardError)),
            ])
        }
        section.table(table)
        return Report(title: "Shared-slope power law fitted to \(source)", sections: [section])
    }
}
