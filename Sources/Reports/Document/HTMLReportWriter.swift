/// HTML5: a self-contained page (inline CSS and SVG, no scripts, no network) or the body
/// alone for embedding. Fields and tables are HTML tables with numeric columns right-aligned;
/// warnings are marked; figures are inline SVG with a caption. Output is deterministic.
public enum HTMLReportWriter {
    /// The CSS of every page the toolkit writes.
    public static let css = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
        h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
        .subtitle{color:#444;margin-top:0;font-weight:normal}
        table{border-collapse:collapse;margin:.5em 0;font-size:.92em}caption{text-align:left;font-weight:bold;padding:.3em 0}
        th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
        th{background:#f3f3f3}table.fields th{background:none;font-weight:normal;color:#444}
        figure{margin:1.5em 0}figure svg{max-width:100%;height:auto;border:1px solid #eee}
        .warning{color:#8a4b00}.ok{color:#1b6b2f}
        """

    /// A whole HTML page of `report`.
    public static func page(_ report: Report) -> String {
        head(title: report.title) + body(report) + "</body>\n</html>\n"
    }

    /// The document head up to the opening body tag.
    public static func head(title: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(SVGText.escape(title))</title>\n"
        return out + "<style>\n\(css)\n</style>\n</head>\n<body>\n"
    }

    /// The report's title and sections, for embedding in a page.
    public static func body(_ report: Report) -> String {
        let e = SVGText.escape
        var out = "<h1>\(e(report.title))</h1>\n"
        for section in report.sections { out += html(section) }
        return out
    }

    /// One section: an `<h2>` heading and its blocks.
    public static func html(_ section: ReportSection) -> String {
        let e = SVGText.escape
        var out = "<section>\n<h2>\(e(section.title))"
        if let subtitle = section.subtitle { out += " <span class=\"subtitle\">(\(e(subtitle)))</span>" }
        out += "</h2>\n"
        for block in section.blocks { out += html(block) }
        return out + "</section>\n"
    }

    static func html(_ block: ReportBlock) -> String {
        let e = SVGText.escape
        switch block {
        case let .fields(fields, _):
            return "<table class=\"fields\">\n<tbody>\n"
                + fields.map { "<tr><th scope=\"row\">\(e($0.name))</th><td>\(e($0.value))</td></tr>\n" }.joined()
                + "</tbody>\n</table>\n"
        case let .table(table):
            if table.rows.isEmpty, let empty = table.emptyText {
                return (table.title.map { "<h3>\(e($0))</h3>\n" } ?? "") + "<p>\(e(empty))</p>\n"
            }
            return html(table.displayed, caption: table.title)
        case let .list(lines, empty):
            if lines.isEmpty { return empty.map { "<p>\(e($0))</p>\n" } ?? "" }
            return "<ul>\n" + lines.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        case let .paragraph(text):
            return "<p>\(e(text))</p>\n"
        case let .warnings(lines):
            if lines.isEmpty { return "<p class=\"ok\">none</p>\n" }
            return "<ul>\n" + lines.map { "<li class=\"warning\">\(e($0))</li>\n" }.joined() + "</ul>\n"
        case let .figure(svg, caption):
            return "<figure>\n\(svg)<figcaption>\(e(caption))</figcaption>\n</figure>\n"
        }
    }

    /// A ``TextTable`` as an HTML table, numeric columns right-aligned.
    public static func html(_ table: TextTable, caption: String? = nil) -> String {
        let e = SVGText.escape
        var out = "<table>\n" + (caption.map { "<caption>\(e($0))</caption>\n" } ?? "")
        out += "<thead><tr>" + table.header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (k, cell) in row.enumerated() {
                let numeric = k < table.numeric.count && table.numeric[k]
                out += numeric ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
