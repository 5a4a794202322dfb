/// A small table of text cells rendered as aligned plain text, Markdown or CSV.
///
/// Columns are left-aligned unless marked numeric, which right-aligns them in plain text and
/// Markdown (`---:`).
public struct TextTable: Sendable, Equatable {
    /// The column headings.
    public var header: [String]
    /// The rows, one text per column.
    public var rows: [[String]]
    /// For each column, whether it holds numbers (right-aligned).
    public var numeric: [Bool]

    /// A table.
    /// - Parameters:
    ///   - header: The column headings.
    ///   - rows: The rows (default none).
    ///   - numeric: Which columns hold numbers, or `nil` for none.
    public init(header: [String], rows: [[String]] = [], numeric: [Bool]? = nil) {
        self.header = header
        self.rows = rows
        self.numeric = numeric ?? Array(repeating: false, count: header.count)
    }

    /// Adds a row at the end.
    /// - Parameter row: One text per column.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// Aligned plain text: columns separated by two spaces, a dashed rule under the header,
    /// no trailing spaces, every line ending in `\n`. `indent` prefixes every line.
    public func plainText(indent: String = "") -> String {
        let widths = columnWidths()
        var out = ""
        func line(_ cells: [String]) {
            var text = indent
            for (k, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[k] - cell.count)
                let aligned = numeric[k] ? pad + cell : cell + pad
                text += (k == 0 ? "" : "  ") + aligned
            }
            while text.hasSuffix(" ") { text.removeLast() }
            out += text + "\n"
        }
        line(header)
        line(widths.map { String(repeating: "-", count: $0) })
        for row in rows { line(row) }
        return out
    }

    /// A GitHub-flavoured Markdown table (pipes in cells escaped).
    public func markdown() -> String {
        func escape(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in rows {
            out += "| " + row.map(escape).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// RFC 4180 CSV: fields holding a comma, quote or line break are quoted, inner quotes doubled.
    public func csv() -> String {
        var out = Self.csvLine(header)
        for row in rows { out += Self.csvLine(row) }
        return out
    }

    /// One CSV record with its line ending.
    public static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return field
        }.joined(separator: ",") + "\n"
    }

    private func columnWidths() -> [Int] {
        var widths = header.map(\.count)
        for row in rows {
            for (k, cell) in row.enumerated() where k < widths.count {
                widths[k] = max(widths[k], cell.count)
            }
        }
        return widths
    }
}

extension String {
    /// `self` padded with spaces on the right to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
