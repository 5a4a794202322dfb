import Foundation

/// Task accuracy as a logistic function of task loss, step 2 of the two-step task scaling law of
/// Bhagia et al. 2024, "Establishing Task Scaling Laws via Compute-Efficient Model Ladders"
/// (arXiv:2412.04403, the sigmoid of its step 2; step 1 is ``ChinchillaLaw`` fitted to the task
/// loss):
///
/// ```
/// Acc(L) = a / (1 + exp(−k (L − L0))) + b
/// ```
/// - `L`: the model's task loss (nats per token or per character, as measured; not logged);
///   `Acc`: task accuracy (any scale: fractions or percent).
/// - `k ≥ 0`: steepness per unit loss; `L0`: the loss at the curve's midpoint;
///   `b`: the accuracy as the loss goes to 0 (the ceiling); `a + b`: the accuracy at high loss
///   (the floor, near chance), so `a < 0` for accuracy that falls as loss rises.
///
/// The curve is unchanged under `(a, k, L0, b) → (−a, −k, L0, a + b)`; the bound `k ≥ 0` picks
/// one of the two, the sign convention of the authors' code (starting point
/// `a = chance − 1, L0 = 0.9, k = 3, b = 1` in `allenai/OLMo-ladder`).
///
/// Gradient (with `s = σ(k(L − L0))`, `s' = s(1 − s)`):
/// ```
/// ∂Acc/∂a = s,   ∂Acc/∂k = a·s'·(L − L0),   ∂Acc/∂L0 = −a·k·s',   ∂Acc/∂b = 1
/// ```
/// `a` and `b` are linear coefficients (variable projection solves them exactly); `k` and `L0`
/// are not. Chaining with step 1 (``ChinchillaLaw``) gives accuracy from `(N, D)`.
public struct LossToAccuracyLaw: ScalingLaw, Equatable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "loss-to-accuracy" }
    public var family: LawFamily { .benchmark }
    public var title: String { "Task accuracy as a sigmoid of task loss (Bhagia et al. 2024, step 2)" }
    public var formula: String { "Acc(L) = a/(1 + exp(−k·(L − L0))) + b" }
    public var citation: String {
        "Bhagia et al. 2024, Establishing Task Scaling Laws via Compute-Efficient Model Ladders, arXiv:2412.04403, step 2 (task loss to accuracy)"
    }

    public var inputs: [LawVariable] {
        [LawVariable("loss", symbol: "L", unit: "nats/token", summary: "task loss of the model", mustBePositive: false)]
    }

    public var response: LawVariable {
        LawVariable("score", symbol: "Acc", unit: "", summary: "task accuracy", mustBePositive: false)
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("a", symbol: "a", summary: "floor minus ceiling (negative when accuracy falls with loss)",
                         isLinear: true),
            LawParameter("k", symbol: "k", unit: "1/(nats/token)", summary: "steepness per unit loss",
                         lowerBound: 0),
            LawParameter("L0", symbol: "L₀", unit: "nats/token", summary: "loss at the curve's midpoint"),
            LawParameter("b", symbol: "b", summary: "ceiling: accuracy as the loss goes to 0", isLinear: true),
        ]
    }

    /// The accuracy at high loss, `a + b` (near chance).
    public func responseFloor(_ parameters: [Double]) -> LawResponseFloor? {
        guard parameters.count == 4 else { return nil }
        return LawResponseFloor(value: parameters[0] + parameters[3], label: "floor a + b (high loss)")
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] * BenchmarkLogistic.value(p[1] * (x[0] - p[2])) + p[3]
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let u = x[0] - p[2]
        let z = p[1] * u
        let ds = BenchmarkLogistic.derivative(z)
        g[0] = BenchmarkLogistic.value(z)
        g[1] = p[0] * ds * u
        g[2] = -p[0] * p[1] * ds
        g[3] = 1
    }

    /// The best point of a 31 × 41 grid over `k` and `L0` scaled to the span of the losses, with
    /// `a` and `b` solved at each point by least squares on `Acc = a·s + b`.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let x = inputs[0]
        let best = BenchmarkLogistic.gridSearch(x: x, y: response) { s in
            guard let line = BenchmarkLogistic.line(x: s, y: response) else {
                return BenchmarkLogistic.Projection(coefficients: [0, 0], residualSumOfSquares: .infinity)
            }
            var rss = 0.0
            for i in s.indices {
                let r = response[i] - (line.slope * s[i] + line.intercept)
                rss += r * r
            }
            return BenchmarkLogistic.Projection(coefficients: [line.slope, line.intercept], residualSumOfSquares: rss)
        }
        guard let best else {
            let mean = response.reduce(0, +) / Double(Swift.max(response.count, 1))
            return [0, 1, x.first ?? 0, mean]
        }
        return [best.coefficients[0], best.slope, best.center, best.coefficients[1]]
    }
}
