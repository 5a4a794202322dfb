import Foundation

/// Why a model shape, a hyperparameter law or a run plan could not be made. Every case prints
/// as one line naming the value at fault and what was expected.
public enum PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A shape setting that is not a positive integer (layers, width, heads, vocabulary, ...).
    case notPositive(setting: String, value: Int)
    /// `divisor` does not divide `value` (heads into d_model, KV heads into heads).
    case notDividing(setting: String, value: Int, divisor: String, by: Int)
    /// A mixture-of-experts setting outside its range.
    case expertsOutOfRange(setting: String, value: Int, range: String)
    /// A number that must be positive and finite.
    case invalidValue(what: String, value: Double)
    /// No shape within the tolerance of the target parameter count.
    case noShape(target: Double, tolerance: Double, rules: String)
    /// A sweep cell with fewer distinct learning rates (or batch sizes) than a quadratic needs.
    case tooFewSettings(cell: String, what: String, got: Int, needed: Int)
    /// A sweep cell whose minimum is not inside the swept range.
    case unbracketed(cell: String, what: String, detail: String)
    /// Fewer usable cells than the power law across cells needs.
    case tooFewCells(got: Int, needed: Int)
    /// A budget below the smallest existing run.
    case budgetBelowRuns(budget: Double, smallest: Double)
    /// A law that the planner cannot use.
    case unsupportedLaw(law: String, needed: String)
    /// An unknown preset name.
    case unknownPreset(name: String, known: [String])

    public var description: String {
        switch self {
        case let .notPositive(setting, value):
            return "\(setting) must be a positive integer, got \(value)"
        case let .notDividing(setting, value, divisor, by):
            return "\(setting) \(value) is not divisible by \(divisor) \(by)"
        case let .expertsOutOfRange(setting, value, range):
            return "\(setting) \(value) is out of range: expected \(range)"
        case let .invalidValue(what, value):
            return "\(what) must be a positive finite number, got \(Self.format(value))"
        case let .noShape(target, tolerance, rules):
            return "no shape has a parameter count within \(Self.format(tolerance * 100))% of \(Self.format(target)) under \(rules): widen --aspect or --tolerance"
        case let .tooFewSettings(cell, what, got, needed):
            return "sweep cell \(cell) has \(got) distinct \(what); a quadratic in log \(what) needs at least \(needed)"
        case let .unbracketed(cell, what, detail):
            return "sweep cell \(cell): the minimum in \(what) is not bracketed (\(detail)); extend the sweep past the best value"
        case let .tooFewCells(got, needed):
            return "the power law across cells needs at least \(needed) cells with a bracketed minimum, got \(got)"
        case let .budgetBelowRuns(budget, smallest):
            return "budget \(Self.format(budget)) FLOP is below the smallest existing run (\(Self.format(smallest)) FLOP)"
        case let .unsupportedLaw(law, needed):
            return "law '\(law)' cannot be planned with: \(needed)"
        case let .unknownPreset(name, known):
            return "unknown preset '\(name)'; known: \(known.joined(separator: ", "))"
        }
    }

    /// `%g` with 4 significant digits.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        return String(format: "%.4g", value)
    }
}
