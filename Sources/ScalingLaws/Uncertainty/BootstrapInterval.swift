/// A bootstrap confidence interval `[lower, upper]`.
public struct BootstrapInterval: Sendable, Equatable, Codable {
    /// The lower end.
    public let lower: Double
    /// The upper end.
    public let upper: Double

    /// An interval.
    /// - Parameters:
    ///   - lower: The lower end.
    ///   - upper: The upper end.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// `upper − lower`.
    public var width: Double { upper - lower }
}
