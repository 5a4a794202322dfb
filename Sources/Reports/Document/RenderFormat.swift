/// Every format a ``Report`` renders to: the four of ``ReportFormat`` that every command offers,
/// plus LaTeX (`booktabs` tables for a paper) and HTML (a self-contained page).
public enum RenderFormat: String, Sendable, Equatable, CaseIterable, Codable {
    case table
    case markdown
    case csv
    case json
    case latex
    case html

    public init(_ format: ReportFormat) {
        switch format {
        case .table: self = .table
        case .markdown: self = .markdown
        case .csv: self = .csv
        case .json: self = .json
        }
    }
}
