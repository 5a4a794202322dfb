/// GitHub-flavoured Markdown: `##` for the report, `###` per section, fields as a two-column
/// `field | value` table, tables with a bold title line, lists as bullets.
enum MarkdownReportWriter {
    static func write(_ report: Report) -> String {
        var out = "## \(report.title)\n\n"
        for section in report.sections {
            out += "### \(section.title)" + (section.subtitle.map { " (\($0))" } ?? "") + "\n\n"
            for block in section.blocks { out += markdown(block) }
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    static func markdown(_ block: ReportBlock) -> String {
        switch block {
        case let .fields(fields, _):
            var table = TextTable(header: ["field", "value"])
            for field in fields { table.append([field.name, field.value]) }
            return table.markdown() + "\n"
        case let .table(table):
            var out = table.title.map { "**\($0)**\n\n" } ?? ""
            if table.rows.isEmpty, let empty = table.emptyText { return out + empty + "\n\n" }
            out += table.displayed.markdown() + "\n"
            return out
        case let .list(lines, empty):
            if lines.isEmpty { return empty.map { $0 + "\n\n" } ?? "" }
            return lines.map { "- " + $0 + "\n" }.joined() + "\n"
        case let .paragraph(text):
            return text + "\n\n"
        case let .warnings(lines):
            return lines.isEmpty ? "none\n\n" : lines.map { "- " + $0 + "\n" }.joined() + "\n"
        case let .figure(_, caption):
            return "*Figure: \(caption)*\n\n"
        }
    }
}
