import Foundation

/// Why a forecast could not be made. Every case prints as one exact sentence.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which end of the searched range of model sizes.
    public enum Edge: String, Sendable, Equatable, Codable {
        /// The smallest size searched.
        case lower
        /// The largest size searched.
        case upper
    }

    /// The law's inputs are not exactly model parameters `N` and training tokens `D`.
    case unsupportedInputs(law: String, inputs: [String])
    /// The parameter vector does not match the law.
    case parameterCount(law: String, expected: Int, got: Int)
    /// A budget that is not a positive finite number.
    case invalidBudget(Double)
    /// No allocation with at least the minimum parameters and tokens fits in the budget.
    case infeasibleBudget(budget: Double, cost: String)
    /// The lowest predicted loss on the iso-cost curve is at an end of the searched range.
    case optimumAtEdge(budget: Double, edge: Edge, parameters: Double, limit: String)
    /// The predicted loss is not finite anywhere on the iso-cost curve.
    case noFiniteLoss(budget: Double)
    /// A target loss at or below the law's irreducible loss.
    case targetBelowFloor(target: Double, floor: Double)
    /// A target loss the optimal frontier does not reach within the largest budget tried.
    case targetNotReached(target: Double, budget: Double, loss: Double)
    /// A target loss that is not a positive finite number.
    case invalidTarget(Double)
    /// A malformed budget list.
    case invalidBudgets(spec: String, reason: String)
    /// A malformed cost-model specification.
    case invalidCostModel(spec: String, reason: String)
    /// A law of `(N, D, U)` without a cap on unique tokens.
    case uniqueTokensRequired(law: String)
    /// A cap on unique tokens for a law that does not take them.
    case uniqueTokensUnused(law: String)
    /// A cap on unique tokens that is not a positive finite number.
    case invalidUniqueTokens(Double)
    /// A fixed model size or token count that is not a positive finite number.
    case invalidFixedValue(name: String, value: Double)
    /// A fixed model size or token count that does not fit in the budget.
    case fixedValueExceedsBudget(name: String, value: Double, budget: Double, cost: String)
    /// No budget makes the fixed value compute-optimal within the searched budgets.
    case fixedValueNotOptimal(name: String, value: Double, reason: String)

    public var description: String {
        switch self {
        case let .unsupportedInputs(law, inputs):
            return "law '\(law)' takes inputs (\(inputs.joined(separator: ", "))); compute-optimal allocation needs a law of model parameters N and training tokens D"
        case let .parameterCount(law, expected, got):
            return "law '\(law)' has \(expected) parameters, got \(got) values"
        case let .invalidBudget(budget):
            return "budget must be a positive finite number of FLOP, got \(Self.format(budget))"
        case let .infeasibleBudget(budget, cost):
            return "budget \(Self.format(budget)) FLOP is too small: no allocation with N ≥ 1 parameter and D ≥ 1 token fits under \(cost)"
        case let .optimumAtEdge(budget, edge, parameters, limit):
            let direction = edge == .lower ? "smaller models (more tokens)" : "larger models (fewer tokens)"
            return "at budget \(Self.format(budget)) FLOP the predicted loss is lowest at the \(edge.rawValue) edge of the searched range (N = \(Self.format(parameters)), \(limit)): the loss keeps falling toward \(direction), so the law has no interior optimum there"
        case let .noFiniteLoss(budget):
            return "at budget \(Self.format(budget)) FLOP the law predicts no finite loss anywhere on the iso-cost curve"
        case let .targetBelowFloor(target, floor):
            if target == floor {
                return "target loss \(Self.format(target)) equals the law's irreducible loss E = \(Self.format(floor)): no finite budget reaches it"
            }
            return "target loss \(Self.format(target)) is below the law's irreducible loss E = \(Self.format(floor)): no budget reaches it"
        case let .targetNotReached(target, budget, loss):
            return "target loss \(Self.format(target)) is not reached within \(Self.format(budget)) FLOP (optimal loss there: \(Self.format(loss)))"
        case let .invalidTarget(target):
            return "target loss must be a positive finite number, got \(Self.format(target))"
        case let .invalidBudgets(spec, reason):
            return "invalid budgets '\(spec)': \(reason)"
        case let .invalidCostModel(spec, reason):
            return "invalid cost model '\(spec)': \(reason)"
        case let .uniqueTokensRequired(law):
            return "law '\(law)' takes unique tokens U: give the cap on unique training tokens (--unique-tokens)"
        case let .uniqueTokensUnused(law):
            return "law '\(law)' does not take unique tokens: a cap on unique tokens needs a law of (N, D, U) such as data-constrained"
        case let .invalidUniqueTokens(value):
            return "the cap on unique tokens must be a positive finite number, got \(Self.format(value))"
        case let .invalidFixedValue(name, value):
            return "the fixed \(name) must be a positive finite number, got \(Self.format(value))"
        case let .fixedValueExceedsBudget(name, value, budget, cost):
            return "the fixed \(name) = \(Self.format(value)) does not fit in \(Self.format(budget)) FLOP under \(cost): nothing is left for the other"
        case let .fixedValueNotOptimal(name, value, reason):
            return "no budget makes \(name) = \(Self.format(value)) compute-optimal: \(reason)"
        }
    }

    /// `%g` with 4 significant digits: `1.69`, `5.76e+23`.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        return String(format: "%.4g", value)
    }
}
