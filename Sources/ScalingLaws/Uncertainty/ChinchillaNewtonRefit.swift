import Foundation

/// Fast refits of the Chinchilla law under a log-space objective with row weights: exact
/// Newton steps on the summed objective, damped (Levenberg–Marquardt style) when the Hessian is
/// not positive definite or a step does not decrease the objective. The bootstrap's fast path
/// (``LawBootstrap``): a resample is a vector of integer row weights, so nothing is copied.
///
/// In the fitted parameters `θ = (e, a, b, α, β) = (log E, log A, log B, α, β)` each row is
/// ```
/// ℓ_i(θ) = LSE(t₁, t₂, t₃),  t₁ = a − α log N_i,  t₂ = b − β log D_i,  t₃ = e
/// F(θ)   = Σ_i w_i ρ(ℓ_i(θ) − log L_i)
/// ∇F     = Σ_i w_i ψ(r_i) Mᵢᵀ p_i
/// ∇²F    = Σ_i w_i Mᵢᵀ [ψ(r_i) diag(p_i) + (ψ'(r_i) − ψ(r_i)) p_i p_iᵀ] Mᵢ
/// ```
/// with `p_i` the softmax of `(t₁, t₂, t₃)`, `Mᵢ = ∂t/∂θ` (rows `(0,1,0,−log N,0)`,
/// `(0,0,1,0,−log D)`, `(1,0,0,0,0)`), `ρ` the Huber loss of threshold δ (Hoffmann et al. 2022;
/// `ρ(r) = r²/2` for log least squares, δ = ∞), `ψ = ρ'` and `ψ' = ρ''`. The Hessian is exact:
/// `∂²LSE/∂t² = diag(p) − ppᵀ`.
///
/// Stops when a full (undamped or lightly damped) step moves every parameter by less than
/// `1e-10·(1 + |θ_j|)`, or when the scaled gradient vanishes. One pass over the rows costs two
/// exponentials (the largest of the three terms has `exp(0) = 1`) and a logarithm per row with
/// non-zero weight and allocates nothing; from a cached start (``caching(start:)``) the first pass needs none.
struct ChinchillaNewtonRefit: Sendable {
    /// `log N_i`, `log D_i`, `log L_i` of the data rows.
    let logN: [Double]
    let logD: [Double]
    let logLoss: [Double]
    /// Huber threshold (`.infinity` for log least squares).
    let delta: Double
    var maxIterations = 200
    /// Row terms at one start (``caching(start:)``), or `nil`.
    var cache: StartCache?

    /// The result of one refit, in fitted parameters.
    struct Outcome: Sendable {
        var theta: [Double]
        var objective: Double
        var iterations: Int
        var converged: Bool
    }

    init(logN: [Double], logD: [Double], logLoss: [Double], delta: Double) {
        self.logN = logN
        self.logD = logD
        self.logLoss = logLoss
        self.delta = delta
    }

    /// The refitter for `law` and `objective` on `data`, or `nil` when the fast path does not
    /// apply (another law or objective, or fixed parameters).
    static func make(law: any ScalingLaw, data: Dataset, objective: LawObjective, fixed: [String: Double]) -> ChinchillaNewtonRefit? {
        guard law is ChinchillaLaw, fixed.isEmpty else { return nil }
        let delta: Double
        switch objective {
        case let .logHuber(d): delta = d
        case .logLeastSquares: delta = .infinity
        case .leastSquares: return nil
        }
        guard let n = try? data.column(law.inputs[0].role), let d = try? data.column(law.inputs[1].role),
              let loss = try? data.column(law.response.role) else { return nil }
        return ChinchillaNewtonRefit(logN: n.map { log($0) }, logD: d.map { log($0) }, logLoss: loss.map { log($0) }, delta: delta)
    }

    /// Rows with non-zero weight, packed: `(log N, log D, log L, w)` per row.
    struct Packed {
        var x: [Double] = []
        var z: [Double] = []
        var y: [Double] = []
        var w: [Double] = []
    }

    func pack(weights: [Double], logResponse: [Double]? = nil) -> Packed {
        var p = Packed()
        let count = weights.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        p.x.reserveCapacity(count)
        p.z.reserveCapacity(count)
        p.y.reserveCapacity(count)
        p.w.reserveCapacity(count)
        let y = logResponse ?? logLoss
        for i in weights.indices where weights[i] != 0 {
            p.x.append(logN[i])
            p.z.append(logD[i])
            p.y.append(y[i])
            p.w.append(weights[i])
        }
        return p
    }

    /// Refits from `start` (fitted parameters) with row weights `weights` (resample counts) and
    /// optionally replaced log responses (residual bootstrap).
    func refit(start: [Double], weights: [Double], logResponse: [Double]? = nil) -> Outcome {
        let rows = pack(weights: weights, logResponse: logResponse)
        let cached = logResponse == nil && cache?.theta == start ? cache : nil
        return rows.x.withUnsafeBufferPointer { x in
            rows.z.withUnsafeBufferPointer { z in
                rows.y.withUnsafeBufferPointer { y in
                    rows.w.withUnsafeBufferPointer { w in
                        newton(start: start, x: x, z: z, y: y, w: w, cached: cached.map { ($0, weights) })
                    }
                }
            }
        }
    }

    /// The weighted objective `F(θ)` at fitted parameters `theta`.
    func objective(_ theta: [Double], weights: [Double], logResponse: [Double]? = nil) -> Double {
        let rows = pack(weights: weights, logResponse: logResponse)
        var scratch = [Double](repeating: 0, count: 40)
        return theta.withUnsafeBufferPointer { t in
            scratch.withUnsafeMutableBufferPointer { buf in
                rows.x.withUnsafeBufferPointer { x in
                    rows.z.withUnsafeBufferPointer { z in
                        rows.y.withUnsafeBufferPointer { y in
                            rows.w.withUnsafeBufferPointer { w in
                                evaluate(t.baseAddress!, x: x, z: z, y: y, w: w, gradient: buf.baseAddress!,
                                         hessian: buf.baseAddress! + 5, scale: buf.baseAddress! + 30)
                            }
                        }
                    }
                }
            }
        }
    }

    /// What one row contributes at fitted parameters `θ`, before its weight: the Huber loss
    /// `ρ(r)`, `ψ(r)`, `ψ'(r)` of its log residual and the softmax `p` of `(t₁, t₂, t₃)`.
    struct RowTerms: Sendable {
        var rho: Double, psi: Double, dpsi: Double
        var p1: Double, p2: Double, p3: Double
    }

    /// The row terms of `(log N, log D, log L) = (xi, zi, yi)` at `θ = (e, a, b, α, β)`. The
    /// largest of `(t₁, t₂, t₃)` has `exp(t − m) = exp(0) = 1` exactly, so it costs no exponential.
    @inline(__always)
    static func rowTerms(
        e: Double, a: Double, b: Double, alpha: Double, beta: Double, delta: Double, xi: Double, zi: Double, yi: Double
    ) -> RowTerms {
        let t1 = a - alpha * xi
        let t2 = b - beta * zi
        let m = Swift.max(t1, t2, e)
        let e1 = t1 == m ? 1 : Foundation.exp(t1 - m)
        let e2 = t2 == m ? 1 : Foundation.exp(t2 - m)
        let e3 = e == m ? 1 : Foundation.exp(e - m)
        let sum = e1 + e2 + e3
        let inv = 1 / sum
        let r = m + Foundation.log(sum) - yi
        let ar = Swift.abs(r)
        if ar <= delta {
            return RowTerms(rho: 0.5 * r * r, psi: r, dpsi: 1, p1: e1 * inv, p2: e2 * inv, p3: e3 * inv)
        }
        return RowTerms(rho: delta * (ar - 0.5 * delta), psi: r > 0 ? delta : -delta, dpsi: 0,
                        p1: e1 * inv, p2: e2 * inv, p3: e3 * inv)
    }

    /// Weighted sums of the row terms: the objective, its gradient, the Hessian's building
    /// blocks `Σ Q·monomial(x, z)` and the Gauss–Newton diagonal (see the type's formulas).
    struct Sums {
        var f = 0.0
        var ge = 0.0, ga = 0.0, gb = 0.0, gal = 0.0, gbe = 0.0
        var q11 = 0.0, q11x = 0.0, q11xx = 0.0
        var q22 = 0.0, q22z = 0.0, q22zz = 0.0
        var q33 = 0.0
        var q12 = 0.0, q12x = 0.0, q12z = 0.0, q12xz = 0.0
        var q13 = 0.0, q13x = 0.0
        var q23 = 0.0, q23z = 0.0
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0

        /// Adds row `(xi, zi)` with weight `wi` and terms `r`.
        @inline(__always)
        mutating func add(_ r: RowTerms, xi: Double, zi: Double, wi: Double) {
            let p1 = r.p1, p2 = r.p2, p3 = r.p3
            f += wi * r.rho
            let c = wi * r.psi
            let d = wi * (r.dpsi - r.psi)
            ge += c * p3
            ga += c * p1
            gb += c * p2
            gal -= xi * c * p1
            gbe -= zi * c * p2
            // Q = c·diag(p) + d·ppᵀ
            let v11 = c * p1 + d * p1 * p1
            let v22 = c * p2 + d * p2 * p2
            let v33 = c * p3 + d * p3 * p3
            let v12 = d * p1 * p2
            let v13 = d * p1 * p3
            let v23 = d * p2 * p3
            q11 += v11; q11x += xi * v11; q11xx += xi * xi * v11
            q22 += v22; q22z += zi * v22; q22zz += zi * zi * v22
            q33 += v33
            q12 += v12; q12x += xi * v12; q12z += zi * v12; q12xz += xi * zi * v12
            q13 += v13; q13x += xi * v13
            q23 += v23; q23z += zi * v23
            s0 += wi * p3 * p3
            s1 += wi * p1 * p1
            s2 += wi * p2 * p2
            s3 += wi * xi * xi * p1 * p1
            s4 += wi * zi * zi * p2 * p2
        }

        /// Writes the gradient (5), the Hessian (5×5 row-major, `H = Σ Mᵀ Q M`, order e, a, b,
        /// α, β) and the Gauss–Newton diagonal; returns the objective.
        @inline(__always)
        func store(gradient g: UnsafeMutablePointer<Double>, hessian h: UnsafeMutablePointer<Double>, scale s: UnsafeMutablePointer<Double>) -> Double {
            g[0] = ge; g[1] = ga; g[2] = gb; g[3] = gal; g[4] = gbe
            let hee = q33, hea = q13, heb = q23, heal = -q13x, hebe = -q23z
            let haa = q11, hab = q12, haal = -q11x, habe = -q12z
            let hbb = q22, hbal = -q12x, hbbe = -q22z
            let halal = q11xx, halbe = q12xz, hbebe = q22zz
            h[0] = hee; h[1] = hea; h[2] = heb; h[3] = heal; h[4] = hebe
            h[5] = hea; h[6] = haa; h[7] = hab; h[8] = haal; h[9] = habe
            h[10] = heb; h[11] = hab; h[12] = hbb; h[13] = hbal; h[14] = hbbe
            h[15] = heal; h[16] = haal; h[17] = hbal; h[18] = halal; h[19] = halbe
            h[20] = hebe; h[21] = habe; h[22] = hbbe; h[23] = halbe; h[24] = hbebe
            s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3; s[4] = s4
            return f
        }
    }

    /// Value, gradient (5), Hessian (5×5 row-major) and Gauss–Newton diagonal `Σ w (∂ℓ/∂θ_j)²`.
    @inline(__always)
    func evaluate(
        _ t: UnsafePointer<Double>, x: UnsafeBufferPointer<Double>, z: UnsafeBufferPointer<Double>,
        y: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>,
        gradient g: UnsafeMutablePointer<Double>, hessian h: UnsafeMutablePointer<Double>, scale s: UnsafeMutablePointer<Double>
    ) -> Double {
        let e = t[0], a = t[1], b = t[2], alpha = t[3], beta = t[4]
        let delta = self.delta
        var sums = Sums()
        for i in 0..<x.count {
            let xi = x[i], zi = z[i]
            let terms = Self.rowTerms(e: e, a: a, b: b, alpha: alpha, beta: beta, delta: delta, xi: xi, zi: zi, yi: y[i])
            sums.add(terms, xi: xi, zi: zi, wi: w[i])
        }
        return sums.store(gradient: g, hessian: h, scale: s)
    }

    /// The same as ``evaluate(_:x:z:y:w:gradient:hessian:scale:)`` at the start of ``cached``,
    /// from its stored row terms: the same sums in the same order (rows with non-zero weight,
    /// in row order), so the same bits, without an exponential or a logarithm.
    func evaluateCached(
        _ cache: StartCache, weights: [Double],
        gradient g: UnsafeMutablePointer<Double>, hessian h: UnsafeMutablePointer<Double>, scale s: UnsafeMutablePointer<Double>
    ) -> Double {
        var sums = Sums()
        for i in weights.indices where weights[i] != 0 {
            sums.add(cache.terms[i], xi: logN[i], zi: logD[i], wi: weights[i])
        }
        return sums.store(gradient: g, hessian: h, scale: s)
    }

    /// The row terms of every row at one start: every resample of a bootstrap is refitted from
    /// the full-data optimum, where each row's loss and softmax do not depend on its weight, so
    /// the first Newton evaluation of each refit needs only the weighted sums.
    struct StartCache: Sendable {
        /// The start, in fitted parameters.
        var theta: [Double]
        /// The row terms there, in row order.
        var terms: [RowTerms]
    }

    /// The refitter with ``StartCache`` at `start` (fitted parameters): refits from exactly
    /// that start with the data's own responses use it for their first evaluation.
    func caching(start: [Double]) -> ChinchillaNewtonRefit {
        guard start.count == 5 else { return self }
        var copy = self
        copy.cache = StartCache(theta: start, terms: logN.indices.map { i in
            Self.rowTerms(e: start[0], a: start[1], b: start[2], alpha: start[3], beta: start[4], delta: delta,
                          xi: logN[i], zi: logD[i], yi: logLoss[i])
        })
        return copy
    }

    /// Damped Newton iterations from `start`; the first evaluation comes from `cached` (row
    /// terms at `start` and the unpacked weights) when given.
    func newton(
        start: [Double], x: UnsafeBufferPointer<Double>, z: UnsafeBufferPointer<Double>,
        y: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>, cached: (StartCache, [Double])? = nil
    ) -> Outcome {
        // All work storage in one buffer, allocated once per refit.
        var storage = [Double](repeating: 0, count: 112)
        return storage.withUnsafeMutableBufferPointer { buf -> Outcome in
            let base = buf.baseAddress!
            let theta = base, g = base + 5, h = base + 10, s = base + 35
            let trial = base + 40, tg = base + 45, th = base + 50, ts = base + 75
            let step = base + 80, chol = base + 85  // chol: 25 entries, 85..<110
            for j in 0..<5 { theta[j] = start[j] }
            var f: Double
            if case let (cache, weights)? = cached {
                f = evaluateCached(cache, weights: weights, gradient: g, hessian: h, scale: s)
            } else {
                f = evaluate(theta, x: x, z: z, y: y, w: w, gradient: g, hessian: h, scale: s)
            }
            guard f.isFinite else { return Outcome(theta: start, objective: f, iterations: 0, converged: false) }
            var lambda = 0.0
            var iterations = 0
            while iterations < maxIterations {
                iterations += 1
                // Scaled gradient test: |g_j| ≤ 1e-14·√(scale_j)·(1 + F) means nothing is left to gain.
                var gradientSmall = true
                for j in 0..<5 where Swift.abs(g[j]) > 1e-13 * (s[j].squareRoot() + 1e-300) * (1 + f) {
                    gradientSmall = false
                }
                if gradientSmall {
                    return Outcome(theta: (0..<5).map { theta[$0] }, objective: f, iterations: iterations, converged: true)
                }
                // Solve (H + λ·diag(scale)) step = −g by Cholesky; raise λ until positive definite.
                var solved = false
                for _ in 0..<60 {
                    if Self.choleskySolve(h, scale: s, lambda: lambda, rhs: g, into: step, work: chol) {
                        solved = true
                        break
                    }
                    lambda = lambda == 0 ? 1e-8 : lambda * 10
                }
                guard solved else { break }
                // Predicted reduction −(gᵀs + ½ sᵀHs).
                var gs = 0.0, shs = 0.0
                for j in 0..<5 {
                    gs += g[j] * step[j]
                    var row = 0.0
                    for k in 0..<5 { row += h[5 * j + k] * step[k] }
                    shs += step[j] * row
                }
                let predicted = -(gs + 0.5 * shs)
                for j in 0..<5 { trial[j] = theta[j] + step[j] }
                let ft = evaluate(trial, x: x, z: z, y: y, w: w, gradient: tg, hessian: th, scale: ts)
                var small = true
                for j in 0..<5 where Swift.abs(step[j]) > 1e-10 * (1 + Swift.abs(theta[j])) { small = false }
                if ft.isFinite, ft <= f {
                    let ratio = predicted > 0 ? (f - ft) / predicted : 1
                    for j in 0..<5 { theta[j] = trial[j]; g[j] = tg[j]; s[j] = ts[j] }
                    for k in 0..<25 { h[k] = th[k] }
                    f = ft
                    if ratio > 0.25 { lambda = lambda < 1e-7 ? 0 : lambda / 10 }
                    if small, lambda < 1e-3 {
                        return Outcome(theta: (0..<5).map { theta[$0] }, objective: f, iterations: iterations, converged: true)
                    }
                } else {
                    if small, lambda >= 1e-3 {
                        // No decrease from a tiny step: at the optimum up to rounding.
                        return Outcome(theta: (0..<5).map { theta[$0] }, objective: f, iterations: iterations, converged: true)
                    }
                    lambda = lambda == 0 ? 1e-6 : lambda * 10
                    if lambda > 1e12 { break }
                }
            }
            return Outcome(theta: (0..<5).map { theta[$0] }, objective: f, iterations: iterations, converged: false)
        }
    }

    /// Solves `(H + λ·diag(scale)) x = −g` for the 5×5 symmetric `H` by Cholesky; `false` when
    /// the matrix is not numerically positive definite.
    @inline(__always)
    static func choleskySolve(
        _ h: UnsafePointer<Double>, scale: UnsafePointer<Double>, lambda: Double, rhs g: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>, work l: UnsafeMutablePointer<Double>
    ) -> Bool {
        // l: the 5×5 Cholesky factor, lower triangle, row-major in a 25-entry scratch.
        var diagMax = 0.0
        for j in 0..<5 { diagMax = Swift.max(diagMax, Swift.abs(h[6 * j])) }
        for i in 0..<5 {
            for j in 0...i {
                var v = h[5 * i + j]
                if i == j { v += lambda * Swift.max(scale[j], 1e-12 * diagMax + 1e-300) }
                for k in 0..<j { v -= l[5 * i + k] * l[5 * j + k] }
                if i == j {
                    guard v > 1e-14 * (Swift.abs(h[6 * i]) + lambda * scale[i]) + 1e-300 else { return false }
                    l[5 * i + i] = v.squareRoot()
                } else {
                    l[5 * i + j] = v / l[5 * j + j]
                }
            }
        }
        // Forward: L u = −g; back: Lᵀ x = u.
        for i in 0..<5 {
            var v = -g[i]
            for k in 0..<i { v -= l[5 * i + k] * out[k] }
            out[i] = v / l[5 * i + i]
        }
        for i in stride(from: 4, through: 0, by: -1) {
            var v = out[i]
            for k in (i + 1)..<5 { v -= l[5 * k + i] * out[k] }
            out[i] = v / l[5 * i + i]
        }
        return true
    }
}
