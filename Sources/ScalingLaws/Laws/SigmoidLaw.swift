import Foundation

/// Benchmark performance as a logistic function of log compute (Owen 2024, "How predictable is
/// language model benchmark performance?", arXiv:2401.04757, the main functional form of its
/// step 2):
///
/// ```
/// P(C) = 1 / (1 + exp(−k (x − x0))),   x = log10 C
/// ```
/// - `C`: training compute in FLOP, or Owen's scaled compute `C_s` (see ``ScaledCompute``),
///   which is what the paper fits against. The law takes `log10 C` itself: give it FLOP, not
///   their logarithm. `C > 0`.
/// - `P`: benchmark performance normalised so chance = 0 and the best possible score = 1, in
///   [0, 1]; ``validate(_:)`` rejects scores outside that interval.
/// - `k`: slope in natural-log units of odds per decade of compute (`k ≥ 0`: performance rises
///   with compute); `x0`: the `log10 C` at which `P = 1/2`.
///
/// Gradient (with `s = σ(k(x − x0))`, `s' = s(1 − s)`):
/// ```
/// ∂P/∂k = s'·(x − x0),   ∂P/∂x0 = −k·s'
/// ```
/// Neither parameter is linear. The start comes from a grid over `k` and `x0` scaled to the data
/// (``initialGuess(inputs:response:)``).
///
/// Test vector (from the formula above): `k = 1.5`, `x0 = 24.5` gives `P(1e24) = 0.3208`,
/// `P(1e25) = 0.6792`.
public struct SigmoidLaw: ScalingLaw, LawDataValidation, Equatable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "sigmoid" }
    public var family: LawFamily { .benchmark }
    public var title: String { "Benchmark sigmoid in log10 compute (Owen 2024)" }
    public var formula: String { "P(C) = 1/(1 + exp(−k·(log10 C − x0)))" }
    public var citation: String {
        "Owen 2024, How predictable is language model benchmark performance?, arXiv:2401.04757, step 2 (sigmoid of log10 scaled compute)"
    }

    public var inputs: [LawVariable] { [.benchmarkCompute] }

    public var response: LawVariable { .benchmarkScore }

    public var parameters: [LawParameter] {
        [
            LawParameter("k", symbol: "k", unit: "1/decade", summary: "logistic slope per decade of compute",
                         lowerBound: 0, upperBound: 100),
            LawParameter("x0", symbol: "x₀", unit: "log10 FLOP", summary: "log10 compute at which P = 1/2"),
        ]
    }

    /// Chance: the law's scores are normalised so chance = 0.
    public func responseFloor(_ parameters: [Double]) -> LawResponseFloor? {
        LawResponseFloor(value: 0, label: "chance (normalised score 0)")
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        BenchmarkLogistic.value(p[0] * (log10(x[0]) - p[1]))
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let u = log10(x[0]) - p[1]
        let ds = BenchmarkLogistic.derivative(p[0] * u)
        g[0] = ds * u
        g[1] = -p[0] * ds
    }

    /// The best point of a 31 × 41 grid over `k` (log-spaced, scaled to the span of `log10 C`)
    /// and `x0` (the span widened by half on each side).
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let x = inputs[0].map { log10($0) }
        let best = BenchmarkLogistic.gridSearch(x: x, y: response) { s in
            var rss = 0.0
            for i in s.indices { rss += (response[i] - s[i]) * (response[i] - s[i]) }
            return BenchmarkLogistic.Projection(coefficients: [], residualSumOfSquares: rss)
        }
        guard let best else { return [1, x.first ?? 0] }
        return [best.slope, best.center]
    }

    /// Scores must lie in [0, 1].
    ///
    /// - Throws: ``LawDomainError/scoreOutOfRange(source:line:column:value:lower:upper:law:)``.
    public func validate(_ data: Dataset) throws {
        try data.requireScoreRange(response.role, lower: 0, upper: 1, law: name)
    }
}
