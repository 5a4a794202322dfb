import Foundation

/// One data pool (a filtering bucket) in the QQT model: its utility `b` and half-life `τ`.
public struct QQTPool: Sendable, Equatable, Codable {
    /// A label, e.g. `top 0–10%`.
    public var name: String
    /// Utility `b` (negative; more negative is better data).
    public var utility: Double
    /// Half-life `τ` of the utility, in epochs over the pool.
    public var halfLife: Double

    /// A pool.
    /// - Parameters:
    ///   - name: A label, e.g. `top 0–10%`.
    ///   - utility: The utility `b` (negative; more negative is better data).
    ///   - halfLife: The half-life `τ` of the utility, in epochs over the pool.
    public init(_ name: String, utility: Double, halfLife: Double) {
        self.name = name
        self.utility = utility
        self.halfLife = halfLife
    }
}

/// Published QQT constants (Goyal et al. 2024): the shared scale `a` and floor `d`, the samples
/// per pool, and each pool's `(b, τ)`.
public struct QQTParameters: Sendable, Equatable, Codable {
    /// Sample scale `a` (shared by all pools).
    public var a: Double
    /// Error floor `d`.
    public var d: Double
    /// Samples per pool `S`.
    public var poolSize: Double
    /// The pools, best first.
    public var pools: [QQTPool]

    /// Constants of the QQT model (Goyal et al. 2024, arXiv:2404.07177).
    /// - Parameters:
    ///   - a: The sample scale `a`, shared by all pools.
    ///   - d: The error floor `d`.
    ///   - poolSize: The samples per pool `S`.
    ///   - pools: The pools, best first.
    public init(a: Double, d: Double, poolSize: Double, pools: [QQTPool]) {
        self.a = a
        self.d = d
        self.poolSize = poolSize
        self.pools = pools
    }

    /// The ``QQTLaw`` parameter vector `[a, b, tau, d]` of pool `index`.
    public func vector(pool index: Int) -> [Double] {
        [a, pools[index].utility, pools[index].halfLife, d]
    }

    /// Goyal et al. 2024, T-MARS buckets of a 128M-sample DataComp pool (12.8M samples per
    /// bucket), `a = 0.025`, `d = 0.1`; `(b, τ)` = top 0–10% (−0.160, 6.727), 10–20%
    /// (−0.125, 8.545), 20–30% (−0.100, 5.273), 30–40% (−0.085, 2.273).
    public static let goyal2024TMARS = QQTParameters(
        a: 0.025, d: 0.1, poolSize: 12.8e6,
        pools: [
            QQTPool("top 0–10%", utility: -0.160, halfLife: 6.727),
            QQTPool("top 10–20%", utility: -0.125, halfLife: 8.545),
            QQTPool("top 20–30%", utility: -0.100, halfLife: 5.273),
            QQTPool("top 30–40%", utility: -0.085, halfLife: 2.273),
        ])
}

/// Mixtures of data pools under the QQT law (Goyal et al. 2024, arXiv:2404.07177: mixing pools
/// of different utility, and the authors' best-pool script), and the best filtering level for a
/// sample budget.
public enum QQTMixture {
    /// How the half-lives enter a mixture of `p` pools.
    public enum HalfLifeRule: String, Sendable, Equatable, Codable {
        /// As printed: `b_k_mix = (1/p)·Σ_i b_i·(1/2)^(k/τ_i)`.
        case asPrinted
        /// As the authors' best-pool script computes it (and as their published mixture curves
        /// are drawn): every `τ_i` is first multiplied by `p`,
        /// `b_k_mix = (1/p)·Σ_i b_i·(1/2)^(k/(p·τ_i))`.
        case scaledByPoolCount
    }

    /// The error after `n` samples from an equal-weight mixture of `pools`, each of `poolSize`
    /// samples:
    ///
    /// ```
    /// b_k_mix = (1/p)·Σ_{i=1..p} b_i·(1/2)^(k/τ_i')      τ_i' = p·τ_i (scaledByPoolCount) or τ_i (asPrinted)
    /// S_mix   = p·S
    /// y(n)    = [d + s_0^b_0_mix] · Π_{k=1..⌊n/S_mix⌋} (s_k/s'_k)^b_k_mix     (``QQTLaw``'s recursion)
    /// ```
    /// An epoch `k` is a pass over the whole mixture (`S_mix` samples). All pools share `a`.
    /// With one pool this is ``QQTLaw`` exactly.
    ///
    /// - Parameters:
    ///   - n: samples seen.
    ///   - pools: the pools mixed (in any order; the mixture is symmetric).
    ///   - poolSize: samples per pool `S`.
    ///   - a: the shared sample scale.
    ///   - d: the error floor.
    ///   - rule: how half-lives enter; the default reproduces the authors' published mixtures.
    /// - Returns: the error, or NaN for an empty pool list.
    public static func error(samples n: Double, pools: [QQTPool], poolSize: Double, a: Double, d: Double,
                             rule: HalfLifeRule = .scaledByPoolCount) -> Double {
        guard !pools.isEmpty else { return .nan }
        let p = Double(pools.count)
        let stretch = rule == .scaledByPoolCount ? p : 1
        return QQTLaw.recursion(samples: n, poolSize: p * poolSize, a: a, d: d) { k in
            var sum = 0.0
            for pool in pools { sum += pool.utility * pow(0.5, Double(k) / (stretch * pool.halfLife)) }
            return sum / p
        }
    }

    /// The same mixture error with the shared constants of `parameters` (first `count` of its
    /// pools after sorting best-first).
    public static func error(samples n: Double, bestPools count: Int, of parameters: QQTParameters,
                             rule: HalfLifeRule = .scaledByPoolCount) -> Double {
        let pools = Array(bestFirst(parameters.pools).prefix(count))
        return error(samples: n, pools: pools, poolSize: parameters.poolSize, a: parameters.a, d: parameters.d, rule: rule)
    }

    /// Pools sorted best-first: most negative utility `b` first (ties keep their order).
    public static func bestFirst(_ pools: [QQTPool]) -> [QQTPool] {
        pools.enumerated().sorted { l, r in
            l.element.utility != r.element.utility ? l.element.utility < r.element.utility : l.offset < r.offset
        }.map(\.element)
    }

    /// The best filtering level for a budget of `n` samples: pools are added best-first (most
    /// negative `b`), so `p` pools is the top `p` buckets (for 10% buckets, the top `10·p`%), and
    /// the `p` with the lowest mixture error wins (the first on a tie).
    ///
    /// - Parameters:
    ///   - n: samples seen (the compute budget).
    ///   - parameters: shared constants and the candidate pools.
    ///   - rule: how half-lives enter a mixture; the default is the authors' script.
    public static func bestPool(samples n: Double, parameters: QQTParameters,
                                rule: HalfLifeRule = .scaledByPoolCount) -> QQTPoolChoice {
        let sorted = bestFirst(parameters.pools)
        var errors: [Double] = []
        for p in 0..<sorted.count {
            errors.append(error(samples: n, pools: Array(sorted.prefix(p + 1)), poolSize: parameters.poolSize,
                                a: parameters.a, d: parameters.d, rule: rule))
        }
        var best = 0
        for (i, e) in errors.enumerated() where e < errors[best] { best = i }
        return QQTPoolChoice(samples: n, pools: sorted, errors: errors, poolCount: errors.isEmpty ? 0 : best + 1)
    }
}

/// The outcome of ``QQTMixture/bestPool(samples:parameters:rule:)``.
public struct QQTPoolChoice: Sendable, Equatable, Codable {
    /// The sample budget.
    public let samples: Double
    /// The candidate pools, best first.
    public let pools: [QQTPool]
    /// `errors[p − 1]`: the error of the mixture of the best `p` pools.
    public let errors: [Double]
    /// The number of pools in the best mixture (0 without pools).
    public let poolCount: Int

    /// The best mixture's error.
    public var error: Double { poolCount > 0 ? errors[poolCount - 1] : .nan }
    /// The pools of the best mixture.
    public var chosen: [QQTPool] { Array(pools.prefix(poolCount)) }
}
