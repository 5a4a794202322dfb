import Foundation

/// One analysis run once per `--by` group: each group's own report as a section, then a
/// summary table with one row per group.
///
/// ```
/// == dataset = c4 ==
/// <the group's report>
///
/// Summary by dataset
/// group  rows  …
/// ```
///
/// JSON: `{"by": COLUMN, "groups": [{"group": LABEL, "result": <the group's JSON>}], "summary": {"header": [...], "rows": [[...]]}}`.
public enum GroupedReportRenderer {
    /// One group's section.
    public struct Section: Sendable {
        /// The group's value of the `--by` column.
        public var label: String
        /// The group's report in the requested format (JSON text for `.json`).
        public var body: String

        public init(label: String, body: String) {
            self.label = label
            self.body = body
        }
    }

    /// Renders the sections and the summary.
    /// - Throws: a Foundation error when a section's JSON does not parse (for `.json`).
    public static func render(by column: String, sections: [Section], summary: TextTable, format: ReportFormat) throws -> String {
        switch format {
        case .table, .markdown:
            var out = ""
            for section in sections {
                out += format == .markdown ? "## \(column) = \(section.label)\n\n" : "== \(column) = \(section.label) ==\n"
                out += section.body
                if !out.hasSuffix("\n") { out += "\n" }
                out += "\n"
            }
            out += format == .markdown ? "## Summary by \(column)\n\n" + summary.markdown() : "Summary by \(column)\n" + summary.plainText()
            return out.hasSuffix("\n") ? out : out + "\n"
        case .csv:
            var out = ""
            for section in sections {
                out += "# \(column) = \(section.label)\n" + section.body
                if !out.hasSuffix("\n") { out += "\n" }
            }
            out += "# summary by \(column)\n" + summary.csv()
            return out.hasSuffix("\n") ? out : out + "\n"
        case .json:
            var groups: [Any] = []
            for section in sections {
                let result = try JSONSerialization.jsonObject(with: Data(section.body.utf8), options: [.fragmentsAllowed])
                groups.append(["group": section.label, "result": result])
            }
            let object: [String: Any] = [
                "by": column, "groups": groups,
                "summary": ["header": summary.header, "rows": summary.rows],
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }
}
