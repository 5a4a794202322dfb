/// A column of a ``ReportTable``: its heading, its CSV name, its alignment and where it shows.
public struct ReportColumn: Sendable, Equatable, Codable {
    /// Where a column appears.
    public enum Visibility: String, Sendable, Equatable, Codable {
        /// In every format.
        case everywhere
        /// Only in CSV (a full-precision or machine-oriented column the reader does not need).
        case csvOnly
        /// Everywhere but CSV (a formatted summary of other columns).
        case displayOnly
    }

    /// The heading a reader sees.
    public var title: String
    /// The CSV header; defaults to ``title``.
    public var csvName: String
    /// Numbers are right-aligned in plain text, Markdown, LaTeX and HTML.
    public var numeric: Bool
    /// Where the column appears (default everywhere).
    public var visibility: Visibility

    /// A column.
    /// - Parameters:
    ///   - title: The heading a reader sees.
    ///   - csvName: The CSV header, or `nil` for `title`.
    ///   - numeric: Whether numbers are right-aligned (default `false`).
    ///   - visibility: Where the column appears (default everywhere).
    public init(_ title: String, csvName: String? = nil, numeric: Bool = false, visibility: Visibility = .everywhere) {
        self.title = title
        self.csvName = csvName ?? title
        self.numeric = numeric
        self.visibility = visibility
    }

    /// A right-aligned column of numbers.
    public static func number(_ title: String, csvName: String? = nil, visibility: Visibility = .everywhere) -> ReportColumn {
        ReportColumn(title, csvName: csvName, numeric: true, visibility: visibility)
    }
}
