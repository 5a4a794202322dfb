import Foundation
import NonlinearFit
import ScalingLaws

/// The interval of a quantity computed from a fit's parameter draws (a chain of laws, an
/// inverse, an allocation): the percentile interval of the quantity over the draws
/// (`ScalingLaws/LawParameterDraws`), widened when needed so it holds the estimate computed
/// from the fitted parameters:
///
/// ```
/// [lo, hi] = [min(q_{(1−level)/2}, q̂), max(q_{(1+level)/2}, q̂)]
/// ```
/// A percentile interval that excludes its own estimate means the draws do not describe the
/// fit near its optimum (a flat or unidentified direction, a strongly nonlinear map); the
/// widening keeps the report self-consistent and ``widened`` records it.
public struct PropagatedInterval: Sendable, Equatable, Codable {
    /// The quantity at the fitted parameters, `q̂`.
    public let estimate: Double
    /// `lo`, the lower end.
    public let lower: Double
    /// `hi`, the upper end.
    public let upper: Double
    /// Draws that gave a finite value.
    public let finiteDraws: Int
    /// Whether the percentile interval had to be widened to hold the estimate.
    public let widened: Bool

    /// The interval of `values` (one per draw; non-finite ones dropped) at `level` around
    /// `estimate`, or `nil` with fewer than 2 finite values.
    public static func make(estimate: Double, values: [Double], level: Double) -> PropagatedInterval? {
        guard let p = LawParameterDraws.percentileInterval(values, level: level) else { return nil }
        let finite = values.filter(\.isFinite).count
        guard estimate.isFinite else {
            return PropagatedInterval(estimate: estimate, lower: p.lower, upper: p.upper, finiteDraws: finite, widened: false)
        }
        let lower = Swift.min(p.lower, estimate)
        let upper = Swift.max(p.upper, estimate)
        return PropagatedInterval(
            estimate: estimate, lower: lower, upper: upper, finiteDraws: finite, widened: lower != p.lower || upper != p.upper)
    }
}

/// Why a propagated interval needs care, as a typed value; reports word it (``description``).
public enum PropagationWarning: Sendable, Equatable, Codable, CustomStringConvertible {
    /// An input fit has a parameter (or combination) the data do not identify.
    case inputNotIdentified(fit: String, warning: FitWarning)
    /// Normal draws of an input fit left out flat directions of its covariance (the interval is
    /// conditional on the unidentified combination at its estimate).
    case flatDirectionsLeftOut(fit: String, count: Int)
    /// A percentile interval excluded its estimate and was widened to hold it.
    case widenedToEstimate(quantity: String)

    /// The warnings for propagating the uncertainty of `fit` (named `label`) with `draws`.
    public static func of(fit: LawFit, label: String, draws: LawParameterDraws) -> [PropagationWarning] {
        var out = fit.warnings.filter(\.meansNotIdentified).map { PropagationWarning.inputNotIdentified(fit: label, warning: $0) }
        if draws.flatDirections > 0 { out.append(.flatDirectionsLeftOut(fit: label, count: draws.flatDirections)) }
        return out
    }

    public var description: String {
        switch self {
        case let .inputNotIdentified(fit, warning):
            return "\(fit) does not identify all its parameters (\(warning)); intervals propagated from it understate the uncertainty"
        case let .flatDirectionsLeftOut(fit, count):
            return "\(count) flat \(count == 1 ? "direction" : "directions") of the \(fit) covariance left out of its draws: intervals hold that combination at its estimate"
        case let .widenedToEstimate(quantity):
            return "the percentile interval of \(quantity) excluded its estimate and was widened to hold it"
        }
    }
}
