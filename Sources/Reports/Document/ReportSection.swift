/// A titled section of a ``Report``: fields, tables, lists, prose and figures in order.
///
/// Plain text prints `[[Title]] (subtitle)` and indents the contents by four spaces, the
/// layout of lmfit's fit report; Markdown uses `###` headings, LaTeX `\subsection*`, HTML `<h2>`.
public struct ReportSection: Sendable, Equatable, Codable {
    /// The section's title.
    public var title: String
    /// A parenthesised remark after the title (for example which intervals are shown).
    public var subtitle: String?
    /// The contents, in order.
    public var blocks: [ReportBlock]

    /// A section.
    /// - Parameters:
    ///   - title: The section's title.
    ///   - subtitle: A parenthesised remark after the title, or `nil`.
    ///   - blocks: The contents, in order (default none).
    public init(title: String, subtitle: String? = nil, blocks: [ReportBlock] = []) {
        self.title = title
        self.subtitle = subtitle
        self.blocks = blocks
    }

    /// Appends named values.
    public mutating func fields(_ pairs: [(String, String)], style: ReportFieldStyle = .colon) {
        blocks.append(.fields(pairs.map { ReportField($0.0, $0.1) }, style: style))
    }

    /// Appends a table.
    public mutating func table(_ table: ReportTable) {
        blocks.append(.table(table))
    }

    /// Appends sentences, one per line; `empty` is printed when there are none.
    public mutating func list(_ lines: [String], empty: String? = nil) {
        blocks.append(.list(lines, empty: empty))
    }

    /// Appends a paragraph.
    public mutating func paragraph(_ text: String) {
        blocks.append(.paragraph(text))
    }

    /// Appends warnings (`none` when empty).
    public mutating func warnings(_ lines: [String]) {
        blocks.append(.warnings(lines))
    }

    /// Appends an SVG figure.
    public mutating func figure(svg: String, caption: String) {
        blocks.append(.figure(svg: svg, caption: caption))
    }
}
