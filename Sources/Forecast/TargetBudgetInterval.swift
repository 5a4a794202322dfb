import Foundation
import ScalingLaws

/// The interval of the answer to "what budget reaches loss `target`?": the smallest
/// compute-optimal budget ``ComputeOptimizer/minimumBudget(targetLoss:maximumBudget:)`` solved
/// again for each parameter draw of the fit (`ScalingLaws/LawParameterDraws`: bootstrap draws
/// when the fit has them, else normal draws with flat directions left out), and the percentile
/// interval of those budgets, widened to hold the budget at the fitted values. A draw whose
/// floor `E` lies at or above the target never reaches it and counts as an infinite budget, so
/// the upper end can be unbounded (`+∞`). The interval is on the budget (the answer), not on
/// the loss (the target, which is fixed).
public struct TargetBudgetInterval: Sendable, Equatable, Encodable {
    /// The target loss.
    public let targetLoss: Double
    /// Level of the interval.
    public let confidenceLevel: Double
    /// The smallest compute-optimal budget reaching the target at the fitted values, FLOP.
    public let budget: Double
    /// Lower end of the budget's interval, FLOP.
    public let lower: Double
    /// Upper end, FLOP (`+infinity` when some draws never reach the target).
    public let upper: Double
    /// Draws used, and how many never reached the target.
    public let draws: Int
    /// Draws whose floor `E` lies at or above the target.
    public let unreached: Int
    /// Where the draws come from (`ScalingLaws/LawParameterDraws/Method/label`).
    public let method: String
    /// Typed warnings (an input parameter not identified, flat directions left out).
    public let warnings: [PropagationWarning]

    /// The interval for `optimizer` (whose parameters are `fit`'s values) and `target`.
    ///
    /// - Throws: the errors of ``ComputeOptimizer/minimumBudget(targetLoss:maximumBudget:)`` at
    ///   the fitted values, and of `ScalingLaws/LawParameterDraws/make(_:count:seed:)`.
    public static func make(
        optimizer: ComputeOptimizer, fit: LawFit, target: Double, draws count: Int = 1000, seed: UInt64 = 0
    ) throws -> TargetBudgetInterval {
        let point = try optimizer.minimumBudget(targetLoss: target).budget
        let draws = try LawParameterDraws.make(fit, count: count, seed: seed)
        var budgets: [Double] = []
        budgets.reserveCapacity(count)
        var unreached = 0
        for draw in draws.draws {
            let value: Double
            if let o = try? ComputeOptimizer(
                law: optimizer.law, parameters: draw, cost: optimizer.cost, search: optimizer.search,
                uniqueTokens: optimizer.uniqueTokens),
               let allocation = try? o.minimumBudget(targetLoss: target) {
                value = allocation.budget
            } else {
                value = .infinity
                unreached += 1
            }
            budgets.append(value)
        }
        budgets.sort()
        let level = fit.bootstrap?.confidenceLevel ?? fit.confidenceLevel
        let n = budgets.count
        // Order statistics (an infinite upper end stays infinite).
        let lo = budgets[Swift.max(0, Int((Double(n - 1) * (1 - level) / 2).rounded(.down)))]
        let hi = budgets[Swift.min(n - 1, Int((Double(n - 1) * (1 + level) / 2).rounded(.up)))]
        return TargetBudgetInterval(
            targetLoss: target, confidenceLevel: level, budget: point, lower: Swift.min(lo, point), upper: Swift.max(hi, point),
            draws: n, unreached: unreached, method: draws.method.label,
            warnings: PropagationWarning.of(fit: fit, label: "the fit", draws: draws))
    }
}
