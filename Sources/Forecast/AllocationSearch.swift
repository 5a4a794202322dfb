/// Where and how finely ``ComputeOptimizer`` searches along an iso-cost curve.
///
/// The coarse scan covers every model size from ``minimumParameters`` up to the largest that
/// still trains on ``minimumTokens`` tokens within the budget (capped by
/// ``maximumParameters``), at ``pointsPerDecade`` points per decade of `N`. The refinement
/// narrows the bracket around the best scan point to ``tolerance`` in `log N` (relative
/// tolerance in `N`).
public struct AllocationSearch: Sendable, Equatable {
    public var minimumParameters: Double
    public var maximumParameters: Double
    public var minimumTokens: Double
    public var pointsPerDecade: Int
    public var tolerance: Double

    public init(
        minimumParameters: Double = 1, maximumParameters: Double = .infinity, minimumTokens: Double = 1,
        pointsPerDecade: Int = 8, tolerance: Double = 1e-10
    ) {
        self.minimumParameters = minimumParameters
        self.maximumParameters = maximumParameters
        self.minimumTokens = minimumTokens
        self.pointsPerDecade = pointsPerDecade
        self.tolerance = tolerance
    }
}
