import Foundation

/// Benchmark performance as a straight line in log compute, clipped to [0, 1] (Owen 2024,
/// "How predictable is language model benchmark performance?", arXiv:2401.04757, one of the
/// alternative forms compared against the sigmoid in step 2):
///
/// ```
/// P(C) = clamp(a + b·x, 0, 1),   x = log10 C
/// ```
/// - `C`: training compute in FLOP, or Owen's scaled compute `C_s` (see ``ScaledCompute``); the
///   law takes `log10 C` itself. `C > 0`.
/// - `P`: benchmark score normalised so chance = 0 and best = 1.
/// - `a`: the unclipped line's value at `x = 0` (1 FLOP; far outside any data, so strongly
///   correlated with `b`); `b`: gain per decade of compute. The line reaches 0 at `x = −a/b`
///   and 1 at `x = (1 − a)/b`.
///
/// Gradient: inside the band (`0 < a + b·x < 1`) `∂P/∂a = 1`, `∂P/∂b = x`; where the line is
/// clipped (`a + b·x ≤ 0` or `≥ 1`) the gradient is zero, the one-sided derivative from the
/// flat side (the kinks themselves have no derivative; the convention counts them as clipped).
/// Points on the plateaus therefore carry no information about `a` and `b` in a local fit.
/// The objective is not smooth where a point crosses a kink, and its minimum can sit exactly
/// on one (a point pinned where the line meets 0 or 1): the engine then stops with "no further
/// progress" and `converged = false` although the values are the minimum (1 of the 40
/// conformance trials ends so, with its design point 1.7e-7 from the kink).
///
/// Neither parameter is flagged linear: the clipping makes the law piecewise linear, and
/// variable projection would need the clipped set fixed. The start is a straight-line fit to
/// the scores strictly inside (0.02, 0.98) (all scores when fewer than two are).
///
/// Scores slightly outside [0, 1] (below-chance models after normalisation, noise on the
/// plateaus) are accepted: unlike the sigmoid laws this law does not validate the range.
public struct ClippedLinearLaw: ScalingLaw, Equatable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "clipped-linear" }
    public var family: LawFamily { .benchmark }
    public var title: String { "Benchmark score linear in log10 compute, clipped to [0, 1] (Owen 2024)" }
    public var formula: String { "P(C) = clamp(a + b·log10 C, 0, 1)" }
    public var citation: String {
        "Owen 2024, How predictable is language model benchmark performance?, arXiv:2401.04757, step 2 (clipped linear alternative)"
    }

    public var inputs: [LawVariable] { [.benchmarkCompute] }

    public var response: LawVariable { .benchmarkScore }

    public var parameters: [LawParameter] {
        [
            LawParameter("a", symbol: "a", summary: "intercept of the line at log10 C = 0"),
            LawParameter("b", symbol: "b", unit: "1/decade", summary: "score gained per decade of compute"),
        ]
    }

    /// Chance: the law's scores are normalised so chance = 0.
    public func responseFloor(_ parameters: [Double]) -> LawResponseFloor? {
        LawResponseFloor(value: 0, label: "chance (normalised score 0)")
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        let z = p[0] + p[1] * log10(x[0])
        return Swift.min(Swift.max(z, 0), 1)
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let lx = log10(x[0])
        let z = p[0] + p[1] * lx
        if z > 0, z < 1 {
            g[0] = 1
            g[1] = lx
        } else {
            g[0] = 0
            g[1] = 0
        }
    }

    /// A straight-line fit to the scores inside (0.02, 0.98), or to all scores when fewer than
    /// two are inside; `[0, 0]` when `log10 C` does not vary.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let x = inputs[0].map { log10($0) }
        var inX: [Double] = [], inY: [Double] = []
        for i in x.indices where response[i] > 0.02 && response[i] < 0.98 {
            inX.append(x[i])
            inY.append(response[i])
        }
        let line = BenchmarkLogistic.line(x: inX, y: inY) ?? BenchmarkLogistic.line(x: x, y: response)
        guard let line else { return [0, 0] }
        return [line.intercept, line.slope]
    }
}
