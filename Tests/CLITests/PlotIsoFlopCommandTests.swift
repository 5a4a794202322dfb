import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `plot --kind isoflop|isoflop-frontier` from an iso-FLOP analysis, bootstrap forecast bands,
/// the data path recorded in fit artifacts, and the report's new sections.
@Suite("plot: iso-FLOP figures, bootstrap bands, recorded data paths")
struct PlotIsoFlopCommandTests {
    static let sweep = "Datasets/isoflop-synthetic/data.csv"

    /// The `<text>` contents of an SVG.
    static func texts(_ svg: String) -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var texts: [String] = [], current = "", inText = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "text" { inText = true; current = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "text" { texts.append(current); inText = false }
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "not XML")
        return collector.texts
    }

    @Test("--kind isoflop with a budget column: five budgets with stars, 3e22 refused with its reason, a = 0.4552")
    func isoflopBudgetColumn() throws {
        let result = try CLIRunner.run(["plot", "--kind", "isoflop", "--data", Self.sweep, "--budget-column", "budget"])
        #expect(result.status == 0, "\(result.stderr)")
        let texts = Self.texts(result.stdout)
        for budget in ["18", "19", "20", "21", "22"] {
            let superscript = String(budget.map { ["1": "¹", "2": "²", "8": "⁸", "9": "⁹", "0": "⁰"][$0] ?? $0 })
            #expect(texts.contains("C = 10\(superscript) FLOP"), "\(budget)")
        }
        #expect(texts.contains("refused budget (see notes)"))
        #expect(texts.contains("N* (bar: 95% interval)"))
        #expect(texts.contains("parabola profile per budget — data.csv (40 runs): 5 of 6 budgets accepted"))
        // The analysis' exponent (the 'isoflop' command's, DATASHEET: a = 0.4552).
        #expect(texts.contains { $0.hasPrefix("Fit over the accepted budgets: N* ∝ C^a, a = 0.4552 (95% CI ") })
        #expect(texts.contains { $0.hasPrefix("Refused budget 3e+22 FLOP: the fitted minimum N* = ") })
        // Five stars (one legend star more).
        #expect(result.stdout.components(separatedBy: "<polygon").count - 1 >= 6)
    }

    @Test("--kind isoflop-frontier: the N* line with a = 0.4552 and Approach 3's N_opt(C), a3 from the same runs")
    func isoflopFrontier() throws {
        let result = try CLIRunner.run(["plot", "--kind", "isoflop-frontier", "--data", Self.sweep, "--budget-column", "budget"])
        #expect(result.status == 0, "\(result.stderr)")
        let texts = Self.texts(result.stdout)
        #expect(texts.contains("fit N* = k·C^a"))
        #expect(texts.contains("Approach 3 N_opt(C)"))
        #expect(texts.contains { $0.hasPrefix("Line: log-log least squares over 5 budgets, k = ") && $0.contains("a = 0.4552") })
        // The parametric exponent printed by 'isoflop' for the same runs.
        let json = try CLIRunner.run(["isoflop", Self.sweep, "--budget-column", "budget", "--format", "json"])
        let approach3 = try #require(try Fixtures.object(json.stdout)["approach3"] as? [String: Any])
        let a3 = String(format: "%.4g", try #require(approach3["parametricExponent"] as? Double))
        #expect(texts.contains { $0.hasPrefix("Dashed: N_opt(C) of the Chinchilla law") && $0.hasSuffix("a3 = β/(α+β) = \(a3).") })
        #expect(texts.contains("1 refused budget not shown (no bracketed minimum)."))
    }

    @Test("a fit artifact of the sweep draws Approach 2 with --budget-column, and with the budget column found by name without it")
    func fromFit() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = directory.appendingPathComponent("fit.json").path
        #expect(try CLIRunner.run(["fit", Self.sweep, "--output", fit]).status == 0)
        for extra in [["--budget-column", "budget"], []] {
            let result = try CLIRunner.run(["plot", fit, "--kind", "isoflop"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let texts = Self.texts(result.stdout)
            #expect(texts.contains { $0.hasPrefix("Fit over the accepted budgets: N* ∝ C^a") }, "\(extra)")
        }
        // Without --budget-column the column named 'budget' is found by name: exact budgets.
        let grouped = try CLIRunner.run(["plot", fit, "--kind", "isoflop"])
        #expect(Self.texts(grouped.stdout).contains { $0.hasPrefix("Curves: parabola of loss in log N (least squares), runs grouped by exact budget") })
        // Chinchilla's grid of N × D is no sweep: the law's curves, and a footnote saying why.
        let chinchilla = directory.appendingPathComponent("chinchilla.json").path
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", chinchilla]).status == 0)
        let valleys = try CLIRunner.run(["plot", chinchilla, "--kind", "isoflop"])
        #expect(valleys.status == 0)
        #expect(Self.texts(valleys.stdout).contains("law's optimum N_opt(C)"))
        #expect(Self.texts(valleys.stdout).contains { $0.hasPrefix("Not an iso-FLOP sweep (21 of 50 compute groups bracket a minimum)") })
    }

    @Test("Porian et al. 2024, tuned config, interpolated profiles: the frontier's exponent is the published-range 0.4970",
          .enabled(if: RepositoryPaths.hasSharedData))
    func porian() throws {
        let file = try #require(RepositoryPaths.sharedDataset("porian2024_resolving_discrepancies/isoflop_points.csv"))
        for kind in ["isoflop", "isoflop-frontier"] {
            let result = try CLIRunner.run([
                "plot", "--kind", kind, "--data", file.path, "--budget-column", "flops_budget", "--x", "N=n_params", "--x", "D=tokens",
                "--where", "config_id==summary_df|rw|tuned|short|const|standard|val", "--profile", "interpolated", "--no-approach3",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let texts = Self.texts(result.stdout)
            // scipy's Akima1DInterpolator on the same points gives 0.4970 (authors' range 0.4916–0.5035).
            #expect(texts.contains { $0.contains("a = 0.497") }, "\(kind)")
            // The subtitle wraps onto two lines: read them as one.
            #expect(texts.joined(separator: " ").contains("interpolated profile per budget — isoflop_points.csv (121 runs; config_id == summary_df|rw|tuned"), "\(kind)")
        }
    }

    @Test("small isoflop-frontier figure: snapshot (3 budgets of exact parabolas, 520×340)")
    func frontierSnapshot() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // loss = L0 + 0.05·(ln N − ln N*)², N* = 0.1·√C, sizes N*·e^{−1, −0.5, 0.5, 1} (+ noise-free).
        var csv = "budget,N,loss\n"
        for (c, floor) in [(1e18, 2.0), (1e19, 1.8), (1e20, 1.6)] {
            let nStar = 0.1 * c.squareRoot()
            for u in [-1.0, -0.5, 0.25, 1.0] {
                csv += "\(c),\(String(format: "%.6e", nStar * exp(u))),\(String(format: "%.6f", floor + 0.05 * u * u + (u == 0.25 ? 0.001 : 0)))\n"
            }
        }
        try Fixtures.write(csv, to: "runs.csv", in: directory)
        let result = try CLIRunner.run(
            ["plot", "--kind", "isoflop-frontier", "--data", "runs.csv", "--budget-column", "budget", "--no-approach3",
             "--width", "520", "--height", "340"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!Self.texts(result.stdout).isEmpty)
        Snapshot.check(result.stdout, named: "plot-isoflop-frontier-small.svg")
    }

    @Test("fit --output records the data path as given and absolute; plot finds it from another directory; old artifacts still work")
    func recordedDataPath() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = directory.appendingPathComponent("fit.json").path
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", fit]).status == 0)
        let artifact = try Fixtures.object(try String(contentsOfFile: fit, encoding: .utf8))
        let data = try #require(artifact["data"] as? [String: Any])
        #expect(data["source"] as? String == "data.csv")
        #expect(data["path"] as? String == Fixtures.syntheticData)
        let absolute = CLIRunner.root.appendingPathComponent(Fixtures.syntheticData).standardizedFileURL.path
        #expect(data["absolutePath"] as? String == absolute)
        // From the repository root (the relative path), and from elsewhere (the absolute path).
        for place in [CLIRunner.root, directory] {
            let result = try CLIRunner.run(["plot", fit, "--kind", "curves"], in: place)
            #expect(result.status == 0, "\(place.path): \(result.stderr)")
            #expect(result.stdout.contains("— data.csv (120 rows)"))
        }
        // An artifact without the new fields (older versions) decodes and uses the file name.
        var old = artifact
        var oldData = data
        oldData["path"] = nil
        oldData["absolutePath"] = nil
        old["data"] = oldData
        let oldFit = directory.appendingPathComponent("old.json").path
        try JSONSerialization.data(withJSONObject: old).write(to: URL(fileURLWithPath: oldFit))
        let beside = try CLIRunner.run(["plot", oldFit, "--kind", "curves"], in: CLIRunner.root.appendingPathComponent("Datasets/chinchilla-synthetic"))
        #expect(beside.status == 0, "\(beside.stderr)")
        let lost = try CLIRunner.run(["plot", oldFit, "--kind", "curves"], in: directory)
        #expect(lost.stderrLines == ["error: \(oldFit): cannot find the data file 'data.csv' recorded in the fit (looked in the current directory and beside the fit); give it with --data FILE"])
    }

    @Test("a fit with bootstrap draws: the forecast fan draws the bootstrap CI and PI bands")
    func bootstrapFan() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = directory.appendingPathComponent("boot.json").path
        let fitted = try CLIRunner.run(["fit", Fixtures.syntheticData, "--bootstrap", "40", "--bootstrap-seed", "7", "--output", fit])
        #expect(fitted.status == 0, "\(fitted.stderr)")
        let boot = try CLIRunner.run(["plot", fit, "--kind", "forecast"])
        #expect(boot.status == 0, "\(boot.stderr)")
        let texts = Self.texts(boot.stdout)
        #expect(texts.contains("95% CI mean (bootstrap)"))
        #expect(texts.contains("95% PI new run (bootstrap)"))
        #expect(!texts.contains { $0.contains("(delta)") })
        #expect(texts.contains { $0.hasPrefix("CI: percentiles of the law over ") && $0.contains("bootstrap refits") })
        // Same seed, same bytes.
        #expect(try CLIRunner.run(["plot", fit, "--kind", "forecast"]).stdout == boot.stdout)
        let plain = directory.appendingPathComponent("plain.json").path
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", plain]).status == 0)
        #expect(Self.texts(try CLIRunner.run(["plot", plain, "--kind", "forecast"]).stdout).contains("95% CI of the mean (delta)"))
    }

    @Test("report of the sweep: iso-FLOP section and figures, diagnostics, CI vs PI table, backtest; valid XML, self-contained")
    func report() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("report.html").path
        let result = try CLIRunner.run(["report", Self.sweep, "--budget-column", "budget", "--backtest", "largest:8", "--output", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines.last == "wrote \(out) (6 figures)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(XMLParser(data: Data(html.utf8)).parse())
        for id in ["plot-isoflop", "plot-isoflop-frontier"] { #expect(html.contains("id=\"\(id)-clip\"")) }
        #expect(html.contains("<h2>Iso-FLOP analysis (Approach 2)</h2>"))
        #expect(html.components(separatedBy: "Diagnostics</h2>").count - 1 == 1)
        #expect(html.contains("<h2>Forecast: confidence vs prediction intervals</h2>"))
        #expect(html.contains("95% CI") && html.contains("95% PI"))
        #expect(html.contains("<h2>Backtest</h2>"))
        // Iso-FLOP budgets and backtest runs are HTML tables, not preformatted text.
        #expect(html.contains("<th>budget (FLOP)</th><th>runs</th><th>fitted</th><th>N*</th><th>N* interval</th>"))
        #expect(html.contains("<caption>Held-out runs</caption>"))
        #expect(!html.contains("<pre") && !html.contains("[[Held-out runs]]"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        // A bad rule names the option; nothing is written.
        let bad = directory.appendingPathComponent("bad.html").path
        let rule = try CLIRunner.run(["report", Self.sweep, "--backtest", "largest:99", "--output", bad])
        #expect(rule.status == 1)
        #expect(rule.stderrLines.last == "error: --holdout largest:99: expected a count from 1 to 39 (the data have 40 rows)")
        #expect(!FileManager.default.fileExists(atPath: bad))
    }
}
