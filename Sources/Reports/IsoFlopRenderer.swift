import Forecast
import Foundation
import ScalingLaws

/// Renders an `Forecast/IsoFlopAnalysis`: the per-budget table (budget, runs, `N*` with its
/// interval, `D*`, `D*/N*`, loss at the minimum, status), the refusals with their reasons, the
/// fitted exponents of `N* ∝ C^a` and `D* ∝ C^b` with intervals, and the comparison with the
/// parametric Approach-3 fit. CSV holds the per-budget table only.
public enum IsoFlopRenderer {
    /// The report in `format`, ending in a newline. `source` names the data (`runs.csv, 144 rows`).
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ analysis: IsoFlopAnalysis, source: String, format: ReportFormat) throws -> String {
        switch format {
        case .table:
            return text(analysis, source: source, markdown: false)
        case .markdown:
            return text(analysis, source: source, markdown: true)
        case .csv:
            var csv = TextTable(header: [
                "budget_flop", "runs", "fitted_runs", "n_star", "n_star_lower", "n_star_upper", "d_star", "d_star_lower",
                "d_star_upper", "tokens_per_parameter", "loss_star", "confidence_level", "status", "reason",
            ])
            for p in analysis.profiles {
                let o = p.optimum
                var row = [NumberFormat.exact(p.budget), String(p.runs), String(p.fittedRuns)]
                row += [o?.parameters, o?.parametersLower, o?.parametersUpper, o?.tokens, o?.tokensLower, o?.tokensUpper,
                        o?.tokensPerParameter, o?.loss, o.map { _ in analysis.options.confidenceLevel }].map(NumberFormat.exact)
                row += [StatusWords.budget(accepted: p.isAccepted), p.refusal?.description ?? ""]
                csv.append(row)
            }
            return csv.csv()
        case .json:
            return try ReportJSON.string(JSONForm(analysis, source: source))
        }
    }

    static func text(_ analysis: IsoFlopAnalysis, source: String, markdown: Bool) -> String {
        let level = FitReportRenderer.levelText(analysis.options.confidenceLevel)
        var profile = analysis.options.shape.description
        if let k = analysis.options.neighbours { profile += ", the lowest-loss size and \(k) on each side" }
        let fields: [(String, String)] = [
            ("data", source),
            ("profile", profile),
            ("budgets", analysis.options.grouping.description),
            ("intervals", analysis.options.shape == .interpolated
                ? "none (an interpolated minimum has no coefficient covariance)"
                : "\(level), delta method on the profile coefficients (Student t)"),
        ]
        var out: String
        if markdown {
            out = "## Iso-FLOP analysis (Approach 2)\n\n" + fields.map { "- \($0.0): \($0.1)\n" }.joined() + "\n"
        } else {
            out = "Iso-FLOP analysis (Chinchilla Approach 2, Hoffmann et al. 2022)\n"
                + FitReportRenderer.keyValues(fields, separator: ": ", indent: "") + "\n"
        }
        var grid = TextTable(
            header: ["budget (FLOP)", "runs", "fitted", "N*", "N* interval", "D*", "D*/N*", "loss*", "status"],
            numeric: [true, true, true, true, false, true, true, true, false])
        for p in analysis.profiles {
            let status = StatusWords.budget(accepted: p.isAccepted)
            guard let o = p.optimum else {
                grid.append([NumberFormat.significant(p.budget, digits: 4), String(p.runs), String(p.fittedRuns),
                             "-", "-", "-", "-", "-", status])
                continue
            }
            var interval = "-"
            if let lower = o.parametersLower, let upper = o.parametersUpper {
                interval = "[" + NumberFormat.human(lower) + ", " + NumberFormat.human(upper) + "]"
            }
            grid.append([
                NumberFormat.significant(p.budget, digits: 4), String(p.runs), String(p.fittedRuns),
                NumberFormat.human(o.parameters), interval, NumberFormat.human(o.tokens),
                NumberFormat.significant(o.tokensPerParameter, digits: 4), NumberFormat.significant(o.loss, digits: 5), status,
            ])
        }
        out += markdown ? grid.markdown() : grid.plainText()
        let refused = analysis.profiles.compactMap(\.reason)
        if !refused.isEmpty {
            out += "\n" + (markdown ? "Refused budgets:\n\n" : "Refused budgets:\n")
            out += refused.map { (markdown ? "- " : "  ") + $0 + "\n" }.joined()
        }
        let accepted = analysis.accepted.count
        out += "\n" + "Frontier: log-log least squares over \(accepted) accepted budget\(accepted == 1 ? "" : "s")"
            + (markdown ? "\n\n" : "\n")
        var laws = TextTable(header: ["law", "exponent", "std err", "\(level) interval", "coefficient", "R²"],
                             numeric: [false, true, true, false, true, true])
        for (name, law) in [("N* = k·C^a", analysis.parameterLaw), ("D* = k·C^b", analysis.tokenLaw)] {
            var interval = "-"
            if let lower = law.exponentLower, let upper = law.exponentUpper {
                interval = "[" + NumberFormat.significant(lower, digits: 4) + ", " + NumberFormat.significant(upper, digits: 4) + "]"
            }
            laws.append([
                name, NumberFormat.significant(law.exponent, digits: 5),
                NumberFormat.significant(law.exponentStandardError, digits: 3, placeholder: "-"), interval,
                NumberFormat.significant(law.coefficient, digits: 5),
                NumberFormat.significant(law.rSquared, digits: 6, placeholder: "-"),
            ])
        }
        out += markdown ? laws.markdown() : laws.plainText()
        if let c = analysis.approach3 {
            let p = c.parameters
            out += "\n" + "Approach 3: L = E + A/N^α + B/D^β fitted to the same \(c.runs) runs "
                + "(summed Huber δ = 1e-3 on log residuals)\(c.converged ? "" : ", NOT CONVERGED")" + (markdown ? "\n\n" : "\n")
            let constants: [(String, String)] = [
                ("constants", "E = \(NumberFormat.significant(p.e, digits: 5)), A = \(NumberFormat.significant(p.a, digits: 5)), "
                    + "B = \(NumberFormat.significant(p.b, digits: 5)), α = \(NumberFormat.significant(p.alpha, digits: 4)), "
                    + "β = \(NumberFormat.significant(p.beta, digits: 4))"),
                ("exponent", "a3 = β/(α+β) = \(NumberFormat.significant(c.parametricExponent, digits: 4)); "
                    + "iso-FLOP a = \(NumberFormat.significant(c.isoFlopExponent, digits: 4)); "
                    + "a − a3 = \(NumberFormat.significant(c.exponentDifference, digits: 3))"),
            ]
            out += markdown
                ? constants.map { "- \($0.0): \($0.1)\n" }.joined() + "\n"
                : FitReportRenderer.keyValues(constants, separator: ": ", indent: "  ")
            var rows = TextTable(header: ["budget (FLOP)", "N* (iso-FLOP)", "N_opt (Approach 3)", "ratio"],
                                 numeric: [true, true, true, true])
            for row in c.rows {
                rows.append([NumberFormat.significant(row.budget, digits: 4), NumberFormat.human(row.isoFlopParameters),
                             NumberFormat.human(row.parametricParameters), NumberFormat.significant(row.ratio, digits: 4)])
            }
            out += markdown ? rows.markdown() : rows.plainText()
        } else if let failure = analysis.approach3Failure {
            out += "\nApproach 3: \(failure)\n"
        }
        return out
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
