import Foundation
import ScalingLaws

/// Bootstrap percentile intervals of one compute-optimal point: `N_opt`, `D_opt` and `D/N`
/// across the draws of a bootstrapped fit, each widened to hold the fitted optimum
/// (``PropagatedInterval``).
public struct AllocationInterval: Sendable, Equatable, Encodable {
    /// Level of the intervals (the bootstrap's).
    public var confidenceLevel: Double
    /// Draws the intervals come from.
    public var draws: Int
    /// Interval of `N_opt`, parameters.
    public var parameters: BootstrapInterval
    /// Interval of `D_opt`, tokens.
    public var tokens: BootstrapInterval
    /// Interval of `D_opt/N_opt`.
    public var tokensPerParameter: BootstrapInterval

    /// Intervals of one compute-optimal point.
    /// - Parameters:
    ///   - confidenceLevel: Level of the intervals.
    ///   - draws: Draws the intervals come from.
    ///   - parameters: Interval of `N_opt`.
    ///   - tokens: Interval of `D_opt`.
    ///   - tokensPerParameter: Interval of `D_opt/N_opt`.
    public init(confidenceLevel: Double, draws: Int, parameters: BootstrapInterval, tokens: BootstrapInterval,
                tokensPerParameter: BootstrapInterval) {
        self.confidenceLevel = confidenceLevel
        self.draws = draws
        self.parameters = parameters
        self.tokens = tokens
        self.tokensPerParameter = tokensPerParameter
    }

    /// For each budget `C`, the intervals of the closed-form Chinchilla optimum (Hoffmann et al.
    /// 2022, eq. 4) across the bootstrap draws of `fit`:
    ///
    /// ```
    /// N_opt(C) = G·(C/6)^(β/(α+β)),  D_opt(C) = G⁻¹·(C/6)^(α/(α+β)),  G = (αA/(βB))^(1/(α+β))
    /// ```
    /// percentile intervals at the bootstrap's level, widened to hold the optimum at the fitted
    /// values.
    ///
    /// - Returns: `nil` when the fit carries no bootstrap draws.
    /// - Throws: `ScalingLaws/LawFitError/unknownParameter(law:name:known:)` when the draws lack
    ///   one of `E, A, B, alpha, beta`.
    public static func bootstrap(budgets: [Double], fit: LawFit) throws -> [AllocationInterval]? {
        guard let bootstrap = fit.bootstrap else { return nil }
        func index(_ name: String) throws -> Int {
            guard let k = bootstrap.parameterNames.firstIndex(of: name) else {
                throw LawFitError.unknownParameter(law: fit.law, name: name, known: bootstrap.parameterNames)
            }
            return k
        }
        let e = try index("E"), a = try index("A"), b = try index("B"), alpha = try index("alpha"), beta = try index("beta")
        guard let fe = fit.value("E"), let fa = fit.value("A"), let fb = fit.value("B"),
              let falpha = fit.value("alpha"), let fbeta = fit.value("beta") else {
            throw LawFitError.unknownParameter(law: fit.law, name: "alpha", known: fit.parameters.map(\.name))
        }
        let level = bootstrap.confidenceLevel
        return budgets.map { budget in
            func optimum(_ p: [Double]) -> ComputeOptimalPoint {
                ChinchillaLaw.computeOptimal(
                    budget: budget, parameters: ChinchillaParameters(e: p[e], a: p[a], b: p[b], alpha: p[alpha], beta: p[beta]))
            }
            let point = ChinchillaLaw.computeOptimal(
                budget: budget, parameters: ChinchillaParameters(e: fe, a: fa, b: fb, alpha: falpha, beta: fbeta))
            let optima = bootstrap.draws.map(optimum)
            func interval(_ estimate: Double, _ values: [Double]) -> BootstrapInterval {
                guard let i = PropagatedInterval.make(estimate: estimate, values: values, level: level) else {
                    return BootstrapInterval(lower: .nan, upper: .nan)
                }
                return BootstrapInterval(lower: i.lower, upper: i.upper)
            }
            return AllocationInterval(
                confidenceLevel: level, draws: bootstrap.draws.count,
                parameters: interval(point.parameters, optima.map(\.parameters)),
                tokens: interval(point.tokens, optima.map(\.tokens)),
                tokensPerParameter: interval(point.tokensPerParameter, optima.map(\.tokensPerParameter)))
        }
    }
}
