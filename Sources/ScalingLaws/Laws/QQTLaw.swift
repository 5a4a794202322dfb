import Foundation

/// The quality–quantity trade-off (QQT) law of data filtering (Goyal et al. 2024, "Scaling Laws
/// for Data Filtering — Data Curation cannot be Compute Agnostic", arXiv:2404.07177: utility
/// decay under repetition, the recursion as implemented in the authors' code): a data pool's
/// utility decays each time it is repeated, with a half-life of `τ` epochs.
///
/// ```
/// K    = ⌊n/S⌋                              completed epochs over the pool
/// δ_k  = (1/2)^(k/τ)                        utility decay in epoch k
/// b_k  = b·δ_k
/// s_k  = a·min(S(k+1), n)/1e5               samples seen by the end of epoch k (scaled)
/// s'_k = a·S·k/1e5                          samples seen by the start of epoch k (scaled)
/// y(n) = [d + s_0^b_0] · Π_{k=1..K} (s_k/s'_k)^b_k
/// ```
/// In the first epoch `y = d + (a·n/1e5)^b`; each later epoch multiplies the error by
/// `(n_k/n_{k−1})^b_k`, the ratio of samples seen at its end and its start.
/// - `n`: samples seen (role `samples`); `S`: pool size, samples per epoch (role `pool`);
///   `y`: error (for example 1 − ImageNet zero-shot accuracy; role `error`).
/// - `a`: sample scale (per 1e5 samples); `b < 0`: the pool's utility; `τ > 0`: utility
///   half-life in epochs; `d ≥ 0`: error floor, usually held fixed (the authors fix `d = 0.1`).
///
/// The product runs over epoch boundaries, so `y` is piecewise in `n` (its slope in `n` jumps at
/// `n = kS`, the value is continuous), but for fixed `n` and `S` it is smooth in the parameters.
/// With `L₁ = Σ_{k=1..K} δ_k log(s_k/s'_k)`, `L₂ = Σ_{k=1..K} k·δ_k log(s_k/s'_k)` and
/// `P = exp(b·L₁)`:
/// ```
/// ∂y/∂d = P,   ∂y/∂a = P·b·s_0^b/a,   ∂y/∂b = P·s_0^b·log s_0 + y·L₁,   ∂y/∂τ = y·b·L₂·ln2/τ²
/// ```
/// `y` is linear in `d` only. Evaluation costs `O(K)`.
///
/// The authors fit `(a, b, τ)` by grid search with `d` fixed (scipy's optimizers were unstable
/// for them), on the error after epochs 2, 4, 6, 8 and 10. Mixtures of pools and the best pool
/// for a budget are in ``QQTMixture``; published constants in ``QQTParameters``.
public struct QQTLaw: ScalingLaw, Equatable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "qqt" }
    public var family: LawFamily { .dataFiltering }
    /// Error against samples seen (input 0), one curve per pool size (input 1).
    public var curveAxes: LawCurveAxes { LawCurveAxes(x: 0, group: 1) }
    public var title: String { "Quality–quantity trade-off of data filtering (Goyal et al. 2024)" }
    public var formula: String { "y(n, S) = [d + (a·min(S, n)/1e5)^b] · Π_{k=1..⌊n/S⌋} (min(S(k+1), n)/(S·k))^(b·2^(−k/τ))" }
    public var citation: String {
        "Goyal et al. 2024, Scaling Laws for Data Filtering — Data Curation cannot be Compute Agnostic, arXiv:2404.07177 (utility decay with repetition; recursion as implemented by the authors)"
    }

    public var inputs: [LawVariable] {
        [
            LawVariable("samples", symbol: "n", unit: "samples", summary: "training samples seen"),
            LawVariable("pool", symbol: "S", unit: "samples", summary: "pool size (samples per epoch)"),
        ]
    }

    public var response: LawVariable {
        LawVariable("error", symbol: "y", unit: "", summary: "error, e.g. 1 − zero-shot accuracy")
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("a", symbol: "a", unit: "1/(1e5 samples)", summary: "sample scale", lowerBound: 0),
            LawParameter("b", symbol: "b", summary: "utility of the pool (negative)", upperBound: 0),
            LawParameter("tau", symbol: "τ", unit: "epochs", summary: "utility half-life", lowerBound: 0),
            LawParameter("d", symbol: "d", summary: "error floor (usually fixed)", lowerBound: 0, isLinear: true),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        let b = p[1], tau = p[2]
        return QQTLaw.recursion(samples: x[0], poolSize: x[1], a: p[0], d: p[3]) { k in
            b * pow(0.5, Double(k) / tau)
        }
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let a = p[0], b = p[1], tau = p[2], d = p[3]
        let t = Terms(samples: x[0], poolSize: x[1], a: a, b: b, tau: tau)
        let product = exp(b * t.l1)
        let y = (d + t.head) * product
        g[0] = product * b * t.head / a
        g[1] = product * t.head * log(t.s0) + y * t.l1
        g[2] = y * b * t.l2 * M_LN2 / (tau * tau)
        g[3] = product
    }

    /// `s_0`, `s_0^b`, `L₁ = Σ_{k=1..K} δ_k log(s_k/s'_k)` and `L₂ = Σ_{k=1..K} k·δ_k log(s_k/s'_k)`.
    struct Terms {
        var s0: Double
        var head: Double
        var l1 = 0.0
        var l2 = 0.0

        init(samples n: Double, poolSize s: Double, a: Double, b: Double, tau: Double) {
            s0 = a * Swift.min(s, n) / 1e5
            head = pow(s0, b)
            let epochs = QQTLaw.completedEpochs(samples: n, poolSize: s)
            guard epochs >= 1 else { return }
            for k in 1...epochs {
                let kk = Double(k)
                let sk = a * Swift.min(s * (kk + 1), n) / 1e5
                let skPrime = a * s * kk / 1e5
                let delta = pow(0.5, kk / tau)
                let logRatio = log(sk / skPrime)
                l1 += delta * logRatio
                l2 += kk * delta * logRatio
            }
        }
    }

    /// A start from a coarse grid: `a ∈ {0.001, 0.003, …, 1}`, `b ∈ {−0.02, …, −0.5}`,
    /// `τ ∈ {1, 2, …, 32}`, with the floor `d ≥ 0` solved by least squares at each point (`y` is
    /// linear in `d`); the point of least squared error wins.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let samples = inputs[0], pools = inputs[1]
        let scales = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1]
        let utilities = [-0.02, -0.05, -0.1, -0.15, -0.2, -0.3, -0.5]
        let halfLives = [1.0, 2, 4, 8, 16, 32]
        var best = [0.025, -0.1, 4, 0.1]
        var bestError = Double.infinity
        var products = [Double](repeating: 0, count: response.count)
        var heads = [Double](repeating: 0, count: response.count)
        for a in scales {
            for b in utilities {
                for tau in halfLives {
                    // y = d·P + s_0^b·P: solve for d ≥ 0, then score.
                    var pp = 0.0, py = 0.0
                    for i in response.indices {
                        let t = Terms(samples: samples[i], poolSize: pools[i], a: a, b: b, tau: tau)
                        products[i] = exp(b * t.l1)
                        heads[i] = t.head * products[i]
                        pp += products[i] * products[i]
                        py += products[i] * (response[i] - heads[i])
                    }
                    let d = pp > 0 ? Swift.max(py / pp, 0) : 0
                    var sse = 0.0
                    for i in response.indices {
                        let r = response[i] - heads[i] - d * products[i]
                        sse += r * r
                    }
                    if sse < bestError {
                        bestError = sse
                        best = [a, b, tau, d]
                    }
                }
            }
        }
        return best
    }

    // MARK: - The recursion

    /// `K = ⌊n/S⌋`, the completed epochs over a pool of `S` samples after `n` samples.
    static func completedEpochs(samples n: Double, poolSize s: Double) -> Int {
        let k = (n / s).rounded(.down)
        return k.isFinite && k >= 1 ? Int(k) : 0
    }

    /// The authors' recursion for any per-epoch utility `b_k` (`utility(k)`, `k = 0…K`):
    ///
    /// ```
    /// y(n) = [d + s_0^b_0] · Π_{k=1..K} (s_k/s'_k)^b_k,   s_k = a·min(S(k+1), n)/1e5,   s'_k = a·S·k/1e5
    /// ```
    ///
    /// - Parameters:
    ///   - n: samples seen.
    ///   - s: samples per epoch (the pool, or the whole mixture).
    ///   - a: the sample scale.
    ///   - d: the error floor.
    ///   - utility: `b_k` for epoch `k`.
    /// - Returns: the error `y(n)`.
    public static func recursion(samples n: Double, poolSize s: Double, a: Double, d: Double,
                                 utility: (Int) -> Double) -> Double {
        let epochs = completedEpochs(samples: n, poolSize: s)
        let s0 = a * Swift.min(s, n) / 1e5
        var y = d + pow(s0, utility(0))
        if epochs >= 1 {
            for k in 1...epochs {
                let kk = Double(k)
                let sk = a * Swift.min(s * (kk + 1), n) / 1e5
                let skPrime = a * s * kk / 1e5
                y *= pow(sk / skPrime, utility(k))
            }
        }
        return y
    }
}
