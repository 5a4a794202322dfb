import Forecast
import Foundation
import ScalingLaws

extension AllocationTable {
    /// The closed-form Chinchilla allocation of each budget from a law source (Hoffmann et al.
    /// 2022, arXiv:2203.15556, eq. 4):
    ///
    /// ```
    /// N_opt(C) = G·(C/6)^(β/(α+β)),   D_opt(C) = G⁻¹·(C/6)^(α/(α+β)),   G = (αA/(βB))^(1/(α+β))
    /// ```
    /// With a fit artifact behind the source, the table also carries the allocation intervals
    /// from its bootstrap draws (`Forecast/AllocationInterval/bootstrap(budgets:fit:)`), the
    /// loss intervals at each optimum (`Forecast/LawSource/intervals(at:)`) and, with bootstrap
    /// draws, the percentile interval of the exponent `a = β/(α+β)`.
    /// - Parameters:
    ///   - source: a source whose loss law is Chinchilla (a fit, preset or law by value).
    ///   - budgets: the budgets in FLOP.
    /// - Returns: the table `AllocationRenderer` renders.
    /// - Throws: `Forecast/LawSourceError` for a source that is not a Chinchilla law, and the
    ///   errors of the intervals.
    public static func chinchilla(source: LawSource, budgets: [Double]) throws -> AllocationTable {
        let parameters = try source.chinchillaParameters(command: "optimal")
        let points = budgets.map { ChinchillaLaw.computeOptimal(budget: $0, parameters: parameters) }
        let intervals = try source.fit.flatMap { try AllocationInterval.bootstrap(budgets: budgets, fit: $0) }
        var table = AllocationTable(
            label: source.label, detail: source.detail, parameters: parameters, points: points, intervals: intervals)
        guard let fit = source.fit else { return table }
        let level = fit.bootstrap?.confidenceLevel ?? fit.confidenceLevel
        table.lossIntervals = try points.map { point in
            let i = try source.intervals(at: [point.parameters, point.tokens])
            return LossInterval(
                confidenceLevel: level, lower: i.lower, upper: i.upper, predictionLower: i.predictionLower, predictionUpper: i.predictionUpper)
        }
        table.lossIntervalMethod = source.intervalMethod
        if let boot = fit.bootstrap, let alpha = boot.parameterNames.firstIndex(of: "alpha"),
           let beta = boot.parameterNames.firstIndex(of: "beta") {
            table.exponentInterval = boot.percentileInterval { $0[beta] / ($0[alpha] + $0[beta]) }
        }
        return table
    }
}
