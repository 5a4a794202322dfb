/// Invalid input or numerical breakdown in a nonlinear fit. (Non-convergence is not an error:
/// it is reported by ``FitResult/termination`` and ``FitResult/converged``.)
public enum FitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An observation, weight or starting value is NaN or infinite.
    case nonFiniteData(String)
    /// Fewer observations than free parameters.
    case tooFewObservations(observations: Int, freeParameters: Int)
    /// A parameter's bounds are reversed, its start lies outside them, or it is otherwise unusable.
    case invalidParameter(name: String, reason: String)
    /// Two parameters share a name.
    case duplicateParameter(String)
    /// The model returned NaN or infinity at the starting point.
    case nonFiniteModel(String)
    /// Array sizes disagree (observations, weights, model output).
    case dimensionMismatch(String)
    /// Nothing to fit: every parameter is fixed or tied.
    case noFreeParameters
    /// The solver broke down numerically (e.g. every attempt ended at a non-finite point).
    case numericalBreakdown(String)
    /// The underlying library failed to allocate or reported an unexpected status.
    case library(String)

    public var description: String {
        switch self {
        case let .nonFiniteData(message): return message
        case let .tooFewObservations(n, p):
            return "\(n) observation\(n == 1 ? "" : "s") cannot determine \(p) free parameters: at least \(p) are needed"
        case let .invalidParameter(name, reason): return "parameter '\(name)': \(reason)"
        case let .duplicateParameter(name): return "parameter '\(name)' is declared twice"
        case let .nonFiniteModel(message): return message
        case let .dimensionMismatch(message): return message
        case .noFreeParameters: return "every parameter is fixed or tied: there is nothing to fit"
        case let .numericalBreakdown(message): return "numerical breakdown: \(message)"
        case let .library(message): return message
        }
    }
}
