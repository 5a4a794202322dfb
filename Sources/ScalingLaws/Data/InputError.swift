/// A problem with what an ``InputSpecification`` asks of a file: a filter or grouping column the
/// file lacks, a filter that compares a number with text, a selection that keeps no row, a group
/// too small for the law. Every message is one line naming the option, the column and the file.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A column named by an option (`--where`, `--range`, `--by`, …) is not in the file.
    /// `suggestion` is the nearest header name when one is close enough.
    case unknownColumn(source: String, option: String, column: String, suggestion: String?, available: [String])
    /// A number compared with a cell that holds text. `textComparable` is true for `==`, `!=`
    /// and `in`, where quoting the value would compare text instead.
    case numberOnText(source: String, line: Int, column: String, predicate: String, cell: String, textComparable: Bool)
    /// Text compared with a column that holds only numbers.
    case textOnNumbers(source: String, column: String, predicate: String)
    /// The `--where` predicates keep no row.
    case emptySelection(source: String, predicates: [String])
    /// A `--by` group with fewer rows than the analysis needs.
    case groupTooSmall(source: String, by: String, group: String, count: Int, needed: Int, reason: String)
    /// The analysis of one `--by` group failed; `message` is the underlying one-line message.
    case inGroup(by: String, group: String, message: String)
    /// The data given do not match those an artifact was made from.
    case dataMismatch(artifact: String, source: String, reason: String)

    /// The message, one line whatever text it echoes (``MessageText/line(_:)``).
    public var description: String { MessageText.line(message) }

    private var message: String {
        switch self {
        case let .unknownColumn(source, option, column, suggestion, available):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
            return "\(source): \(option): no column named '\(column)'\(hint) (columns: \(DataMessage.listing(available)))"
        case let .numberOnText(source, line, column, predicate, cell, textComparable):
            return "\(source), line \(line), column '\(column)': --where '\(predicate)' compares a number, but the cell holds text '\(DataMessage.cellForMessage(cell))'"
                + (textComparable ? "; quote the value to compare text" : "")
        case let .textOnNumbers(source, column, predicate):
            return "\(source): --where '\(predicate)' compares text, but column '\(column)' holds numbers; compare it with a number"
        case let .emptySelection(source, predicates):
            return "\(source): no row satisfies --where \(predicates.map { "'\($0)'" }.joined(separator: " and "))"
        case let .groupTooSmall(source, by, group, count, needed, reason):
            let tail = reason.isEmpty ? "" : " \(reason)"
            return "\(source): --by \(by): group '\(group)' has \(count) \(DataMessage.plural(count, "row")), expected at least \(needed)\(tail)"
        case let .inGroup(by, group, message):
            return "--by \(by), group '\(DataMessage.cellForMessage(group))': \(message)"
        case let .dataMismatch(artifact, source, reason):
            return "\(artifact): made from other data than \(source): \(reason)"
        }
    }
}
