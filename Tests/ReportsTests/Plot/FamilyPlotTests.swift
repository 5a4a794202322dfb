import Foundation
import Testing
import TestSupport
import ScalingLaws
@testable import Reports

/// Each family's natural figure, the data-filtering law's axes, the benchmark floor and
/// clipping, and titles that wrap instead of running off the figure.
@Suite("family plots")
struct FamilyPlotTests {
    @Test("plot without --kind: each family's natural figure")
    func naturalKinds() throws {
        let expected: [String: PlotKind] = [
            "chinchilla": .curves, "kaplan-nd": .curves, "power-law": .curves, "qqt": .curves,
            "utd-data": .pareto, "utd-data-sigma0": .pareto, "sigmoid": .forecast, "sigmoid-offset": .forecast, "clipped-linear": .forecast,
            "loss-to-accuracy": .forecast, "exponential-trend": .trend,
        ]
        for (name, kind) in expected {
            let law = try #require(LawRegistry.law(named: name))
            #expect(PlotKind.natural(for: law) == kind, "\(name)")
        }
        #expect(try #require(LawRegistry.law(named: "qqt")).family == .dataFiltering)
        #expect(try #require(LawRegistry.law(named: "utd-data")).family == .reinforcementLearning)
        #expect(try #require(LawRegistry.law(named: "chinchilla")).family == .lossScaling)
    }

    @Test("qqt curves: error against samples seen (input 0), one curve per pool size")
    func qqtAxes() throws {
        let law = QQTLaw()
        #expect(law.curveAxes == LawCurveAxes(x: 0, group: 1))
        #expect(ChinchillaLaw().curveAxes == LawCurveAxes(x: 1, group: 0))
        // Two pools of 12.8M and 25.6M samples, error at 6.4M–128M samples seen, from the
        // published top-10% bucket (b = −0.160, τ = 6.727, a = 0.025, d = 0.1; Goyal et al. 2024).
        let p = [0.025, -0.160, 6.727, 0.1]
        #expect(law.parameters.map(\.name) == ["a", "b", "tau", "d"])
        var samples: [Double] = [], pools: [Double] = [], error: [Double] = []
        for pool in [12.8e6, 25.6e6] {
            for n in [6.4e6, 12.8e6, 25.6e6, 51.2e6, 102.4e6] {
                samples.append(n); pools.append(pool); error.append(law.evaluate([n, pool], p))
            }
        }
        let data = try Dataset(source: "pools.csv", columns: ["samples": samples, "pool": pools, "error": error])
        var options = LawFitOptions(objective: .leastSquares)
        options.fixed = ["d": 0.1]
        let fit = try LawFitter.fit(law, to: data, options: options)
        let figure = try CurvesPlot.figure(PlotInput(fit: fit, data: data))
        #expect(figure.x.label == "training samples seen n (samples)")
        let legends = figure.series.compactMap(\.label)
        #expect(legends == ["S ≈ 12.8M", "S ≈ 25.6M"])
        // Points lie along x = samples seen, not pool size.
        let firstPoints = try #require(figure.series.first { $0.label == "S ≈ 12.8M" })
        #expect(firstPoints.x == [6.4e6, 12.8e6, 25.6e6, 51.2e6, 102.4e6])
    }

    @Test("the RL Pareto frontier of a σ0-form fit is the β-form fit's (the same curve, reparameterised)")
    func paretoSigma0() throws {
        let beta = try PlotFixtures.input(url: PlotFixtures.url("rl-utd"), law: "utd-data", columns: [:], objective: nil)
        let sigma0 = try PlotFixtures.input(url: PlotFixtures.url("rl-utd"), law: "utd-data-sigma0", columns: [:], objective: nil)
        let a = try #require(try ParetoPlot.figure(beta).series.first { $0.label == "frontier (D_J(σ), C_J(σ))" })
        let b = try #require(try ParetoPlot.figure(sigma0).series.first { $0.label == "frontier (D_J(σ), C_J(σ))" })
        #expect(a.x.count == 80 && b.x.count == 80)
        for (u, v) in zip(a.x + a.y, b.x + b.y) { #expect(abs(u / v - 1) < 1e-5) }
    }

    @Test("benchmark forecast: bands inside [0, 1] and the fitted floor as a dashed line")
    func benchmarkFloorAndClipping() throws {
        let input = try PlotFixtures.input(url: PlotFixtures.url("benchmark-sigmoid-synthetic"), law: "sigmoid",
                                           columns: ["C": "C_scaled"], objective: nil)
        let figure = try ForecastFanPlot.figure(input)
        let floor = try #require(figure.series.first { $0.label == "chance (normalised score 0)" })
        #expect(floor.y == [0])
        for band in figure.series {
            guard case let .band(upper, _) = band.kind else { continue }
            #expect((band.y + upper).allSatisfy { !$0.isFinite || (0...1).contains($0) }, "\(band.label ?? "band")")
        }
        let clipped = ForecastFanPlot.responseDomain(input)
        #expect(clipped == 0...1)
    }

    @Test("a long title wraps onto two lines within the figure; longer text ends in …; the full text stays in <title>")
    func titleWraps() {
        let title = "Forecast: compute-optimal validation loss of the hellaswag bits-per-byte column vs training compute under the 6ND cost"
        let figure = Figure(title: title, x: PlotAxis(label: "x", scale: .linear), y: PlotAxis(label: "y", scale: .linear),
                            series: [.line("a", x: [0, 1], y: [0, 1], color: .black)])
        let renderer = SVGFigureRenderer(figure: figure)
        let lines = renderer.titleLines
        #expect(lines.count == 2)
        #expect(lines.joined(separator: " ") == title)
        for line in lines { #expect(Double(line.count) * 9.4 <= renderer.textRoom) }
        #expect(renderer.frame.top == 26 + 19 + 18)
        let probe = XMLProbe.parse(figure.svg())
        #expect(probe.texts.contains(lines[0]) && probe.texts.contains(lines[1]))
        let long = String(repeating: "word ", count: 60)
        let cut = SVGFigureRenderer.wrapped(long, pixels: 300, characterWidth: 10, maxLines: 2)
        #expect(cut.count == 2 && cut[0].count <= 30 && cut[1].hasSuffix("…") && cut[1].count == 30)
        #expect(SVGFigureRenderer.wrapped("short", pixels: 300, characterWidth: 10, maxLines: 2) == ["short"])
    }
}
