import Foundation

/// Everything that can go wrong while reading training logs (one file per run) into points.
///
/// ``description`` is one line naming the file, the run and what was expected.
public enum LogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No metric (response column) was named.
    case noMetric
    /// A `--name-pattern` that cannot be used. `reason` completes "invalid name pattern 'p': …".
    case invalidPattern(pattern: String, reason: String)
    /// A run's name does not match the name pattern.
    case nameDoesNotMatch(source: String, run: String, pattern: String)
    /// The pattern has no field that names the model size, and no other source of N was given.
    case noSizeField(pattern: String, field: String)
    /// A run's size name is not in the sizes table.
    case unknownSize(source: String, run: String, size: String, table: String, known: [String])
    /// No source of the parameter count N for a run.
    case noParameterCount(source: String, run: String)
    /// A sizes table row whose parameter count is not a positive number.
    case invalidSize(source: String, line: Int, column: String, text: String)
    /// Two sizes table rows name the same size.
    case duplicateSize(source: String, size: String, firstLine: Int, secondLine: Int)
    /// The metric has no value in any row of the log.
    case noMetricRows(source: String, run: String, metric: String)
    /// A glob or name of the metric matches no column (`available` lists a few columns).
    case noMetricColumn(source: String, metric: String, suggestion: String?)
    /// A metric glob matches several columns where one was expected.
    case ambiguousMetric(source: String, metric: String, matches: [String])
    /// Steps do not increase strictly.
    case stepsOutOfOrder(source: String, line: Int, step: Double, previous: Double)
    /// Two files claim the same run.
    case duplicateRun(run: String, firstSource: String, secondSource: String)
    /// A file argument or glob matched no file.
    case nothingMatched(argument: String)
    /// A directory given as input holds no log file (`.csv`, `.tsv`, `.txt`).
    case noLogsInDirectory(path: String)
    /// The reduction of a log to a point has no evaluation to use (e.g. a step before the first evaluation).
    case reductionOutOfRange(source: String, run: String, reduction: String)
    /// A `--reduce` specification that cannot be read.
    case invalidReduction(text: String, reason: String)
    /// A needed column (steps, tokens) is absent and cannot be derived.
    case noColumn(source: String, run: String, what: String, flag: String, suggestion: String?)
    /// A row of a long log has an empty run name (`--run COLUMN`).
    case emptyRunName(source: String, line: Int, column: String)
    /// `--branch-of BRANCH=CONSTANT` names a run that was not read.
    case unknownBranchRun(run: String, option: String, known: [String])
    /// A decay branch's first logged step does not occur in the constant run it is said to continue.
    case branchStepNotInRun(branch: String, step: Double, constantRun: String, firstStep: Double, lastStep: Double)
    /// A WSD decay branch that no constant-rate run read with it continues (none of its N reaches
    /// its first step), although constant runs were read.
    case unmatchedBranch(source: String, run: String, step: Double, constantRuns: [String])
    /// `--branch-of` text that is not `BRANCH=CONSTANT`.
    case invalidBranchMapping(text: String)

    public var description: String {
        switch self {
        case .noMetric:
            return "name the logs' response column with --metric COLUMN (an exact name or a glob)"
        case let .invalidPattern(pattern, reason):
            return "invalid name pattern \(MessageText.quoted(pattern)): \(MessageText.escaped(reason))"
        case let .nameDoesNotMatch(source, run, pattern):
            return "\(MessageText.escaped(source)): run name \(MessageText.quoted(run)) does not match the name pattern \(MessageText.quoted(pattern))"
        case let .noSizeField(pattern, field):
            return "the name pattern \(MessageText.quoted(pattern)) has no field {\(MessageText.escaped(field))} naming the model size; add it, or give N with --n COLUMN"
        case let .unknownSize(source, run, size, table, known):
            return "\(MessageText.escaped(source)): run \(MessageText.quoted(run)) has size \(MessageText.quoted(size)), which is not in \(MessageText.escaped(table)) (known sizes: \(LogText.list(known)))"
        case let .noParameterCount(source, run):
            return "\(MessageText.escaped(source)): no parameter count for run \(MessageText.quoted(run)): give --sizes TABLE with --name-pattern, --n COLUMN, or --size-names-as-numbers"
        case let .invalidSize(source, line, column, text):
            return "\(MessageText.escaped(source)), line \(line), column \(MessageText.quoted(column)): expected a positive number, got \(MessageText.quoted(text))"
        case let .duplicateSize(source, size, firstLine, secondLine):
            return "\(MessageText.escaped(source)): size \(MessageText.quoted(size)) is given twice (lines \(firstLine) and \(secondLine))"
        case let .noMetricRows(source, run, metric):
            return "\(MessageText.escaped(source)): run \(MessageText.quoted(run)) has no value of \(MessageText.quoted(metric)) in any row"
        case let .noMetricColumn(source, metric, suggestion):
            let hint = suggestion.map { " (did you mean \(MessageText.quoted($0))?)" } ?? ""
            return "\(MessageText.escaped(source)): no column matches the metric \(MessageText.quoted(metric))\(hint)"
        case let .ambiguousMetric(source, metric, matches):
            return "\(MessageText.escaped(source)): the metric \(MessageText.quoted(metric)) matches \(matches.count) columns (\(LogText.list(matches))); use --by metric to fit each, or name one"
        case let .stepsOutOfOrder(source, line, step, previous):
            return "\(MessageText.escaped(source)), line \(line): step \(DataMessage.formatNumber(step)) does not follow step \(DataMessage.formatNumber(previous)) (steps must increase)"
        case let .duplicateRun(run, firstSource, secondSource):
            return "run \(MessageText.quoted(run)) is read from two files: \(MessageText.escaped(firstSource)) and \(MessageText.escaped(secondSource))"
        case let .noLogsInDirectory(path):
            return "\(MessageText.escaped(path)): is a directory holding no .csv, .tsv or .txt log files (a table of runs is one file)"
        case let .nothingMatched(argument):
            return "\(MessageText.quoted(argument)) matches no file"
        case let .reductionOutOfRange(source, run, reduction):
            return "\(MessageText.escaped(source)): run \(MessageText.quoted(run)) has no evaluation for \(MessageText.escaped(reduction))"
        case let .invalidReduction(text, reason):
            return "invalid reduction \(MessageText.quoted(text)): \(MessageText.escaped(reason))"
        case let .emptyRunName(source, line, column):
            return "\(MessageText.escaped(source)), line \(line): the run column \(MessageText.quoted(column)) is empty (every row of a long log names its run)"
        case let .unknownBranchRun(run, option, known):
            return "\(option): no run \(MessageText.quoted(run)) was read (runs: \(LogText.list(known)))"
        case let .branchStepNotInRun(branch, step, constantRun, firstStep, lastStep):
            return "run \(MessageText.quoted(branch)) starts at step \(DataMessage.formatNumber(step)), which the constant run \(MessageText.quoted(constantRun)) does not reach (it logs steps \(DataMessage.formatNumber(firstStep))–\(DataMessage.formatNumber(lastStep)))"
        case let .unmatchedBranch(source, run, step, constantRuns):
            return "\(MessageText.escaped(source)): run \(MessageText.quoted(run)) is a WSD decay branch from step \(DataMessage.formatNumber(step)), but no constant-rate run read with it (\(LogText.list(constantRuns))) has its N and reaches that step; give its constant run's log or --branch-of BRANCH=CONSTANT"
        case let .invalidBranchMapping(text):
            return "expected BRANCH=CONSTANT (run names), got \(MessageText.quoted(text))"
        case let .noColumn(source, run, what, flag, suggestion):
            let hint = suggestion.map { " (did you mean \(MessageText.quoted($0))?)" } ?? ""
            return "\(MessageText.escaped(source)): run \(MessageText.quoted(run)) has no \(what) column; name it with \(flag)\(hint)"
        }
    }
}

/// Pieces of the logs' messages: numbers and lists of user text (escaped by ``MessageText``).
enum LogText {
    /// A number to four significant digits (`2.18e+18`, `0.1`).
    static func number(_ value: Double) -> String { String(format: "%.4g", value) }

    /// Up to eight items, quoted, then "and K more".
    static func list(_ items: [String]) -> String {
        let shown = items.prefix(8).map(MessageText.quoted).joined(separator: ", ")
        return items.count > 8 ? "\(shown) and \(items.count - 8) more" : (shown.isEmpty ? "none" : shown)
    }
}
