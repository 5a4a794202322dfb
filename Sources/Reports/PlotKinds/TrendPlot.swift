import Foundation
import ScalingLaws

/// `--kind trend`: a cost trend in time (Cottier et al. 2024, arXiv:2405.21015) on a log axis:
/// the runs, the OLS line `log10 cost = c + g·(t − t̄)` of a `ScalingLaws/CostTrend`, its
/// confidence band `±t·s·√(1/n + (t − t̄)²/Sxx)` and the prediction band of a new run
/// `±t·s·√(1 + 1/n + (t − t̄)²/Sxx)` (both in log10 space), from the first date to two years
/// past the last.
public enum TrendPlot {
    /// - Parameters:
    ///   - trend: The fitted trend.
    ///   - years: Decimal years of the runs.
    ///   - costs: Their costs.
    ///   - costLabel: The cost axis' label, units included.
    ///   - source: The data's name for the subtitle.
    public static func figure(
        trend: CostTrend, years: [Double], costs: [Double], costLabel: String = "training cost (USD)", source: String
    ) throws -> Figure {
        let finite = years.filter(\.isFinite)
        guard let first = finite.min(), let last = finite.max() else {
            throw PlotError.nothingToDraw(kind: .trend, reason: "no finite date")
        }
        let grid = PlotScales.grid(first, last + 2, count: 60, scale: .linear)
        let predictions = grid.map(trend.predict(at:))
        let level = NumberFormat.significant(trend.confidenceLevel * 100, digits: 4) + "%"
        let growth = trend.growthFactorInterval
        var figure = Figure(
            title: "Cost trend: \(NumberFormat.significant(trend.slope, digits: 3)) OOM/year (\(NumberFormat.significant(trend.growthFactor, digits: 3))× per year)",
            subtitle: "OLS of log10 cost on date — \(URL(fileURLWithPath: source).lastPathComponent) (\(trend.count) runs)",
            x: PlotAxis(label: "publication date (year)"),
            y: PlotAxis(label: costLabel, scale: .log))
        figure.series.append(.band("\(level) PI of a new run", x: grid, lower: predictions.map(\.prediction.lower), upper: predictions.map(\.prediction.upper), color: PlotColor.series(0), opacity: 0.12))
        figure.series.append(.band("\(level) CI of the trend", x: grid, lower: predictions.map(\.confidence.lower), upper: predictions.map(\.confidence.upper), color: PlotColor.series(0), opacity: 0.3))
        figure.series.append(.line("trend", x: grid, y: predictions.map(\.cost), color: PlotColor.series(0)))
        figure.series.append(.scatter("runs (\(costs.count))", x: years, y: costs, color: PlotColor.series(1)))
        figure.notes.append("Growth \(NumberFormat.significant(trend.growthFactor, digits: 3))×/year (\(level) CI \(NumberFormat.significant(growth.lower, digits: 3))–\(NumberFormat.significant(growth.upper, digits: 3))), doubling time \(NumberFormat.significant(trend.doublingTimeMonths, digits: 3)) months, R² = \(NumberFormat.fixed(trend.rSquared, decimals: 3)).")
        return figure
    }
}
