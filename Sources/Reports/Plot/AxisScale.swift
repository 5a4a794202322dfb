import Foundation

/// How data values map to positions along an axis.
public enum AxisScale: String, Sendable, Equatable, Codable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to `log10` of the value; only positive values can be drawn.
    case log

    /// The value in the axis' working space: itself, or `log10` of it (`nil` when it cannot be
    /// drawn: not finite, or not positive on a log axis).
    public func transform(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch self {
        case .linear: return value
        case .log: return value > 0 ? log10(value) : nil
        }
    }

    /// The inverse of ``transform(_:)``.
    public func inverse(_ position: Double) -> Double {
        switch self {
        case .linear: return position
        case .log: return pow(10, position)
        }
    }
}
