/// Errors raised by the linear-algebra layer. LAPACK's `info` codes are translated here and
/// never leave the module as raw integers without their routine name.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A LAPACK routine reported failure (`info != 0`).
    case lapack(routine: String, info: Int)
    /// Operand shapes do not fit together.
    case dimensionMismatch(String)
    /// An input contained NaN or infinity.
    case nonFinite(String)
    /// The problem has no solution of the requested kind (e.g. infeasible bounds).
    case invalidArgument(String)
    /// An iterative routine (`routine` names it, e.g. `"nnls"`, `"bvls"`) needed more than
    /// `iterations` steps; the problem is degenerate or cycling under rounding.
    case iterationLimitReached(routine: String, iterations: Int)

    public var description: String {
        switch self {
        case let .lapack(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        case let .dimensionMismatch(message): return "dimension mismatch: \(message)"
        case let .nonFinite(message): return "non-finite input: \(message)"
        case let .invalidArgument(message): return "invalid argument: \(message)"
        case let .iterationLimitReached(routine, iterations):
            return "\(routine) did not finish within \(iterations) iterations"
        }
    }
}
