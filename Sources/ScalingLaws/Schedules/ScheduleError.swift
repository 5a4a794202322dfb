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
    /// A WSD decay branch with no constant-rate run among the logs that reaches its first step.
    case noBranchParent(source: String, branchStep: Double)
    /// A WSD decay branch that several constant-rate runs could continue (model sizes unknown).
    case ambiguousBranchParent(source: String, branchStep: Double, candidates: [String])

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
        case let .noBranchParent(source, branchStep):
            return "\(source): a WSD decay branch from step \(DataMessage.formatNumber(branchStep)), and no constant-rate log given reaches that step; add its constant run's log or name it with --branch-of"
        case let .ambiguousBranchParent(source, branchStep, candidates):
            return "\(source): a WSD decay branch from step \(DataMessage.formatNumber(branchStep)) could continue any of \(candidates.joined(separator: ", ")); give --sizes with --name-pattern so that runs of one size are linked (or, to predict, --branch-of)"
        }
    }

    /// The text with line breaks and tabs shown as spaces, cut to 80 characters.
    static func oneLine(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
    }
}
