/// One report: a title and sections, built once by a command or a library user and rendered to
/// every output format by ``render(_:payload:)-(RenderFormat,_)``.
///
/// A report holds display text, not numbers: whoever builds it decides the precision shown
/// (``ReportCell/text``) and the full-precision text that CSV carries (``ReportCell/exact``).
/// The same report gives aligned plain text, Markdown, CSV, JSON, LaTeX and HTML, so a table
/// is written once and reads the same everywhere.
///
/// ```swift
/// var section = ReportSection(title: "Backtest")
/// section.fields([("law", "chinchilla"), ("rule", "largest:3")])
/// section.table(folds)
/// let text = try Report(title: "Backtest of chinchilla", sections: [section]).render(.markdown)
/// ```
public struct Report: Sendable, Equatable, Codable {
    /// The report's title: the top heading in Markdown, LaTeX and HTML; not printed in plain
    /// text, where the sections speak for themselves.
    public var title: String
    /// The sections, in order.
    public var sections: [ReportSection]

    /// A report.
    /// - Parameters:
    ///   - title: The report's title.
    ///   - sections: The sections, in order (default none).
    public init(title: String, sections: [ReportSection] = []) {
        self.title = title
        self.sections = sections
    }

    /// Appends a section.
    public mutating func append(_ section: ReportSection) {
        sections.append(section)
    }

    /// Every table of the report that CSV exports, in order.
    public var exportedTables: [ReportTable] {
        sections.flatMap { section in
            section.blocks.compactMap { block -> ReportTable? in
                if case let .table(table) = block, table.exportsToCSV { return table }
                return nil
            }
        }
    }

    /// The report in `format`, ending in a newline.
    ///
    /// - Parameters:
    ///   - format: The output format.
    ///   - payload: what `json` encodes: the domain value the report was built from
    ///     (a fit, a forecast table), so JSON keeps every number at full precision and a stable
    ///     schema. Without one, JSON encodes the report itself.
    /// - Throws: ``ReportError/encoding(_:)`` when JSON encoding fails.
    public func render(_ format: RenderFormat, payload: (any Encodable)? = nil) throws -> String {
        switch format {
        case .table: return TextReportWriter.write(self)
        case .markdown: return MarkdownReportWriter.write(self)
        case .csv: return CSVReportWriter.write(self)
        case .json:
            if let payload { return try ReportJSON.string(payload) }
            return try ReportJSON.string(self)
        case .latex: return LaTeXReportWriter.write(self)
        case .html: return HTMLReportWriter.page(self)
        }
    }

    /// `render(_:payload:)` for one of the formats every command offers.
    public func render(_ format: ReportFormat, payload: (any Encodable)? = nil) throws -> String {
        try render(RenderFormat(format), payload: payload)
    }
}
