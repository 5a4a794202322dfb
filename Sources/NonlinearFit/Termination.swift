/// Why a solver stopped: one vocabulary for every method.
public enum Termination: String, Sendable, Equatable, Codable, CustomStringConvertible {
    /// The step became smaller than `xtol` relative to the parameters.
    case smallStep = "small-step"
    /// The scaled gradient fell below `gtol`.
    case smallGradient = "small-gradient"
    /// The change in the objective fell below `ftol`.
    case smallObjectiveChange = "small-objective-change"
    /// No step could reduce the objective further; accepted as converged when the point is
    /// stationary to working precision.
    case noFurtherProgress = "no-further-progress"
    /// The residuals are zero to working precision (an exact fit).
    case exactFit = "exact-fit"
    /// The iteration limit was reached.
    case maxIterations = "max-iterations"
    /// The time limit was reached.
    case timeLimit = "time-limit"
    /// The solver reached a point where the model is not finite.
    case nonFinite = "non-finite"
    /// The solver reported a failure.
    case failed

    public var description: String {
        switch self {
        case .smallStep: return "converged: step size below tolerance"
        case .smallGradient: return "converged: gradient below tolerance"
        case .smallObjectiveChange: return "converged: objective change below tolerance"
        case .noFurtherProgress: return "converged: no step reduces the objective further"
        case .exactFit: return "converged: residuals are zero"
        case .maxIterations: return "stopped: iteration limit reached"
        case .timeLimit: return "stopped: time limit reached"
        case .nonFinite: return "failed: the model became non-finite"
        case .failed: return "failed: the solver reported an error"
        }
    }
}
