import Foundation
import Testing
@testable import Reports

/// `plot --by COLUMN --overlay`: per-group figures merged into one set of axes.
@Suite("group overlay and plain-text lines of a report table")
struct GroupOverlayPlotTests {
    static func figure(scatter: [Double], rms: String) -> Figure {
        var figure = Figure(title: "Residuals of the chinchilla fit", subtitle: "chinchilla: L — runs.csv (3 rows)",
                            x: PlotAxis(label: "C"), y: PlotAxis(label: "r", range: -0.1...0.1))
        figure.series = [
            .horizontalRule(nil, y: 0),
            .scatter("N ≈ 1B", x: [1, 2, 3], y: scatter, color: .orange),
            .scatter("N ≈ 2B", x: [1, 2, 3], y: scatter.map { -$0 }, color: .skyBlue),
            .line("fit", x: [1, 3], y: [0, 0], color: .orange),
        ]
        figure.notes = ["Lines: the law.", "Residual standard deviation s = \(rms) (log units)."]
        return figure
    }

    @Test("a colour per group, one legend entry per group, one zero line, shared notes once and each group's number")
    func overlay() throws {
        let a = Self.figure(scatter: [0.01, -0.02, 0.03], rms: "0.0123")
        var b = Self.figure(scatter: [0.05, 0.06, -0.04], rms: "0.0456")
        b.y.range = -0.2...0.05
        let merged = try GroupOverlayPlot.figure(kind: .residuals, by: "dataset", groups: [("comma", a), ("dclm", b)], rows: 6)
        #expect(merged.title == "Residuals of the chinchilla fit by dataset")
        #expect(merged.subtitle == "chinchilla: L — runs.csv (6 rows in 2 groups)")
        #expect(merged.series.count == 1 + 3 + 3)
        guard case .horizontalRule = merged.series[0].kind else { Issue.record("the zero line comes first"); return }
        #expect(merged.series.filter { if case .horizontalRule = $0.kind { return true } else { return false } }.count == 1)
        let comma = Array(merged.series[1...3]), dclm = Array(merged.series[4...6])
        #expect(comma.allSatisfy { $0.color == PlotColor.series(0) })
        #expect(dclm.allSatisfy { $0.color == PlotColor.series(1) })
        #expect(merged.series.compactMap(\.label) == ["dataset = comma", "dataset = dclm"])
        // Within a group the point series keep apart by marker.
        #expect(comma[0].kind == .scatter(.circle, hollow: false) && comma[1].kind == .scatter(.square, hollow: false))
        #expect(merged.y.range == -0.2...0.1)
        #expect(merged.notes == [
            "Lines: the law.", "Residual standard deviation s = …", "dataset = comma: 0.0123 (log units).", "dataset = dclm: 0.0456 (log units).",
        ])
        #expect(throws: PlotError.self) { try GroupOverlayPlot.figure(kind: .residuals, by: "dataset", groups: [], rows: 0) }
    }

    @Test("plainLines: plain text prints the lines, Markdown and CSV the table")
    func plainLines() throws {
        var table = ReportTable(columns: [ReportColumn("parameter"), .number("value")], exportsToCSV: true)
        table.append(["E", .number(1.8276523119, digits: 4)])
        table.plainLines = ["E: 1.828 +/- 0.01"]
        var section = ReportSection(title: "Variables")
        section.table(table)
        let report = Report(title: "Fit", sections: [section])
        #expect(try report.render(RenderFormat.table) == "[[Variables]]\n    E: 1.828 +/- 0.01\n")
        #expect(try report.render(RenderFormat.markdown).contains("| parameter | value |\n| --- | ---: |\n| E | 1.828 |"))
        #expect(try report.render(RenderFormat.csv) == "parameter,value\nE,1.8276523119\n")
    }
}
