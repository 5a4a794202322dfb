import Forecast
import Foundation
import ScalingLaws

/// The figure of `compare-recipes`: each recipe's loss at the compute-optimal point `L*(C)`
/// against the budget (`Forecast/RecipeFrontier/loss(at:)`) under one model, with the
/// bootstrap band at the comparison's level, the crossovers with the baseline marked, and the
/// requested budgets as points on the baseline's curve.
public enum RecipeFrontierPlot {
    /// The figure for `model` of `comparison`, from `range` (FLOP).
    public static func figure(_ comparison: RecipeComparison, model: RecipeModelFit, range: ClosedRange<Double>, source: String) -> Figure {
        let level = comparison.options.confidenceLevel
        let grid = PlotScales.grid(range.lowerBound, range.upperBound, count: 80, scale: .log)
        let bands = model.bands(at: grid, level: level)
        var figure = Figure(
            title: "Compute-optimal loss per recipe (\(model.model))",
            subtitle: "\(source): \(comparison.recipes.joined(separator: ", ")); baseline \(comparison.baseline)",
            x: PlotAxis(label: model.model == .approach2 ? "iso-FLOP budget C (FLOP)" : "training compute C = 6ND (FLOP)", scale: .log),
            y: PlotAxis(label: "loss at the compute-optimal point L*(C)", scale: .linear))
        for (r, frontier) in model.frontiers.enumerated() {
            let color = PlotColor.palette[r % PlotColor.palette.count]
            if !model.draws.isEmpty {
                figure.series.append(.band(
                    nil, x: grid, lower: bands[r].map { $0.lower ?? .nan }, upper: bands[r].map { $0.upper ?? .nan }, color: color))
            }
            let label = comparison.recipes[r] + (comparison.recipes[r] == comparison.baseline ? " (baseline)" : "")
            figure.series.append(.line(label, x: grid, y: grid.map { frontier.loss(at: $0) }, color: color))
        }
        var crossX: [Double] = [], crossY: [Double] = []
        for search in model.crossovers {
            for c in search.crossovers {
                crossX.append(c.budget)
                crossY.append(model.frontiers[comparison.recipes.firstIndex(of: comparison.baseline) ?? 0].loss(at: c.budget))
            }
        }
        if !crossX.isEmpty {
            figure.series.append(.scatter("crossover", x: crossX, y: crossY, color: .black, marker: .diamond))
        }
        figure.notes.append(
            model.draws.isEmpty
                ? "no bootstrap: curves only"
                : "bands: \(Int((level * 100).rounded()))% percentile of L*(C) over \(model.draws.count) bootstrap refits (runs resampled within each recipe)")
        if crossX.isEmpty { figure.notes.append("no crossover with the baseline in this range") }
        let data = comparison.dataRange
        figure.notes.append(
            "runs: C = 6ND from \(NumberFormat.significant(data.lowerBound, digits: 3)) to \(NumberFormat.significant(data.upperBound, digits: 3)); beyond that the curves extrapolate")
        return figure
    }
}
