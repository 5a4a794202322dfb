/// The bootstrap distribution of one scalar: a law parameter, or any quantity derived from the
/// parameters (``LawBootstrapResult/quantity(_:confidenceLevel:)``), summarised over the
/// converged draws.
public struct BootstrapQuantity: Sendable, Equatable, Codable {
    /// Name (the parameter's name, or `nil` for a derived quantity).
    public let name: String?
    /// The value on the full data.
    public let estimate: Double
    /// Mean of the draws.
    public let mean: Double
    /// Median of the draws.
    public let median: Double
    /// Standard error: the sample standard deviation of the draws (divisor `B − 1`).
    public let standardError: Double
    /// Percentile interval at ``confidenceLevel``.
    public let percentile: BootstrapInterval
    /// BCa interval at ``confidenceLevel``, or `nil` when no jackknife is available.
    public let bca: BootstrapInterval?
    /// The interval of the requested method (BCa when asked for and available, else percentile).
    public let interval: BootstrapInterval
    /// Level of the intervals.
    public let confidenceLevel: Double
    /// Draws that gave a finite value (non-finite values of a derived quantity are dropped).
    public let draws: Int
}
