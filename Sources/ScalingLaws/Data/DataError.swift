import Foundation

/// Everything that can go wrong while reading a table of training runs.
///
/// Every case carries what a person needs to fix the input: the file (`source`, the file
/// name as shown in messages), the 1-based line as an editor shows it (the header is line 1),
/// the column, and what was expected. ``description`` is the exact one-line message a user
/// sees; the command-line tool prints it unchanged.
///
/// ```
/// runs.csv, line 4, column 'loss': expected a number, got 'abc'
/// ```
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist. `path` is the path as the user gave it.
    case noSuchFile(path: String)
    /// The path names a directory, not a file.
    case isDirectory(path: String)
    /// The file exists but could not be read (permissions, I/O error).
    case unreadableFile(path: String, reason: String)
    /// The file's bytes are not UTF-8 text.
    case notUTF8(source: String)
    /// A separator that is not a single ASCII character, or is a quote or line break.
    case unsupportedSeparator(String)
    /// The file holds no header (it is empty, or only blank lines).
    case emptyFile(source: String)
    /// The file has a header but no data rows.
    case noDataRows(source: String)
    /// Two header fields have the same name. Fields are numbered from 1.
    case duplicateColumn(source: String, column: String, firstField: Int, secondField: Int)
    /// A row has a different number of fields than the header.
    case raggedRow(source: String, line: Int, expected: Int, got: Int)
    /// A quoted field starting on `line` is still open at the end of the file.
    case unterminatedQuote(source: String, line: Int)
    /// Something other than a separator or the end of the line follows a closing quote.
    case textAfterQuote(source: String, line: Int, field: Int)
    /// A column asked for by name is not in the header. `suggestion` is the nearest header
    /// name (case-insensitive Levenshtein distance) when one is close enough.
    case missingColumn(source: String, column: String, suggestion: String?, available: [String])
    /// No column could be found or inferred for a variable a law needs.
    /// `flag` is the command-line option that names the column (for example `--n`).
    case noColumnForRole(source: String, role: String, flag: String, available: [String])
    /// `D` is needed, no column looks like `D`, and there is no `C` and `N` pair to derive it.
    case noColumnForTokens(source: String, flag: String, available: [String])
    /// Several columns look like the same variable; the user has to choose with `flag`.
    case ambiguousRole(source: String, role: String, candidates: [String], flag: String)
    /// A cell that should hold a number is empty.
    case emptyCell(source: String, line: Int, column: String)
    /// A cell that should hold a number holds something else. `text` is the cell as written.
    case notANumber(source: String, line: Int, column: String, text: String)
    /// A cell holds NaN or an infinity.
    case notFinite(source: String, line: Int, column: String, text: String)
    /// A value is zero or negative where a positive number is required (logarithms,
    /// power laws). `reason` completes the sentence "expected a positive number …".
    case notPositive(source: String, line: Int, column: String, value: Double, reason: String)
    /// Fewer rows than needed. `reason` completes "expected at least k rows …".
    case tooFewRows(source: String, count: Int, needed: Int, reason: String)
    /// The input columns span fewer distinct points than there are free parameters.
    /// `variables` are the input columns as named in the file; `reason` completes the message.
    case tooFewDistinctPoints(source: String, count: Int, needed: Int, variables: [String], reason: String)
    /// Row filters removed every row. `filter` describes the filter that removed the last ones.
    case noRowsLeft(source: String, filter: String)
    /// A row filter is malformed (for example a negative count).
    case invalidFilter(filter: String, reason: String)
    /// Columns given to ``Dataset/init(source:columns:rowLines:)`` have different lengths.
    case columnLengthMismatch(source: String, column: String, expected: Int, got: Int)

    /// The exact one-line message shown to users.
    ///
    /// One line by construction: every piece of user text (file name, column name, cell,
    /// filter, reason) goes through ``MessageText`` — quoted with `q(_:)` or escaped with
    /// `e(_:)` — and the finished message through ``MessageText/line(_:)``.
    public var description: String {
        MessageText.line(message)
    }

    /// User text between single quotes, escaped.
    private func q(_ text: String) -> String { MessageText.quoted(text) }
    /// User text escaped, without quotes (file names, reasons).
    private func e(_ text: String) -> String { MessageText.escaped(text) }

    private var message: String {
        switch self {
        case let .noSuchFile(path):
            return "no such file: \(e(path))"
        case let .isDirectory(path):
            return "\(e(path)): is a directory, not a file"
        case let .unreadableFile(path, reason):
            return "\(e(path)): cannot read the file: \(e(reason))"
        case let .notUTF8(source):
            return "\(e(source)): the file is not UTF-8 text"
        case let .unsupportedSeparator(separator):
            return "unsupported separator '\(DataMessage.cellForMessage(separator))': use one ASCII character such as ',', ';' or a tab"
        case let .emptyFile(source):
            return "\(e(source)): the file is empty"
        case let .noDataRows(source):
            return "\(e(source)): no data rows"
        case let .duplicateColumn(source, column, first, second):
            return "\(e(source)): column \(q(column)) appears twice in the header (fields \(first) and \(second))"
        case let .raggedRow(source, line, expected, got):
            return "\(e(source)), line \(line): expected \(expected) \(DataMessage.plural(expected, "field")) as in the header, got \(got)"
        case let .unterminatedQuote(source, line):
            return "\(e(source)), line \(line): a quoted field opened on this line is never closed"
        case let .textAfterQuote(source, line, field):
            return "\(e(source)), line \(line): unexpected text after the closing quote of field \(field)"
        case let .missingColumn(source, column, suggestion, available):
            let hint = suggestion.map { "; did you mean \(q($0))?" } ?? ""
            return "\(e(source)): no column named \(q(column))\(hint) (columns: \(DataMessage.listing(available)))"
        case let .noColumnForRole(source, role, flag, available):
            return "\(e(source)): no column for \(e(role)); name one with \(e(flag)) (columns: \(DataMessage.listing(available)))"
        case let .noColumnForTokens(source, flag, available):
            return "\(e(source)): no column for D, and no C and N columns to derive it from (D = C/(6N)); "
                + "name one with \(e(flag)) (columns: \(DataMessage.listing(available)))"
        case let .ambiguousRole(source, role, candidates, flag):
            let names = DataMessage.englishList(candidates.map(q))
            let verb = candidates.count == 2 ? "both" : "all"
            return "\(e(source)): columns \(names) \(verb) look like \(e(role)); choose one with \(e(flag))"
        case let .emptyCell(source, line, column):
            return "\(e(source)), line \(line), column \(q(column)): expected a number, got an empty cell"
        case let .notANumber(source, line, column, text):
            return "\(e(source)), line \(line), column \(q(column)): expected a number, got '\(DataMessage.cellForMessage(text))'"
                + DataMessage.numberHint(text)
        case let .notFinite(source, line, column, text):
            return "\(e(source)), line \(line), column \(q(column)): expected a finite number, got '\(DataMessage.cellForMessage(text))'"
        case let .notPositive(source, line, column, value, reason):
            let tail = reason.isEmpty ? "" : " \(e(reason))"
            return "\(e(source)), line \(line), column \(q(column)): expected a positive number\(tail), got \(DataMessage.formatNumber(value))"
        case let .tooFewRows(source, count, needed, reason):
            let tail = reason.isEmpty ? "" : " \(e(reason))"
            return "\(e(source)): expected at least \(needed) \(DataMessage.plural(needed, "row"))\(tail), got \(count)"
        case let .tooFewDistinctPoints(source, count, needed, variables, reason):
            let what = variables.count == 1
                ? "distinct values of \(e(variables[0]))"
                : "distinct (\(variables.map(e).joined(separator: ", "))) points"
            let tail = reason.isEmpty ? "" : " \(e(reason))"
            return "\(e(source)): expected at least \(needed) \(what)\(tail), got \(count)"
        case let .noRowsLeft(source, filter):
            return "\(e(source)): no rows left after the filter \(q(filter))"
        case let .invalidFilter(filter, reason):
            return "invalid filter \(q(filter)): \(e(reason))"
        case let .columnLengthMismatch(source, column, expected, got):
            return "\(e(source)): column \(q(column)) has \(got) \(DataMessage.plural(got, "value")), expected \(expected)"
        }
    }
}

// MARK: - Message helpers

/// Formatting shared by the messages of the data layer.
enum DataMessage {
    /// `"row"` or `"rows"`.
    static func plural(_ count: Int, _ word: String) -> String {
        count == 1 ? word : word + "s"
    }

    /// Column names joined for the `(columns: …)` tail of a message.
    static func listing(_ names: [String]) -> String {
        names.map { $0.isEmpty ? "''" : MessageText.escaped($0) }.joined(separator: ", ")
    }

    /// A hint for a cell that is almost a number, as ` (…)`, or `""`:
    ///
    /// ```
    /// 3,1          (decimals take a point: 3.1)
    /// 70 bananas   (a size suffix is one of k, M, B, T)
    /// ```
    static func numberHint(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains(","), !trimmed.contains("."),
           let value = NumericCell.parse(trimmed.replacingOccurrences(of: ",", with: ".")), value.isFinite {
            return " (decimals take a point: \(trimmed.replacingOccurrences(of: ",", with: ".")))"
        }
        // A number followed by a word that is not a size suffix.
        var prefix = trimmed
        while let last = prefix.last, !(last.isASCII && last.isNumber) {
            prefix.removeLast()
        }
        if !prefix.isEmpty, prefix.count < trimmed.count, NumericCell.parse(prefix) != nil {
            let rest = trimmed.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            if let first = rest.first, first.isLetter {
                return " (a size suffix is one of k, M, B, T)"
            }
        }
        return ""
    }

    /// `a`, `a and b`, `a, b and c`.
    static func englishList(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }

    /// A cell's text made safe for a one-line message: escaped as by ``MessageText``, long
    /// cells shortened to 40 characters with an ellipsis.
    static func cellForMessage(_ text: String) -> String {
        MessageText.escaped(text, limit: 40)
    }

    /// A number as a person would write it: integers without a trailing `.0`
    /// (`-3`, `70000000000`), everything else in Swift's shortest round-trip form (`5.76e+23`).
    static func formatNumber(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), Swift.abs(value) < 1e16 {
            return String(Int64(value))
        }
        return "\(value)"
    }
}
