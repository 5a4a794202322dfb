import Forecast
import Foundation
import ScalingLaws
import Testing
import TestSupport
@testable import Reports

/// The Approach-2 figures drawn from an ``IsoFlopAnalysis`` of exact parabolas with known minima.
@Suite("iso-FLOP analysis figures")
struct IsoFlopAnalysisPlotTests {
    /// Loss `L0 + 0.05·(ln N − ln N*)²` at `N = N*·e^u`: budgets 1e18 and 1e20 with
    /// `N* = 0.1·√C` (1e8, 1e9) and `L0` = 2.0, 1.5; and 1e22 sampled only below its minimum
    /// (N* = 1e10, sizes 1e9·e^{−2, −1, 0}), which must be refused.
    static func runs() -> [IsoFlopRun] {
        var out: [IsoFlopRun] = []
        for (c, floor) in [(1e18, 2.0), (1e20, 1.5)] {
            let nStar = 0.1 * c.squareRoot()
            for u in [-1.5, -0.75, 0.25, 1.0, 1.75] {
                out.append(IsoFlopRun(parameters: nStar * exp(u), loss: floor + 0.05 * u * u, compute: c))
            }
        }
        for u in [-2.0, -1.0, 0.0] {
            let n = 1e9 * exp(u)
            let x = log(n) - log(1e10)
            out.append(IsoFlopRun(parameters: n, loss: 1.2 + 0.05 * x * x, compute: 1e22))
        }
        return out
    }

    static func input() throws -> IsoFlopPlotInput {
        let runs = runs()
        let analysis = try IsoFlopAnalysis.run(
            runs, options: IsoFlopOptions(grouping: .exactBudget, compareApproach3: false))
        return IsoFlopPlotInput(analysis: analysis, runs: runs, source: "parabolas (13 runs)")
    }

    @Test("profiles: the parabola vertices are the known N* = 1e8, 1e9, drawn as stars; 1e22 is refused in grey with its reason")
    func profiles() throws {
        let input = try Self.input()
        #expect(input.analysis.accepted.count == 2)
        #expect(isClose(input.analysis.parameterLaw.exponent, 0.5, rel: 1e-9))
        #expect(isClose(input.analysis.parameterLaw.coefficient, 0.1, rel: 1e-6))
        let figure = IsoFlopAnalysisPlot.profiles(input)
        let stars = try #require(figure.series.first { $0.label?.hasPrefix("N* (bar: 95% interval)") == true })
        #expect(stars.x.count == 2)
        #expect(isClose(stars.x[0], 1e8, rel: 1e-9) && isClose(stars.x[1], 1e9, rel: 1e-9))
        #expect(isClose(stars.y[0], 2.0, rel: 1e-12) && isClose(stars.y[1], 1.5, rel: 1e-12))
        // The fitted curve runs over the sampled sizes and through the samples.
        let curve = try #require(figure.series.first { if case .line = $0.kind { return $0.color == PlotColor.series(0) } else { return false } })
        #expect(isClose(try #require(curve.x.first), 1e8 * exp(-1.5), rel: 1e-12))
        #expect(isClose(try #require(curve.y.first), 2.0 + 0.05 * 2.25, rel: 1e-9))
        #expect(isClose(try #require(curve.y.last), 2.0 + 0.05 * 1.75 * 1.75, rel: 1e-9))
        // Refused: grey hollow points and a footnote with the exact reason.
        let refused = try #require(figure.series.first { $0.label == "refused budget (see notes)" })
        #expect(refused.color == .grey && refused.kind == .scatter(.circle, hollow: true))
        #expect(refused.x.count == 3)
        let note = try #require(figure.notes.first { $0.hasPrefix("Refused") })
        #expect(note.hasPrefix("Refused budget 1e+22 FLOP: the fitted minimum N* = 1e+10 lies outside the sampled range N = 1.353e+08–1e+09"))
        #expect(figure.notes.contains("Fit over the accepted budgets: N* ∝ C^a, a = 0.5."))
    }

    @Test("vertex positions in pixels: N* = 1e8 at x = 196, 1e9 at x = 308 on a 1e7…1e11 axis of 448 px; loss 2.0, 1.5 at y = 207, 280.5")
    func vertexPixels() throws {
        var figure = IsoFlopAnalysisPlot.profiles(try Self.input())
        figure.x.range = 1e7...1e11
        figure.y.range = 1.0...3.0
        // Frame: left 84, right 760 − 228 (legend) = 532; top 60, bottom 480 − 56 − 14·5 note lines
        // (the refusal note wraps onto a second line at 118 characters) = 354, height 294.
        #expect(figure.notes.count == 4)
        let svg = figure.svg()
        #expect(XMLProbe.parse(svg).error == nil)
        // The interval bars of exact parabolas have zero width: both ends at the vertex.
        #expect(svg.contains("<polyline points=\"196,207 196,207\""))
        #expect(svg.contains("<polyline points=\"308,280.5 308,280.5\""))
        // Decade ticks of the human-readable size axis.
        let texts = XMLProbe.parse(svg).texts
        for label in ["10M", "100M", "1B", "10B", "100B"] { #expect(texts.contains(label), "\(label)") }
    }

    @Test("frontier: N* per budget and the fitted line N* = 0.1·C^0.5 across half a decade beyond the budgets")
    func frontier() throws {
        let figure = IsoFlopAnalysisPlot.frontier(try Self.input())
        let line = try #require(figure.series.first { $0.label == "fit N* = k·C^a" })
        #expect(isClose(try #require(line.x.first), 1e18 / pow(10, 0.5), rel: 1e-12))
        #expect(isClose(try #require(line.x.last), 1e20 * pow(10, 0.5), rel: 1e-12))
        for (c, n) in zip(line.x, line.y) { #expect(isClose(n, 0.1 * c.squareRoot(), rel: 1e-6)) }
        let points = try #require(figure.series.first { $0.label == "N* per budget (Approach 2)" })
        #expect(points.x == [1e18, 1e20])
        #expect(!figure.series.contains { $0.label == "Approach 3 N_opt(C)" })
        #expect(figure.notes.contains("1 refused budget not shown (no bracketed minimum)."))
        #expect(XMLProbe.parse(figure.svg()).error == nil)
    }

    @Test("interpolated profiles pass through the lowest loss of every sampled size")
    func interpolatedCurve() throws {
        let runs = Self.runs().filter { $0.compute == 1e18 }
        let analysis = try IsoFlopAnalysis.run(
            runs + Self.runs().filter { $0.compute == 1e20 },
            options: IsoFlopOptions(shape: .interpolated, grouping: .exactBudget, compareApproach3: false))
        let curve = try #require(analysis.profiles[0].curve(runs: runs, shape: .interpolated, count: 9))
        #expect(isClose(curve.parameters[0], runs[0].parameters, rel: 1e-12))
        #expect(isClose(curve.loss[0], runs[0].loss, rel: 1e-12))
        #expect(isClose(try #require(curve.loss.last), try #require(runs.last).loss, rel: 1e-12))
    }

    @Test("kinds: an iso-FLOP analysis adds isoflop-frontier; without one it says what is missing")
    func kinds() throws {
        #expect(ScalingPlots.kinds(for: ChinchillaLaw(), isoflop: true) == [.curves, .residuals, .isoflop, .isoflopFrontier, .frontier, .forecast])
        #expect(PlotError.nothingToDraw(kind: .isoflopFrontier, reason: ScalingPlots.noBudgets).description
            == "plot kind 'isoflop-frontier': nothing to draw: no iso-FLOP analysis of the runs (give --budget-column COLUMN, or runs on a few budgets C = 6ND)")
    }
}
