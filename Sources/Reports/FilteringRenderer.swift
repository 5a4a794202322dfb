import Foundation
import Forecast
import ScalingLaws

/// Renders a `Forecast/DataFilteringPlan`: for each sample budget the error of every top-k%
/// mixture and the best one, then the budgets where the best level changes.
public enum FilteringRenderer {
    /// The plan in `format`, ending in a newline. `source` names the parameters.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ plan: DataFilteringPlan, source: String, format: ReportFormat) throws -> String {
        let names = plan.mixtureNames
        switch format {
        case .json:
            return try ReportJSON.string(JSONForm(plan, source: source))
        case .csv:
            var table = TextTable(header: ["samples"] + names.map { "error_" + $0.replacingOccurrences(of: " ", with: "_") } + ["best"])
            for choice in plan.choices {
                table.append([NumberFormat.exact(choice.samples)] + choice.errors.map { NumberFormat.exact($0) }
                             + [choice.poolCount > 0 ? names[choice.poolCount - 1] : ""])
            }
            return table.csv()
        case .table, .markdown:
            let p = plan.parameters
            let pools = QQTMixture.bestFirst(p.pools).map { "\($0.name) (b = \(NumberFormat.significant($0.utility, digits: 4)), τ = \(NumberFormat.significant($0.halfLife, digits: 4)))" }
            let fields: [(String, String)] = [
                ("source", source),
                ("model", "QQT error y(n) of the best p pools mixed (Goyal et al. 2024), half-lives \(plan.rule == .scaledByPoolCount ? "× p (the authors' script)" : "as printed")"),
                ("shared", "a = \(NumberFormat.significant(p.a, digits: 4)), d = \(NumberFormat.significant(p.d, digits: 4)), \(NumberFormat.human(p.poolSize)) samples per pool"),
                ("pools", pools.joined(separator: "; ")),
            ]
            var grid = TextTable(header: ["samples"] + names + ["best"], numeric: Array(repeating: true, count: names.count + 1) + [false])
            for choice in plan.choices {
                grid.append([NumberFormat.human(choice.samples)] + choice.errors.map { NumberFormat.fixed($0, decimals: 4) }
                            + [choice.poolCount > 0 ? names[choice.poolCount - 1] : "-"])
            }
            var crossings = TextTable(header: ["samples", "best below", "best above", "error there"], numeric: [true, false, false, true])
            for c in plan.crossovers {
                crossings.append([NumberFormat.significant(c.samples, digits: 5), names[c.poolsBefore - 1], names[c.poolsAfter - 1],
                                  NumberFormat.fixed(c.error, decimals: 4)])
            }
            let range = "\(NumberFormat.human(plan.range.lowerBound)) to \(NumberFormat.human(plan.range.upperBound)) samples"
            let crossText = plan.crossovers.isEmpty ? "none between \(range)\n" : nil
            if format == .markdown {
                var out = "## Data filtering: best pool per budget\n\n" + fields.map { "- \($0.0): \($0.1)\n" }.joined()
                out += "\n" + grid.markdown() + "\n### Crossovers (\(range))\n\n" + (crossText ?? crossings.markdown())
                return out
            }
            return "Data filtering: error by top-k% pool and the best pool per sample budget\n"
                + FitReportRenderer.keyValues(fields, separator: ": ", indent: "") + "\n" + grid.plainText()
                + "\nCrossovers where the best pool changes (\(range))\n" + (crossText ?? crossings.plainText())
        }
    }

    struct JSONForm: Encodable {
        struct Row: Encodable {
            let samples: Double
            let errors: [Double]
            let best: String
            let bestPoolCount: Int
        }
        struct Crossover: Encodable {
            let samples: Double
            let before: String
            let after: String
            let error: Double
        }
        let source: String
        let parameters: QQTParameters
        let halfLifeRule: String
        let mixtures: [String]
        let rows: [Row]
        let crossovers: [Crossover]
        let crossoverRange: [Double]

        init(_ plan: DataFilteringPlan, source: String) {
            let names = plan.mixtureNames
            self.source = source
            parameters = plan.parameters
            halfLifeRule = plan.rule.rawValue
            mixtures = names
            rows = plan.choices.map {
                Row(samples: $0.samples, errors: $0.errors, best: $0.poolCount > 0 ? names[$0.poolCount - 1] : "", bestPoolCount: $0.poolCount)
            }
            crossovers = plan.crossovers.map {
                Crossover(samples: $0.samples, before: names[$0.poolsBefore - 1], after: names[$0.poolsAfter - 1], error: $0.error)
            }
            crossoverRange = [plan.range.lowerBound, plan.range.upperBound]
        }
    }
}
