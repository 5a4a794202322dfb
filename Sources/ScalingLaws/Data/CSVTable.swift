import Foundation

/// A delimited text table as read from a file: a header and rows of raw text cells.
///
/// This is the syntax layer. It knows nothing about numbers; ``Dataset`` converts the columns a
/// law needs. Reading follows RFC 4180 with the leniency real files need:
///
/// - the separator is a comma, a tab or a semicolon, detected from the header line when not given;
/// - quoted fields may contain separators, doubled quotes (`""` for `"`) and line breaks;
/// - a UTF-8 byte-order mark is ignored; LF, CRLF and CR line endings are all accepted;
/// - blank lines are skipped;
/// - spaces and tabs around an unquoted field are trimmed (quote a field to keep them).
///
/// Every row has exactly as many fields as the header, and header names are unique
/// (empty names, such as the index column pandas writes, may repeat).
public struct CSVTable: Sendable, Equatable {
    /// Column names, in file order.
    public let header: [String]
    /// Data rows, each with `header.count` cells, in file order.
    public let rows: [[String]]
    /// The 1-based file line each row starts on, as an editor shows it (the header is line 1).
    public let lineNumbers: [Int]
    /// The file name used in messages.
    public let source: String

    /// Makes a table from cells.
    ///
    /// - Parameters:
    ///   - header: Column names.
    ///   - rows: Rows of cells. Rows are not checked against the header; a table whose rows do
    ///     not all have `header.count` cells serializes to text that ``parse(_:source:separator:)`` rejects.
    ///   - lineNumbers: The line of each row; `nil` gives the lines the rows start on in
    ///     ``serialized(separator:)`` output (line 2 onwards, counting line breaks inside fields).
    ///   - source: The name used in messages.
    public init(header: [String], rows: [[String]], lineNumbers: [Int]? = nil, source: String = "<input>") {
        self.header = header
        self.rows = rows
        self.source = source
        if let lineNumbers {
            self.lineNumbers = lineNumbers
        } else {
            var line = 1 + header.reduce(0) { $0 + Self.lineBreaks(in: $1) } + 1
            var numbers: [Int] = []
            numbers.reserveCapacity(rows.count)
            for row in rows {
                numbers.append(line)
                line += 1 + row.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            }
            self.lineNumbers = numbers
        }
    }

    /// Parses delimited text.
    ///
    /// Runs in time linear in the length of `text`.
    ///
    /// - Parameters:
    ///   - text: The whole file.
    ///   - source: The file name used in messages.
    ///   - separator: `,`, `\t`, `;` or any other single ASCII character; `nil` detects one of
    ///     `,`, `\t`, `;` by counting them (outside quotes) on the header line.
    /// - Returns: The table. It may have no rows; ``Dataset`` rejects that.
    /// - Throws: ``DataError/emptyFile(source:)`` when there is no header,
    ///   ``DataError/duplicateColumn(source:column:firstField:secondField:)``,
    ///   ``DataError/raggedRow(source:line:expected:got:)``,
    ///   ``DataError/unterminatedQuote(source:line:)``, ``DataError/textAfterQuote(source:line:field:)``,
    ///   ``DataError/unsupportedSeparator(_:)``.
    public static func parse(_ text: String, source: String = "<input>", separator: Character? = nil) throws -> CSVTable {
        var text = text
        text.makeContiguousUTF8()
        return try text.utf8.withContiguousStorageIfAvailable { bytes in
            try parse(bytes: bytes, source: source, separator: separator)
        } ?? parse(bytes: Array(text.utf8), source: source, separator: separator)
    }

    /// Reads and parses a file.
    ///
    /// - Parameters:
    ///   - url: A file URL.
    ///   - source: The name used in messages; `nil` uses the file name (`runs.csv`).
    ///   - separator: As in ``parse(_:source:separator:)``.
    /// - Throws: ``DataError/noSuchFile(path:)``, ``DataError/isDirectory(path:)``,
    ///   ``DataError/unreadableFile(path:reason:)``, ``DataError/notUTF8(source:)``, and every
    ///   error of ``parse(_:source:separator:)``.
    public static func read(contentsOf url: URL, source: String? = nil, separator: Character? = nil) throws -> CSVTable {
        let path = url.relativePath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataError.noSuchFile(path: path)
        }
        guard !isDirectory.boolValue else { throw DataError.isDirectory(path: path) }
        let data: Data
        do {
            // An empty file is not read through Data(contentsOf:), which leaks its 4 KiB read
            // buffer for a zero-length file (found by fuzz-logs under LeakSanitizer).
            let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
            let size = (attributes?[.size] as? NSNumber)?.intValue
            data = size == 0 ? Data() : try Data(contentsOf: url)
        } catch {
            throw DataError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        let name = source ?? url.lastPathComponent
        guard let text = String(data: data, encoding: .utf8) else { throw DataError.notUTF8(source: name) }
        return try parse(text, source: name, separator: separator)
    }

    /// The table as delimited text, one record per line, each line ending in `\n`.
    ///
    /// A field is quoted (RFC 4180, inner quotes doubled) when it contains a quote, a line break,
    /// the separator or any of `,`, `\t`, `;` (so separator detection reads it back), when it
    /// starts or ends with a space or tab, and when it is the only, empty field of its line
    /// (which would otherwise read as a blank line). `parse(serialized())` gives the table back.
    ///
    /// - Parameter separator: The field separator.
    public func serialized(separator: Character = ",") -> String {
        var out = ""
        func append(_ record: [String], isHeader: Bool) {
            for (k, field) in record.enumerated() {
                if k > 0 { out.append(separator) }
                let mustQuote = Self.needsQuotes(field, separator: separator)
                    || (record.count == 1 && field.isEmpty)
                    || (isHeader && k == 0 && field.unicodeScalars.first == "\u{FEFF}")
                if mustQuote {
                    // Quotes are doubled scalar by scalar: Foundation's replacingOccurrences
                    // matches whole characters and missed a quote followed by a combining mark
                    // ("\u{301}), which then closed the field early (found by the round-trip
                    // property test).
                    out.append("\"")
                    for scalar in field.unicodeScalars {
                        out.unicodeScalars.append(scalar)
                        if scalar == "\"" { out.unicodeScalars.append(scalar) }
                    }
                    out.append("\"")
                } else {
                    out.append(field)
                }
            }
            out.append("\n")
        }
        append(header, isHeader: true)
        for row in rows { append(row, isHeader: false) }
        return out
    }

    /// The index of a column: an exact match, else the only case-insensitive match.
    ///
    /// - Throws: ``DataError/missingColumn(source:column:suggestion:available:)`` naming the
    ///   nearest header name.
    public func columnIndex(named name: String) throws -> Int {
        if let index = ColumnLookup.index(of: name, in: header) { return index }
        throw DataError.missingColumn(
            source: source, column: name,
            suggestion: ColumnLookup.nearest(to: name, in: header), available: header)
    }

    // MARK: - Internals

    static func parse(bytes: UnsafeBufferPointer<UInt8>, source: String, separator: Character?) throws -> CSVTable {
        let separatorByte: UInt8
        if let separator {
            guard let ascii = separator.asciiValue, separator != "\"", separator != "\n", separator != "\r" else {
                throw DataError.unsupportedSeparator(String(separator))
            }
            separatorByte = ascii
        } else {
            separatorByte = CSVReader.detectSeparator(bytes)
        }
        let output = try CSVReader(bytes: bytes, separator: separatorByte, source: source).read()
        guard let header = output.records.first else { throw DataError.emptyFile(source: source) }

        var seen: [String: Int] = [:]
        for (k, name) in header.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                throw DataError.duplicateColumn(source: source, column: name, firstField: first + 1, secondField: k + 1)
            }
            seen[name] = k
        }
        for r in 1..<output.records.count where output.records[r].count != header.count {
            throw DataError.raggedRow(
                source: source, line: output.lines[r], expected: header.count, got: output.records[r].count)
        }
        return CSVTable(
            header: header,
            rows: Array(output.records.dropFirst()),
            lineNumbers: Array(output.lines.dropFirst()),
            source: source)
    }

    static func parse(bytes: [UInt8], source: String, separator: Character?) throws -> CSVTable {
        try bytes.withUnsafeBufferPointer { try parse(bytes: $0, source: source, separator: separator) }
    }

    private static func needsQuotes(_ field: String, separator: Character) -> Bool {
        guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last else { return false }
        if first == " " || first == "\t" || last == " " || last == "\t" { return true }
        let separatorScalars = Set(String(separator).unicodeScalars)
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\"", "\n", "\r", ",", "\t", ";": return true
            default: if separatorScalars.contains(scalar) { return true }
            }
        }
        return false
    }

    /// Line breaks inside a field as an editor counts them (CRLF is one).
    private static func lineBreaks(in field: String) -> Int {
        var count = 0
        var previousWasCR = false
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\r") {
                count += 1
                previousWasCR = true
            } else {
                if byte == UInt8(ascii: "\n"), !previousWasCR { count += 1 }
                previousWasCR = false
            }
        }
        return count
    }
}
