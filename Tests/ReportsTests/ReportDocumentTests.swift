import Foundation
import Testing
@testable import Reports

/// The report model renders one document to every format; these are the exact texts.
@Suite("report model")
struct ReportDocumentTests {
    static var sample: Report {
        var fit = ReportSection(title: "Fit", subtitle: "95% intervals")
        fit.fields([("law", "chinchilla"), ("rows", "120")])
        fit.fields([("objective", "Huber"), ("R-squared", "0.998")], style: .equals)
        var variables = ReportTable(title: "Variables",
            columns: [ReportColumn("name", csvName: "parameter"), .number("value"), .number("stderr", visibility: .csvOnly)],
            exportsToCSV: true)
        variables.append(["E", .number(1.8276523119, digits: 4), .number(0.0139812)])
        variables.append(["alpha_&", .number(0.35, digits: 4)])
        fit.table(variables)
        fit.warnings([])
        var notes = ReportSection(title: "Notes")
        notes.list(["one", "two"])
        notes.list([], empty: "nothing else")
        notes.warnings(["E at its bound"])
        return Report(title: "Fit of chinchilla", sections: [fit, notes])
    }

    @Test("plain text: sections, aligned fields, indented tables, none for no warnings")
    func plainText() throws {
        let expected = """
            [[Fit]] (95% intervals)
                law:  chinchilla
                rows: 120
                objective = Huber
                R-squared = 0.998
                Variables:
                name     value
                -------  -----
                E        1.828
                alpha_&   0.35
                none
            [[Notes]]
                one
                two
                nothing else
                E at its bound

            """
        #expect(try Self.sample.render(RenderFormat.table) == expected)
    }

    @Test("CSV: the exported table at full precision with its CSV names and CSV-only columns")
    func csv() throws {
        #expect(try Self.sample.render(RenderFormat.csv) == "parameter,value,stderr\nE,1.8276523119,0.0139812\nalpha_&,0.35,\n")
    }

    @Test("CSV without an exported table lists the fields")
    func csvFields() throws {
        var section = ReportSection(title: "S")
        section.fields([("a", "1,5")])
        #expect(try Report(title: "t", sections: [section]).render(RenderFormat.csv) == "section,field,value\nS,a,\"1,5\"\n")
    }

    @Test("Markdown: headings, field tables, bullets")
    func markdown() throws {
        let text = try Self.sample.render(RenderFormat.markdown)
        #expect(text.hasPrefix("## Fit of chinchilla\n\n### Fit (95% intervals)\n\n| field | value |\n| --- | --- |\n| law | chinchilla |\n"))
        #expect(text.contains("**Variables**\n\n| name | value |\n| --- | ---: |\n| E | 1.828 |\n"))
        #expect(text.contains("### Notes\n\n- one\n- two\n\nnothing else\n\n- E at its bound\n"))
        #expect(!text.contains("stderr"))
    }

    @Test("LaTeX: booktabs tables with escaped text")
    func latex() throws {
        let text = try Self.sample.render(RenderFormat.latex)
        #expect(text.hasPrefix("\\section*{Fit of chinchilla}\n\n\\subsection*{Fit (95\\% intervals)}\n"))
        #expect(text.contains("\\begin{tabular}{lr}\n\\toprule\nname & value \\\\\n\\midrule\nE & 1.828 \\\\\nalpha\\_\\& & 0.35 \\\\\n\\bottomrule\n\\end{tabular}\n"))
    }

    @Test("HTML: a whole page with tables, escaped cells, marked warnings")
    func html() throws {
        let page = try Self.sample.render(RenderFormat.html)
        #expect(page.hasPrefix("<!DOCTYPE html>\n"))
        #expect(page.hasSuffix("</body>\n</html>\n"))
        #expect(page.contains("<h2>Fit <span class=\"subtitle\">(95% intervals)</span></h2>"))
        #expect(page.contains("<tr><th scope=\"row\">law</th><td>chinchilla</td></tr>"))
        #expect(page.contains("<caption>Variables</caption>"))
        #expect(page.contains("<tr><td>alpha_&amp;</td><td class=\"num\">0.35</td></tr>"))
        #expect(page.contains("<p class=\"ok\">none</p>"))
        #expect(page.contains("<li class=\"warning\">E at its bound</li>"))
        #expect(!page.contains("<pre>"))
    }

    @Test("JSON: the payload when given, else the report itself, which decodes back")
    func json() throws {
        struct Payload: Encodable { var loss = 1.5 }
        #expect(try Self.sample.render(RenderFormat.json, payload: Payload()) == "{\n  \"loss\" : 1.5\n}\n")
        let text = try Self.sample.render(RenderFormat.json)
        #expect(try JSONDecoder().decode(Report.self, from: Data(text.utf8)) == Self.sample)
    }
}

/// `--by`: one report of the groups' sections; CSV stacks each exported table under the group column.
@Suite("grouped report")
struct GroupedReportTests {
    static func group(_ label: String, _ value: Double) -> GroupedReportRenderer.Group {
        var section = ReportSection(title: "Fit")
        var table = ReportTable(
            columns: [ReportColumn("name"), .number("value"), ReportColumn("shown", visibility: .displayOnly)], exportsToCSV: true)
        table.append(["E", .number(value, digits: 3), "x"])
        section.table(table)
        return .init(label: label, report: Report(title: "Fit of chinchilla", sections: [section]), json: "{\"E\": \(value)}")
    }

    @Test("CSV: the groups' rows stacked under the --by column, then the summary; text: sections titled by group")
    func tidy() throws {
        let groups = [Self.group("c4", 1.8276), Self.group("pile", 1.5)]
        var summary = TextTable(header: ["group", "rows"])
        summary.append(["c4", "10"])
        summary.append(["pile", "12"])
        let csv = try GroupedReportRenderer.render(by: "dataset", groups: groups, summary: summary, format: .csv)
        #expect(csv == "dataset,name,value\nc4,E,1.8276\npile,E,1.5\n\ngroup,rows\nc4,10\npile,12\n")
        let text = try GroupedReportRenderer.render(by: "dataset", groups: groups, summary: summary, format: .table)
        #expect(text.hasPrefix("[[dataset = c4: Fit]]\n"))
        #expect(text.contains("[[dataset = pile: Fit]]\n"))
        #expect(text.contains("[[Summary by dataset]]\n"))
        #expect(!text.contains("dataset,"))
        let json = try GroupedReportRenderer.render(by: "dataset", groups: groups, summary: summary, format: .json)
        #expect(json.contains("\"group\" : \"pile\""))
    }
}
