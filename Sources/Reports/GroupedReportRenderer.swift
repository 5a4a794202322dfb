import Foundation

/// One analysis run once per `--by` group, as one report: each group's sections, titled
/// `COLUMN = GROUP: Section`, then a summary table with one row per group.
///
/// CSV is tidy: each exported table of the groups' reports becomes one table whose first
/// column is the `--by` column (the groups' rows stacked), then the summary table.
///
/// JSON: `{"by": COLUMN, "groups": [{"group": LABEL, "result": <the group's JSON>}], "summary": {"header": [...], "rows": [[...]]}}`.
public enum GroupedReportRenderer {
    /// One group's result.
    public struct Group: Sendable {
        /// The group's value of the `--by` column.
        public var label: String
        /// The group's report.
        public var report: Report
        /// The group's JSON (the domain value's encoding).
        public var json: String

        /// A group's result.
        /// - Parameters:
        ///   - label: The group's value of the `--by` column.
        ///   - report: The group's report.
        ///   - json: The group's JSON.
        public init(label: String, report: Report, json: String) {
            self.label = label
            self.report = report
            self.json = json
        }
    }

    /// Renders the groups and the summary in `format`.
    /// - Throws: ``ReportError/encoding(_:)`` when a group's JSON does not parse (for `.json`).
    public static func render(by column: String, groups: [Group], summary: TextTable, format: ReportFormat) throws -> String {
        if format == .json { return try json(by: column, groups: groups, summary: summary) }
        return try report(by: column, groups: groups, summary: summary).render(format)
    }

    /// The groups' sections and the summary as one report.
    public static func report(by column: String, groups: [Group], summary: TextTable) -> Report {
        var document = Report(title: groups.first.map { "\($0.report.title), by \(column)" } ?? "By \(column)")
        // Exported tables stacked across groups by position, with the group as the first column.
        var stacked: [ReportTable] = []
        for group in groups {
            var position = 0
            for var section in group.report.sections {
                section.title = "\(column) = \(group.label): \(section.title)"
                section.blocks = section.blocks.map { block in
                    guard case var .table(table) = block, table.exportsToCSV else { return block }
                    // The stacked copy is for CSV alone: its exported columns, all CSV-only, after the group's.
                    let kept = table.columns.indices.filter { table.columns[$0].visibility != .displayOnly }
                    var export = table
                    export.columns = [ReportColumn(column)] + kept.map { table.columns[$0] }
                    export.columns = export.columns.map { var c = $0; c.visibility = .csvOnly; return c }
                    export.rows = table.rows.map { row in [ReportCell(group.label)] + kept.map { $0 < row.count ? row[$0] : ReportCell("") } }
                    export.plainLines = nil
                    if position < stacked.count {
                        stacked[position].rows += export.rows
                    } else {
                        stacked.append(export)
                    }
                    position += 1
                    table.exportsToCSV = false
                    return .table(table)
                }
                document.append(section)
            }
        }
        var summarySection = ReportSection(title: "Summary by \(column)")
        for table in stacked { summarySection.table(table) }
        summarySection.table(ReportTable(title: nil, summary, exportsToCSV: true))
        document.append(summarySection)
        return document
    }

    /// The JSON form: every group's JSON under its label, and the summary.
    static func json(by column: String, groups: [Group], summary: TextTable) throws -> String {
        var entries: [Any] = []
        for group in groups {
            do {
                let result = try JSONSerialization.jsonObject(with: Data(group.json.utf8), options: [.fragmentsAllowed])
                entries.append(["group": group.label, "result": result])
            } catch {
                throw ReportError.encoding("group \(group.label): \(error)")
            }
        }
        let object: [String: Any] = ["by": column, "groups": entries, "summary": ["header": summary.header, "rows": summary.rows]]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
