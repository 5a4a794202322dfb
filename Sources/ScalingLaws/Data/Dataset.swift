import Foundation

/// Numeric columns of training runs, ready to fit: named columns of equal length, each row
/// remembering the file line it came from so later checks can name it.
///
/// Build one from a ``CSVTable`` with ``init(table:columns:)`` (only the columns asked for are
/// converted), from role mappings with ``ColumnRoles/dataset(from:extraColumns:)``, or directly
/// with ``init(source:columns:rowLines:)``.
public struct Dataset: Sendable, Equatable, Codable {
    /// The file name used in messages.
    public let source: String
    /// Columns by name. Every column has ``count`` values.
    public var columns: [String: [Double]]
    /// The 1-based file line of each row (the header is line 1).
    public var rowLines: [Int]
    /// The number of rows.
    public var count: Int
    /// For columns read under another name (a role such as `N` read from the file column
    /// `N_params`), the file column, so messages name what the user sees in the file.
    public var columnLabels: [String: String] = [:]

    /// Column names in sorted order.
    public var columnNames: [String] { columns.keys.sorted() }

    /// Makes a dataset from columns of equal length.
    ///
    /// - Parameters:
    ///   - source: The name used in messages.
    ///   - columns: Columns by name.
    ///   - rowLines: The line of each row; `nil` numbers rows as a file with a header would (2, 3, …).
    /// - Throws: ``DataError/columnLengthMismatch(source:column:expected:got:)`` when the columns
    ///   (or `rowLines`) differ in length.
    public init(source: String = "<input>", columns: [String: [Double]], rowLines: [Int]? = nil) throws {
        let names = columns.keys.sorted()
        let count = rowLines?.count ?? names.first.flatMap { columns[$0]?.count } ?? 0
        for name in names where columns[name]?.count != count {
            throw DataError.columnLengthMismatch(
                source: source, column: name, expected: count, got: columns[name]?.count ?? 0)
        }
        self.source = source
        self.columns = columns
        self.rowLines = rowLines ?? Array(stride(from: 2, to: count + 2, by: 1))
        self.count = count
    }

    /// Converts the named columns of a table to numbers.
    ///
    /// Names match exactly, else case-insensitively when only one header name matches; the
    /// dataset's columns are keyed by the header's spelling. Cells are read with
    /// ``NumericCell/parse(_:)``, row by row in file order, and the first bad cell stops the read.
    ///
    /// - Parameters:
    ///   - table: The parsed file.
    ///   - columns: The columns to convert (duplicates are read once).
    /// - Throws: ``DataError/noDataRows(source:)``,
    ///   ``DataError/missingColumn(source:column:suggestion:available:)``,
    ///   ``DataError/emptyCell(source:line:column:)``, ``DataError/notANumber(source:line:column:text:)``,
    ///   ``DataError/notFinite(source:line:column:text:)``.
    public init(table: CSVTable, columns: [String]) throws {
        var indices: [Int] = []
        for name in columns {
            let index = try table.columnIndex(named: name)
            if !indices.contains(index) { indices.append(index) }
        }
        guard !table.rows.isEmpty else { throw DataError.noDataRows(source: table.source) }

        var values = [[Double]](repeating: [], count: indices.count)
        for k in values.indices { values[k].reserveCapacity(table.rows.count) }
        for (r, row) in table.rows.enumerated() {
            for (k, index) in indices.enumerated() {
                values[k].append(try Self.number(
                    row[index], source: table.source, line: table.lineNumbers[r], column: table.header[index]))
            }
        }
        var byName: [String: [Double]] = [:]
        for (k, index) in indices.enumerated() { byName[table.header[index]] = values[k] }
        self.source = table.source
        self.columns = byName
        self.rowLines = table.lineNumbers
        self.count = table.rows.count
    }

    /// Reads the named columns of a file as numbers, streaming: the file is read piece by piece
    /// (``CSVStream``), so memory holds the numbers and one piece of text, not the whole file.
    ///
    /// Gives the same dataset, and the same errors, as ``init(table:columns:)`` on
    /// ``CSVTable/read(contentsOf:source:separator:)``, except that the first problem in file
    /// order is reported (a bad cell on line 3 before a ragged row on line 9).
    ///
    /// - Throws: the errors of ``CSVStream`` and of ``init(table:columns:)``.
    public init(contentsOf url: URL, columns: [String], source: String? = nil, separator: Character? = nil) throws {
        try self.init(stream: CSVStream(contentsOf: url, source: source, separator: separator), columns: columns)
    }

    /// Reads the named columns of the rows of `stream` not yet read, as numbers: what
    /// ``init(contentsOf:columns:source:separator:)`` does with the stream it opens (for a
    /// stream over bytes in memory, ``CSVStream/init(bytes:source:separator:pieceSize:)``).
    ///
    /// - Throws: the errors of ``CSVStream`` and of ``init(table:columns:)``.
    public init(stream: CSVStream, columns: [String]) throws {
        var stream = stream
        let header = CSVTable(header: stream.header, rows: [], source: stream.source)
        var indices: [Int] = []
        for name in columns {
            let index = try header.columnIndex(named: name)
            if !indices.contains(index) { indices.append(index) }
        }
        var values = [[Double]](repeating: [], count: indices.count)
        var lines: [Int] = []
        let source = stream.source
        let names = stream.header
        // Plain pieces skip the record store (PlainNumericRows): the same values and lines.
        let plain = PlainNumericRows(columns: indices, fieldCount: names.count)
        try stream.forEachRecord(plain: plain, plainRows: { columns, firstLine in
            for k in values.indices { values[k].append(contentsOf: columns[k]) }
            lines.append(contentsOf: firstLine..<(firstLine + (columns.first?.count ?? 0)))
        }) { record, line in
            for (k, index) in indices.enumerated() {
                let cell = record.field(index)
                // Plain decimals take the fast path; anything else (and every error) the full rules.
                if let value = PlainDecimal.parse(cell) {
                    values[k].append(value)
                } else {
                    values[k].append(try Self.number(String(decoding: cell, as: UTF8.self), source: source, line: line, column: names[index]))
                }
            }
            lines.append(line)
        }
        guard !lines.isEmpty else { throw DataError.noDataRows(source: source) }
        var byName: [String: [Double]] = [:]
        for (k, index) in indices.enumerated() { byName[names[index]] = values[k] }
        self.source = source
        self.columns = byName
        self.rowLines = lines
        self.count = lines.count
    }

    /// A cell as a finite number; an ISO date (`2022-07-11`) reads as its decimal year (``ISODate``).
    /// - Throws: ``DataError/emptyCell(source:line:column:)``, ``DataError/notANumber(source:line:column:text:)``,
    ///   ``DataError/notFinite(source:line:column:text:)``.
    static func number(_ cell: String, source: String, line: Int, column: String) throws -> Double {
        guard let value = NumericCell.parse(cell) ?? ISODate.decimalYear(cell) else {
            if cell.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                throw DataError.emptyCell(source: source, line: line, column: column)
            }
            throw DataError.notANumber(source: source, line: line, column: column, text: cell)
        }
        guard value.isFinite else { throw DataError.notFinite(source: source, line: line, column: column, text: cell) }
        return value
    }

    /// The values of a column: an exact name, else the only case-insensitive match.
    ///
    /// - Throws: ``DataError/missingColumn(source:column:suggestion:available:)`` naming the nearest column.
    public func column(_ name: String) throws -> [Double] {
        let names = columnNames
        if let index = ColumnLookup.index(of: name, in: names), let values = columns[names[index]] {
            return values
        }
        throw DataError.missingColumn(
            source: source, column: name, suggestion: ColumnLookup.nearest(to: name, in: names), available: names)
    }

    /// The key under which `name` is stored (exact, else the only case-insensitive match).
    func resolvedName(_ name: String) throws -> String {
        let names = columnNames
        if let index = ColumnLookup.index(of: name, in: names) { return names[index] }
        throw DataError.missingColumn(
            source: source, column: name, suggestion: ColumnLookup.nearest(to: name, in: names), available: names)
    }

    /// The name to show in messages for a column: its file column when it was read under another name.
    public func label(of name: String) -> String {
        columnLabels[name] ?? name
    }

    // MARK: - Selecting rows

    /// The rows at `indices`, in the order given.
    ///
    /// - Precondition: every index is in `0..<count` (indices come from code, not from user data).
    public func rows(at indices: [Int]) -> Dataset {
        var copy = self
        for (name, values) in columns {
            copy.columns[name] = indices.map { values[$0] }
        }
        copy.rowLines = indices.map { rowLines[$0] }
        copy.count = indices.count
        return copy
    }

    /// The rows for which `isIncluded` is true, given each row's index.
    public func filtered(where isIncluded: (Int) throws -> Bool) rethrows -> Dataset {
        var kept: [Int] = []
        for r in 0..<count where try isIncluded(r) { kept.append(r) }
        return rows(at: kept)
    }

    /// Applies one row filter. See ``RowFilter`` for the exact rules.
    ///
    /// - Throws: ``DataError/missingColumn(source:column:suggestion:available:)``,
    ///   ``DataError/invalidFilter(filter:reason:)``, and ``DataError/noRowsLeft(source:filter:)``
    ///   when no row survives.
    public func filtered(by filter: RowFilter) throws -> Dataset {
        let kept = try filter.keptRows(in: self)
        guard !kept.isEmpty else { throw DataError.noRowsLeft(source: source, filter: filter.description) }
        return rows(at: kept)
    }

    /// Applies row filters in order, each to the rows the previous ones left.
    ///
    /// - Throws: as ``filtered(by:)``.
    public func filtered(_ filters: [RowFilter]) throws -> Dataset {
        var result = self
        for filter in filters { result = try result.filtered(by: filter) }
        return result
    }

    // MARK: - Domain checks

    /// Checks that every value of the named columns is strictly positive, as a logarithm or
    /// a power law needs.
    ///
    /// - Parameters:
    ///   - columns: Column names.
    ///   - reason: Completes the message "expected a positive number …", e.g. `"for a power law in N"`.
    /// - Throws: ``DataError/notPositive(source:line:column:value:reason:)`` for the first offending
    ///   row (in row order, then column order), or
    ///   ``DataError/missingColumn(source:column:suggestion:available:)``.
    public func requirePositive(_ columns: [String], reason: String) throws {
        var checked: [(name: String, values: [Double])] = []
        for name in columns {
            let key = try resolvedName(name)
            checked.append((key, self.columns[key] ?? []))
        }
        for r in 0..<count {
            for (name, values) in checked where !(values[r] > 0) {
                throw DataError.notPositive(
                    source: source, line: rowLines[r], column: label(of: name), value: values[r], reason: reason)
            }
        }
    }

    /// Checks that there are at least `minimum` rows (for example one per free parameter).
    ///
    /// - Parameters:
    ///   - minimum: The least number of rows.
    ///   - reason: Completes "expected at least k rows …", e.g. `"to fit the 5 parameters of chinchilla"`.
    /// - Throws: ``DataError/tooFewRows(source:count:needed:reason:)``.
    public func requireRows(atLeast minimum: Int, reason: String) throws {
        guard count >= minimum else {
            throw DataError.tooFewRows(source: source, count: count, needed: minimum, reason: reason)
        }
    }
}
