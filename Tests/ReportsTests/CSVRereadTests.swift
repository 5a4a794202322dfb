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
        // Every numeric cell is a number to the tool's cell reader: `nan` where a refused budget
        // has none (an empty cell is not a number).
        for row in table.rows {
            for k in numeric.indices { #expect(NumericCell.parse(row[k]) != nil, "\(numeric[k]): '\(row[k])'") }
        }
        let nStarColumn = try #require(table.header.firstIndex(of: "n_star"))
        #expect(try #require(NumericCell.parse(table.rows[2][nStarColumn])).isNaN)

        // The status column says which rows hold numbers; those read back as a dataset.
        let status = try #require(table.header.firstIndex(of: "status"))
        #expect(table.rows.map { $0[status] } == ["accepted", "accepted", "refused"])
        let acceptedRows = table.rows.filter { $0[status] == "accepted" }
        let accepted = CSVTable(header: table.header, rows: acceptedRows, source: "isoflop.csv")
        let data = try Dataset(table: accepted, columns: numeric)
        let nStar = try data.column("n_star")
        #expect(nStar.count == 2)
        #expect(isClose(nStar[0], 1e8, rel: 1e-9) && isClose(nStar[1], 1e9, rel: 1e-9))
        #expect(try data.column("budget_flop") == [1e18, 1e20])
        let plain = try IsoFlopRenderer.render(analysis, source: "parabolas", format: .table)
        let lines = plain.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("1e+") }
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

    @Test("status words: a fit stopped at its iteration limit reads the same in text, Markdown and HTML")
    func stoppedFitWords() throws {
        var n: [Double] = [], d: [Double] = [], loss: [Double] = []
        for size in [1e8, 3e8, 1e9, 3e9] {
            for tokens in [2e9, 8e9, 3e10] {
                n.append(size)
                d.append(tokens)
                loss.append(1.8 + 480 / pow(size, 0.35) + 2000 / pow(tokens, 0.37))
            }
        }
        let data = try Dataset(source: "runs.csv", columns: ["N": n, "D": d, "loss": loss])
        var options = LawFitOptions(objective: .logLeastSquares, starts: .single)
        options.maxIterations = 1
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        #expect(fit.statistics.termination == "max-iterations")
        #expect(!fit.statistics.converged)
        let words = "stopped: iteration limit reached"
        #expect(try FitReportRenderer.render(fit, format: .table).contains("termination        = \(words)"))
        #expect(try FitReportRenderer.render(fit, format: .markdown).contains(words))
        let html = HTMLReport(fit: fit, data: data, figures: []).render()
        #expect(html.contains("<li>not converged (\(words)), "))
        #expect(!html.contains("(max-iterations)"))
    }

    @Test("status words: the one vocabulary")
    func terminationWords() {
        #expect(StatusWords.termination("max-iterations") == "stopped: iteration limit reached")
        #expect(StatusWords.termination("small-step") == "converged: step size below tolerance")
        #expect(StatusWords.termination("something-new") == "something-new")
        #expect(StatusWords.convergence(false) == "not converged")
        #expect(StatusWords.budget(accepted: true) == "accepted")
    }
}
