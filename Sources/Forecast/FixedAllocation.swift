import Foundation
import ScalingLaws

/// The loss-optimal use of a budget when the model size or the token count is fixed, set beside
/// the free optimum of the same budget.
///
/// ```
/// fixed N:  D = D_C(N),  cost(N, D_C(N)) = C      (all the budget goes to data)
/// fixed D:  N = N_C(D),  cost(N_C(D), D) = C
/// excess loss = L(N, D) − L(N_opt(C), D_opt(C))   (≥ 0)
/// ```
/// Within a budget the law's loss falls in both `N` and `D`, so fixing one spends the rest of the
/// budget on the other. Without a budget, see ``ComputeOptimizer/computeOptimal(parameters:)``.
public struct FixedAllocation: Sendable, Equatable, Codable {
    /// Which quantity was fixed.
    public enum Fixed: String, Sendable, Equatable, Codable {
        /// The model size `N` was fixed.
        case parameters
        /// The token count `D` was fixed.
        case tokens
    }

    /// Which quantity was fixed.
    public let fixed: Fixed
    /// The budget `C` in FLOP.
    public let budget: Double
    /// Parameters `N` (fixed, or the rest of the budget).
    public let parameters: Double
    /// Tokens `D` (fixed, or the rest of the budget).
    public let tokens: Double
    /// The law's loss at `(N, D)`.
    public let loss: Double
    /// The free optimum at the same budget.
    public let optimum: ComputeOptimalAllocation
    /// `loss − optimum.loss`.
    public var excessLoss: Double { loss - optimum.loss }
    /// `D/N`.
    public var tokensPerParameter: Double { tokens / parameters }
    /// The loss with the fixed quantity and unlimited data (fixed `N`) or unlimited parameters
    /// (fixed `D`): the law's floor for that choice, e.g. `E + A/N^α` for Chinchilla.
    public let floor: Double
}

extension ComputeOptimizer {
    /// The law's loss with one input taken to infinity (`1e300`): `L(N, ∞)` or `L(∞, D)`.
    func floorLoss(parameters n: Double? = nil, tokens d: Double? = nil) -> Double {
        loss(parameters: n ?? 1e300, tokens: d ?? 1e300)
    }

    /// Model size fixed at `n` within `budget` FLOP: the tokens the rest of the budget buys (at
    /// least ``AllocationSearch/minimumTokens``).
    /// - Throws: ``ForecastError/invalidFixedValue(name:value:)``,
    ///   ``ForecastError/fixedValueExceedsBudget(name:value:budget:cost:)``, and the errors of
    ///   ``allocation(budget:)``.
    public func allocation(parameters n: Double, budget c: Double) throws -> FixedAllocation {
        guard n.isFinite, n > 0 else { throw ForecastError.invalidFixedValue(name: "N", value: n) }
        let optimum = try allocation(budget: c)
        guard let d = cost.tokens(parameters: n, budget: c), d >= search.minimumTokens else {
            throw ForecastError.fixedValueExceedsBudget(name: "N", value: n, budget: c, cost: cost.description)
        }
        return FixedAllocation(
            fixed: .parameters, budget: c, parameters: n, tokens: d, loss: loss(parameters: n, tokens: d),
            optimum: optimum, floor: floorLoss(parameters: n))
    }

    /// Token count fixed at `d` within `budget` FLOP: the largest model the rest of the budget buys
    /// (at least ``AllocationSearch/minimumParameters``).
    /// - Throws: as ``allocation(parameters:budget:)``.
    public func allocation(tokens d: Double, budget c: Double) throws -> FixedAllocation {
        guard d.isFinite, d > 0 else { throw ForecastError.invalidFixedValue(name: "D", value: d) }
        let optimum = try allocation(budget: c)
        guard let n = cost.maximumParameters(budget: c, minimumTokens: d), n >= search.minimumParameters else {
            throw ForecastError.fixedValueExceedsBudget(name: "D", value: d, budget: c, cost: cost.description)
        }
        return FixedAllocation(
            fixed: .tokens, budget: c, parameters: n, tokens: d, loss: loss(parameters: n, tokens: d),
            optimum: optimum, floor: floorLoss(tokens: d))
    }

    /// The loss-optimal token count for a model of `n` parameters with no budget given: the `D`
    /// at the budget whose compute-optimal size is `n` (`N_opt(C) = n`, found by Brent's root
    /// search in `log C`), i.e. the tokens beyond which a larger model would use the compute
    /// better. For Chinchilla under `C = 6ND`: `C = 6·(n/G)^(1/a)`, `D = (C/6)^b/G`.
    /// - Throws: ``ForecastError/invalidFixedValue(name:value:)``,
    ///   ``ForecastError/fixedValueNotOptimal(name:value:reason:)``, and the errors of
    ///   ``allocation(budget:)``.
    public func computeOptimal(parameters n: Double) throws -> ComputeOptimalAllocation {
        guard n.isFinite, n > 0 else { throw ForecastError.invalidFixedValue(name: "N", value: n) }
        return try budgetWhere(name: "N", value: n, guess: 120 * n * n) { $0.parameters }
    }

    /// The loss-optimal model size for `d` training tokens with no budget given: the `N` at the
    /// budget whose compute-optimal token count is `d` (`D_opt(C) = d`).
    /// - Throws: as ``computeOptimal(parameters:)``.
    public func computeOptimal(tokens d: Double) throws -> ComputeOptimalAllocation {
        guard d.isFinite, d > 0 else { throw ForecastError.invalidFixedValue(name: "D", value: d) }
        return try budgetWhere(name: "D", value: d, guess: 0.3 * d * d) { $0.tokens }
    }

    /// The budget `C` with `quantity(allocation(C)) = value` for a quantity that grows with `C`,
    /// bracketed a decade at a time from `guess` within 1e-10…1e60 FLOP.
    func budgetWhere(
        name: String, value: Double, guess: Double, _ quantity: (ComputeOptimalAllocation) -> Double
    ) throws -> ComputeOptimalAllocation {
        let target = log(value)
        let yMin = log(1e-10), yMax = log(1e60), step = log(10.0)
        func excess(_ y: Double) throws -> Double { log(quantity(try allocation(budget: exp(y)))) - target }
        var lo = Swift.min(Swift.max(log(guess), yMin), yMax), hi = lo
        let range = "within 1e-10–1e60 FLOP"
        if try excess(lo) < 0 {
            while true {
                lo = hi
                hi = Swift.min(hi + step, yMax)
                if try excess(hi) >= 0 { break }
                if hi >= yMax { throw ForecastError.fixedValueNotOptimal(name: name, value: value, reason: "the optimum stays below it \(range)") }
            }
        } else {
            while true {
                hi = lo
                lo = Swift.max(lo - step, yMin)
                if try excess(lo) <= 0 { break }
                if lo <= yMin { throw ForecastError.fixedValueNotOptimal(name: name, value: value, reason: "the optimum stays above it \(range)") }
            }
        }
        var failure: (any Error)?
        let root = ScalarRoot.brent({ y in
            do { return try excess(y) } catch { failure = error; return .nan }
        }, lo, hi, tolerance: 1e-12)
        if let failure { throw failure }
        guard let root else { throw ForecastError.fixedValueNotOptimal(name: name, value: value, reason: "no sign change \(range)") }
        return try allocation(budget: exp(root))
    }
}
