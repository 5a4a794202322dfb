import Foundation

/// The multi-power law for loss curves (Luo et al. 2025, "A Multi-Power Law for Loss Curve
/// Prediction Across Learning Rate Schedules", arXiv:2503.12811, its main law; the form below
/// checked against the paper's statement and the authors' code release, whose published constants
/// it reproduces (luo2025-multi-power notebook); the paper's equation numbers could not be read
/// from any reachable copy, so none is cited):
///
/// ```
/// L(t)  = L0 + A·(S1(t) + S_W)^(−α) − LD(t)
/// LD(t) = B·Σ_{k=1..t} (η_{k−1} − η_k)·G(η_k^(−γ)·S_k(t))
/// G(x)  = 1 − (C·x + 1)^(−β),   S_k(t) = Σ_{τ=k..t} η_τ
/// ```
///
/// Steps are counted after the warm-up (η_0 is the rate at the warm-up's end) and S_W is the
/// warm-up's area, so S1(t) + S_W is the forward area F(t) of the whole run. The loss drop LD
/// grows as the rate falls, each drop saturating as a power of the area trained since it.
///
/// The law reads its runs' schedules: it is built over ``MultiPowerTerms`` (one per run,
/// computed once) and its inputs are the run's index into ``curves`` and the step. LD at a step
/// costs O(log K) node expansions of a tree over the K rate changes instead of O(t) terms, with
/// no approximation beyond rounding (within 1e-10 of the paper's sum, tests), so a 10^5-step
/// curve costs O(T·log T), not O(T²); see ``MultiPowerTerms``.
/// The catalog entry has no runs; ``CurveFitter`` builds the law over the runs it fits.
///
/// Exact gradient, with Σ = LD/B and its derivatives from ``MultiPowerTerms/lossDrop(at:c:beta:gamma:)``:
/// ∂L/∂L0 = 1, ∂L/∂A = F^(−α), ∂L/∂α = −A·F^(−α)·ln F, ∂L/∂B = −Σ, ∂L/∂C = −B·∂Σ/∂C,
/// ∂L/∂β = −B·∂Σ/∂β, ∂L/∂γ = −B·∂Σ/∂γ.
public struct MultiPowerLaw: ScalingLaw, Equatable {
    /// The runs' schedule terms, indexed by the `curve` input.
    public let curves: [MultiPowerTerms]

    /// The law over the runs' schedules.
    /// - Parameter curves: Each run's schedule terms, indexed by the `curve` input (empty for the
    ///   catalog entry).
    public init(curves: [MultiPowerTerms] = []) {
        self.curves = curves
    }

    public var name: String { "multi-power" }
    public var family: LawFamily { .lossCurve }
    public var title: String { "Multi-power law for loss curves across learning-rate schedules (Luo et al. 2025)" }
    public var formula: String {
        "L(t) = L0 + A·(S1(t) + S_W)^(−α) − B·Σ_{k≤t} (η_{k−1} − η_k)·(1 − (C·η_k^(−γ)·S_k(t) + 1)^(−β))"
    }
    public var citation: String {
        "Luo et al. 2025, A Multi-Power Law for Loss Curve Prediction Across Learning Rate Schedules, arXiv:2503.12811 (the multi-power law L(t) = L0 + A·(S1 + S_W)^−α − LD(t))"
    }

    public var inputs: [LawVariable] {
        [
            LawVariable("curve", symbol: "r", unit: "", summary: "index of the run's schedule", mustBePositive: false),
            LawVariable("step", symbol: "t", unit: "steps", summary: "optimizer step", mustBePositive: false),
        ]
    }

    public var response: LawVariable {
        LawVariable("loss", symbol: "L", unit: "nats/token", summary: "loss at the step")
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("L0", symbol: "L0", unit: "nats/token", summary: "loss floor", isLinear: true),
            LawParameter("A", symbol: "A", unit: "nats/token", summary: "forward-area coefficient", lowerBound: 0, isLinear: true),
            LawParameter("alpha", symbol: "α", summary: "forward-area exponent", lowerBound: 0),
            LawParameter("B", symbol: "B", unit: "nats/token per unit rate", summary: "loss-drop coefficient", lowerBound: 0, isLinear: true),
            LawParameter("C", symbol: "C", summary: "loss-drop area scale", lowerBound: 0),
            LawParameter("beta", symbol: "β", summary: "loss-drop saturation exponent", lowerBound: 0),
            LawParameter("gamma", symbol: "γ", summary: "loss-drop rate exponent", lowerBound: 0),
        ]
    }

    /// The run and step of a point, or `nil` outside the runs.
    private func locate(_ x: [Double]) -> (MultiPowerTerms, Int)? {
        guard x[0].isFinite, x[1].isFinite, x[0] >= 0, Int(x[0]) < curves.count else { return nil }
        return (curves[Int(x[0])], Int(x[1].rounded()))
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        guard let (terms, t) = locate(x), t >= 1, t <= terms.lastStep else { return .nan }
        let drop = terms.lossDrop(at: t, c: p[4], beta: p[5], gamma: p[6])
        return p[0] + p[1] * pow(terms.forward[t], -p[2]) - p[3] * drop.value
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        guard let (terms, t) = locate(x), t >= 1, t <= terms.lastStep else {
            for j in g.indices { g[j] = .nan }
            return
        }
        let f = terms.forward[t]
        let power = pow(f, -p[2])
        let drop = terms.lossDrop(at: t, c: p[4], beta: p[5], gamma: p[6])
        g[0] = 1
        g[1] = power
        g[2] = -p[1] * power * log(f)
        g[3] = -drop.value
        g[4] = -p[3] * drop.dC
        g[5] = -p[3] * drop.dBeta
        g[6] = -p[3] * drop.dGamma
    }

    /// The fused evaluator of a fit (parameters as the law's values, none fitted as a
    /// logarithm): the points grouped by run, each run's expansion tables built once per
    /// evaluation (``MultiPowerTerms``), ln F(t) taken once. Points outside the runs fall back to the
    /// generic path (`nil`).
    public func responseKernel(inputs: [[Double]]) -> LogSpaceKernel? {
        let n = inputs[0].count
        var rowsByCurve = [[Int]](repeating: [], count: curves.count)
        var stepsByCurve = [[Int]](repeating: [], count: curves.count)
        var logForward = [Double](repeating: 0, count: n)
        for i in 0..<n {
            guard let (terms, t) = locate([inputs[0][i], inputs[1][i]]), t >= 1, t <= terms.lastStep else { return nil }
            let r = Int(inputs[0][i])
            rowsByCurve[r].append(i)
            stepsByCurve[r].append(t)
            logForward[i] = log(terms.forward[t])
        }
        let curves = self.curves
        let (rowsOf, stepsOf, lnF) = (rowsByCurve, stepsByCurve, logForward)
        return LogSpaceKernel(
            model: { p, out in
                out.withUnsafeMutableBufferPointer { o in
                    for r in curves.indices where !rowsOf[r].isEmpty {
                        curves[r].lossDrops(at: stepsOf[r], c: p[4], beta: p[5], gamma: p[6], derivatives: false,
                                            into: o, rows: rowsOf[r], stride: n)
                    }
                    for i in 0..<n { o[i] = p[0] + p[1] * exp(-p[2] * lnF[i]) - p[3] * o[i] }
                }
            },
            jacobian: { p, jac in
                jac.elements.withUnsafeMutableBufferPointer { j in
                    // Columns 3…6 receive LD/B and its C, β, γ derivatives, then are scaled.
                    let drops = UnsafeMutableBufferPointer(rebasing: j[(3 * n)...])
                    for r in curves.indices where !rowsOf[r].isEmpty {
                        curves[r].lossDrops(at: stepsOf[r], c: p[4], beta: p[5], gamma: p[6], derivatives: true,
                                            into: drops, rows: rowsOf[r], stride: n)
                    }
                    for i in 0..<n {
                        let power = exp(-p[2] * lnF[i])
                        j[i] = 1
                        j[i + n] = power
                        j[i + 2 * n] = -p[1] * power * lnF[i]
                        j[i + 3 * n] = -j[i + 3 * n]
                        j[i + 4 * n] *= -p[3]
                        j[i + 5 * n] *= -p[3]
                        j[i + 6 * n] *= -p[3]
                    }
                }
            })
    }

    /// On a grid of α ∈ {0.1…1.0} and C ∈ {0.5, 2, 8} with β = γ = 0.5, L0, A and B by linear
    /// least squares; the point of least squared error wins.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        var best = [response.min() ?? 0, 1, 0.5, 1, 2, 0.5, 0.5]
        var bestError = Double.infinity
        let n = response.count
        var forward = [Double](repeating: 1, count: n)
        for i in 0..<n {
            if let (terms, t) = locate([inputs[0][i], inputs[1][i]]), t >= 1, t <= terms.lastStep { forward[i] = terms.forward[t] }
        }
        for c in [0.5, 2.0, 8.0] {
            let drops = (0..<n).map { i -> Double in
                guard let (terms, t) = locate([inputs[0][i], inputs[1][i]]) else { return 0 }
                return terms.lossDrop(at: t, c: c, beta: 0.5, gamma: 0.5).value
            }
            for step in 1...10 {
                let alpha = 0.1 * Double(step)
                let columns = [[Double](repeating: 1, count: n), forward.map { pow($0, -alpha) }, drops.map { -$0 }]
                guard let (b, sse) = CoefficientLeastSquares.solve(columns: columns, response: response), sse < bestError else { continue }
                bestError = sse
                best = [b[0], Swift.max(b[1], 1e-12), alpha, Swift.max(b[2], 1e-12), c, 0.5, 0.5]
            }
        }
        return best
    }
}
