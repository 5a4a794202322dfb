import Foundation

/// One budget of an iso-FLOP analysis: the fitted profile of loss against `log N` and, when it
/// has a bracketed minimum, the compute-optimal size `N*` with its interval.
public struct IsoFlopProfile: Sendable, Equatable, Codable {
    /// The budget `C` in FLOP.
    public let budget: Double
    /// Runs in the budget.
    public let runs: Int
    /// Runs that entered the fitted profile (fewer with a window around the sampled minimum).
    public let fittedRuns: Int
    /// The smallest and largest model size of the fitted runs.
    public let smallestParameters: Double
    /// The largest model size of the fitted runs.
    public let largestParameters: Double
    /// Polynomial coefficients `[c0, c1, …]` of loss in `x − center`, `x = log N` (empty for
    /// the interpolated shape).
    public let coefficients: [Double]
    /// The centre of `x = log N` for ``coefficients``.
    public let center: Double
    /// The minimum, or `nil` when refused.
    public let optimum: IsoFlopOptimum?
    /// Why there is no minimum, or `nil`.
    public let refusal: IsoFlopRefusal?

    /// Whether the budget has a bracketed minimum.
    public var isAccepted: Bool { optimum != nil }

    /// `budget 1e+18 FLOP: <reason>` for a refused budget, `nil` for an accepted one.
    public var reason: String? {
        refusal.map { "budget \(ForecastError.format(budget)) FLOP: \($0.description)" }
    }
}

/// The minimum of one budget's profile.
public struct IsoFlopOptimum: Sendable, Equatable, Codable {
    /// `N*`, parameters.
    public let parameters: Double
    /// Interval of `N*` at ``confidenceLevel`` (delta method on the profile coefficients, Student
    /// t with the profile's residual degrees of freedom), or `nil` (interpolated profile, or no
    /// residual degrees of freedom).
    public let parametersLower: Double?
    /// Upper end of the interval of `N*`, or `nil`.
    public let parametersUpper: Double?
    /// Standard error of `log N*` (delta method), or `nil`.
    public let logParametersStandardError: Double?
    /// `D*`: `C/(6N*)`, or from the runs' token counts (log-linear in `log N` within the budget).
    public let tokens: Double
    /// Lower end of the interval of `D*`, or `nil`.
    public let tokensLower: Double?
    /// Upper end of the interval of `D*`, or `nil`.
    public let tokensUpper: Double?
    /// The profile's loss at `N*`.
    public let loss: Double
    /// Level of the intervals.
    public let confidenceLevel: Double

    /// `D*/N*`.
    public var tokensPerParameter: Double { tokens / parameters }
}
