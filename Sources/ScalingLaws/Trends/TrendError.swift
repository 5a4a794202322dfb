/// What can go wrong while reading dates or fitting a trend in time.
///
/// Messages follow ``DataError``: file, 1-based line (the header is line 1), column, and what
/// was expected.
///
/// ```
/// costs.csv, line 7, column 'Publication date': expected a date (YYYY-MM-DD) or a decimal year, got 'March 2023'
/// ```
public enum TrendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A date cell is neither an ISO date `YYYY-MM-DD` nor a decimal year.
    case notADate(source: String, line: Int, column: String, text: String)
    /// A date cell has the ISO shape but names no day of the calendar (`2023-02-30`).
    case invalidDate(source: String, line: Int, column: String, text: String, reason: String)
    /// A date cell is empty.
    case emptyDate(source: String, line: Int, column: String)
    /// Fewer points than the fit needs (two parameters and at least one degree of freedom).
    case tooFewPoints(source: String, count: Int, needed: Int)
    /// Every point has the same date: no slope can be fitted.
    case noSpreadInDates(source: String)
    /// A confidence level outside (0, 1).
    case invalidConfidenceLevel(Double)

    /// The exact one-line message shown to users.
    ///
    /// One line by construction: user text goes through ``MessageText``.
    public var description: String {
        MessageText.line(message)
    }

    private func e(_ text: String) -> String { MessageText.escaped(text) }

    private var message: String {
        switch self {
        case let .notADate(source, line, column, text):
            return "\(e(source)), line \(line), column \(MessageText.quoted(column)): expected a date (YYYY-MM-DD) or a decimal year, "
                + "got '\(DataMessage.cellForMessage(text))'"
        case let .invalidDate(source, line, column, text, reason):
            return "\(e(source)), line \(line), column \(MessageText.quoted(column)): '\(DataMessage.cellForMessage(text))' is not a date: \(e(reason))"
        case let .emptyDate(source, line, column):
            return "\(e(source)), line \(line), column \(MessageText.quoted(column)): expected a date (YYYY-MM-DD) or a decimal year, got an empty cell"
        case let .tooFewPoints(source, count, needed):
            return "\(e(source)): expected at least \(needed) \(DataMessage.plural(needed, "row")) to fit a trend "
                + "(two parameters and one degree of freedom), got \(count)"
        case let .noSpreadInDates(source):
            return "\(e(source)): every row has the same date, so no trend can be fitted"
        case let .invalidConfidenceLevel(level):
            return "the confidence level must lie strictly between 0 and 1, got \(DataMessage.formatNumber(level))"
        }
    }
}
