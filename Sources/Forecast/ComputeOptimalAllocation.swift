import Foundation
import ScalingLaws

/// The loss-optimal split of one compute budget, found numerically along the iso-cost curve.
public struct ComputeOptimalAllocation: Sendable, Equatable, Codable {
    /// Which refinement located the optimum.
    public enum Refinement: String, Sendable, Equatable, Codable {
        /// Brent's root search on the derivative of the loss along the curve (central
        /// differences in `log N`), bracketed by a sign change.
        case derivativeRoot
        /// Golden-section search on the loss itself (when the derivative gives no clean bracket).
        case goldenSection
    }

    /// The budget `C` in FLOP.
    public let budget: Double
    /// The optimal model size `N_opt` in parameters.
    public let parameters: Double
    /// The optimal training tokens `D_opt`.
    public let tokens: Double
    /// The predicted loss at `(N_opt, D_opt)`.
    public let loss: Double
    /// The scan bracket `[N_lo, N_hi]` that proves an interior minimum:
    /// `L(N_lo) > L(N_k) < L(N_hi)` at neighbouring scan points.
    public let bracket: [Double]
    /// How the bracket was refined to the optimum.
    public let refinement: Refinement

    /// Tokens per parameter `D/N`.
    public var tokensPerParameter: Double { tokens / parameters }

    /// As the closed-form type `ScalingLaws/ComputeOptimalPoint`.
    public var point: ComputeOptimalPoint {
        ComputeOptimalPoint(budget: budget, parameters: parameters, tokens: tokens, loss: loss)
    }
}

/// Minimises a fitted law's predicted loss `L(N, D)` subject to `cost(N, D) = C`.
///
/// ```
/// N_opt(C) = argmin_N  L(N, D_C(N)),   D_C(N) solves cost(N, D) = C
/// ```
/// The search is one-dimensional in `x = log N`:
/// 1. a coarse scan over every `N` from ``AllocationSearch/minimumParameters`` to the largest `N`
///    that still trains on ``AllocationSearch/minimumTokens`` tokens (8 points per decade);
/// 2. the best scan point must have a higher neighbour on both sides, which proves a local
///    minimum in between; otherwise ``ForecastError/optimumAtEdge(budget:edge:parameters:limit:)``;
/// 3. refinement in that bracket to 1e-10 in `log N`: Brent's root search on the derivative
///    `dL/dx` (central differences, step 1e-4) when it changes sign across the bracket, else
///    golden-section search on `L`. The derivative route locates the optimum to about 1e-9
///    relative; a search on `L` alone is limited to ~1e-7 by the flatness of the minimum.
///
/// For Chinchilla under `C = 6ND` the result agrees with the closed form
/// (`ScalingLaws/ChinchillaLaw/computeOptimal(budget:parameters:)`, Hoffmann et al. 2022 eq. 4)
/// to better than 1e-6 relative; the numeric route also serves other laws and cost models.
public struct ComputeOptimizer: Sendable {
    /// The loss law minimised.
    public let law: any ScalingLaw
    /// Its parameter values, in the law's order.
    public let parameters: [Double]
    /// The cost model whose iso-cost curve is searched (default `6ND`).
    public let cost: CostModel
    /// Where and how finely the curve is searched.
    public let search: AllocationSearch

    /// A cap on unique training tokens `U` for a law of `(N, D, U)` such as
    /// `ScalingLaws/DataConstrainedLaw` (Muennighoff et al. 2023): every allocation trains on
    /// `D` tokens drawn from `U` unique ones, repeating them when `D > U`. `nil` for laws of `(N, D)`.
    public let uniqueTokens: Double?

    /// An optimizer of `law` at `parameters` under `cost`.
    ///
    /// - Parameters:
    ///   - law: The law of `(N, D)` or `(N, D, U)` whose loss is minimised.
    ///   - parameters: The law's parameter values, in the law's order.
    ///   - cost: The cost model the budget constrains (default `C = 6ND`).
    ///   - search: The numerical search along the iso-cost curve.
    ///   - uniqueTokens: the cap `U` on unique tokens, required for (and only for) a law
    ///     whose inputs are `(N, D, U)`.
    /// - Throws: ``ForecastError/unsupportedInputs(law:inputs:)`` unless the law's inputs are
    ///   `(N, D)` or `(N, D, U)`; ``ForecastError/uniqueTokensRequired(law:)``,
    ///   ``ForecastError/uniqueTokensUnused(law:)``, ``ForecastError/invalidUniqueTokens(_:)``;
    ///   ``ForecastError/parameterCount(law:expected:got:)``.
    public init(
        law: any ScalingLaw, parameters: [Double], cost: CostModel = .sixND, search: AllocationSearch = AllocationSearch(),
        uniqueTokens: Double? = nil
    ) throws {
        let roles = law.inputs.map(\.role)
        switch roles {
        case ["N", "D"]:
            if uniqueTokens != nil { throw ForecastError.uniqueTokensUnused(law: law.name) }
        case ["N", "D", "U"]:
            guard let uniqueTokens else { throw ForecastError.uniqueTokensRequired(law: law.name) }
            guard uniqueTokens.isFinite, uniqueTokens > 0 else { throw ForecastError.invalidUniqueTokens(uniqueTokens) }
        default:
            throw ForecastError.unsupportedInputs(law: law.name, inputs: roles)
        }
        guard parameters.count == law.parameters.count else {
            throw ForecastError.parameterCount(law: law.name, expected: law.parameters.count, got: parameters.count)
        }
        self.law = law
        self.parameters = parameters
        self.cost = cost
        self.search = search
        self.uniqueTokens = uniqueTokens
    }

    /// A Chinchilla law with the given constants.
    public init(chinchilla constants: ChinchillaParameters, cost: CostModel = .sixND, search: AllocationSearch = AllocationSearch()) {
        self.law = ChinchillaLaw()
        self.parameters = constants.vector
        self.cost = cost
        self.search = search
        self.uniqueTokens = nil
    }

    /// The law's prediction at `(n, d)` (and the unique-token cap, for a law of `(N, D, U)`).
    public func loss(parameters n: Double, tokens d: Double) -> Double {
        if let uniqueTokens { return law.evaluate([n, d, uniqueTokens], parameters) }
        return law.evaluate([n, d], parameters)
    }

    /// The loss along the iso-cost curve at `x = log N`, `+inf` where infeasible or not finite.
    func curveLoss(_ x: Double, budget c: Double) -> Double {
        let n = exp(x)
        guard let d = cost.tokens(parameters: n, budget: c) else { return .infinity }
        let value = loss(parameters: n, tokens: d)
        return value.isFinite ? value : .infinity
    }

    /// The loss-optimal allocation of `budget` FLOP.
    /// - Throws: ``ForecastError/invalidBudget(_:)``, ``ForecastError/infeasibleBudget(budget:cost:)``,
    ///   ``ForecastError/optimumAtEdge(budget:edge:parameters:limit:)``,
    ///   ``ForecastError/noFiniteLoss(budget:)``.
    public func allocation(budget c: Double) throws -> ComputeOptimalAllocation {
        guard c.isFinite, c > 0 else { throw ForecastError.invalidBudget(c) }
        let nLo = search.minimumParameters
        let feasibleTop = cost.maximumParameters(budget: c, minimumTokens: search.minimumTokens) ?? 0
        let nHi = Swift.min(search.maximumParameters, feasibleTop)
        guard nHi > nLo else { throw ForecastError.infeasibleBudget(budget: c, cost: cost.description) }
        let xLo = log(nLo), xHi = log(nHi)
        let decades = (xHi - xLo) / log(10.0)
        let intervals = Swift.max(16, Int((decades * Double(Swift.max(search.pointsPerDecade, 1))).rounded(.up)))
        var xs = [Double](repeating: 0, count: intervals + 1)
        var values = xs
        var best = 0
        for k in 0...intervals {
            xs[k] = k == intervals ? xHi : xLo + (xHi - xLo) * Double(k) / Double(intervals)
            values[k] = curveLoss(xs[k], budget: c)
            if values[k] < values[best] { best = k }
        }
        guard values[best].isFinite else { throw ForecastError.noFiniteLoss(budget: c) }
        if best == 0 {
            throw ForecastError.optimumAtEdge(budget: c, edge: .lower, parameters: nLo, limit: "the smallest model searched")
        }
        if best == intervals {
            let limit = nHi < search.maximumParameters
                ? "where D falls to \(ForecastError.format(search.minimumTokens)) token\(search.minimumTokens == 1 ? "" : "s")"
                : "the largest model searched"
            throw ForecastError.optimumAtEdge(budget: c, edge: .upper, parameters: nHi, limit: limit)
        }
        let a = xs[best - 1], b = xs[best + 1]
        let h = 1e-4
        let slope: (Double) -> Double = { x in
            (self.curveLoss(x + h, budget: c) - self.curveLoss(x - h, budget: c)) / (2 * h)
        }
        var x: Double
        var refinement = ComputeOptimalAllocation.Refinement.derivativeRoot
        let slopeA = slope(a), slopeB = slope(b)
        if slopeA.isFinite, slopeB.isFinite, slopeA < 0, slopeB > 0,
           let root = ScalarRoot.brent(slope, a, b, tolerance: search.tolerance) {
            x = root
        } else {
            refinement = .goldenSection
            x = GoldenSection.minimize({ self.curveLoss($0, budget: c) }, a, b, tolerance: search.tolerance)
        }
        // Never worse than the best scan point.
        if curveLoss(x, budget: c) > values[best] {
            x = xs[best]
            refinement = .goldenSection
        }
        let n = exp(x)
        let d = cost.tokens(parameters: n, budget: c) ?? .nan
        return ComputeOptimalAllocation(
            budget: c, parameters: n, tokens: d, loss: loss(parameters: n, tokens: d),
            bracket: [exp(a), exp(b)], refinement: refinement)
    }
}
