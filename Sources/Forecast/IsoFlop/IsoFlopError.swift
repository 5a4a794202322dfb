import Foundation

/// Why an iso-FLOP analysis could not be made. Every case prints as one exact sentence.
public enum IsoFlopError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No runs.
    case noRuns
    /// A run whose model size, loss or compute is not a positive finite number.
    case invalidRun(line: Int?, field: String, value: Double)
    /// Fewer than two budgets have a bracketed minimum, so no exponent can be fitted.
    case tooFewBudgets(accepted: Int, budgets: Int, reasons: [String])
    /// An option out of range.
    case invalidOption(String)

    public var description: String {
        switch self {
        case .noRuns:
            return "no runs to analyse: the data has no rows (after filters)"
        case let .invalidRun(line, field, value):
            let place = line.map { "line \($0)" } ?? "a run"
            return "\(place): \(field) must be a positive finite number, got \(ForecastError.format(value))"
        case let .tooFewBudgets(accepted, budgets, reasons):
            var text = "only \(accepted) of \(budgets) budget\(budgets == 1 ? "" : "s") \(accepted == 1 ? "has" : "have") a bracketed minimum; fitting N* ∝ C^a needs at least 2"
            if !reasons.isEmpty { text += " (" + reasons.joined(separator: "; ") + ")" }
            return text
        case let .invalidOption(text):
            return text
        }
    }
}
