import Foundation

/// The M4 law of Alabdulmohsin et al. 2022 ("Revisiting Neural Scaling Laws in Language and
/// Vision", arXiv:2209.06640, the estimator M4), an implicit law for an error rate:
///
/// ```
/// (ε_x − ε_∞) / (ε_0 − ε_x)^α = β · x^c
/// ```
/// - `x`: the scaled quantity (training examples, compute, parameters; positive), role `x`;
///   `ε_x`: the error (or loss) at `x`, role `y`, which lies strictly between `ε_∞` and `ε_0`.
/// - `β > 0`: scale (units of `(error)^(1−α)·x^(−c)`; fitted as `log β` under log-space
///   objectives); `c ∈ [−10, 10]`: the exponent, negative when the error falls with `x`;
///   `α ∈ [0.01, 10]`: the curvature of the transition; `ε_∞ ≥ 0`: the irreducible error
///   (`x → ∞` for `c < 0`); `ε_0 > ε_∞`: the error at the start, e.g. random guessing
///   (`x → 0`). Points where `ε_0 ≤ ε_∞` evaluate to NaN (the fitter rejects such steps).
///
/// Evaluation solves the equation per point. With `Δ = ε_0 − ε_∞`, `u = ε_x − ε_∞`,
/// `v = ε_0 − ε_x` (`u + v = Δ`) and `w = log(u/v)`, the equation becomes
///
/// ```
/// G(w) = log σ(w) − α log σ(−w) + (1 − α) log Δ − log β − c log x = 0,
/// G'(w) = σ(−w) + α σ(w) ∈ [min(1, α), max(1, α)]
/// ```
/// which is strictly increasing in `w`: the root is bracketed and found by Newton steps
/// safeguarded by bisection, to full precision, and `u = Δσ(w)`, `v = Δσ(−w)` keep full relative
/// precision near either end.
///
/// The gradient follows from the implicit function theorem on
/// `F = log u − α log v − log β − c log x = 0` (`∂F/∂ε_x = 1/u + α/v`):
///
/// ```
/// ∂ε/∂β = uv / (β(v + αu))        ∂ε/∂c = uv log x / (v + αu)     ∂ε/∂α = uv log v / (v + αu)
/// ∂ε/∂ε_∞ = v / (v + αu)          ∂ε/∂ε_0 = αu / (v + αu)
/// ```
public struct M4Law: ScalingLaw, Equatable, Hashable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "m4" }
    /// Errors and losses vary multiplicatively: least squares on log residuals.
    public var defaultObjective: LawObjective { .logLeastSquares }
    public var title: String { "M4 implicit error law (Alabdulmohsin et al. 2022)" }
    public var formula: String { "(ε_x − ε_∞)/(ε_0 − ε_x)^α = β·x^c" }
    public var citation: String {
        "Alabdulmohsin, Neyshabur & Zhai 2022, Revisiting Neural Scaling Laws in Language and Vision, arXiv:2209.06640, estimator M4"
    }

    public var inputs: [LawVariable] {
        [LawVariable("x", symbol: "x", unit: "", summary: "scaled quantity (examples, compute, parameters)")]
    }

    public var response: LawVariable {
        LawVariable("y", symbol: "ε_x", unit: "", summary: "error (or loss) at x")
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("beta", symbol: "β", summary: "scale", lowerBound: 0, fitsInLogSpace: true),
            LawParameter("c", symbol: "c", summary: "exponent (negative when the error falls)",
                         lowerBound: -10, upperBound: 10),
            LawParameter("alpha", symbol: "α", summary: "transition curvature", lowerBound: 0.01, upperBound: 10),
            LawParameter("eps_inf", symbol: "ε_∞", unit: "y", summary: "irreducible error", lowerBound: 0),
            LawParameter("eps_0", symbol: "ε_0", unit: "y", summary: "initial error (x → 0)", lowerBound: 0),
        ]
    }

    /// The solution at one point: `u = ε − ε_∞`, `v = ε_0 − ε` and `ε` itself.
    struct Solution {
        let u: Double
        let v: Double
        let epsilon: Double
    }

    @inline(__always)
    static func softplus(_ z: Double) -> Double {
        Swift.max(z, 0) + log1p(exp(-Swift.abs(z)))
    }

    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// Solves the M4 equation at `x` for parameters `p`, or `nil` outside the domain.
    func solve(_ x: Double, _ p: [Double]) -> Solution? {
        let beta = p[0], c = p[1], alpha = p[2], low = p[3], high = p[4]
        let delta = high - low
        guard delta > 0, beta > 0, alpha > 0, x > 0, delta.isFinite, beta.isFinite, alpha.isFinite, c.isFinite else {
            return nil
        }
        // G(w) = −softplus(−w) + α·softplus(w) − r
        let r = log(beta) + c * log(x) - (1 - alpha) * log(delta)
        guard r.isFinite else { return nil }
        func g(_ w: Double) -> Double { -Self.softplus(-w) + alpha * Self.softplus(w) - r }
        func slope(_ w: Double) -> Double { Self.sigmoid(-w) + alpha * Self.sigmoid(w) }
        // Asymptotes: G ≈ w − r for w ≪ 0 and G ≈ αw − r for w ≫ 0.
        var w = r < 0 ? r : r / alpha
        var lower = w - 1
        var upper = w + 1
        var step = 1.0
        var gLower = g(lower)
        while gLower > 0 {
            step *= 2
            upper = lower
            lower -= step
            gLower = g(lower)
            if step > 1e300 { return nil }
        }
        var gUpper = g(upper)
        while gUpper < 0 {
            step *= 2
            lower = upper
            upper += step
            gUpper = g(upper)
            if step > 1e300 { return nil }
        }
        w = Swift.min(Swift.max(w, lower), upper)
        for _ in 0..<200 {
            let value = g(w)
            if value == 0 { break }
            if value < 0 { lower = w } else { upper = w }
            var next = w - value / slope(w)
            if !(next > lower && next < upper) { next = 0.5 * (lower + upper) }
            let change = Swift.abs(next - w)
            w = next
            if change <= 4 * Double.ulpOfOne * Swift.max(1, Swift.abs(w)) || upper - lower <= 4 * Double.ulpOfOne * Swift.max(1, Swift.abs(w)) {
                break
            }
        }
        let u = delta * Self.sigmoid(w)
        let v = delta * Self.sigmoid(-w)
        let epsilon = u <= v ? low + u : high - v
        return Solution(u: u, v: v, epsilon: epsilon)
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        solve(x[0], p)?.epsilon ?? .nan
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        guard let s = solve(x[0], p) else {
            for k in g.indices { g[k] = .nan }
            return
        }
        let alpha = p[2]
        let denominator = s.v + alpha * s.u
        let uvOver = s.u * s.v / denominator
        g[0] = uvOver / p[0]
        g[1] = uvOver * log(x[0])
        g[2] = uvOver * log(s.v)
        g[3] = s.v / denominator
        g[4] = alpha * s.u / denominator
    }

    /// A grid over `ε_∞` (fractions of the smallest error), `ε_0` (above the largest error) and
    /// `α`; at each point `log(y − ε_∞) − α log(ε_0 − y) = log β + c log x` is a straight line
    /// fitted by ordinary least squares, and the candidate whose solved curve has the smallest
    /// squared (log, when all `y > 0`) residual wins.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let x = inputs[0]
        let y = response
        let logX = x.map { log($0) }
        let yMin = y.min() ?? 0.1
        let yMax = y.max() ?? 1
        let spread = Swift.max(yMax - yMin, 1e-6 * Swift.max(Swift.abs(yMax), 1))
        let logSpace = y.allSatisfy { $0 > 0 }
        var best = [1.0, -0.3, 1.0, Swift.max(0, 0.5 * yMin), yMax + 0.1 * spread]
        var bestScore = Double.infinity
        let floors = yMin > 0 ? [0, 0.5, 0.8, 0.9, 0.97].map { $0 * yMin } : [yMin - 0.1 * spread]
        let ceilings = [0.01, 0.03, 0.1, 0.3, 1].map { yMax + $0 * spread }
        var prediction = [Double](repeating: 0, count: y.count)
        var u: [Double] = []
        var v: [Double] = []
        for low in floors where low >= 0 {
            for high in ceilings {
                for alpha in [0.25, 0.5, 0.8, 1.2, 2] {
                    u.removeAll(keepingCapacity: true)
                    v.removeAll(keepingCapacity: true)
                    for i in y.indices where y[i] > low && y[i] < high {
                        u.append(logX[i])
                        v.append(log(y[i] - low) - alpha * log(high - y[i]))
                    }
                    guard let line = PowerLawGuess.line(u, v) else { continue }
                    let p = [exp(line.intercept), Swift.min(Swift.max(line.slope, -9.9), 9.9), alpha, low, high]
                    guard p[0] > 0, p[0].isFinite else { continue }
                    for i in y.indices { prediction[i] = evaluate([x[i]], p) }
                    let score = PowerLawGuess.score(prediction, y, logSpace: logSpace)
                    if score < bestScore {
                        bestScore = score
                        best = p
                    }
                }
            }
        }
        return best
    }
}
