import Foundation

/// The result of `LawBootstrap/run(law:data:options:fitOptions:)`: the full-data fit, the
/// refitted parameter values of every converged resample (``draws``), and per-parameter
/// summaries (mean, standard error, percentile and BCa intervals). Derived quantities
/// (compute-optimal sizes, tokens per parameter, `a = β/(α+β)`) propagate through the draws
/// with ``quantity(_:confidenceLevel:)``.
public struct LawBootstrapResult: Sendable, Codable, Equatable {
    /// The catalog name of the law.
    public let law: String
    /// Law parameter names, the columns of ``draws``.
    public let parameterNames: [String]
    /// The settings the bootstrap ran with.
    public let options: BootstrapOptions
    /// The full-data fit.
    public let fit: LawFit
    /// Full-data estimates in the law's order.
    public let estimate: [Double]
    /// Law values of each converged resample (rows) by parameter (columns), in resample order.
    public let draws: [[Double]]
    /// The resample index of each row of ``draws``.
    public let drawIndices: [Int]
    /// Resamples excluded from the statistics: the refit did not converge or threw.
    public let nonConverged: Int
    /// Of ``nonConverged``, the resamples whose refit threw.
    public let failed: Int
    /// Resamples refitted by the fast path (the rest by the general engine).
    public let fastRefits: Int
    /// Residuals of the full-data fit in the objective's space (`log y − log f` for log-space
    /// objectives, `y − f` otherwise), for prediction intervals of new runs.
    public let residuals: [Double]
    /// Jackknife values (leave one row or group out; converged refits only), when BCa was asked
    /// for and available.
    public let jackknife: [[Double]]?
    /// Per-parameter summaries in the law's order.
    public let parameters: [BootstrapQuantity]
    /// Covariance of the draws (divisor `B − 1`), parameters in the law's order.
    public let covariance: [[Double]]
    /// The method of each ``BootstrapQuantity/interval`` (percentile when BCa was unavailable).
    public let intervalMethod: BootstrapOptions.IntervalMethod
    /// Notes for the reader (for example refits that failed, or BCa unavailable and why).
    public let notes: [String]

    init(law: any ScalingLaw, fit: LawFit, options: BootstrapOptions, outcomes: [LawBootstrap.Refit],
         jackknife: [LawBootstrap.Refit]?, notes: [String], residuals: [Double]) {
        self.residuals = residuals
        var notes = notes
        self.law = law.name
        self.parameterNames = law.parameters.map(\.name)
        self.options = options
        self.fit = fit
        self.estimate = fit.values
        var draws: [[Double]] = []
        var indices: [Int] = []
        var failed = 0
        for (i, outcome) in outcomes.enumerated() {
            if outcome.values == nil { failed += 1 }
            if outcome.converged, let values = outcome.values {
                draws.append(values)
                indices.append(i)
            }
        }
        self.draws = draws
        self.drawIndices = indices
        self.failed = failed
        self.fastRefits = outcomes.reduce(0) { $0 + ($1.fast ? 1 : 0) }
        self.nonConverged = outcomes.count - draws.count
        if nonConverged > 0 {
            notes.append("\(nonConverged) of \(outcomes.count) resamples excluded (\(failed) failed, \(nonConverged - failed) did not converge)")
        }
        let jack = jackknife.map { $0.filter(\.converged).compactMap(\.values) }
        if let jackknife, let jack, jack.count < jackknife.count {
            notes.append("\(jackknife.count - jack.count) of \(jackknife.count) jackknife refits excluded (not converged)")
        }
        self.jackknife = jack
        self.intervalMethod = options.intervalMethod == .bca && jack != nil ? .bca : .percentile
        let m = estimate.count
        var summaries: [BootstrapQuantity] = []
        for k in 0..<m {
            summaries.append(Self.summarise(
                name: parameterNames[k], estimate: estimate[k], values: draws.map { $0[k] },
                jackknife: jack?.map { $0[k] }, level: options.confidenceLevel, method: intervalMethod))
        }
        self.parameters = summaries
        var cov = Array(repeating: Array(repeating: 0.0, count: m), count: m)
        if draws.count > 1 {
            let means = summaries.map(\.mean)
            for j in 0..<m {
                for k in 0...j {
                    var s = 0.0
                    for d in draws { s += (d[j] - means[j]) * (d[k] - means[k]) }
                    cov[j][k] = s / Double(draws.count - 1)
                    cov[k][j] = cov[j][k]
                }
            }
        }
        self.covariance = cov
        self.notes = notes
    }

    /// The summary of parameter `name`.
    public func parameter(_ name: String) -> BootstrapQuantity? {
        parameters.first { $0.name == name }
    }

    /// Propagates a quantity derived from the law's parameters through the draws.
    ///
    /// `f` receives law values in the law's order (``parameterNames``); the estimate is `f` of
    /// the full-data values, the standard error and intervals come from `f` of each converged
    /// draw (non-finite values dropped), the BCa interval from `f` of the jackknife values.
    ///
    /// - Parameters:
    ///   - f: the quantity, e.g. `{ p in p[4] / (p[3] + p[4]) }` for Chinchilla's `a = β/(α+β)`.
    ///   - confidenceLevel: the level of the intervals (default: the bootstrap's).
    public func quantity(_ f: ([Double]) -> Double, confidenceLevel: Double? = nil) -> BootstrapQuantity {
        Self.summarise(
            name: nil, estimate: f(estimate), values: draws.map(f), jackknife: jackknife?.map(f),
            level: confidenceLevel ?? options.confidenceLevel, method: intervalMethod)
    }

    static func summarise(
        name: String?, estimate: Double, values: [Double], jackknife: [Double]?, level: Double,
        method: BootstrapOptions.IntervalMethod
    ) -> BootstrapQuantity {
        let sorted = values.filter(\.isFinite).sorted()
        let percentile = BootstrapStatistics.percentile(sorted: sorted, level: level)
        var bca: BootstrapInterval?
        if let jackknife, !sorted.isEmpty {
            let jack = jackknife.filter(\.isFinite)
            if jack.count > 1 {
                bca = BootstrapStatistics.bca(sorted: sorted, estimate: estimate, jackknife: jack, level: level)
            }
        }
        return BootstrapQuantity(
            name: name, estimate: estimate, mean: BootstrapStatistics.mean(sorted),
            median: BootstrapStatistics.quantile(sorted: sorted, 0.5),
            standardError: BootstrapStatistics.standardDeviation(sorted),
            percentile: percentile, bca: bca, interval: method == .bca ? (bca ?? percentile) : percentile,
            confidenceLevel: level, draws: sorted.count)
    }
}
