/// Something odd about a run read from a log: typed, with the run it concerns; the renderer
/// words it (``description`` is one line).
public enum LogWarning: Sendable, Equatable, Codable, CustomStringConvertible {
    /// A marketing size name was read as a parameter count, as the user asked.
    case sizeNameAsNumber(run: String, size: String, parameters: Double)
    /// 6ND and the logged or tabled training FLOP differ by more than 10%.
    case computeDisagrees(run: String, used: Double, source: String, sixND: Double)
    /// The point is not the end of the run, and the schedule was not constant there.
    case intermediateCheckpoint(run: String, step: Double, schedule: String)
    /// The metric's last evaluation is before the log's last step.
    case metricMissingAtEnd(run: String, metric: String, lastEvaluated: Double, lastStep: Double)
    /// Some evaluations of the metric are missing or NaN.
    case missingValues(run: String, metric: String, count: Int)
    /// A WSD decay branch whose constant-rate run was not read (or is ambiguous): its end is
    /// still a point, but its schedule before the branch is unknown.
    case branchWithoutConstantRun(run: String, from: Double)

    /// The run the warning is about.
    public var run: String {
        switch self {
        case let .sizeNameAsNumber(run, _, _), let .computeDisagrees(run, _, _, _), let .intermediateCheckpoint(run, _, _),
            let .metricMissingAtEnd(run, _, _, _), let .missingValues(run, _, _), let .branchWithoutConstantRun(run, _):
            return run
        }
    }

    public var description: String {
        switch self {
        case let .sizeNameAsNumber(run, size, parameters):
            return "run \(MessageText.quoted(run)): size name \(MessageText.quoted(size)) read as N = \(LogText.number(parameters)) parameters; marketing names round (OLMo's 1B has 1.28e9), prefer --sizes TABLE"
        case let .computeDisagrees(run, used, source, sixND):
            let percent = (sixND / used - 1) * 100
            return "run \(MessageText.quoted(run)): 6ND = \(LogText.number(sixND)) differs from C = \(LogText.number(used)) (\(MessageText.escaped(source))) by \(String(format: "%+.0f", percent))%"
        case let .intermediateCheckpoint(run, step, schedule):
            return "run \(MessageText.quoted(run)): the point at step \(DataMessage.formatNumber(step)) is an intermediate checkpoint of a \(MessageText.escaped(schedule)) schedule; final-loss laws describe the end of a run (Hoffmann et al. 2022; Porian et al. 2024)"
        case let .metricMissingAtEnd(run, metric, lastEvaluated, lastStep):
            return "run \(MessageText.quoted(run)): \(MessageText.quoted(metric)) was last evaluated at step \(DataMessage.formatNumber(lastEvaluated)), before the last logged step \(DataMessage.formatNumber(lastStep))"
        case let .branchWithoutConstantRun(run, from):
            return "run \(MessageText.quoted(run)) is a WSD decay branch from step \(DataMessage.formatNumber(from)), but no one constant-rate run of its N read here reaches that step: its end is still a point; give the constant run's log (or --branch-of BRANCH=CONSTANT) to link it"
        case let .missingValues(run, metric, count):
            return "run \(MessageText.quoted(run)): \(count) evaluation\(count == 1 ? "" : "s") of \(MessageText.quoted(metric)) missing or NaN"
        }
    }
}
