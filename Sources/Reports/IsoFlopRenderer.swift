import Forecast
import Foundation
import ScalingLaws

/// Renders an `Forecast/IsoFlopAnalysis`: the per-budget table (budget, runs, `N*` with its
/// interval, `D*`, `D*/N*`, loss at the minimum, status), the refusals with their reasons, the
/// fitted exponents of `N* ∝ C^a` and `D* ∝ C^b` with intervals, and the comparison with the
/// parametric Approach-3 fit. CSV holds the per-budget table only.
public enum IsoFlopRenderer {
    /// The report in `format`, ending in a newline. `source` names the data (`runs.csv, 144 rows`).
    /// JSON is the analysis itself; the other formats render ``report(_:source:)``.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ analysis: IsoFlopAnalysis, source: String, format: ReportFormat) throws -> String {
        try report(analysis, source: source).render(format, payload: JSONForm(analysis, source: source))
    }

    /// The analysis as a ``Report``: the settings, the per-budget table (exported to CSV at
    /// full precision with the refusal reasons), the refused budgets, the frontier laws and
    /// the Approach-3 comparison.
    public static func report(_ analysis: IsoFlopAnalysis, source: String) -> Report {
        let level = FitReportRenderer.levelText(analysis.options.confidenceLevel)
        var profile = analysis.options.shape.description
        if let k = analysis.options.neighbours { profile += ", the lowest-loss size and \(k) on each side" }
        var report = Report(title: "Iso-FLOP analysis (Chinchilla Approach 2, Hoffmann et al. 2022)")
        var budgets = ReportSection(title: "Iso-FLOP analysis", subtitle: "Chinchilla Approach 2, Hoffmann et al. 2022")
        budgets.fields([
            ("data", source),
            ("profile", profile),
            ("budgets", analysis.options.grouping.description),
            ("intervals", analysis.options.shape == .interpolated
                ? "none (an interpolated minimum has no coefficient covariance)"
                : "\(level), delta method on the profile coefficients (Student t)"),
        ])
        var grid = ReportTable(
            columns: [
                .number("budget (FLOP)", csvName: "budget_flop"), .number("runs"), .number("fitted", csvName: "fitted_runs"),
                .number("N*", csvName: "n_star"), ReportColumn("N* interval", visibility: .displayOnly),
                ReportColumn("n_star_lower", visibility: .csvOnly), ReportColumn("n_star_upper", visibility: .csvOnly),
                .number("D*", csvName: "d_star"), ReportColumn("d_star_lower", visibility: .csvOnly),
                ReportColumn("d_star_upper", visibility: .csvOnly), .number("D*/N*", csvName: "tokens_per_parameter"),
                .number("loss*", csvName: "loss_star"), ReportColumn("confidence_level", visibility: .csvOnly),
                ReportColumn("status"), ReportColumn("reason", visibility: .csvOnly),
            ],
            exportsToCSV: true)
        for p in analysis.profiles {
            let o = p.optimum
            func cell(_ value: Double?, _ text: (Double) -> String) -> ReportCell {
                ReportCell(value.map(text) ?? "-", exact: NumberFormat.exact(value))
            }
            var interval = "-"
            if let lower = o?.parametersLower, let upper = o?.parametersUpper {
                interval = "[" + NumberFormat.human(lower) + ", " + NumberFormat.human(upper) + "]"
            }
            grid.append([
                ReportCell(NumberFormat.significant(p.budget, digits: 4), exact: NumberFormat.exact(p.budget)),
                .count(p.runs), .count(p.fittedRuns), cell(o?.parameters, NumberFormat.human), ReportCell(interval),
                ReportCell(NumberFormat.exact(o?.parametersLower)), ReportCell(NumberFormat.exact(o?.parametersUpper)),
                cell(o?.tokens, NumberFormat.human), ReportCell(NumberFormat.exact(o?.tokensLower)),
                ReportCell(NumberFormat.exact(o?.tokensUpper)),
                cell(o?.tokensPerParameter) { NumberFormat.significant($0, digits: 4) },
                cell(o?.loss) { NumberFormat.significant($0, digits: 5) },
                ReportCell(NumberFormat.exact(o.map { _ in analysis.options.confidenceLevel })),
                ReportCell(StatusWords.budget(accepted: p.isAccepted)), ReportCell(p.refusal?.description ?? ""),
            ])
        }
        budgets.table(grid)
        let refused = analysis.profiles.compactMap(\.reason)
        if !refused.isEmpty {
            budgets.paragraph("Refused budgets:")
            budgets.list(refused)
        }
        report.append(budgets)

        let accepted = analysis.accepted.count
        var frontier = ReportSection(title: "Frontier", subtitle: "log-log least squares over \(accepted) accepted budget\(accepted == 1 ? "" : "s")")
        var laws = ReportTable(columns: [
            ReportColumn("law"), .number("exponent"), .number("std err"), ReportColumn("\(level) interval"), .number("coefficient"), .number("R²"),
        ])
        var frontierLaws = [("N* = k·C^a", analysis.parameterLaw), ("D* = k·C^b", analysis.tokenLaw)]
        if let loss = analysis.lossLaw { frontierLaws.append(("L* = k·C^e", loss)) }
        for (name, law) in frontierLaws {
            var interval = "-"
            if let lower = law.exponentLower, let upper = law.exponentUpper {
                interval = "[" + NumberFormat.significant(lower, digits: 4) + ", " + NumberFormat.significant(upper, digits: 4) + "]"
            }
            laws.append([
                ReportCell(name), .number(law.exponent, digits: 5),
                ReportCell(NumberFormat.significant(law.exponentStandardError, digits: 3, placeholder: "-")), ReportCell(interval),
                .number(law.coefficient, digits: 5), ReportCell(NumberFormat.significant(law.rSquared, digits: 6, placeholder: "-")),
            ])
        }
        frontier.table(laws)
        report.append(frontier)

        if let c = analysis.approach3 {
            let p = c.parameters
            var section = ReportSection(
                title: "Approach 3",
                subtitle: "L = E + A/N^α + B/D^β fitted to the same \(c.runs) runs (summed Huber δ = 1e-3 on log residuals)\(c.converged ? "" : ", NOT CONVERGED")")
            section.fields([
                ("constants", "E = \(NumberFormat.significant(p.e, digits: 5)), A = \(NumberFormat.significant(p.a, digits: 5)), "
                    + "B = \(NumberFormat.significant(p.b, digits: 5)), α = \(NumberFormat.significant(p.alpha, digits: 4)), "
                    + "β = \(NumberFormat.significant(p.beta, digits: 4))"),
                ("exponent", "a3 = β/(α+β) = \(NumberFormat.significant(c.parametricExponent, digits: 4)); "
                    + "iso-FLOP a = \(NumberFormat.significant(c.isoFlopExponent, digits: 4)); "
                    + "a − a3 = \(NumberFormat.significant(c.exponentDifference, digits: 3))"),
            ])
            var rows = ReportTable(columns: [.number("budget (FLOP)"), .number("N* (iso-FLOP)"), .number("N_opt (Approach 3)"), .number("ratio")])
            for row in c.rows {
                rows.append([.number(row.budget, digits: 4), ReportCell(NumberFormat.human(row.isoFlopParameters)),
                             ReportCell(NumberFormat.human(row.parametricParameters)), .number(row.ratio, digits: 4)])
            }
            section.table(rows)
            report.append(section)
        } else if let failure = analysis.approach3Failure {
            var section = ReportSection(title: "Approach 3")
            section.paragraph(failure)
            report.append(section)
        }
        return report
    }

    struct JSONForm: Encodable {
        struct Profile: Encodable {
            let budget: Double
            let runs: Int
            let fittedRuns: Int
            let smallestParameters: Double
            let largestParameters: Double
            let coefficients: [Double]
            let center: Double
            let optimum: IsoFlopOptimum?
            let status: String
            let reason: String?
        }
        struct Comparison: Encodable {
            let constants: ChinchillaParameters
            let converged: Bool
            let runs: Int
            let parametricExponent: Double
            let isoFlopExponent: Double
            let exponentDifference: Double
            let rows: [Row]
        }
        struct Row: Encodable {
            let budget: Double
            let isoFlopParameters: Double
            let parametricParameters: Double
            let ratio: Double
        }
        let source: String
        let method = "Chinchilla Approach 2 (Hoffmann et al. 2022)"
        let profile: String
        let neighbours: Int?
        let grouping: String
        let confidenceLevel: Double
        let profiles: [Profile]
        let parameterLaw: LogLogRegression
        let tokenLaw: LogLogRegression
        /// The minimum loss against the budget, `L* = k·C^e` (Liang et al. 2024's loss frontier).
        let lossLaw: LogLogRegression?
        let approach3: Comparison?
        let approach3Failure: String?

        init(_ a: IsoFlopAnalysis, source: String) {
            self.source = source
            profile = a.options.shape.name
            neighbours = a.options.neighbours
            grouping = a.options.grouping.description
            confidenceLevel = a.options.confidenceLevel
            profiles = a.profiles.map {
                Profile(budget: $0.budget, runs: $0.runs, fittedRuns: $0.fittedRuns, smallestParameters: $0.smallestParameters,
                        largestParameters: $0.largestParameters, coefficients: $0.coefficients, center: $0.center,
                        optimum: $0.optimum, status: StatusWords.budget(accepted: $0.isAccepted), reason: $0.refusal?.description)
            }
            parameterLaw = a.parameterLaw
            tokenLaw = a.tokenLaw
            lossLaw = a.lossLaw
            approach3 = a.approach3.map { c in
                Comparison(constants: c.parameters, converged: c.converged, runs: c.runs, parametricExponent: c.parametricExponent,
                           isoFlopExponent: c.isoFlopExponent, exponentDifference: c.exponentDifference,
                           rows: c.rows.map { Row(budget: $0.budget, isoFlopParameters: $0.isoFlopParameters,
                                                  parametricParameters: $0.parametricParameters, ratio: $0.ratio) })
            }
            approach3Failure = a.approach3Failure
        }
    }
}
