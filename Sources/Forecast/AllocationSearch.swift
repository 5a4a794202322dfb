/// Where and how finely ``ComputeOptimizer`` searches along an iso-cost curve.
///
/// The coarse scan covers every model size from ``minimumParameters`` up to the largest that
/// still trains on ``minimumTokens`` tokens within the budget (capped by
/// ``maximumParameters``), at ``pointsPerDecade`` points per decade of `N`. The refinement
/// narrows the bracket around the best scan point to ``tolerance`` in `log N` (relative
/// tolerance in `N`).
public struct AllocationSearch: Sendable, Equatable {
    /// The smallest model size scanned, parameters (default 1).
    public var minimumParameters: Double
    /// The largest model size scanned, parameters (default unbounded: the budget decides).
    public var maximumParameters: Double
    /// The fewest training tokens a scanned model may get (default 1).
    public var minimumTokens: Double
    /// Scan points per decade of `N` (default 8).
    public var pointsPerDecade: Int
    /// The refinement's tolerance in `log N` (default 1e-10).
    public var tolerance: Double

    /// A search range and resolution. Cost: `pointsPerDecade` law evaluations per decade of `N`
    /// scanned, then a refinement of the best bracket (Brent's method on the derivative, or a
    /// golden-section search) to `tolerance`.
    /// - Parameters:
    ///   - minimumParameters: The smallest model size scanned.
    ///   - maximumParameters: The largest model size scanned.
    ///   - minimumTokens: The fewest training tokens a scanned model may get.
    ///   - pointsPerDecade: Scan points per decade of `N`.
    ///   - tolerance: The refinement's tolerance in `log N`.
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
