import Foundation

/// The broken neural scaling law (BNSL) of Caballero et al. 2022 ("Broken Neural Scaling Laws",
/// arXiv:2210.14891, eq. 1) with `k` breaks:
///
/// ```
/// y = a + b · x^(−c0) · Π_{i=1..k} (1 + (x/d_i)^(1/f_i))^(−c_i·f_i)
/// ```
/// - `x`: the scaled quantity (compute, parameters, data, steps; positive), role `x`;
///   `y`: the metric (loss, error; positive), role `y`.
/// - `a ≥ 0`: the limit of `y` as `x → ∞` when the total exponent is positive; `b ≥ 0`: the
///   coefficient of the first segment. Both are linear (solved exactly by variable projection)
///   and fitted as logarithms under log-space objectives.
/// - `c0 ∈ [−10, 10]`: the log-log slope (negated) of the first segment, `y − a ∝ x^(−c0)` for
///   `x ≪ d_1`.
/// - For each break `i`: `c_i ∈ [−10, 10]` changes the slope, so that after break `i` the
///   segment falls as `x^(−(c0 + c1 + … + c_i))` (negative `c_i` slows the decay);
///   `d_i > 0` is where the break happens, in units of `x` (fitted as `log d_i` under log-space
///   objectives); `f_i ∈ [0.001, 10]` is its sharpness (small `f` = sharp break).
///
/// Evaluated stably as `y = a + b·exp(−c0 log x − Σ c_i f_i softplus((log x − log d_i)/f_i))`,
/// `softplus(z) = log(1 + e^z)`, which equals the product form and never overflows.
///
/// Parameters are ordered `a, b, c0, c1, d1, f1, c2, d2, f2, …`. With more than three
/// nonlinear parameters the default variable-projection start does not apply, so
/// ``initialGuess(inputs:response:)`` searches a grid itself: break positions spread over the
/// interior of the data's `log x` range (increasing), a few sharpnesses, and slopes on a grid,
/// with `a`, `b` by non-negative linear least squares at every point, scored by squared log
/// residuals when all `y > 0`.
public struct BrokenPowerLaw: ScalingLaw, Equatable, Hashable {
    /// The number of breaks `k`, 1 to 3.
    public let breaks: Int

    /// A BNSL with `breaks` breaks (1, 2 or 3).
    public init(breaks: Int = 1) {
        precondition((1...3).contains(breaks), "BrokenPowerLaw supports 1 to 3 breaks, got \(breaks)")
        self.breaks = breaks
    }

    public var name: String { breaks == 1 ? "bnsl" : "bnsl-\(breaks)" }
    /// Errors and losses vary multiplicatively: least squares on log residuals.
    public var defaultObjective: LawObjective { .logLeastSquares }

    public var title: String {
        "Broken neural scaling law with \(breaks) break\(breaks == 1 ? "" : "s") (Caballero et al. 2022)"
    }

    public var formula: String {
        var text = "y = a + b·x^(−c0)"
        for i in 1...breaks { text += "·(1 + (x/d\(i))^(1/f\(i)))^(−c\(i)·f\(i))" }
        return text
    }

    public var citation: String {
        "Caballero et al. 2022, Broken Neural Scaling Laws, arXiv:2210.14891, eq. (1)"
    }

    public var inputs: [LawVariable] {
        [LawVariable("x", symbol: "x", unit: "", summary: "scaled quantity (compute, parameters, data, steps)")]
    }

    public var response: LawVariable {
        LawVariable("y", symbol: "y", unit: "", summary: "metric (loss, error)")
    }

    public var parameters: [LawParameter] {
        var list = [
            LawParameter("a", symbol: "a", unit: "y", summary: "limit as x → ∞",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("b", symbol: "b", unit: "y·x^c0", summary: "coefficient of the first segment",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("c0", symbol: "c₀", summary: "slope of the first segment", lowerBound: -10, upperBound: 10),
        ]
        for i in 1...breaks {
            list.append(LawParameter("c\(i)", symbol: "c\(i)", summary: "slope change at break \(i)",
                                     lowerBound: -10, upperBound: 10))
            list.append(LawParameter("d\(i)", symbol: "d\(i)", unit: "x", summary: "location of break \(i)",
                                     lowerBound: 0, fitsInLogSpace: true))
            list.append(LawParameter("f\(i)", symbol: "f\(i)", summary: "sharpness of break \(i) (small = sharp)",
                                     lowerBound: 1e-3, upperBound: 10))
        }
        return list
    }

    /// `log(1 + e^z)` without overflow.
    @inline(__always)
    static func softplus(_ z: Double) -> Double {
        Swift.max(z, 0) + log1p(exp(-Swift.abs(z)))
    }

    /// `1/(1 + e^−z)` without overflow.
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    /// The exponent `s = c0 log x + Σ c_i f_i softplus((log x − log d_i)/f_i)`, so that
    /// `y = a + b·e^(−s)`.
    @inline(__always)
    func exponent(_ logX: Double, _ p: [Double]) -> Double {
        var s = p[2] * logX
        for i in 0..<breaks {
            let c = p[3 + 3 * i], d = p[4 + 3 * i], f = p[5 + 3 * i]
            s += c * f * Self.softplus((logX - log(d)) / f)
        }
        return s
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] + p[1] * exp(-exponent(log(x[0]), p))
    }

    /// With `P = b·e^(−s)`, `z_i = (log x − log d_i)/f_i`, `S_i = softplus(z_i)`, `σ_i = σ(z_i)`:
    /// `∂y/∂a = 1`, `∂y/∂b = e^(−s)`, `∂y/∂c0 = −P log x`, `∂y/∂c_i = −f_i S_i P`,
    /// `∂y/∂d_i = c_i σ_i P / d_i`, `∂y/∂f_i = −c_i (S_i − σ_i z_i) P`.
    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let logX = log(x[0])
        let base = exp(-exponent(logX, p))
        let power = p[1] * base
        g[0] = 1
        g[1] = base
        g[2] = -logX * power
        for i in 0..<breaks {
            let c = p[3 + 3 * i], d = p[4 + 3 * i], f = p[5 + 3 * i]
            let z = (logX - log(d)) / f
            let s = Self.softplus(z)
            let sigma = Self.sigmoid(z)
            g[3 + 3 * i] = -f * s * power
            g[4 + 3 * i] = c * sigma * power / d
            g[5 + 3 * i] = -c * (s - sigma * z) * power
        }
    }

    // MARK: - Starting values

    /// Grid of first-segment slopes searched by ``initialGuess(inputs:response:)``.
    private var c0Grid: [Double] {
        breaks == 1 ? [-0.25, 0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2] : [0, 0.1, 0.25, 0.5, 1]
    }

    /// Grid of slope changes at a break.
    private var cGrid: [Double] {
        breaks == 1 ? [-1, -0.5, -0.25, 0, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3] : [-0.5, 0, 0.25, 0.5, 1, 2]
    }

    /// Candidate sharpnesses (shared by all breaks of one candidate).
    private var fGrid: [Double] {
        breaks == 1 ? [0.1, 0.3, 1] : [0.25, 0.75]
    }

    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let y = response
        let n = y.count
        let logX = inputs[0].map { log($0) }
        let logSpace = y.allSatisfy { $0 > 0 }
        let lo = logX.min() ?? 0
        let hi = logX.max() ?? 1
        let positions = breaks == 1 ? 10 : 8
        // Break locations at interior points of the log x range.
        let logD = (1...positions).map { lo + (hi - lo) * Double($0) / Double(positions + 1) }
        let yPositiveMin = y.filter { $0 > 0 }.min() ?? 1
        let fs = fGrid
        let c0s = c0Grid
        let cs = cGrid
        // softplus tables, flat: table[(fIndex·positions + position)·n + i] = f·softplus((log x_i − log d)/f)
        var table = [Double](repeating: 0, count: fs.count * positions * n)
        for (fIndex, f) in fs.enumerated() {
            for position in 0..<positions {
                for i in 0..<n { table[(fIndex * positions + position) * n + i] = f * Self.softplus((logX[i] - logD[position]) / f) }
            }
        }
        // levels[k·n + i]: the exponent s_i = c0 log x_i + Σ_{j ≤ k} c_j f softplus(…) after k breaks.
        var levels = [Double](repeating: 0, count: (breaks + 1) * n)
        var phi = [Double](repeating: 0, count: n)
        var choice = [(position: Int, c: Double)](repeating: (0, 0), count: breaks)
        var bestScore = Double.infinity
        var best: [Double] = []

        table.withUnsafeBufferPointer { table in
            levels.withUnsafeMutableBufferPointer { levels in
                phi.withUnsafeMutableBufferPointer { phi in
                    y.withUnsafeBufferPointer { y in
                        // Depth-first over increasing break positions and slope changes.
                        func recurse(depth: Int, first: Int, c0: Double, fIndex: Int) {
                            if depth == breaks {
                                let leaf = Self.scoreLeaf(UnsafeBufferPointer(rebasing: levels[(depth * n)..<((depth + 1) * n)]),
                                                          y, phi, logSpace: logSpace)
                                guard leaf.score < bestScore else { return }
                                bestScore = leaf.score
                                best = [leaf.a, leaf.b, c0]
                                for item in choice { best += [item.c, exp(logD[item.position]), fs[fIndex]] }
                                return
                            }
                            guard first + (breaks - depth) <= positions else { return }
                            for position in first..<positions {
                                let row = (fIndex * positions + position) * n
                                for c in cs {
                                    for i in 0..<n { levels[(depth + 1) * n + i] = levels[depth * n + i] + c * table[row + i] }
                                    choice[depth] = (position, c)
                                    recurse(depth: depth + 1, first: position + 1, c0: c0, fIndex: fIndex)
                                }
                            }
                        }
                        for fIndex in fs.indices {
                            for c0 in c0s {
                                for i in 0..<n { levels[i] = c0 * logX[i] }
                                recurse(depth: 0, first: 0, c0: c0, fIndex: fIndex)
                            }
                        }
                    }
                }
            }
        }
        return finishGuess(best, yPositiveMin: yPositiveMin, logX: logX)
    }

    /// Non-negative `a`, `b` of `y ≈ a + b·e^(−s)` (2×2 normal equations, or the better
    /// one-term fit when a coefficient would be negative) and the score of the fit: squared log
    /// residuals when `logSpace`, else squared residuals.
    private static func scoreLeaf(
        _ s: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ phi: UnsafeMutableBufferPointer<Double>,
        logSpace: Bool
    ) -> (a: Double, b: Double, score: Double) {
        let n = y.count
        var sp = 0.0, spp = 0.0, sy = 0.0, spy = 0.0
        for i in 0..<n {
            let value = exp(-s[i])
            phi[i] = value
            sp += value
            spp += value * value
            sy += y[i]
            spy += value * y[i]
        }
        guard sp.isFinite, spp.isFinite, spy.isFinite else { return (0, 0, .infinity) }
        let count = Double(n)
        var a = 0.0, b = 0.0
        let det = count * spp - sp * sp
        if det > 1e-12 * count * spp {
            a = (spp * sy - sp * spy) / det
            b = (count * spy - sp * sy) / det
        }
        if !(a >= 0 && b >= 0) {
            // The better of b alone and a alone.
            let bOnly = spp > 0 ? Swift.max(spy / spp, 0) : 0
            let aOnly = Swift.max(sy / count, 0)
            var rssB = 0.0, rssA = 0.0
            for i in 0..<n {
                let rb = bOnly * phi[i] - y[i]
                let ra = aOnly - y[i]
                rssB += rb * rb
                rssA += ra * ra
            }
            if rssB <= rssA { a = 0; b = bOnly } else { a = aOnly; b = 0 }
        }
        var score = 0.0
        for i in 0..<n {
            let f = a + b * phi[i]
            if logSpace {
                guard f > 0 else { return (a, b, .infinity) }
                let r = log(f / y[i])
                score += r * r
            } else {
                let r = f - y[i]
                score += r * r
            }
        }
        return (a, b, score)
    }

    private func finishGuess(_ candidate: [Double], yPositiveMin: Double, logX: [Double]) -> [Double] {
        var p = candidate
        if p.count != parameters.count {
            // No finite candidate: a gentle default.
            let mid = exp(((logX.min() ?? 0) + (logX.max() ?? 1)) / 2)
            p = [0.5 * yPositiveMin, yPositiveMin, 0.3]
            for _ in 0..<breaks { p += [0.2, mid, 0.5] }
        }
        if !(p[0] > 0) { p[0] = 1e-3 * yPositiveMin }
        if !(p[1] > 0) { p[1] = 1e-3 * yPositiveMin }
        return p
    }
}
