/// One piece of a report section, in display order.
public enum ReportBlock: Sendable, Equatable, Codable {
    /// Named values (`rows: 120`), aligned in plain text, a two-column table elsewhere.
    case fields([ReportField], style: ReportFieldStyle)
    /// A table.
    case table(ReportTable)
    /// Sentences, one per line (a bulleted list in Markdown, LaTeX and HTML); `empty` is
    /// printed when there are none (for example `none` under Warnings).
    case list([String], empty: String?)
    /// A paragraph of prose.
    case paragraph(String)
    /// Warnings: like a list, marked as warnings in HTML; `none` when empty.
    case warnings([String])
    /// An SVG figure with a caption: inline in HTML, its caption alone in the other formats.
    case figure(svg: String, caption: String)
}
