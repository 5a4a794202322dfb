/// Errors about learning-rate schedules: each message is one line naming the schedule, file,
/// column or position and what was expected.
public enum ScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A specification that does not parse: the 1-based column in `text` and what was expected.
    case syntax(text: String, column: Int, expected: String)
    /// A specification without `steps:` evaluated without a step count.
    case noStepCount(specification: String)
    /// A specification that parses but cannot be laid out.
    case invalidSpecification(specification: String, reason: String)
    /// A logged learning rate that is negative or not finite.
    case badRate(source: String, step: Double, value: Double)
    /// Fewer than two logged rates to interpolate.
    case tooFewRates(source: String, count: Int)
    /// A WSD branch whose first step is not inside its constant run.
    case branchOutsideRun(source: String, branchStep: Double, runFirst: Double, runLast: Double)

    public var description: String {
        switch self {
        case let .syntax(text, column, expected):
            return "schedule '\(ScheduleError.oneLine(text))': column \(column): expected \(expected)"
        case let .noStepCount(specification):
            return "schedule '\(specification)' gives no step count; add steps:T or pass the number of steps"
        case let .invalidSpecification(specification, reason):
            return "schedule '\(specification)': \(reason)"
        case let .badRate(source, step, value):
            return "\(source): learning rate \(value) at step \(DataMessage.formatNumber(step)) is not a non-negative number"
        case let .tooFewRates(source, count):
            return "\(source): \(count) logged learning rate\(count == 1 ? "" : "s"); need at least 2 to reconstruct the schedule"
        case let .branchOutsideRun(source, branchStep, runFirst, runLast):
            return "\(source): the branch starts at step \(DataMessage.formatNumber(branchStep)), outside its constant run's steps \(DataMessage.formatNumber(runFirst))…\(DataMessage.formatNumber(runLast))"
        }
    }

    /// The text with line breaks and tabs shown as spaces, cut to 80 characters.
    static func oneLine(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
    }
}
