/// Every format a ``Report`` renders to: the four of ``ReportFormat`` that every command offers,
/// plus LaTeX (`booktabs` tables for a paper) and HTML (a self-contained page).
public enum RenderFormat: String, Sendable, Equatable, CaseIterable, Codable {
    /// Aligned plain text.
    case table
    /// Markdown (GitHub tables).
    case markdown
    /// CSV of the exported tables, full precision.
    case csv
    /// JSON: the domain value the report was built from (or the report itself without one).
    case json
    /// LaTeX with `booktabs` tables.
    case latex
    /// A self-contained HTML page.
    case html

    /// The render format of a command-line `--format`.
    /// - Parameter format: The format every command offers.
    public init(_ format: ReportFormat) {
        switch format {
        case .table: self = .table
        case .markdown: self = .markdown
        case .csv: self = .csv
        case .json: self = .json
        }
    }
}
