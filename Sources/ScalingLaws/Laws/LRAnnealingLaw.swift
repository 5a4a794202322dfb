import Foundation

/// The scaling law with learning-rate annealing (Tissue et al. 2024, "Scaling Law with Learning
/// Rate Annealing", arXiv:2408.11029; the law as stated in the paper's abstract;
/// equation numbers not checked):
///
/// ```
/// L(s) = L0 + A·S1^(−α) − C·S2
/// S1 = Σ_{i=1..s} η_i                                   forward area
/// S2 = Σ_{i=1..s} Σ_{k=1..i} (η_{k−1} − η_k)·λ^(i−k)     annealing area, momentum λ
/// ```
///
/// The loss at step s of a run follows from its learning-rate schedule η: the forward area S1
/// drives a power law like a step count would, and annealing lowers the loss by C per unit of
/// annealing area, whose momentum λ (the paper uses 0.999, and 0.99–0.999) delays the drop after
/// the rate falls. The inputs S1 and S2 are computed once per schedule (``ScheduleAreas``, O(T)
/// by the momentum recurrence m_i = λ·m_{i−1} + (η_{i−1} − η_i), S2 = Σ m_i); λ is a property of
/// the law, fixed during a fit (``CurveFitter`` can profile it over a grid). Drops during the
/// warm-up are not annealing and are left out of S2.
///
/// Exact gradient: ∂L/∂L0 = 1, ∂L/∂A = S1^(−α), ∂L/∂α = −A·S1^(−α)·ln S1, ∂L/∂C = −S2.
/// Linear in L0, A and C; ``initialGuess(inputs:response:)`` solves them by least squares on a
/// grid of α.
public struct LRAnnealingLaw: ScalingLaw, Equatable {
    /// The momentum λ of the annealing area.
    public let lambda: Double

    /// The paper's default momentum.
    public static let defaultLambda = 0.999

    /// The law with annealing momentum `lambda`.
    /// - Parameter lambda: The momentum λ of the annealing area S2, in (0, 1) (default 0.999, the
    ///   paper's value); fixed during a fit.
    public init(lambda: Double = LRAnnealingLaw.defaultLambda) {
        self.lambda = lambda
    }

    public var name: String { "lr-annealing" }
    public var family: LawFamily { .lossCurve }
    public var title: String { "Scaling law with learning-rate annealing (Tissue et al. 2024)" }
    public var formula: String { "L(s) = L0 + A·S1^(−α) − C·S2,  S1 = Σ η_i,  S2 = Σ_i Σ_{k≤i} (η_{k−1} − η_k)·λ^(i−k)" }
    public var citation: String {
        "Tissue et al. 2024, Scaling Law with Learning Rate Annealing, arXiv:2408.11029 (the law L(s) = L0 + A·S1^−α − C·S2 with forward area S1 and annealing area S2, momentum λ = \(lambda))"
    }

    public var inputs: [LawVariable] {
        [
            LawVariable("S1", symbol: "S1", unit: "rate × steps", summary: "forward area: the sum of learning rates so far"),
            LawVariable("S2", symbol: "S2", unit: "rate × steps", summary: "annealing area with momentum λ", mustBePositive: false),
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
            LawParameter("C", symbol: "C", unit: "nats/token per unit area", summary: "annealing coefficient", isLinear: true),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] + p[1] * pow(x[0], -p[2]) - p[3] * x[1]
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let power = pow(x[0], -p[2])
        g[0] = 1
        g[1] = power
        g[2] = -p[1] * power * log(x[0])
        g[3] = -x[1]
    }

    /// For α on a grid 0.05…1.5, L0, A and C by linear least squares; the α of least squared
    /// error wins.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let s1 = inputs[0], s2 = inputs[1]
        var best = [response.min() ?? 0, 1, 0.5, 0]
        var bestError = Double.infinity
        for step in 1...30 {
            let alpha = 0.05 * Double(step)
            let columns = [[Double](repeating: 1, count: s1.count), s1.map { pow($0, -alpha) }, s2.map { -$0 }]
            guard let (coefficients, sse) = CoefficientLeastSquares.solve(columns: columns, response: response), sse < bestError else { continue }
            bestError = sse
            best = [coefficients[0], Swift.max(coefficients[1], 1e-12), alpha, coefficients[2]]
        }
        return best
    }
}
