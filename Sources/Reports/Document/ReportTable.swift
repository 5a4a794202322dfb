/// A titled table of a report section.
///
/// Rows hold ``ReportCell``s, one per column. Plain text, Markdown, LaTeX and HTML show the
/// columns that are not CSV-only with each cell's display text; CSV writes the columns that
/// are not display-only with each cell's exact text, when the table ``exportsToCSV``.
public struct ReportTable: Sendable, Equatable, Codable {
    /// A heading over the table (`nil`: none).
    public var title: String?
    /// The columns.
    public var columns: [ReportColumn]
    /// The rows: one cell per column.
    public var rows: [[ReportCell]]
    /// Whether CSV output includes this table. A report's CSV is its exported tables, in order,
    /// separated by a blank line; most reports export exactly one.
    public var exportsToCSV: Bool
    /// What plain text and Markdown print instead of an empty table (`nil`: the header alone).
    public var emptyText: String?
    /// Lines plain text prints (indented) instead of the aligned grid, for a layout of its own
    /// such as lmfit's `name: value +/- se (rel%) [lower, upper]`; other formats show the table.
    /// `nil` (the default): the grid.
    public var plainLines: [String]?

    /// A table.
    /// - Parameters:
    ///   - title: A heading over the table, or `nil`.
    ///   - columns: The columns.
    ///   - rows: The rows, one cell per column (default none).
    ///   - exportsToCSV: Whether CSV output includes the table (default `false`).
    ///   - emptyText: What plain text and Markdown print instead of an empty table, or `nil`.
    public init(title: String? = nil, columns: [ReportColumn], rows: [[ReportCell]] = [], exportsToCSV: Bool = false, emptyText: String? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.exportsToCSV = exportsToCSV
        self.emptyText = emptyText
    }

    /// The table of display text `table`, each cell shown and exported as it is.
    public init(title: String? = nil, _ table: TextTable, exportsToCSV: Bool = false) {
        self.init(
            title: title,
            columns: zip(table.header, table.numeric).map { ReportColumn($0.0, numeric: $0.1) },
            rows: table.rows.map { $0.map { ReportCell($0) } },
            exportsToCSV: exportsToCSV)
    }

    /// Appends a row; a row shorter than the header is padded with empty cells, a longer one
    /// is cut to the header.
    public mutating func append(_ row: [ReportCell]) {
        var row = Array(row.prefix(columns.count))
        while row.count < columns.count { row.append(ReportCell("")) }
        rows.append(row)
    }

    /// Whether any column shows outside CSV (a table of CSV-only columns is for export alone).
    public var isDisplayed: Bool { columns.contains { $0.visibility != .csvOnly } }

    /// The columns and cells a reader sees, as a ``TextTable`` of display text.
    public var displayed: TextTable {
        project { $0.visibility != .csvOnly } cell: { $0.text } heading: { $0.title }
    }

    /// The columns and cells CSV writes, as a ``TextTable`` of exact text.
    public var exported: TextTable {
        project { $0.visibility != .displayOnly } cell: { $0.exported } heading: { $0.csvName }
    }

    private func project(_ keep: (ReportColumn) -> Bool, cell: (ReportCell) -> String, heading: (ReportColumn) -> String) -> TextTable {
        let kept = columns.indices.filter { keep(columns[$0]) }
        var table = TextTable(header: kept.map { heading(columns[$0]) }, numeric: kept.map { columns[$0].numeric })
        for row in rows {
            table.append(kept.map { $0 < row.count ? cell(row[$0]) : "" })
        }
        return table
    }
}
