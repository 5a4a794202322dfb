import Foundation

/// A value of a compute-optimal frontier at one budget (`N*`, `D*` or `D*/N*` of Approach 2, or
/// `N_opt` of Approach 3), with its confidence interval. The interval is symmetric in log space:
/// `value·exp(±q·SE(log value))`.
public struct FrontierPrediction: Sendable, Equatable, Codable {
    /// The budget `C` in FLOP.
    public let budget: Double
    /// The frontier's value at the budget.
    public let value: Double
    /// Standard error of `log value`, `nil` when the frontier has no covariance.
    public let logStandardError: Double?
    /// Lower end `value·exp(−q·SE)`, or `nil` without a covariance.
    public let lower: Double?
    /// Upper end `value·exp(+q·SE)`, or `nil` without a covariance.
    public let upper: Double?
    /// Level of the interval.
    public let confidenceLevel: Double

    /// A frontier value.
    /// - Parameters:
    ///   - budget: The budget `C` in FLOP.
    ///   - value: The frontier's value there.
    ///   - logStandardError: Standard error of `log value`, or `nil`.
    ///   - lower: Lower end of the interval, or `nil`.
    ///   - upper: Upper end of the interval, or `nil`.
    ///   - confidenceLevel: Level of the interval.
    public init(at budget: Double, value: Double, logStandardError: Double?, lower: Double?, upper: Double?, confidenceLevel: Double) {
        self.budget = budget
        self.value = value
        self.logStandardError = logStandardError
        self.lower = lower
        self.upper = upper
        self.confidenceLevel = confidenceLevel
    }

    /// Whether the two intervals (a missing interval taken as its point) have no value in common.
    public func isDisjoint(from other: FrontierPrediction) -> Bool {
        (upper ?? value) < (other.lower ?? other.value) || (other.upper ?? other.value) < (lower ?? value)
    }
}
