import Foundation
import ScalingLaws

/// What a training run costs, in FLOP, as a function of model parameters `N` and training
/// tokens `D`. A compute budget `C` fixes an iso-cost curve `cost(N, D) = C` along which
/// ``ComputeOptimizer`` searches.
///
/// ```
/// sixND                          C = 6·N·D               (forward + backward pass, Kaplan et al. 2020)
/// inferenceInclusive(T)          C = 6·N·D + 2·N·T       (training plus serving T tokens)
/// custom(cost)                   C = cost(N, D)          (increasing in N and in D)
/// expression(e)                  C = e(N, D)             (user-written, checked positive and increasing)
/// fitted(law)                    C = k·N^p·D^q           (fitted to measured FLOP)
/// ```
public enum CostModel: Sendable, CustomStringConvertible {
    /// `C = 6ND`, the default.
    case sixND
    /// `C = 6ND + 2N·tokensServed`: training plus the forward passes of serving `tokensServed`
    /// tokens over the model's life (Sardana et al. 2023, "Beyond Chinchilla-Optimal").
    case inferenceInclusive(tokensServed: Double)
    /// Any cost `C = cost(N, D)`, increasing in both arguments; `D` is found by a root search.
    case custom(@Sendable (Double, Double) -> Double)
    /// A user-written expression in `N` and `D` (``CostExpression``).
    case expression(CostExpression)
    /// A cost law fitted to measured FLOP (``CostLaw``).
    case fitted(CostLaw)

    /// The formula, for reports: `C = 6ND`, `C = 6ND + 2N·1e+13`, `C = cost(N, D)`.
    public var description: String {
        switch self {
        case .sixND: return "C = 6ND"
        case let .inferenceInclusive(tokens): return "C = 6ND + 2N·T (T = \(String(format: "%g", tokens)) tokens served)"
        case .custom: return "C = cost(N, D) (custom)"
        case let .expression(e): return "C = \(e.text)"
        case let .fitted(law): return "\(law.description) (fitted to \(law.rows) runs)"
        }
    }

    /// The cost of training `n` parameters on `d` tokens, in FLOP.
    public func cost(parameters n: Double, tokens d: Double) -> Double {
        switch self {
        case .sixND: return 6 * n * d
        case let .inferenceInclusive(tokens): return 6 * n * d + 2 * n * tokens
        case let .custom(cost): return cost(n, d)
        case let .expression(e): return e.cost(parameters: n, tokens: d)
        case let .fitted(law): return law.cost(parameters: n, tokens: d)
        }
    }

    /// The tokens `D` with `cost(n, D) = budget`, or `nil` when the budget is spent before any
    /// training (`D ≤ 0`) or no such `D` exists.
    public func tokens(parameters n: Double, budget c: Double) -> Double? {
        switch self {
        case .sixND:
            let d = c / (6 * n)
            return d.isFinite && d > 0 ? d : nil
        case let .inferenceInclusive(tokens):
            let d = (c - 2 * n * tokens) / (6 * n)
            return d.isFinite && d > 0 ? d : nil
        case let .custom(cost):
            guard cost(n, 1e-300) < c else { return nil }
            return ScalarRoot.solveIncreasing({ cost(n, $0) }, target: c, guess: c / (6 * n))
        case let .expression(e):
            let fixedCost = e.cost(parameters: n, tokens: 1e-300)
            if fixedCost.isFinite, fixedCost >= c { return nil }
            return ScalarRoot.solveIncreasing({ e.cost(parameters: n, tokens: $0) }, target: c, guess: c / (6 * n))
        case let .fitted(law):
            let d = pow(c / (law.coefficient * pow(n, law.parameterExponent)), 1 / law.tokenExponent)
            return d.isFinite && d > 0 ? d : nil
        }
    }

    /// The largest `N` with `cost(N, minTokens) ≤ budget` (training on at least `minTokens`),
    /// or `nil` when none.
    public func maximumParameters(budget c: Double, minimumTokens t: Double) -> Double? {
        switch self {
        case .sixND:
            let n = c / (6 * t)
            return n.isFinite && n > 0 ? n : nil
        case let .inferenceInclusive(tokens):
            let n = c / (6 * t + 2 * tokens)
            return n.isFinite && n > 0 ? n : nil
        case let .custom(cost):
            return ScalarRoot.solveIncreasing({ cost($0, t) }, target: c, guess: c / (6 * t))
        case let .expression(e):
            return ScalarRoot.solveIncreasing({ e.cost(parameters: $0, tokens: t) }, target: c, guess: c / (6 * t))
        case let .fitted(law):
            let n = pow(c / (law.coefficient * pow(t, law.tokenExponent)), 1 / law.parameterExponent)
            return n.isFinite && n > 0 ? n : nil
        }
    }

    /// Parses `6ND` or `inference:TOKENS` (tokens as `ScalingLaws/NumericCell` reads them:
    /// `1e13`, `2T`).
    /// - Throws: ``ForecastError/invalidCostModel(spec:reason:)``.
    public static func parse(_ spec: String) throws -> CostModel {
        let text = spec.trimmingCharacters(in: .whitespaces)
        if text.lowercased() == "6nd" { return .sixND }
        let expected = "expected 6ND or inference:TOKENS, e.g. inference:1e13"
        guard let colon = text.firstIndex(of: ":"), text[..<colon].lowercased() == "inference" else {
            throw ForecastError.invalidCostModel(spec: spec, reason: expected)
        }
        let tokensText = String(text[text.index(after: colon)...])
        guard let tokens = NumericCell.parse(tokensText), tokens.isFinite, tokens >= 0 else {
            throw ForecastError.invalidCostModel(
                spec: spec, reason: "'\(tokensText)' is not a number of tokens >= 0; \(expected)")
        }
        return .inferenceInclusive(tokensServed: tokens)
    }
}
