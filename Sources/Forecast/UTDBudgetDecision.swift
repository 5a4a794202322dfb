import Foundation
import ScalingLaws

/// Which suite a value-based RL law set was fitted on (Rybkin et al. 2025 fit OpenAI Gym with
/// SAC and DeepMind Control with BRO separately; their constants are not interchangeable).
public enum UTDSuite: String, Sendable, Equatable, Codable, CaseIterable, CustomStringConvertible {
    /// OpenAI Gym, with SAC.
    case gym
    /// DeepMind Control, with BRO.
    case deepMindControl = "dmc"

    public var description: String {
        switch self {
        case .gym: return "Gym (SAC)"
        case .deepMindControl: return "DeepMind Control"
        }
    }
}

/// Something a UTD budget decision wants the reader to know: it rests on an extrapolation or
/// the budget does not reach any threshold with a known law.
public enum UTDWarning: Sendable, Equatable, Codable, CustomStringConvertible {
    /// `σ*(F)` lies outside the UTD ratios the laws were fitted on.
    case sigmaOutsideRange(budget: Double, sigma: Double, range: ClosedRange<Double>)
    /// The budget is below what the lowest known threshold needs at `σ*(F)`.
    case belowLowestThreshold(budget: Double, threshold: Double, needed: Double)

    public var description: String {
        let f = DecisionError.format
        switch self {
        case let .sigmaOutsideRange(budget, sigma, range):
            return "at F = \(f(budget)) FLOP σ*(F) = \(f(sigma)) lies outside the UTD ratios the laws were fitted on [\(f(range.lowerBound)), \(f(range.upperBound))]: D_J, C_J and the J reached are extrapolations"
        case let .belowLowestThreshold(budget, threshold, needed):
            return "F = \(f(budget)) FLOP reaches no threshold with a known law: J = \(f(threshold)) needs F_J(σ*) = \(f(needed)) FLOP"
        }
    }
}

/// What a budget `F` buys in value-based RL (Rybkin et al. 2025, arXiv:2502.04327): the UTD ratio
/// the power law `σ*(F) = c·F^k` recommends, and the highest performance threshold `J` whose
/// budget at that ratio fits in `F`,
///
/// ```
/// σ = c·F^k,   J reached = max { J : F_J(σ) = C_J(σ) + δ·D_J(σ) ≤ F }
/// ```
/// with the data `D_J(σ)` and compute `C_J(σ)` at that `J`.
public struct UTDBudgetDecision: Sendable, Equatable, Codable {
    /// The budget `F`, FLOP.
    public let budget: Double
    /// `σ*(F) = c·F^k`.
    public let sigma: Double
    /// The highest threshold whose budget at `σ` is within `F`, with its data and compute; `nil`
    /// when none is.
    public let reached: UTDOptimum?
    /// The lowest threshold above ``reached`` with its data and compute at `σ` (what the next
    /// step up would cost); `nil` when ``reached`` is the highest known.
    public let next: UTDOptimum?
    /// σ* outside the fitted range, or a budget below every threshold.
    public let warnings: [UTDWarning]

    /// Decides for one budget.
    /// - Parameters:
    ///   - budget: `F` in FLOP.
    ///   - law: the `σ*(F)` power law.
    ///   - thresholds: `(J, law)` pairs of one suite, in any order.
    ///   - range: the UTD ratios the laws were fitted on; a `σ*(F)` outside warns.
    /// - Throws: ``DecisionError/invalidValue(what:value:)`` for a budget that is not positive.
    public static func decide(
        budget: Double, law: UTDPowerLaw, thresholds: [(threshold: Double, law: UTDBudget)], range: ClosedRange<Double>
    ) throws -> UTDBudgetDecision {
        guard budget > 0, budget.isFinite else { throw DecisionError.invalidValue(what: "the budget F", value: budget) }
        let sigma = law.sigma(budget: budget)
        var warnings: [UTDWarning] = []
        if !range.contains(sigma) { warnings.append(.sigmaOutsideRange(budget: budget, sigma: sigma, range: range)) }
        let sorted = thresholds.sorted { $0.threshold < $1.threshold }
        let points = sorted.map { UTDOptimum.at(sigma, law: $0.law, threshold: $0.threshold, interior: range.contains(sigma)) }
        var reached: UTDOptimum?
        var next: UTDOptimum?
        for point in points {
            if point.budget <= budget {
                reached = point
            } else {
                next = point
                break
            }
        }
        if reached == nil, let lowest = points.first {
            warnings.append(.belowLowestThreshold(budget: budget, threshold: lowest.threshold ?? .nan, needed: lowest.budget))
        }
        return UTDBudgetDecision(budget: budget, sigma: sigma, reached: reached, next: next, warnings: warnings)
    }
}
