import Foundation
import ScalingLaws

extension ComputeOptimizer {
    /// The law's irreducible loss: the parameter named `E`, when the law has one.
    public var irreducibleLoss: Double? {
        law.parameterIndex("E").map { parameters[$0] }
    }

    /// The smallest budget whose compute-optimal allocation reaches `target` loss: the `C` with
    /// `L(N_opt(C), D_opt(C)) = target`, found by Brent's root search in `log C` after stepping
    /// a decade at a time from 1e20 FLOP (the optimal loss falls as the budget grows).
    ///
    /// - Parameters:
    ///   - target: The loss to reach, above the law's irreducible loss.
    ///   - maximumBudget: give up above this many FLOP (default 1e60).
    /// - Returns: the allocation at that budget (its ``ComputeOptimalAllocation/loss`` equals
    ///   `target` to about 1e-12 relative in `C`).
    /// - Throws: ``ForecastError/targetBelowFloor(target:floor:)`` when `target ≤ E`;
    ///   ``ForecastError/targetNotReached(target:budget:loss:)``; ``ForecastError/invalidTarget(_:)``;
    ///   and the errors of ``allocation(budget:)``.
    public func minimumBudget(targetLoss target: Double, maximumBudget: Double = 1e60) throws -> ComputeOptimalAllocation {
        guard target.isFinite, target > 0 else { throw ForecastError.invalidTarget(target) }
        if let floor = irreducibleLoss, target <= floor {
            throw ForecastError.targetBelowFloor(target: target, floor: floor)
        }
        let step = log(10.0)
        let yMax = log(maximumBudget)
        func excess(_ y: Double) throws -> Double { try allocation(budget: exp(y)).loss - target }
        var lo = log(1e20), hi = lo
        if try excess(lo) > 0 {
            while true {
                lo = hi
                hi = Swift.min(hi + step, yMax)
                let v = try excess(hi)
                if v <= 0 { break }
                if hi >= yMax {
                    throw ForecastError.targetNotReached(target: target, budget: exp(hi), loss: v + target)
                }
            }
        } else {
            while true {
                hi = lo
                lo -= step
                if try excess(lo) > 0 { break }
            }
        }
        var failure: (any Error)?
        let root = ScalarRoot.brent({ y in
            do { return try excess(y) } catch { failure = error; return .nan }
        }, lo, hi, tolerance: 1e-12)
        if let failure { throw failure }
        guard let root else { throw ForecastError.targetNotReached(target: target, budget: exp(hi), loss: .nan) }
        return try allocation(budget: exp(root))
    }
}
