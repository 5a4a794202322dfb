/// A bootstrap confidence interval `[lower, upper]`.
public struct BootstrapInterval: Sendable, Equatable, Codable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// `upper − lower`.
    public var width: Double { upper - lower }
}
