import Foundation

/// Keeps the rows of a ``CSVTable`` whose text in a column equals a value exactly, for
/// categorical columns that are not numbers (a configuration id, a dataset name): the
/// `--group COLUMN=VALUE` selection of the `isoflop` command. Numeric filters are
/// ``RowFilter``s, applied after conversion.
public struct TextEqualityFilter: Sendable, Equatable, CustomStringConvertible {
    public let column: String
    public let value: String

    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }

    /// `config_id == 'summary_df|rw|…'`.
    public var description: String { "\(column) == '\(value)'" }

    /// The rows whose cell in ``column`` equals ``value`` (surrounding spaces ignored).
    /// - Throws: ``DataError/missingColumn(source:column:suggestion:available:)``;
    ///   ``TextEqualityFilterError/noMatchingRows(source:filter:values:)`` when no row matches.
    public func apply(to table: CSVTable) throws -> CSVTable {
        let index = try table.columnIndex(named: column)
        let wanted = value.trimmingCharacters(in: .whitespaces)
        var rows: [[String]] = [], lines: [Int] = []
        var seen: [String] = []
        for (k, row) in table.rows.enumerated() {
            let cell = index < row.count ? row[index].trimmingCharacters(in: .whitespaces) : ""
            if cell == wanted {
                rows.append(row)
                lines.append(table.lineNumbers[k])
            } else if seen.count < 5, !seen.contains(cell) {
                seen.append(cell)
            }
        }
        guard !rows.isEmpty else {
            throw TextEqualityFilterError.noMatchingRows(source: table.source, filter: description, values: seen)
        }
        return CSVTable(header: table.header, rows: rows, lineNumbers: lines, source: table.source)
    }
}

/// A text filter that keeps no rows.
public enum TextEqualityFilterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No row satisfies the filter; `values` are up to five values the column does hold.
    case noMatchingRows(source: String, filter: String, values: [String])

    public var description: String {
        switch self {
        case let .noMatchingRows(source, filter, values):
            let examples = values.map(MessageText.quoted).joined(separator: ", ")
            return MessageText.line(
                "\(MessageText.escaped(source)): no row has \(MessageText.escaped(filter))"
                    + (values.isEmpty ? "" : " (values there include \(examples))"))
        }
    }
}
