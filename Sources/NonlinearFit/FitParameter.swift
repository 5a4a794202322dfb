/// One parameter of a fit problem: its name, starting value, bounds and whether it is free,
/// fixed, or tied to another parameter.
///
/// Bounds are enforced by reparameterisation (see `BoundTransform`), so the solver always
/// works on an unconstrained variable and never proposes a value outside `[lowerBound, upperBound]`.
public struct FitParameter: Sendable, Equatable, Hashable, Codable {
    /// How a parameter takes part in the fit.
    public enum Constraint: Sendable, Equatable, Hashable, Codable {
        /// Varied by the solver.
        case free
        /// Held at its initial value.
        case fixed
        /// Set to `factor · value(of: name) + offset` at every step; not varied on its own.
        case tied(to: String, factor: Double = 1, offset: Double = 0)
    }

    /// The parameter's name, unique within a problem.
    public var name: String
    /// The starting value (the value used throughout when the parameter is fixed).
    public var initialValue: Double
    /// Lower bound, `-infinity` when unbounded below.
    public var lowerBound: Double
    /// Upper bound, `+infinity` when unbounded above.
    public var upperBound: Double
    /// Free, fixed or tied.
    public var constraint: Constraint

    /// A parameter of a fit problem.
    /// - Parameters:
    ///   - name: The name, unique within the problem.
    ///   - initialValue: The starting value (the value throughout when `constraint` is `fixed`).
    ///   - lowerBound: The lower bound (default unbounded).
    ///   - upperBound: The upper bound (default unbounded).
    ///   - constraint: Free (default), fixed or tied to another parameter.
    public init(
        _ name: String,
        initialValue: Double,
        lowerBound: Double = -.infinity,
        upperBound: Double = .infinity,
        constraint: Constraint = .free
    ) {
        self.name = name
        self.initialValue = initialValue
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.constraint = constraint
    }

    /// Whether the solver varies this parameter.
    public var isFree: Bool { constraint == .free }

    /// Whether either bound is finite.
    public var isBounded: Bool { lowerBound.isFinite || upperBound.isFinite }
}
