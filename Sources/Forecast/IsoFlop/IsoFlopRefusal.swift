import Foundation

/// Why a budget gives no minimum `N*`. Every case prints as one exact sentence; the profile
/// prefixes the budget (``IsoFlopProfile/reason``).
public enum IsoFlopRefusal: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Fewer distinct model sizes than the profile shape needs.
    case tooFewSizes(sizes: Int, needed: Int, shape: String)
    /// The fitted parabola opens downward (or is flat): it has a maximum, not a minimum.
    case concave(curvature: Double)
    /// The fitted curve's minimum lies outside the sampled sizes: extrapolated, not bracketed.
    case vertexOutsideRange(vertex: Double, smallest: Double, largest: Double)
    /// The fitted cubic has no point with zero slope and positive curvature.
    case noLocalMinimum
    /// The loss (sampled, or interpolated) is lowest at the smallest or largest sampled size.
    case minimumAtEdge(edge: ForecastError.Edge, parameters: Double, interpolated: Bool)

    public var description: String {
        let f = ForecastError.format
        switch self {
        case let .tooFewSizes(sizes, needed, shape):
            let article = ["interpolated": "an interpolated profile", "huber": "a Huber parabola"][shape] ?? "a \(shape)"
            return "only \(sizes) distinct model size\(sizes == 1 ? "" : "s"); \(article) needs at least \(needed)"
        case let .concave(curvature):
            return "the fitted parabola opens downward (curvature \(f(curvature)) per (log N)²): it has no minimum"
        case let .vertexOutsideRange(vertex, smallest, largest):
            return "the fitted minimum N* = \(f(vertex)) lies outside the sampled range N = \(f(smallest))–\(f(largest)): the minimum is not bracketed"
        case .noLocalMinimum:
            return "the fitted cubic has no local minimum (no zero slope with positive curvature)"
        case let .minimumAtEdge(edge, parameters, interpolated):
            let which = edge == .lower ? "smallest" : "largest"
            let what = interpolated ? "the interpolated loss" : "the sampled loss"
            return "\(what) is lowest at the \(which) sampled size N = \(f(parameters)): the minimum is not bracketed"
        }
    }
}
