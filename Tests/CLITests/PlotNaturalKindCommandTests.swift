import Foundation
import Testing
import TestSupport

/// `plot FIT.json` without `--kind` draws the figure of the law's field (issue #20, item 8).
@Suite("plot: each family's natural figure")
struct PlotNaturalKindCommandTests {
    /// The `<title>` of an SVG document.
    static func title(_ svg: String) -> String? {
        guard let open = svg.range(of: "\">"), let start = svg.range(of: "<title id=\"plot-title\">"),
              let end = svg.range(of: "</title>", range: start.upperBound..<svg.endIndex), open.lowerBound < end.lowerBound
        else { return nil }
        return String(svg[start.upperBound..<end.lowerBound])
    }

    @Test("RL → the Pareto frontier; benchmarks → score vs compute with the chance line; loss laws → curves")
    func naturalFigures() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(dataset: String, fitArguments: [String], title: String, contains: String?)] = [
            ("rl-utd", ["--law", "utd-data"], "Data–compute Pareto frontier (value-based RL)", nil),
            ("benchmark-sigmoid-synthetic", ["--law", "sigmoid", "--x", "C=C_scaled"], "Forecast: benchmark score normalised so chance = 0 and best = 1 vs C_scaled", "chance (normalised score 0)"),
            ("chinchilla-synthetic", [], "Final training loss vs training tokens", nil),
        ]
        for c in cases {
            let data = CLIRunner.root.appendingPathComponent("Datasets/\(c.dataset)/data.csv").path
            let fit = directory.appendingPathComponent("\(c.dataset).json").path
            let fitted = try CLIRunner.run(["fit", data] + c.fitArguments + ["--output", fit, "--format", "csv"])
            #expect(fitted.status == 0, "\(c.dataset): \(fitted.stderr)")
            let out = directory.appendingPathComponent("\(c.dataset).svg").path
            let plotted = try CLIRunner.run(["plot", fit, "--output", out])
            #expect(plotted.status == 0, "\(c.dataset): \(plotted.stderr)")
            let svg = try String(contentsOfFile: out, encoding: .utf8)
            #expect(Self.title(svg) == c.title, "\(c.dataset)")
            if let text = c.contains { #expect(svg.contains(text), "\(c.dataset)") }
        }
    }

    @Test("without a fit and without --kind: one-line error naming both ways")
    func noFitNoKind() throws {
        let result = try CLIRunner.run(["plot", "--data", "runs.csv"])
        #expect(result.status != 0)
        #expect(result.stderrLines.first == "Error: give a fit artifact (scaling-laws plot FIT.json) or, without one, --kind trend, isoflop or isoflop-frontier with --data FILE")
    }
}

/// A curve fit drawn without `--kind`: the fitted runs' logs against the law (OLMo 190M).
@Suite("plot: a curve fit's natural figure")
struct PlotCurveFitNaturalKindTests {
    @Test("plot CURVE.json draws the loss-curve figure of the fit's own constant and cosine logs",
          .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/olmo_ladder_bhagia2024"))
    func curveFit() throws {
        let constant = try #require(RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/constant/190M-10xC.csv"))
        let cosine = try #require(RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/cosine/190M-10xC.csv"))
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try CLIRunner.run(["curve", "fit", constant.path, cosine.path, "--metric", "eval/c4_en-validation/CrossEntropyLoss",
                                     "--output", "curve.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let plot = try CLIRunner.run(["plot", "curve.json", "--output", "curve.svg"], in: directory)
        #expect(plot.status == 0, "\(plot.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("curve.svg"), encoding: .utf8)
        #expect(PlotNaturalKindCommandTests.title(svg) == "Loss curves: observed and predicted by lr-annealing")
        for legend in ["constant/190M-10xC observed", "cosine/190M-10xC observed", "cosine/190M-10xC predicted"] {
            #expect(svg.contains(">\(legend)<"), "\(legend)")
        }
    }
}
