/// Plain text for a terminal: `[[Section]] (subtitle)` headings and contents indented by four
/// spaces, fields aligned on their names, tables aligned with ``TextTable/plainText(indent:)``.
enum TextReportWriter {
    static let indent = "    "

    static func write(_ report: Report) -> String {
        var out = ""
        for section in report.sections {
            out += "[[\(section.title)]]" + (section.subtitle.map { " (\($0))" } ?? "") + "\n"
            for block in section.blocks { out += text(block) }
        }
        return out
    }

    static func text(_ block: ReportBlock) -> String {
        switch block {
        case let .fields(fields, style):
            let width = fields.map { $0.name.count }.max() ?? 0
            return fields.map { field in
                switch style {
                case .colon: return indent + (field.name + ":").padded(to: width + 1) + " " + field.value + "\n"
                case .equals: return indent + field.name.padded(to: width) + " = " + field.value + "\n"
                }
            }.joined()
        case let .table(table):
            guard table.isDisplayed else { return "" }
            var out = table.title.map { indent + $0 + ":\n" } ?? ""
            if table.rows.isEmpty, let empty = table.emptyText { return out + indent + empty + "\n" }
            if let lines = table.plainLines { return out + lines.map { ($0.isEmpty ? "" : indent) + $0 + "\n" }.joined() }
            out += table.displayed.plainText(indent: indent)
            return out
        case let .list(lines, empty):
            if lines.isEmpty { return empty.map { indent + $0 + "\n" } ?? "" }
            return lines.map { indent + $0 + "\n" }.joined()
        case let .paragraph(text):
            return indent + text + "\n"
        case let .warnings(lines):
            return lines.isEmpty ? indent + "none\n" : lines.map { indent + $0 + "\n" }.joined()
        case let .figure(_, caption):
            return indent + "figure: " + caption + "\n"
        }
    }
}
