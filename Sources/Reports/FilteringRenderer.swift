import Foundation
import Forecast
import ScalingLaws

/// Renders a `Forecast/DataFilteringPlan`: for each sample budget the error of every top-k%
/// mixture and the best one, then the budgets where the best level changes.
public enum FilteringRenderer {
    /// The plan in `format`, ending in a newline.
    /// - Parameters:
    ///   - plan: the decision.
    ///   - source: where the pools came from.
    ///   - bootstrap: bootstrap intervals on the decision, when asked for.
    ///   - format: the output format.
    /// - Returns: the rendered report.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ plan: DataFilteringPlan, source: String, bootstrap: DataFilteringBootstrap? = nil,
                              format: ReportFormat) throws -> String {
        try report(plan, source: source, bootstrap: bootstrap).render(format, payload: JSONForm(plan, source: source, bootstrap: bootstrap))
    }

    /// The plan as a report: the model's fields, the error of every mixture per budget with the
    /// best one (CSV: exact errors), and the crossovers where the best pool changes.
    /// With `bootstrap`, the report adds the bootstrap probability of each mixture being best
    /// per budget, and the crossovers' 95% percentile intervals.
    public static func report(_ plan: DataFilteringPlan, source: String, bootstrap: DataFilteringBootstrap? = nil) -> Report {
        let names = plan.mixtureNames
        let p = plan.parameters
        let pools = QQTMixture.bestFirst(p.pools).map {
            "\($0.name) (b = \(NumberFormat.significant($0.utility, digits: 4)), τ = \(NumberFormat.significant($0.halfLife, digits: 4)))"
        }
        var model = ReportSection(title: "Data filtering", subtitle: "error by top-k% pool and the best pool per sample budget")
        model.fields([
            ("source", source),
            ("model", "QQT error y(n) of the best p pools mixed (Goyal et al. 2024), half-lives \(plan.rule == .scaledByPoolCount ? "× p (the authors' script)" : "as printed")"),
            ("shared", "a = \(NumberFormat.significant(p.a, digits: 4)), d = \(NumberFormat.significant(p.d, digits: 4)), \(NumberFormat.human(p.poolSize)) samples per pool"),
            ("pools", pools.joined(separator: "; ")),
        ])
        var grid = ReportTable(
            columns: [.number("samples")] + names.map { .number($0, csvName: "error_" + $0.replacingOccurrences(of: " ", with: "_")) } + [ReportColumn("best")],
            exportsToCSV: true)
        for choice in plan.choices {
            grid.append([ReportCell(NumberFormat.human(choice.samples), exact: NumberFormat.exact(choice.samples))]
                        + choice.errors.map { ReportCell(NumberFormat.fixed($0, decimals: 4), exact: NumberFormat.exact($0)) }
                        + [ReportCell(choice.poolCount > 0 ? names[choice.poolCount - 1] : "-", exact: choice.poolCount > 0 ? names[choice.poolCount - 1] : "")])
        }
        model.table(grid)
        if let bootstrap {
            model.fields([("bootstrap", "\(bootstrap.refits) of \(bootstrap.resamples) refits (rows resampled within each pool, joint refit), seed \(bootstrap.seed)")])
            var probabilities = ReportTable(
                title: "Bootstrap probability that each level is best",
                columns: [.number("samples")] + names.map { .number($0, csvName: "p_best_" + $0.replacingOccurrences(of: " ", with: "_")) })
            for (i, choice) in plan.choices.enumerated() {
                probabilities.append([ReportCell(NumberFormat.human(choice.samples), exact: NumberFormat.exact(choice.samples))]
                                     + bootstrap.bestProbability[i].map { ReportCell(NumberFormat.fixed($0, decimals: 2), exact: NumberFormat.exact($0)) })
            }
            model.table(probabilities)
        }
        let range = "\(NumberFormat.human(plan.range.lowerBound)) to \(NumberFormat.human(plan.range.upperBound)) samples"
        let intervalColumns: [ReportColumn] = bootstrap == nil ? [] : [.number("2.5%"), .number("97.5%"), .number("refits with it")]
        var crossings = ReportTable(
            columns: [.number("samples"), ReportColumn("best below"), ReportColumn("best above"), .number("error there")] + intervalColumns,
            emptyText: "none between \(range)")
        for (k, c) in plan.crossovers.enumerated() {
            var row: [ReportCell] = [.number(c.samples, digits: 5), ReportCell(names[c.poolsBefore - 1]), ReportCell(names[c.poolsAfter - 1]),
                                     ReportCell(NumberFormat.fixed(c.error, decimals: 4))]
            if let interval = bootstrap?.crossovers[k] {
                row += [.number(interval.lower, digits: 4), .number(interval.upper, digits: 4), .count(interval.found)]
            }
            crossings.append(row)
        }
        var crossovers = ReportSection(title: "Crossovers", subtitle: "where the best pool changes, \(range)")
        crossovers.table(crossings)
        return Report(title: "Data filtering: best pool per budget", sections: [model, crossovers])
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
        let bootstrap: Bootstrap?

        struct Bootstrap: Encodable {
            let resamples: Int
            let refits: Int
            let seed: UInt64
            let bestProbability: [[Double]]
            let crossovers: [DataFilteringBootstrap.CrossoverInterval]
        }

        init(_ plan: DataFilteringPlan, source: String, bootstrap: DataFilteringBootstrap?) {
            self.bootstrap = bootstrap.map {
                Bootstrap(resamples: $0.resamples, refits: $0.refits, seed: $0.seed, bestProbability: $0.bestProbability, crossovers: $0.crossovers)
            }
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
