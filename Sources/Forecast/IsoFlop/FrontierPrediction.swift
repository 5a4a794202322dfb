import Foundation

/// A value of a compute-optimal frontier at one budget (`N*`, `D*` or `D*/N*` of Approach 2, or
/// `N_opt` of Approach 3), with its confidence interval. The interval is symmetric in log space:
/// `value·exp(±q·SE(log value))`.
public struct FrontierPrediction: Sendable, Equatable, Codable {
    /// The budget `C` in FLOP.
    public let budget: Double
    public let value: Double
    /// Standard error of `log value`, `nil` when the frontier has no covariance.
    public let logStandardError: Double?
    public let lower: Double?
    public let upper: Double?
    public let confidenceLevel: Double

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
