import Foundation
import NonlinearFit
import ScalingLaws

/// Bootstrap intervals on a data-filtering decision (Goyal et al. 2024, "Scaling Laws for Data
/// Filtering — Data Curation cannot be Compute Agnostic", arXiv:2404.07177): rows are resampled
/// with replacement within each pool, the pools are refitted jointly (shared `a`, `d`), and the
/// best mixture per budget and the crossover budgets are recomputed from each refit.
///
/// ```
/// P(p best at n) = #{r : p*_r(n) = p} / R                         over the R converged refits
/// n*_{p→q}       ∈ [Q_2.5%, Q_97.5%] of {n*_r : refit r has a p→q crossover}
/// ```
/// Replicate crossovers are searched over the plan's range widened threefold each side, so that
/// a crossover near an end of the range is not lost when a refit moves it just outside.
/// The same seed gives the same resamples and the same output.
public struct DataFilteringBootstrap: Sendable, Equatable {
    /// The interval of one crossover of the point estimate.
    public struct CrossoverInterval: Sendable, Equatable, Codable {
        /// Pools in the best mixture below the crossover.
        public let poolsBefore: Int
        /// Pools in the best mixture above it.
        public let poolsAfter: Int
        /// The point estimate `n*`.
        public let samples: Double
        /// The 2.5% percentile of the replicate crossovers (NaN when fewer than 2 were found).
        public let lower: Double
        /// The 97.5% percentile.
        public let upper: Double
        /// The number of refits that have a crossover from `poolsBefore` to `poolsAfter`.
        public let found: Int
    }

    /// Resamples asked for.
    public let resamples: Int
    /// Refits that succeeded (the denominators of the probabilities).
    public let refits: Int
    /// The seed of the resamples.
    public let seed: UInt64
    /// `bestProbability[i][p − 1]`: the fraction of refits in which the mixture of the best `p`
    /// pools (ranked by the point estimate) is best at budget `i` of the plan.
    public let bestProbability: [[Double]]
    /// One interval per crossover of the point-estimate plan, in its order.
    public let crossovers: [CrossoverInterval]

    /// Bootstraps `plan`, which must have been made from `fit`.
    ///
    /// Pools of a refit keep the point estimate's ranking (the mixture of the best `p` pools
    /// always holds the same pools), so `p` means the same filtering level in every refit.
    ///
    /// - Parameters:
    ///   - fit: the joint qqt fit of the pools (with its rows).
    ///   - plan: the decision made from `QQTParameters(jointFit: fit)`.
    ///   - resamples: bootstrap resamples `R` (≥ 2).
    ///   - seed: the seed of the resamples.
    /// - Returns: best-pool probabilities per budget and percentile intervals of the crossovers.
    /// - Throws: ``DecisionError/invalidOption(_:)`` for fewer than 2 resamples or fewer than 2
    ///   successful refits; errors of `QQTParameters(jointFit:)`.
    public static func run(fit: SharedParameterFit, plan: DataFilteringPlan, resamples: Int, seed: UInt64) throws -> DataFilteringBootstrap {
        guard resamples >= 2 else { throw DecisionError.invalidOption("the bootstrap needs at least 2 resamples, got \(resamples)") }
        let ranked = QQTMixture.bestFirst(plan.parameters.pools).map(\.name)
        let wide = (plan.range.lowerBound / 3)...(plan.range.upperBound * 3)
        var generator = SeededGenerator(seed: seed)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: ranked.count), count: plan.choices.count)
        var found = [[Double]](repeating: [], count: plan.crossovers.count)
        var refits = 0
        for _ in 0..<resamples {
            let indices = fit.groups.map { group in
                (0..<group.rows).map { _ in Int(generator.next() % UInt64(group.rows)) }
            }
            guard let refit = fit.refit(resampling: indices), let fitted = try? QQTParameters(jointFit: refit) else { continue }
            // Keep the point estimate's ranking: order the refitted pools by the ranked names.
            var pools: [QQTPool] = []
            for name in ranked { if let pool = fitted.pools.first(where: { $0.name == name }) { pools.append(pool) } }
            guard pools.count == ranked.count else { continue }
            let parameters = QQTParameters(a: fitted.a, d: fitted.d, poolSize: fitted.poolSize, pools: pools)
            refits += 1
            for (i, choice) in plan.choices.enumerated() {
                let p = bestInOrder(samples: choice.samples, parameters: parameters, rule: plan.rule)
                if p > 0 { counts[i][p - 1] += 1 }
            }
            guard !plan.crossovers.isEmpty else { continue }
            let replicate = crossovers(parameters: parameters, in: wide, rule: plan.rule)
            for (k, c) in plan.crossovers.enumerated() {
                if let match = replicate.first(where: { $0.poolsBefore == c.poolsBefore && $0.poolsAfter == c.poolsAfter }) {
                    found[k].append(match.samples)
                }
            }
        }
        guard refits >= 2 else {
            throw DecisionError.invalidOption("only \(refits) of \(resamples) bootstrap refits succeeded; the pools' rows cannot support an interval")
        }
        let intervals = plan.crossovers.enumerated().map { k, c in
            let values = found[k]
            let interval = LawParameterDraws.percentileInterval(values, level: 0.95)
            return CrossoverInterval(
                poolsBefore: c.poolsBefore, poolsAfter: c.poolsAfter, samples: c.samples,
                lower: interval?.lower ?? .nan, upper: interval?.upper ?? .nan, found: values.count)
        }
        return DataFilteringBootstrap(
            resamples: resamples, refits: refits, seed: seed,
            bestProbability: counts.map { row in row.map { Double($0) / Double(refits) } }, crossovers: intervals)
    }

    /// The best number of pools at `n` with the pools taken in the given order (not re-sorted).
    static func bestInOrder(samples n: Double, parameters: QQTParameters, rule: QQTMixture.HalfLifeRule) -> Int {
        var best = 0
        var bestError = Double.infinity
        for p in 1...parameters.pools.count {
            let e = QQTMixture.error(samples: n, pools: Array(parameters.pools.prefix(p)), poolSize: parameters.poolSize,
                                     a: parameters.a, d: parameters.d, rule: rule)
            if e < bestError { bestError = e; best = p }
        }
        return best
    }

    /// Crossovers with the pools in the given order: a 25-per-decade scan of `bestInOrder`
    /// (coarser than the plan's 200: it runs once per refit), each change refined by Brent's
    /// method in `log n` to a relative 1e-9.
    static func crossovers(parameters: QQTParameters, in range: ClosedRange<Double>, rule: QQTMixture.HalfLifeRule) -> [FilteringCrossover] {
        let lo = log(range.lowerBound), hi = log(range.upperBound)
        let steps = Swift.max(2, Int((25 * (hi - lo) / log(10.0)).rounded(.up)))
        func error(_ p: Int, _ u: Double) -> Double {
            QQTMixture.error(samples: exp(u), pools: Array(parameters.pools.prefix(p)), poolSize: parameters.poolSize,
                             a: parameters.a, d: parameters.d, rule: rule)
        }
        var found: [FilteringCrossover] = []
        var u0 = lo
        var p0 = bestInOrder(samples: exp(u0), parameters: parameters, rule: rule)
        for i in 1...steps {
            let u1 = i == steps ? hi : lo + (hi - lo) * Double(i) / Double(steps)
            let p1 = bestInOrder(samples: exp(u1), parameters: parameters, rule: rule)
            if p1 != p0 {
                let g: (Double) -> Double = { u in log(error(p0, u)) - log(error(p1, u)) }
                let root = ScalarRoot.brent(g, u0, u1, tolerance: 1e-9 * Swift.max(1, Swift.abs(u1))) ?? 0.5 * (u0 + u1)
                found.append(FilteringCrossover(samples: exp(root), poolsBefore: p0, poolsAfter: p1, error: error(p0, root)))
            }
            u0 = u1
            p0 = p1
        }
        return found
    }
}
