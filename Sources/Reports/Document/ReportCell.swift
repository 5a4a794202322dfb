/// One cell of a ``ReportTable``: the text shown to a reader and, for numbers, the
/// full-precision text that CSV carries (`1.828` shown, `1.8276523119` exported).
public struct ReportCell: Sendable, Equatable, Codable, ExpressibleByStringLiteral {
    /// What plain text, Markdown, LaTeX and HTML show.
    public var text: String
    /// What CSV writes; `nil` means the same as ``text``.
    public var exact: String?

    /// A cell.
    /// - Parameters:
    ///   - text: What plain text, Markdown, LaTeX and HTML show.
    ///   - exact: What CSV writes, or `nil` for `text`.
    public init(_ text: String, exact: String? = nil) {
        self.text = text
        self.exact = exact
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// A number shown to `digits` significant digits and exported exactly (shortest
    /// round-trip text); non-finite values follow ``NumberFormat``'s conventions.
    public static func number(_ value: Double, digits: Int = 6) -> ReportCell {
        ReportCell(NumberFormat.significant(value, digits: digits), exact: NumberFormat.exact(value))
    }

    /// A count.
    public static func count(_ value: Int) -> ReportCell {
        ReportCell(String(value))
    }

    /// The text CSV writes.
    public var exported: String { exact ?? text }
}
