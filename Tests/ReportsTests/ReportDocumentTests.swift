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
