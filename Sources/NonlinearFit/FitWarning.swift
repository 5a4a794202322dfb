import Foundation

/// A problem with a finished fit that a reader must see before trusting it, as a typed value
/// with its numbers (thresholds in ``FitThresholds``). Reports word it (``description``); the
/// parameter names it carries are those of the fitted problem until a later layer maps them
/// (``mapParameters(_:)``).
public enum FitWarning: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// A free parameter ended at a bound of its allowed range (`bound` in the parameter's
    /// units; `fittedAsLogarithm` when the solver varied its logarithm).
    case parameterAtBound(parameter: String, side: FittedParameter.BoundHit, bound: Double, fittedAsLogarithm: Bool = false)
    /// The Jacobian at the optimum is rank deficient: `parameters − rank` directions are not
    /// identified and no covariance is reported.
    case notIdentified(rank: Int, parameters: Int)
    /// The objective is flat along a combination of parameters: the relative smallest scaled
    /// singular value `ratio` is below ``FitThresholds/flatDirection``; `direction` holds the
    /// parameters with a component of at least 0.1 in its singular vector, largest first.
    case flatDirection(ratio: Double, direction: [Component])
    /// The scaled condition number exceeds ``FitThresholds/illConditioned``.
    case illConditioned(conditionNumber: Double)
    /// As many free parameters as observations: no degrees of freedom for standard errors.
    case noDegreesOfFreedom
    /// The reported run did not converge (iteration or time limit, non-finite model, failure).
    case notConverged(termination: Termination)
    /// None of the starts of a multi-start converged (the reported point was polished from the
    /// best of them).
    case noConvergedStart(starts: Int)
    /// An input holds one value in every row, so the parameters acting through it are not
    /// identified.
    case constantInput(name: String, value: Double)
    /// The fit minimised a robust loss but its intervals are the linearised covariance's, which
    /// understates a robust estimator's spread: no fast bootstrap refit exists for the law
    /// (`resamples` = 0), or fewer than 90% of `resamples` bootstrap refits converged
    /// (`converged` of them).
    case linearizedRobustIntervals(resamples: Int, converged: Int)
    /// A warning stored as text by an older artifact.
    case text(String)

    /// One parameter's component in a direction.
    public struct Component: Sendable, Equatable, Hashable, Codable {
        /// The parameter's name.
        public var parameter: String
        /// Its component in the direction: the unit-length right singular vector of the scaled
        /// Jacobian (at least 0.1 in absolute value to be listed).
        public var coefficient: Double
        /// Whether the solver varied the parameter's logarithm (a positive parameter bounded away from
        /// zero), so that the coefficient is that of `log p` rather than of `p`.
        public var fittedAsLogarithm: Bool

        /// A parameter's component in a direction.
        /// - Parameters:
        ///   - parameter: The parameter's name.
        ///   - coefficient: Its coefficient in the unit-length direction.
        ///   - fittedAsLogarithm: Whether the coefficient is that of the parameter's logarithm.
        public init(parameter: String, coefficient: Double, fittedAsLogarithm: Bool = false) {
            self.parameter = parameter
            self.coefficient = coefficient
            self.fittedAsLogarithm = fittedAsLogarithm
        }
    }

    /// Whether the warning means some parameter (or combination) is not determined by the data.
    public var meansNotIdentified: Bool {
        switch self {
        case .notIdentified, .flatDirection, .constantInput, .noDegreesOfFreedom: return true
        default: return false
        }
    }

    /// This warning with every parameter renamed by `rename(name) → (new name, fitted as
    /// logarithm)`; a bound of a parameter fitted as a logarithm is converted with `exp`.
    public func mapParameters(_ rename: (String) -> (name: String, logarithm: Bool)) -> FitWarning {
        switch self {
        case let .parameterAtBound(parameter, side, bound, _):
            let (name, logged) = rename(parameter)
            return .parameterAtBound(parameter: name, side: side, bound: logged ? exp(bound) : bound, fittedAsLogarithm: logged)
        case let .flatDirection(ratio, direction):
            return .flatDirection(ratio: ratio, direction: direction.map {
                let (name, logged) = rename($0.parameter)
                return Component(parameter: name, coefficient: $0.coefficient, fittedAsLogarithm: logged)
            })
        default:
            return self
        }
    }

    private static func number(_ v: Double) -> String { String(format: "%.4g", v) }

    /// An integral value as digits (`100000000`), others as Swift prints them.
    private static func plain(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), Swift.abs(v) < 1e16 { return String(Int64(v)) }
        return "\(v)"
    }

    private static func label(_ name: String, _ logged: Bool) -> String {
        logged ? "'\(name)' (fitted as log \(name))" : "'\(name)'"
    }

    /// The warning as one line.
    public var description: String {
        switch self {
        case let .parameterAtBound(parameter, side, bound, logged):
            return "parameter \(Self.label(parameter, logged)) ended at its \(side.rawValue) bound (\(Self.number(bound))): the optimum may lie outside the allowed range and its standard error is not meaningful"
        case let .notIdentified(rank, parameters):
            return "the Jacobian at the optimum is rank deficient (rank \(rank) of \(parameters)): some parameters are not identified by the data, so no standard errors are reported"
        case let .flatDirection(ratio, direction):
            let terms = direction.enumerated().map { i, c -> String in
                let name = c.fittedAsLogarithm ? "log \(c.parameter)" : c.parameter
                let text = String(format: "%.2f·%@", Swift.abs(c.coefficient), name)
                return i == 0 ? (c.coefficient < 0 ? "−" : "") + text : (c.coefficient < 0 ? " − " : " + ") + text
            }.joined()
            return "flat direction: the objective is flat along \(terms) (scaled singular value ratio \(Self.number(ratio)) < \(Self.number(FitThresholds.flatDirection))): the data do not determine this combination of parameters"
        case let .illConditioned(kappa):
            return "the fit is ill-conditioned (scaled condition number \(Self.number(kappa)) > \(Self.number(FitThresholds.illConditioned))): standard errors may be unreliable"
        case .noDegreesOfFreedom:
            return "as many free parameters as observations: no degrees of freedom are left for standard errors"
        case let .notConverged(termination):
            return "the fit did not converge (\(termination)); the reported values are the best point reached"
        case let .noConvergedStart(starts):
            return "none of the \(starts) starts converged (0 converged): the reported optimum was polished from the best unconverged start and may not be the global one"
        case let .constantInput(name, value):
            return "column '\(name)' holds one value (\(Self.plain(value))) in every row: the parameters that act through it are not identified; hold them fixed or add runs with other values"
        case let .linearizedRobustIntervals(resamples, converged):
            let why = resamples == 0
                ? "the law has no fast bootstrap refit"
                : "only \(converged) of \(resamples) bootstrap refits converged"
            return "the intervals are linearized although the objective is robust (\(why)): they understate a robust fit's uncertainty (78–84% coverage in simulation for nominal 95%); use --bootstrap N for resampled intervals"
        case let .text(message):
            return message
        }
    }

    // MARK: - Codable

    private enum CodingKeys: String, CodingKey {
        case kind, parameter, side, bound, fittedAsLogarithm, rank, parameters, ratio, direction
        case conditionNumber, termination, starts, name, value, message, resamples, converged
    }

    /// Decodes the typed form, or a plain string (older artifacts) as ``text(_:)``.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let message = try? single.decode(String.self) {
            self = .text(message)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "parameter-at-bound":
            self = .parameterAtBound(
                parameter: try c.decode(String.self, forKey: .parameter), side: try c.decode(FittedParameter.BoundHit.self, forKey: .side),
                bound: try c.decode(Double.self, forKey: .bound),
                fittedAsLogarithm: try c.decodeIfPresent(Bool.self, forKey: .fittedAsLogarithm) ?? false)
        case "not-identified":
            self = .notIdentified(rank: try c.decode(Int.self, forKey: .rank), parameters: try c.decode(Int.self, forKey: .parameters))
        case "flat-direction":
            self = .flatDirection(ratio: try c.decode(Double.self, forKey: .ratio), direction: try c.decode([Component].self, forKey: .direction))
        case "ill-conditioned":
            self = .illConditioned(conditionNumber: try c.decode(Double.self, forKey: .conditionNumber))
        case "no-degrees-of-freedom":
            self = .noDegreesOfFreedom
        case "not-converged":
            self = .notConverged(termination: try c.decode(Termination.self, forKey: .termination))
        case "no-converged-start":
            self = .noConvergedStart(starts: try c.decode(Int.self, forKey: .starts))
        case "constant-input":
            self = .constantInput(name: try c.decode(String.self, forKey: .name), value: try c.decode(Double.self, forKey: .value))
        case "linearized-robust-intervals":
            self = .linearizedRobustIntervals(resamples: try c.decode(Int.self, forKey: .resamples), converged: try c.decode(Int.self, forKey: .converged))
        default:
            self = .text(try c.decodeIfPresent(String.self, forKey: .message) ?? "unknown warning")
        }
    }

    /// Encodes `kind`, the payload and the worded `message`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .parameterAtBound(parameter, side, bound, logged):
            try c.encode("parameter-at-bound", forKey: .kind)
            try c.encode(parameter, forKey: .parameter)
            try c.encode(side, forKey: .side)
            try c.encode(bound, forKey: .bound)
            try c.encode(logged, forKey: .fittedAsLogarithm)
        case let .notIdentified(rank, parameters):
            try c.encode("not-identified", forKey: .kind)
            try c.encode(rank, forKey: .rank)
            try c.encode(parameters, forKey: .parameters)
        case let .flatDirection(ratio, direction):
            try c.encode("flat-direction", forKey: .kind)
            try c.encode(ratio, forKey: .ratio)
            try c.encode(direction, forKey: .direction)
        case let .illConditioned(kappa):
            try c.encode("ill-conditioned", forKey: .kind)
            try c.encode(kappa, forKey: .conditionNumber)
        case .noDegreesOfFreedom:
            try c.encode("no-degrees-of-freedom", forKey: .kind)
        case let .notConverged(termination):
            try c.encode("not-converged", forKey: .kind)
            try c.encode(termination, forKey: .termination)
        case let .noConvergedStart(starts):
            try c.encode("no-converged-start", forKey: .kind)
            try c.encode(starts, forKey: .starts)
        case let .constantInput(name, value):
            try c.encode("constant-input", forKey: .kind)
            try c.encode(name, forKey: .name)
            try c.encode(value, forKey: .value)
        case let .linearizedRobustIntervals(resamples, converged):
            try c.encode("linearized-robust-intervals", forKey: .kind)
            try c.encode(resamples, forKey: .resamples)
            try c.encode(converged, forKey: .converged)
        case .text:
            try c.encode("text", forKey: .kind)
        }
        try c.encode(description, forKey: .message)
    }
}
