import Foundation

/// Settings of a bootstrap of a law fit (`LawBootstrap/run(law:data:options:fitOptions:)`).
///
/// Every random choice comes from `SeededGenerator.stream(seed: seed, index: i)` for resample
/// `i`, so the same seed gives bit-identical draws whatever the number of threads.
public struct BootstrapOptions: Sendable, Equatable, Codable {
    /// What is resampled.
    public enum Kind: Sendable, Equatable, Codable, CustomStringConvertible {
        /// Nonparametric (pairs) bootstrap: `n` rows drawn with replacement from the `n` rows.
        case rows
        /// Cluster bootstrap: the groups of rows sharing a value of `column` (runs, seeds,
        /// checkpoints of one run) are drawn with replacement, each drawn group bringing all its
        /// rows. Use it when rows are not independent.
        case groups(column: String)
        /// Residual bootstrap: the response is replaced by fitted value + a residual drawn with
        /// replacement from the centred full-data residuals, in the objective's space
        /// (`log y* = log f(x) + r*` for log-space objectives, `y* = f(x) + r*` otherwise).
        /// Keeps the design fixed; assumes exchangeable errors.
        case residuals

        public var description: String {
            switch self {
            case .rows: return "rows"
            case let .groups(column): return "groups of '\(column)'"
            case .residuals: return "residuals"
            }
        }
    }

    /// How the reported intervals are formed from the draws.
    public enum IntervalMethod: String, Sendable, Equatable, Codable {
        /// Quantiles `(1 − level)/2` and `(1 + level)/2` of the draws.
        case percentile
        /// Bias-corrected and accelerated percentiles (Efron 1987): the quantile levels are
        /// shifted by the bias correction `z0` (share of draws below the estimate) and the
        /// acceleration `a` (skewness of the jackknife values). Needs a jackknife: available for
        /// ``Kind/rows`` (leave one row out) and ``Kind/groups(column:)`` (leave one group
        /// out); for ``Kind/residuals`` it falls back to ``percentile`` with a note.
        case bca
    }

    /// How resamples are refitted.
    public enum RefitMethod: String, Sendable, Equatable, Codable {
        /// The fast path when the law and objective have one (Chinchilla under a log-space
        /// objective with no fixed parameters: exact Newton steps on row weights, see
        /// ``LawBootstrap``), else the general engine. A resample the fast path does not
        /// converge on is refitted by the general engine.
        case automatic
        /// Always the general engine (``LawFitter`` from the full-data optimum).
        case general
    }

    /// Number of resamples (Epoch used 4,000).
    public var resamples: Int = 1000
    /// Seed of the resampling streams.
    public var seed: UInt64 = 0
    /// What is resampled: rows (default) or whole groups of a column (all rows of a run together).
    public var kind: Kind = .rows
    /// Level of the reported intervals, in (0, 1).
    public var confidenceLevel: Double = 0.95
    /// Percentile (default) or BCa intervals (Efron 1987; BCa adds a jackknife: one refit per row or
    /// group).
    public var intervalMethod: IntervalMethod = .percentile
    /// Refit resamples on all cores (`false`: one after another; results are identical).
    public var parallel: Bool = true
    /// Fast path or general engine (the same optimum either way, to the engines' tolerances).
    public var refit: RefitMethod = .automatic

    /// 1,000 row resamples, seed 0, 95% percentile intervals, in parallel, automatic refit engine.
    public init() {}

    /// Bootstrap settings. Cost: one refit per resample (plus one per row or group for BCa).
    /// - Parameters:
    ///   - resamples: Number of resamples.
    ///   - seed: Seed of the resampling streams (default 0).
    ///   - kind: What is resampled (default rows).
    ///   - confidenceLevel: Level of the intervals, in (0, 1) (default 0.95).
    ///   - intervalMethod: Percentile (default) or BCa.
    ///   - parallel: Whether resamples are refitted on all cores (default `true`; same results).
    ///   - refit: Fast path or general engine (default automatic).
    public init(resamples: Int, seed: UInt64 = 0, kind: Kind = .rows, confidenceLevel: Double = 0.95,
                intervalMethod: IntervalMethod = .percentile, parallel: Bool = true, refit: RefitMethod = .automatic) {
        self.resamples = resamples
        self.seed = seed
        self.kind = kind
        self.confidenceLevel = confidenceLevel
        self.intervalMethod = intervalMethod
        self.parallel = parallel
        self.refit = refit
    }
}
