import Foundation

/// How an iso-FLOP analysis groups runs, fits each budget and reports intervals.
public struct IsoFlopOptions: Sendable, Equatable {
    /// The curve fitted to each budget (default: parabola, as Hoffmann et al. 2022).
    public var shape: IsoFlopProfileShape
    /// How runs are gathered into budgets.
    public var grouping: IsoFlopGrouping
    /// When set, each profile is fitted to the lowest-loss sampled size and this many distinct
    /// sizes on each side of it (a budget whose lowest loss is at a sampled end is refused);
    /// `nil` fits every run of the budget. Polynomial profiles only: the interpolated profile
    /// always passes through every sampled size.
    public var neighbours: Int?
    /// Level of the `N*` intervals and of the exponent intervals.
    public var confidenceLevel: Double
    /// Whether to fit the parametric Chinchilla law (Approach 3) to the same runs and compare.
    public var compareApproach3: Bool

    /// Options; the defaults follow Hoffmann et al. 2022's Approach 2.
    /// - Parameters:
    ///   - shape: The curve fitted to each budget (default parabola).
    ///   - grouping: How runs are gathered into budgets (default within 5% of each other).
    ///   - neighbours: Distinct sizes kept on each side of the lowest-loss size, or `nil` (default) for all.
    ///   - confidenceLevel: Level of the intervals (default 0.95).
    ///   - compareApproach3: Whether to fit Approach 3 beside (default `true`).
    public init(
        shape: IsoFlopProfileShape = .parabola, grouping: IsoFlopGrouping = .relativeTolerance(0.05),
        neighbours: Int? = nil, confidenceLevel: Double = 0.95, compareApproach3: Bool = true
    ) {
        self.shape = shape
        self.grouping = grouping
        self.neighbours = neighbours
        self.confidenceLevel = confidenceLevel
        self.compareApproach3 = compareApproach3
    }
}
