import Forecast
import Foundation
import ScalingLaws
import Testing
import TestSupport
@testable import Reports

/// CSV output re-reads with the tool's own reader: a refused budget's missing numbers are
/// written `nan`, not left empty (issue 13), and status words are the same in every format.
@Suite("CSV output re-reads")
struct CSVRereadTests {
    @Test("iso-FLOP CSV: the refused budget's N*, D*, loss* are 'nan' and every numeric column reads back as numbers")
    func isoFlopRefusedBudget() throws {
        let runs = IsoFlopAnalysisPlotTests.runs()
        let analysis = try IsoFlopAnalysis.run(runs, options: IsoFlopOptions(grouping: .exactBudget, compareApproach3: false))
        #expect(analysis.profiles.map(\.isAccepted) == [true, true, false])
        let text = try IsoFlopRenderer.render(analysis, source: "parabolas", format: .csv)

        let table = try CSVTable.parse(text, source: "isoflop.csv")
        let numeric = ["budget_flop", "runs", "fitted_runs", "n_star", "n_star_lower", "n_star_upper", "d_star", "d_star_lower",
                       "d_star_upper", "tokens_per_parameter", "loss_star", "confidence_level"]
        #expect(Array(table.header.prefix(numeric.count)) == numeric)
        let data = try Dataset(table: table, columns: numeric)
        let nStar = try data.column("n_star")
        #expect(nStar.count == 3)
        #expect(isClose(nStar[0], 1e8, rel: 1e-9) && isClose(nStar[1], 1e9, rel: 1e-9))
        #expect(nStar[2].isNaN)
        #expect(try data.column("loss_star")[2].isNaN)
        #expect(try data.column("budget_flop") == [1e18, 1e20, 1e22])

        // The status column uses the words of the JSON and of the text table.
        let status = try #require(table.header.firstIndex(of: "status"))
        #expect(table.rows.map { $0[status] } == ["accepted", "accepted", "refused"])
        let plain = try IsoFlopRenderer.render(analysis, source: "parabolas", format: .table)
        let lines = plain.split(separator: "\n").filter { $0.hasPrefix("1e+") }
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix("accepted") && lines[2].hasSuffix("refused"))
        #expect(!plain.contains(" ok\n"))
        let json = try IsoFlopRenderer.render(analysis, source: "parabolas", format: .json)
        #expect(json.contains("\"status\" : \"accepted\"") && json.contains("\"status\" : \"refused\""))
    }

    @Test("forecast CSV without intervals has no interval columns; every cell reads back as a number")
    func forecastWithoutIntervals() throws {
        let optimizer = ComputeOptimizer(chinchilla: .hoffmannRounded)
        let table = try ForecastTable.make(optimizer: optimizer, budgets: [1e21, 1e23], label: "preset", detail: "test")
        let text = try ForecastRenderer.render(table, format: .csv)
        let parsed = try CSVTable.parse(text, source: "forecast.csv")
        #expect(parsed.header == ["budget_flop", "n_opt", "d_opt", "tokens_per_parameter", "loss"])
        let data = try Dataset(table: parsed, columns: parsed.header)
        #expect(try data.column("n_opt").allSatisfy { $0.isFinite && $0 > 0 })
        let plain = try ForecastRenderer.render(table, format: .table)
        #expect(!plain.contains("PI"))
        #expect(plain.contains("interval: none"))
    }

    @Test("status words: the fit report's termination reads the same in text, Markdown and HTML")
    func terminationWords() {
        #expect(StatusWords.termination("max-iterations") == "stopped: iteration limit reached")
        #expect(StatusWords.termination("small-step") == "converged: step size below tolerance")
        #expect(StatusWords.termination("something-new") == "something-new")
        #expect(StatusWords.convergence(false) == "not converged")
        #expect(StatusWords.budget(accepted: true) == "accepted")
    }
}
