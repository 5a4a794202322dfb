import Forecast
import ScalingLaws

/// The fit-based figures by kind: one entry point for the CLI and the HTML report.
public enum ScalingPlots {
    /// The figure of `kind` for a fit and its data. `.trend` needs a `ScalingLaws/CostTrend`,
    /// so it is drawn by ``TrendPlot/figure(trend:years:costs:costLabel:source:)``; here it
    /// applies to fits of `exponential-trend` and refits nothing: the caller passes the trend.
    ///
    /// - Throws: ``PlotError`` when the kind does not apply to the law or there is nothing to
    ///   draw, and the errors of `Forecast/ComputeOptimizer`.
    ///
    /// `isoflop`, an iso-FLOP analysis of the same runs (made by the caller), turns `.isoflop`
    /// into the Approach-2 figure (``IsoFlopAnalysisPlot/profiles(_:)``) and is what
    /// `.isoflopFrontier` draws; without it `.isoflop` draws the law's valleys (``IsoFLOPPlot``).
    ///
    /// `xRange` sets the x range of `.forecast` (`plot --x-range`, to reach the budget asked for).
    public static func figure(
        _ kind: PlotKind, input: PlotInput, trend: CostTrend? = nil, isoflop: IsoFlopPlotInput? = nil, xRange: ClosedRange<Double>? = nil
    ) throws -> Figure {
        switch kind {
        case .curves: return try CurvesPlot.figure(input)
        case .residuals: return try ResidualsPlot.figure(input)
        case .isoflop:
            if let isoflop { return IsoFlopAnalysisPlot.profiles(isoflop) }
            return try IsoFLOPPlot.figure(input)
        case .isoflopFrontier:
            guard let isoflop else { throw PlotError.nothingToDraw(kind: .isoflopFrontier, reason: noBudgets) }
            return IsoFlopAnalysisPlot.frontier(isoflop)
        case .frontier: return try FrontierPlot.figure(input)
        case .forecast: return try ForecastFanPlot.figure(input, xRange: xRange)
        case .pareto: return try ParetoPlot.figure(input)
        case .filtering:
            throw PlotError.notApplicable(
                kind: .filtering, law: input.law.name,
                needs: "a joint qqt fit of the pools ('fit POOLS.csv --law qqt --by POOL --shared a --output FILE')", has: "is a single fit")
        case .trend:
            guard input.law.family == .costTrend, let trend else {
                throw PlotError.notApplicable(
                    kind: .trend, law: input.law.name, needs: "a fit of 'exponential-trend' (cost vs date) or dates and costs",
                    has: "is another law")
            }
            let years = (try? input.data.column(input.law.inputs[0].role)) ?? []
            let costs = input.response
            return try TrendPlot.figure(
                trend: trend, years: years, costs: costs, costLabel: PlotInput.axisLabel(input.responseVariable),
                source: input.data.source)
        case .lossCurve:
            throw PlotError.notApplicable(kind: .lossCurve, law: input.law.name, needs: "a curve fit ('curve fit --output') and --curve or --schedule",
                                          has: "is a law of final losses")
        }
    }

    /// Why there is no iso-FLOP figure without an analysis.
    static let noBudgets = "no iso-FLOP analysis of the runs (give --budget-column COLUMN, or runs on a few budgets C = 6ND)"

    /// The kinds that apply to a law (for the HTML report); `isoflop` when an iso-FLOP analysis
    /// of the runs exists (adds `.isoflopFrontier`, and `.isoflop` for any law).
    public static func kinds(for law: any ScalingLaw, isoflop: Bool = false) -> [PlotKind] {
        let roles = law.inputs.map(\.role)
        var kinds: [PlotKind] = [.curves, .residuals]
        if roles == ["N", "D"] || isoflop { kinds.append(.isoflop) }
        if isoflop { kinds.append(.isoflopFrontier) }
        if roles == ["N", "D"] { kinds.append(.frontier) }
        if roles == ["N", "D"] || roles.count == 1 { kinds.append(.forecast) }
        if law.family == .reinforcementLearning { kinds.append(.pareto) }
        if law.family == .costTrend { kinds.append(.trend) }
        return kinds
    }
}
