import Foundation

/// Benchmark performance as a logistic function of log compute above a floor `y0`:
///
/// ```
/// P(C) = y0 + (1 − y0) / (1 + exp(−k (x − x0))),   x = log10 C
/// ```
/// - `C`: training compute in FLOP, or Owen's scaled compute `C_s` (see ``ScaledCompute``); the
///   law takes `log10 C` itself. `C > 0`.
/// - `P`: benchmark score in [0, 1] (``validate(_:)``): raw scores work, the floor `y0` takes
///   chance (Ruan et al. 2024's `b`); normalised scores (chance = 0) work too.
/// - `k`: slope per decade of compute (`k ≥ 0`); `x0`: the `log10 C` of the curve's midpoint,
///   where `P = (1 + y0)/2`; `y0 ∈ [0, 1]`: the floor, the score of small models (the lower
///   asymptote). The ceiling stays at 1, the best possible normalised score.
///
/// Owen 2024 (arXiv:2401.04757) compares a "sigmoid with offset" against its main sigmoid
/// (``SigmoidLaw``) without this package reproducing his exact parameterisation; the form here
/// is the lower-asymptote logistic of Ruan, Maddison & Hashimoto 2024, "Observational Scaling
/// Laws" (arXiv:2405.10938), `y = (1 − b)·σ(wᵀS + w0) + b`, with `b = y0` and a single
/// predictor `wᵀS + w0 = k(x − x0)`.
///
/// Gradient (with `s = σ(k(x − x0))`, `s' = s(1 − s)`):
/// ```
/// ∂P/∂k = (1 − y0)·s'·(x − x0),   ∂P/∂x0 = −(1 − y0)·k·s',   ∂P/∂y0 = 1 − s
/// ```
/// `y0` enters affinely (`P = s + y0(1 − s)`), not as a pure coefficient, so it is not flagged
/// linear: the package's variable projection solves only pure coefficients `Σ c_j φ_j(x)`.
public struct SigmoidOffsetLaw: ScalingLaw, LawDataValidation, Equatable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "sigmoid-offset" }
    public var family: LawFamily { .benchmark }
    public var title: String { "Benchmark sigmoid with a floor, in log10 compute (Owen 2024; Ruan et al. 2024 form)" }
    public var formula: String { "P(C) = y0 + (1 − y0)/(1 + exp(−k·(log10 C − x0)))" }
    public var citation: String {
        "Owen 2024, How predictable is language model benchmark performance?, arXiv:2401.04757 (sigmoid with offset); "
            + "offset form of Ruan et al. 2024, Observational Scaling Laws, arXiv:2405.10938: y = (1 − b)σ(·) + b"
    }

    public var inputs: [LawVariable] { [.benchmarkCompute] }

    public var response: LawVariable { .benchmarkScoreWithFloor }

    public var parameters: [LawParameter] {
        [
            LawParameter("k", symbol: "k", unit: "1/decade", summary: "logistic slope per decade of compute",
                         lowerBound: 0, upperBound: 100),
            LawParameter("x0", symbol: "x₀", unit: "log10 FLOP", summary: "log10 compute of the curve's midpoint"),
            LawParameter("y0", symbol: "y₀", summary: "floor: the score of small models",
                         lowerBound: 0, upperBound: 1),
        ]
    }

    /// The fitted floor `y0` (chance, or the score of small models).
    public func responseFloor(_ parameters: [Double]) -> LawResponseFloor? {
        guard parameters.count == 3 else { return nil }
        return LawResponseFloor(value: parameters[2], label: "floor y₀ (fitted)")
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        let s = BenchmarkLogistic.value(p[0] * (log10(x[0]) - p[1]))
        return p[2] + (1 - p[2]) * s
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let u = log10(x[0]) - p[1]
        let z = p[0] * u
        let ds = BenchmarkLogistic.derivative(z)
        let scale = 1 - p[2]
        g[0] = scale * ds * u
        g[1] = -scale * p[0] * ds
        g[2] = BenchmarkLogistic.value(-z)  // 1 − s without cancellation
    }

    /// The best point of a 31 × 41 grid over `k` and `x0` (as ``SigmoidLaw``), with `y0`
    /// solved at each point by least squares on `P − s = y0(1 − s)` and clamped to [0, 0.99].
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let x = inputs[0].map { log10($0) }
        let best = BenchmarkLogistic.gridSearch(x: x, y: response) { s in
            var num = 0.0, den = 0.0
            for i in s.indices {
                num += (response[i] - s[i]) * (1 - s[i])
                den += (1 - s[i]) * (1 - s[i])
            }
            let y0 = den > 0 ? Swift.min(Swift.max(num / den, 0), 0.99) : 0
            var rss = 0.0
            for i in s.indices {
                let r = response[i] - (y0 + (1 - y0) * s[i])
                rss += r * r
            }
            return BenchmarkLogistic.Projection(coefficients: [y0], residualSumOfSquares: rss)
        }
        guard let best else { return [1, x.first ?? 0, 0.1] }
        // Keep the floor off its bounds so the bound transform has a gradient.
        let y0 = Swift.min(Swift.max(best.coefficients[0], 0.01), 0.99)
        return [best.slope, best.center, y0]
    }

    /// Scores must lie in [0, 1].
    ///
    /// - Throws: ``LawDomainError/scoreOutOfRange(source:line:column:value:lower:upper:law:)``.
    public func validate(_ data: Dataset) throws {
        try data.requireScoreRange(response.role, lower: 0, upper: 1, law: name)
    }
}
