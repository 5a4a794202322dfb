import Foundation
import NonlinearFit
import ScalingLaws

/// The compute-optimal frontier of a fitted Chinchilla law (Hoffmann et al. 2022, Approach 3,
/// eq. 4) under `C = 6ND`, with the covariance of its two constants:
///
/// ```
/// N_opt(C) = G·(C/6)^a3,   a3 = β/(α+β),   log G = (log(αA) − log(βB))/(α+β)
/// Var(log N_opt) = Var(log G) + w²·Var(a3) + 2w·Cov(log G, a3),   w = log(C/6)
/// ```
/// `Var(log G)`, `Var(a3)` and `Cov(log G, a3)` come from the delta method on the fit's
/// covariance (`ScalingLaws/LawFit/derivedQuantity(_:)`); the covariance from
/// `Var(log G + a3) − Var(log G) − Var(a3) = 2·Cov`. Intervals use Student t with the fit's
/// residual degrees of freedom.
public struct ParametricFrontier: Sendable, Equatable, Codable {
    /// `log G`.
    public let logCoefficient: Double
    /// `a3 = β/(α+β)`.
    public let exponent: Double
    /// Covariance of `(log G, a3)`, 2×2, or `nil` when the fit has none.
    public let covariance: [[Double]]?
    /// Residual degrees of freedom of the fit.
    public let degreesOfFreedom: Int
    /// Level of the fit's intervals.
    public let confidenceLevel: Double

    /// `N_opt` at `budget` with its interval at `level` (default: the fit's level).
    public func prediction(at budget: Double, confidenceLevel level: Double? = nil) -> FrontierPrediction {
        let level = level ?? confidenceLevel
        let w = log(budget / 6)
        let value = exp(logCoefficient + exponent * w)
        guard let covariance, degreesOfFreedom > 0 else {
            return FrontierPrediction(at: budget, value: value, logStandardError: nil, lower: nil, upper: nil, confidenceLevel: level)
        }
        let variance = covariance[0][0] + w * w * covariance[1][1] + 2 * w * covariance[0][1]
        guard variance.isFinite, variance >= 0 else {
            return FrontierPrediction(at: budget, value: value, logStandardError: nil, lower: nil, upper: nil, confidenceLevel: level)
        }
        let se = variance.squareRoot()
        let t = Distributions.studentTQuantile((1 + level) / 2, degreesOfFreedom: Double(degreesOfFreedom))
        return FrontierPrediction(
            at: budget, value: value, logStandardError: se, lower: value * exp(-t * se), upper: value * exp(t * se),
            confidenceLevel: level)
    }

    /// The frontier of a Chinchilla fit; `nil` when the fit lacks one of `A`, `B`, `alpha`, `beta`.
    public static func make(fit: LawFit, law: any ScalingLaw) -> ParametricFrontier? {
        guard let a = law.parameterIndex("A"), let b = law.parameterIndex("B"),
              let alpha = law.parameterIndex("alpha"), let beta = law.parameterIndex("beta") else { return nil }
        func logG(_ v: [Double]) -> Double { (log(v[alpha] * v[a]) - log(v[beta] * v[b])) / (v[alpha] + v[beta]) }
        func a3(_ v: [Double]) -> Double { v[beta] / (v[alpha] + v[beta]) }
        let g = fit.derivedQuantity(logG), e = fit.derivedQuantity(a3), sum = fit.derivedQuantity { logG($0) + a3($0) }
        var covariance: [[Double]]? = nil
        if let sg = g.standardError, let se = e.standardError, let ss = sum.standardError {
            let c = (ss * ss - sg * sg - se * se) / 2
            covariance = [[sg * sg, c], [c, se * se]]
        }
        return ParametricFrontier(
            logCoefficient: g.value, exponent: e.value, covariance: covariance,
            degreesOfFreedom: fit.statistics.degreesOfFreedom, confidenceLevel: fit.confidenceLevel)
    }
}
