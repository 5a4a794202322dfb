/// LaTeX for a paper or an appendix: `\section*` and `\subsection*` headings, `booktabs`
/// tables (`\toprule`, `\midrule`, `\bottomrule`; load the `booktabs` package), lists as
/// `itemize`. Special characters are escaped; non-ASCII symbols (α, β) are left as they are,
/// for a Unicode engine (XeLaTeX, LuaLaTeX).
enum LaTeXReportWriter {
    static func write(_ report: Report) -> String {
        var out = "\\section*{\(escape(report.title))}\n\n"
        for section in report.sections {
            out += "\\subsection*{\(escape(section.title))" + (section.subtitle.map { " (\(escape($0)))" } ?? "") + "}\n\n"
            for block in section.blocks { out += latex(block) }
        }
        return out
    }

    static func latex(_ block: ReportBlock) -> String {
        switch block {
        case let .fields(fields, _):
            var out = "\\begin{tabular}{ll}\n\\toprule\n"
            for field in fields { out += "\(escape(field.name)) & \(escape(field.value)) \\\\\n" }
            return out + "\\bottomrule\n\\end{tabular}\n\n"
        case let .table(table):
            var out = table.title.map { "\\paragraph{\(escape($0))}\n" } ?? ""
            if table.rows.isEmpty, let empty = table.emptyText { return out + escape(empty) + "\n\n" }
            let shown = table.displayed
            out += "\\begin{tabular}{" + shown.numeric.map { $0 ? "r" : "l" }.joined() + "}\n\\toprule\n"
            out += shown.header.map(escape).joined(separator: " & ") + " \\\\\n\\midrule\n"
            for row in shown.rows { out += row.map(escape).joined(separator: " & ") + " \\\\\n" }
            return out + "\\bottomrule\n\\end{tabular}\n\n"
        case let .list(lines, empty):
            if lines.isEmpty { return empty.map { escape($0) + "\n\n" } ?? "" }
            return itemize(lines)
        case let .paragraph(text):
            return escape(text) + "\n\n"
        case let .warnings(lines):
            return lines.isEmpty ? "none\n\n" : itemize(lines)
        case let .figure(_, caption):
            return "Figure: \(escape(caption))\n\n"
        }
    }

    static func itemize(_ lines: [String]) -> String {
        "\\begin{itemize}\n" + lines.map { "\\item \(escape($0))\n" }.joined() + "\\end{itemize}\n\n"
    }

    /// `text` with LaTeX's special characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(character)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(character)
            }
        }
        return out
    }
}
