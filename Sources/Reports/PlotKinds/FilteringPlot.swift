import Foundation
import Forecast
import ScalingLaws

/// `--kind filtering`: error against samples seen, one curve per data pool and per top-k%
/// mixture, with the crossover budgets marked (Goyal et al. 2024, "Scaling Laws for Data
/// Filtering — Data Curation cannot be Compute Agnostic", arXiv:2404.07177, their figures of
/// error vs samples seen per pool):
///
/// ```
/// y_i(n) = QQT error of pool i alone       (solid; its rows as points, from a joint fit)
/// y_p(n) = error of the best p pools mixed (dashed, p ≥ 2; QQTMixture)
/// n*     : y_p(n*) = y_q(n*)               (stars, from DataFilteringPlan)
/// ```
/// The x axis is samples seen `n` (log); the y axis the error on a linear scale (the QQT error
/// is not a power law in `n` once pools repeat).
public enum FilteringPlot {
    /// The figure of `plan`, with the rows of `fit` as points when given.
    /// - Parameters:
    ///   - plan: the decision (pools, shared constants, crossovers and their search range).
    ///   - fit: the joint fit the plan came from, for its rows; `nil` for a preset.
    ///   - source: where the pools came from, shown under the title.
    /// - Returns: the figure.
    public static func figure(plan: DataFilteringPlan, fit: SharedParameterFit? = nil, source: String) -> Figure {
        let p = plan.parameters
        let law = QQTLaw()
        var lo = plan.range.lowerBound, hi = plan.range.upperBound
        let samplesColumn = fit?.inputRoles.firstIndex(of: "samples")
        if let fit, let column = samplesColumn {
            for group in fit.groups {
                lo = Swift.min(lo, group.inputs[column].min() ?? lo)
                hi = Swift.max(hi, group.inputs[column].max() ?? hi)
            }
        }
        if !(hi > lo) { hi = lo * 10 }
        let grid = PlotScales.grid(lo, hi, count: 240, scale: .log)
        var figure = Figure(
            title: "Error vs samples seen, per data pool (QQT)",
            subtitle: source,
            x: PlotAxis(label: "samples seen, n", scale: .log),
            y: PlotAxis(label: "error y (e.g. 1 − zero-shot accuracy)", scale: .linear))
        let ranked = QQTMixture.bestFirst(p.pools)
        for (i, pool) in ranked.enumerated() {
            let vector = [p.a, pool.utility, pool.halfLife, p.d]
            figure.series.append(.line(pool.name, x: grid, y: grid.map { law.evaluate([$0, p.poolSize], vector) }, color: PlotColor.series(i)))
            if let fit, let column = samplesColumn, let group = fit.groups.first(where: { $0.label == pool.name }) {
                figure.series.append(.scatter(nil, x: group.inputs[column], y: group.response, color: PlotColor.series(i)))
            }
        }
        let names = plan.mixtureNames
        if ranked.count >= 2 {
            for count in 2...ranked.count {
                let y = grid.map { QQTMixture.error(samples: $0, bestPools: count, of: p, rule: plan.rule) }
                figure.series.append(.line("\(names[count - 1]) mixed", x: grid, y: y, color: PlotColor.series(count - 1), style: .dashed, width: 1.5))
            }
        }
        for c in plan.crossovers {
            figure.series.append(.scatter(
                "\(names[c.poolsBefore - 1]) → \(names[c.poolsAfter - 1]) at \(NumberFormat.human(c.samples))",
                x: [c.samples], y: [c.error], color: .black, marker: .star))
        }
        figure.notes.append("a = \(NumberFormat.significant(p.a, digits: 4)), d = \(NumberFormat.significant(p.d, digits: 4)), S = \(NumberFormat.human(p.poolSize)) per pool; ★ where the best level changes")
        return figure
    }
}
