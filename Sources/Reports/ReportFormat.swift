import ScalingLaws

/// The output formats every renderer supports.
///
/// - `table`: aligned plain text for a terminal, in the layout of lmfit's fit report;
/// - `markdown`: GitHub-flavoured Markdown tables;
/// - `csv`: RFC 4180 text, one record per line, a header first;
/// - `json`: pretty-printed JSON with sorted keys.
public enum ReportFormat: String, Sendable, Equatable, CaseIterable, Codable {
    /// Aligned plain text, in the layout of lmfit's fit report.
    case table
    /// GitHub-flavoured Markdown tables.
    case markdown
    /// RFC 4180 CSV, a header first.
    case csv
    /// Pretty-printed JSON with sorted keys.
    case json
}

/// A renderer failed (for example a value that JSON cannot hold).
public enum ReportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// JSON encoding failed; the payload says why.
    case encoding(String)

    public var description: String {
        switch self {
        case let .encoding(message): return MessageText.line("cannot encode the report as JSON: \(MessageText.escaped(message))")
        }
    }
}
