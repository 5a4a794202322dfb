import Foundation

/// The contribution of a whole node of ``MultiPowerSourceTree`` to the multi-power loss drop at a
/// later step, from the node's parameter-free moments, for one parameter set (C, β, γ).
///
/// Derivation. With u_k = 1 + C·η_k^(−γ)·S_k(t) = 1 + e^(q_k) and
/// q_k = ln C − γ·l_k + ln(z − F_{k−1}), z = F(t), a term of LD/B is d_k·(1 − g(q_k)) with
/// g(q) = (1 + e^q)^(−β). Around the node's centre,
/// ```
/// q_k = q̄ + Δ_k,   q̄ = ln C − γ·l̄ + ln R,   R = z − F̄,
/// Δ_k = −γ·δl_k + ln(1 − ε_k),   δl_k = l_k − l̄,   ε_k = (F_{k−1} − F̄)/R,
/// ```
/// so Σ_k d_k·g(q_k) = Σ_n g^(n)(q̄)/n!·S_n with S_n = Σ_k d_k·Δ_k^n, and
/// ```
/// S_n = Σ_i C(n, i)·(−γ)^i·Σ_j L_{n−i, j}·R^(−j)·M_ij,
/// ```
/// where (ln(1 − ε))^m = Σ_j L_{m, j}·ε^j and M_ij are the node's moments: the parameters and
/// the step enter only through R, q̄ and γ, never through a sum over the node's sources.
/// The derivatives of g are g^(n) = g·P_n(σ), σ = e^q/(1 + e^q), with P_0 = 1 and
/// P_{n+1} = −β·σ·P_n + σ(1 − σ)·P_n′. The parameter derivatives use the same sums:
/// Σ d_k·g′(q_k) (∂C, ∂γ; with Σ d_k·δl_k·Δ_k^n for ∂γ, from M_{i+1, j}) and
/// Σ d_k·∂g/∂β (∂β, with ∂g^(n)/∂β = g·(−ln(1 + e^q)·P_n + ∂P_n/∂β)).
///
/// Error. A node is expanded only when r = |γ|·½(l_max − l_min) − ln(1 − ½(F_max − F_min)/R)
/// ≤ ``radius`` (so |Δ_k| ≤ r); the expansion stops at degree p = ``MultiPowerSourceTree/order``.
/// g is analytic within π of the real axis and, where β is large, g = e^(−β·ln u) decays as fast
/// as its derivatives grow (|g^(n)| ≲ g·(β·σ)^n), so the remainder per unit of |d| is at most
/// about (r/(1 − r))^(p+1)/√(2π(p+1)) ≈ 8e-12 at r = 1/8, p = 11 (measured: within 7e-13 of
/// the peak rate, which is rounding). Powers of ε and of γ·δl whose bound is below 1e-17 are left
/// out. Nodes whose every term has β·ln u_k > 45 contribute d_k in full (g < 3e-20).
struct MultiPowerFarField {
    /// The largest expansion radius r of a node (see the type's error bound).
    static let radius = 0.125
    /// Terms with β·ln u above this are saturated: g = u^(−β) < 3e-20.
    static let saturation = 45.0
    /// The expansion's degree p and the moments' P = p + 1.
    static let order = MultiPowerSourceTree.order
    static let degree = MultiPowerSourceTree.momentDegree
    /// Row length of the σ-polynomial tables (m = 0…p + 1).
    static let polyStride = order + 2

    let c: Double
    let beta: Double
    let gamma: Double
    /// Whether a node can be saturated at all: β·ln u ≤ β·709.8 for every finite u.
    let mayBeSaturated: Bool
    /// P_n(σ) coefficients, n = 0…p+1: `poly[n·polyStride + m]` multiplies σ^m; their β
    /// derivatives; and P_{n+1}(σ)/σ (row n, m = 0…n).
    let poly: [Double]
    let polyBeta: [Double]
    let polyNextOverSigma: [Double]
    /// 1/n!.
    let inverseFactorial: [Double]
    /// C(n, i)·(−γ)^i at `n·(P + 1) + i`, and its γ derivative −i·C(n, i)·(−γ)^(i−1).
    let gammaBinomial: [Double]
    let gammaBinomialDerivative: [Double]

    init(c: Double, beta: Double, gamma: Double) {
        self.c = c
        self.beta = beta
        self.gamma = gamma
        mayBeSaturated = beta * 709.8 > Self.saturation
        let p = Self.order, stride = Self.polyStride
        var poly = [Double](repeating: 0, count: (p + 2) * stride), polyBeta = poly
        poly[0] = 1
        for n in 0...p {
            for m in 0...(n + 1) {
                let current = m <= n ? poly[n * stride + m] : 0, currentBeta = m <= n ? polyBeta[n * stride + m] : 0
                let lower = m >= 1 ? poly[n * stride + m - 1] : 0, lowerBeta = m >= 1 ? polyBeta[n * stride + m - 1] : 0
                let factor = beta + Double(m) - 1
                poly[(n + 1) * stride + m] = Double(m) * current - factor * lower
                polyBeta[(n + 1) * stride + m] = Double(m) * currentBeta - factor * lowerBeta - lower
            }
        }
        var next = [Double](repeating: 0, count: (p + 1) * stride)
        for n in 0...p {
            for m in 0...n { next[n * stride + m] = poly[(n + 1) * stride + m + 1] }
        }
        self.poly = poly
        self.polyBeta = polyBeta
        polyNextOverSigma = next
        var inverse = [1.0]
        for n in 1...(p + 1) { inverse.append(inverse[n - 1] / Double(n)) }
        inverseFactorial = inverse
        let width = Self.degree + 1
        var combined = [Double](repeating: 0, count: (p + 1) * width), derivative = combined
        for n in 0...p {
            var power = 1.0, lower = 0.0
            for i in 0...n {
                combined[n * width + i] = MultiPowerSourceTree.binomial[n][i] * power
                derivative[n * width + i] = -Double(i) * MultiPowerSourceTree.binomial[n][i] * lower
                lower = power
                power *= -gamma
            }
        }
        gammaBinomial = combined
        gammaBinomialDerivative = derivative
    }

    /// The least n ≤ `limit` with x^n < 2^(−57) (below 1e-17), from x's binary exponent; 0 for
    /// x = 0. x < 1.
    @inline(__always)
    static func negligiblePower(_ x: Double, limit: Int) -> Int {
        guard x > 0 else { return 0 }
        let bits = -(Int(x.exponent) + 1)
        guard bits > 0 else { return limit }
        return Swift.min(limit, (57 + bits - 1) / bits)
    }

    /// Work arrays of one call, reused across nodes and steps.
    struct Scratch {
        var rho = [Double](repeating: 0, count: MultiPowerSourceTree.momentDegree + 1)
        var e = [Double](repeating: 0, count: (MultiPowerSourceTree.momentDegree + 1) * (MultiPowerSourceTree.momentDegree + 1))
        var t = [Double](repeating: 0, count: MultiPowerSourceTree.momentDegree + 1)
        var sigmaPower = [Double](repeating: 0, count: MultiPowerSourceTree.order + 2)
    }

    /// Adds node `node`'s terms at forward area `z` (all its sources before the step) to `sums`
    /// and returns true, or returns false when the node is too near the step to expand.
    @inline(__always)
    func add(node: Int, tree: MultiPowerSourceTree, z: Double, derivatives: Bool,
             into sums: inout MultiPowerTerms.DropSums, scratch: inout Scratch) -> Bool {
        // Saturated: every term has β·ln u ≥ the threshold (u smallest at the largest area and,
        // for γ ≥ 0, the largest log-rate).
        if mayBeSaturated {
            let extremeLog = gamma >= 0 ? tree.maxLog[node] : tree.minLog[node]
            let uMin = 1 + c * exp(-gamma * extremeLog) * (z - tree.maxArea[node])
            if beta * log(uMin) > Self.saturation {
                sums.value += tree.moments[node * MultiPowerSourceTree.momentCount]
                return true
            }
        }
        let r = z - tree.centreArea[node]
        let ratio = tree.halfArea[node] / r
        let spreadLog = abs(gamma) * tree.halfLog[node]
        // r = γ·½Δl − ln(1 − ε), and ε ≤ −ln(1 − ε) ≤ ε/(1 − ε): the logarithm only when the
        // bounds disagree.
        guard ratio < 0.5, spreadLog + ratio <= Self.radius else { return false }
        if spreadLog + ratio / (1 - ratio) > Self.radius, spreadLog - log1p(-ratio) > Self.radius { return false }
        let p = Self.order, degree = Self.degree, width = degree + 1, stride = Self.polyStride
        let base = node * MultiPowerSourceTree.momentCount
        let centreLog = tree.centreLog[node]
        // Powers of ε beyond `top`, and of γ·δl beyond `logTop`, are below 1e-17: left out (one
        // more power of δl for the γ derivative, whose i-th term is i·δl·(−γ·δl)^(i−1)).
        let top = Self.negligiblePower(ratio, limit: degree)
        let logTop = Swift.min(p, Self.negligiblePower(spreadLog, limit: p) + (derivatives ? 1 : 0))
        tree.moments.withUnsafeBufferPointer { m in
        scratch.rho.withUnsafeMutableBufferPointer { rho in
        scratch.e.withUnsafeMutableBufferPointer { e in
        gammaBinomialDerivative.withUnsafeBufferPointer { gd in
        scratch.sigmaPower.withUnsafeMutableBufferPointer { sp in
        poly.withUnsafeBufferPointer { pn in
        polyBeta.withUnsafeBufferPointer { pb in
        polyNextOverSigma.withUnsafeBufferPointer { pq in
        gammaBinomial.withUnsafeBufferPointer { gb in
        inverseFactorial.withUnsafeBufferPointer { f in
        MultiPowerSourceTree.logPowersFlat.withUnsafeBufferPointer { lp in
        scratch.t.withUnsafeMutableBufferPointer { t in
            // Centre: x̄ = η̄^(−γ)·R, ū = 1 + C·x̄, σ̄ = C·x̄/ū, ḡ = ū^(−β), h̄ = ln ū.
            let xBar = exp(-gamma * centreLog) * r
            let uBar = 1 + c * xBar
            let hBar = log(uBar)
            let gBar = exp(-beta * hBar)
            let sigma = c * xBar / uBar
            let inverseR = 1 / r
            rho[0] = 1
            if top >= 1 { for j in 1...top { rho[j] = rho[j - 1] * inverseR } }
            sp[0] = 1
            for k in 1...(p + 1) { sp[k] = sp[k - 1] * sigma }
            // E[i][k] = Σ_{k ≤ j ≤ min(P − i, top)} L_{k,j}·R^(−j)·M_ij, accumulated over j with k
            // innermost (independent sums, contiguous in E and in the transposed L).
            // Two k at a time: independent sums, t_j = R^(−j)·M_ij formed once per i.
            let moments = m.baseAddress! + base, lt = lp.baseAddress!, rhoBase = rho.baseAddress!
            let tBase = t.baseAddress!, eBase = e.baseAddress!
            for i in 0...logTop {
                let row = moments + MultiPowerSourceTree.momentIndex(i, 0)
                let last = Swift.min(degree &- i, top), kTop = Swift.min(p &- i, top)
                for j in 0...last { tBase[j] = rhoBase[j] * row[j] }
                let out = eBase + i &* width
                var k = 0
                while k < kTop {
                    let l0 = lt + k &* width, l1 = lt + (k &+ 1) &* width
                    var sum0 = l0[k] * tBase[k], sum1 = 0.0
                    var j = k &+ 1
                    while j <= last {
                        sum0 += l0[j] * tBase[j]
                        sum1 += l1[j] * tBase[j]
                        j &+= 1
                    }
                    out[k] = sum0
                    out[k &+ 1] = sum1
                    k &+= 2
                }
                if k == kTop {
                    let l0 = lt + k &* width
                    var sum0 = 0.0
                    var j = k
                    while j <= last {
                        sum0 += l0[j] * tBase[j]
                        j &+= 1
                    }
                    out[k] = sum0
                }
            }
            var u = 0.0, uPrime = 0.0, uGamma = 0.0, uBeta = 0.0
            for n in 0...p {
                // S_n = Σ_i C(n, i)·(−γ)^i·E[i][n − i] (only k = n − i ≤ top contributes) and
                // ∂S_n/∂γ = −Σ_i i·C(n, i)·(−γ)^(i−1)·E[i][n − i].
                var sn = 0.0, snGamma = 0.0
                guard n &- top <= logTop else { break }
                let weights = gb.baseAddress! + n &* width, weightsGamma = gd.baseAddress! + n &* width
                let eBase = e.baseAddress!
                for i in Swift.max(0, n &- top)...Swift.min(n, logTop) {
                    let entry = eBase[i &* width &+ n &- i]
                    sn += weights[i] * entry
                    snGamma += weightsGamma[i] * entry
                }
                let rowP = pn.baseAddress! + n &* stride, powers = sp.baseAddress!
                var value = 0.0
                if !derivatives {
                    for k in 0...n { value += rowP[k] * powers[k] }
                    u += value * f[n] * sn
                    continue
                }
                let rowQ = pq.baseAddress! + n &* stride, rowB = pb.baseAddress! + n &* stride
                var next = 0.0, valueBeta = 0.0
                for k in 0...n {
                    value += rowP[k] * powers[k]
                    next += rowQ[k] * powers[k]
                    valueBeta += rowB[k] * powers[k]
                }
                u += value * f[n] * sn
                uPrime += next * f[n] * sn
                uGamma += value * f[n] * snGamma
                uBeta += (hBar * value - valueBeta) * f[n] * sn
            }
            let m00 = m[base]
            sums.value += m00 - gBar * u
            if derivatives {
                // U = Σ d·g(q_k) = ḡ·Σ_n P_n(σ̄)/n!·S_n. ∂/∂C of LD/B = −∂U/∂C = −ḡ·(σ̄/C)·Σ_n Q_n/n!·S_n
                // with Q_n = P_{n+1}/σ (σ̄/C taken as x̄/ū, so C = 0 is fine); ∂q̄/∂γ = −l̄, so
                // ∂/∂γ of LD/B = ḡ·(l̄·σ̄·Σ_n Q_n/n!·S_n − Σ_n P_n/n!·∂S_n/∂γ).
                sums.dC -= gBar * (xBar / uBar) * uPrime
                sums.dBeta += gBar * uBeta
                sums.dGamma += gBar * (centreLog * sigma * uPrime - uGamma)
            }
        }}}}}}}}}}}}
        return true
    }
}
