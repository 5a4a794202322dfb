import Foundation
import NonlinearFit

/// A scalar derived from a fit's parameters, `q = f(θ)`, with its delta-method standard error
/// and confidence interval:
///
/// ```
/// Var q ≈ ∇_φ fᵀ · Σ · ∇_φ f        (φ: the free fitted parameters, Σ their covariance)
/// q ± t_{(1+level)/2, dof} · SE(q)
/// ```
/// The gradient is taken by central differences in the fitted parameterization (log scale for
/// parameters fitted as logarithms), step `1e-6·max(1, |φ_k|)`.
public struct DerivedQuantityEstimate: Sendable, Equatable, Codable {
    /// The derived quantity `q = f(θ̂)` at the estimates.
    public let value: Double
    /// `nil` without a covariance, or when the variance is not finite.
    public let standardError: Double?
    /// Lower end of `q ± t·SE(q)`, or `nil` without a standard error.
    public let lower: Double?
    /// Upper end of `q ± t·SE(q)`, or `nil` without a standard error.
    public let upper: Double?
    /// Level of the interval (the fit's).
    public let confidenceLevel: Double
}

extension LawFit {
    /// The delta-method estimate of `f` (given law values in the law's order).
    public func derivedQuantity(_ f: ([Double]) -> Double) -> DerivedQuantityEstimate {
        let value = f(values)
        let none = DerivedQuantityEstimate(value: value, standardError: nil, lower: nil, upper: nil, confidenceLevel: confidenceLevel)
        guard let covariance, !covarianceNames.isEmpty, value.isFinite else { return none }
        func lawValues(_ fitted: [Double]) -> [Double] {
            var v = fitted
            for k in v.indices where fittedNames[k].hasPrefix("log_") { v[k] = exp(fitted[k]) }
            return v
        }
        var g: [Double] = []
        for name in covarianceNames {
            guard let k = fittedNames.firstIndex(of: name) else { return none }
            let h = 1e-6 * Swift.max(1, Swift.abs(fittedValues[k]))
            var up = fittedValues, down = fittedValues
            up[k] += h
            down[k] -= h
            g.append((f(lawValues(up)) - f(lawValues(down))) / (2 * h))
        }
        var variance = 0.0
        for a in g.indices {
            for b in g.indices { variance += g[a] * covariance[a][b] * g[b] }
        }
        guard variance.isFinite, variance >= 0 else { return none }
        let se = variance.squareRoot()
        let dof = Double(statistics.degreesOfFreedom)
        let t = dof > 0 ? Distributions.studentTQuantile(0.5 + confidenceLevel / 2, degreesOfFreedom: dof) : .nan
        guard t.isFinite else {
            return DerivedQuantityEstimate(value: value, standardError: se, lower: nil, upper: nil, confidenceLevel: confidenceLevel)
        }
        return DerivedQuantityEstimate(value: value, standardError: se, lower: value - t * se, upper: value + t * se,
                                       confidenceLevel: confidenceLevel)
    }
}
