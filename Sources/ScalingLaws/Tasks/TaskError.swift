/// What can go wrong when reading the downstream tasks of training logs (the task losses named
/// by a glob and their paired accuracy columns).
///
/// ``description`` is one line naming the file, the column or option, and what was expected.
public enum TaskError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--tasks` was not given or is empty.
    case noTaskGlob
    /// The glob matches no column of a log.
    case noTaskColumn(source: String, glob: String, suggestion: String?)
    /// A task-loss column has no paired accuracy column (`expected` lists the names tried).
    case noAccuracyColumn(source: String, column: String, expected: [String])
    /// A task-loss column matched by the glob is missing from another log of the ladder.
    case taskMissingInRun(source: String, column: String)
    /// A task has too few runs (or checkpoints) left to fit a step.
    case tooFewRuns(task: String, step: String, runs: Int, needed: Int)
    /// A setting of the method out of its domain (`--bootstrap 1`, a skip fraction of 1.5).
    case invalidSetting(option: String, value: String, expected: String)
    /// The backtest holds out every run, or none.
    case nothingToHoldOut(reason: String)

    public var description: String {
        switch self {
        case .noTaskGlob:
            return "name the task-loss columns with --tasks GLOB, e.g. --tasks 'eval/downstream_bpb/*_bpb'"
        case let .noTaskColumn(source, glob, suggestion):
            let hint = suggestion.map { " (did you mean \(MessageText.quoted($0))?)" } ?? ""
            return "\(MessageText.escaped(source)): no column matches --tasks \(MessageText.quoted(glob))\(hint)"
        case let .noAccuracyColumn(source, column, expected):
            return "\(MessageText.escaped(source)): task column \(MessageText.quoted(column)) has no paired accuracy column (expected a column named \(expected.map(MessageText.quoted).joined(separator: " or ")))"
        case let .taskMissingInRun(source, column):
            return "\(MessageText.escaped(source)): has no task column \(MessageText.quoted(column)), which the ladder's first log has"
        case let .tooFewRuns(task, step, runs, needed):
            return "task \(MessageText.quoted(task)): \(step) has \(runs) \(runs == 1 ? "point" : "points"), needs at least \(needed)"
        case let .invalidSetting(option, value, expected):
            return "\(MessageText.escaped(option)) \(MessageText.escaped(value)): expected \(MessageText.escaped(expected))"
        case let .nothingToHoldOut(reason):
            return "the backtest cannot hold out the largest rung: \(MessageText.escaped(reason))"
        }
    }
}
