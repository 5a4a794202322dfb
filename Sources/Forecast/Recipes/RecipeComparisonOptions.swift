import ScalingLaws

/// How ``RecipeComparison`` fits, resamples and cross-validates.
public struct RecipeComparisonOptions: Sendable, Equatable, Codable {
    /// The sharing assumptions to fit (default: all four).
    public var sharings: [RecipeSharing] = RecipeSharing.allCases
    /// Budgets (FLOP, `C = 6ND`) at which to report the compute ratio `k(C)`.
    public var budgets: [Double] = []
    /// Bootstrap resamples (runs resampled with replacement within each recipe); 0 for none.
    public var resamples: Int = 200
    /// Seed of the resamples and of the cross-validation folds.
    public var seed: UInt64 = 0
    /// Level of the percentile intervals.
    public var confidenceLevel: Double = 0.95
    /// Cross-validation folds (assigned within each recipe); below 2 for none.
    public var folds: Int = 5
    /// The fit objective (default: Hoffmann et al.'s Huber, δ = 1e-3, on log residuals).
    public var objective: LawObjective = .logHuber(delta: 1e-3)
    /// Start strategy and seed of each recipe's separate fit, whose optimum starts the joint fits.
    public var starts: LawStartStrategy = .automatic
    /// The seed of that start search.
    public var startSeed: UInt64 = 0
    /// Where to look for crossovers; `nil`: from a tenth of the smallest run's compute to 100
    /// times the largest run's compute or budget asked for.
    public var crossoverRange: ClosedRange<Double>? = nil
    /// Whether to add Approach 2 (per-budget minima of iso-FLOP sweeps) when the runs carry budgets.
    public var approach2: Bool = true
    /// Fit the bootstrap resamples on all cores.
    public var parallel: Bool = true

    /// Every sharing, 200 resamples, seed 0, 95% intervals, 5 folds, Huber on log residuals, Approach 2 when possible.
    public init() {}
}
