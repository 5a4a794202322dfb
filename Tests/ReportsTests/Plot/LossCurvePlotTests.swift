import Foundation
import ScalingLaws
import Testing
@testable import Reports

@Suite("Loss-curve plot")
struct LossCurvePlotTests {
    /// lr-annealing (λ = 0.999; L0 = 2, A = 1, α = 0.5, C = 0.05) without noise on a constant and
    /// a cosine schedule of 1,000 steps, logged every 50th step from step 100.
    static func fit(calibrated: Bool) throws -> (CurveFit, [LossCurve], StepSchedule) {
        let specs = ["constant,warmup:50,peak:0.01,steps:1000", "cosine,warmup:50,peak:0.01,final:0.1,steps:1000"]
        let schedules = try specs.map { try ScheduleSyntax.parse($0).schedule() }
        let law = LRAnnealingLaw(lambda: 0.999)
        let steps = Array(stride(from: 100, through: 1000, by: 50))
        let curves = schedules.enumerated().map { r, schedule in
            let areas = ScheduleAreas(schedule, lambda: 0.999)
            // A deterministic wiggle of 0.002 stands in for evaluation noise.
            return LossCurve(run: r == 0 ? "constant" : "cosine", schedule: schedule, steps: steps, losses: steps.map {
                law.evaluate([areas.forward[$0], areas.annealing[$0]], [2, 1, 0.5, 0.05]) + 0.002 * sin(Double($0 + 7 * r))
            })
        }
        let fit = calibrated ? try CurveFitter.fitCalibrated(curves, law: .lrAnnealing(lambda: 0.999))
            : try CurveFitter.fit(curves, law: .lrAnnealing(lambda: 0.999))
        let wsd = try ScheduleSyntax.parse("wsd,decay:0.2,warmup:50,peak:0.01,final:0.1,steps:1000").schedule()
        return (fit, curves, wsd)
    }

    @Test("two logged runs and a planned schedule: a band, an observed line and a dashed prediction per run, labels and axes")
    func structure() throws {
        let (fit, curves, wsd) = try Self.fit(calibrated: true)
        let targets = curves.map { LossCurvePlot.Target(name: $0.run, predictions: fit.predictions($0)) }
            + [LossCurvePlot.Target(name: "wsd 20%", predictions: fit.predictions(wsd, at: Array(stride(from: 60, through: 1000, by: 10))))]
        let figure = try LossCurvePlot.figure(fit: fit, targets: targets, metric: "eval/c4_en-validation/CrossEntropyLoss", logX: true)
        // Per logged run: band, observed, predicted; the planned schedule: band, predicted.
        #expect(figure.series.count == 8)
        #expect(figure.series.compactMap(\.label) == ["constant observed", "constant predicted", "cosine observed", "cosine predicted", "wsd 20% predicted"])
        #expect(figure.series.filter { if case .band = $0.kind { return true } else { return false } }.count == 3)
        #expect(figure.x.label == "step")
        #expect(figure.x.scale == .log)
        #expect(figure.y.label == "eval/c4_en-validation/CrossEntropyLoss (nats/token)")
        #expect(figure.subtitle == "fitted on constant, cosine (38 points)")
        #expect(figure.notes.last == "Bands: the 95% prediction interval (held-out-end calibrated).")
        // One colour per target, the band in the colour of its lines.
        #expect(Set(figure.series.map(\.color)).count == 3)
        #expect(figure.series[0].color == figure.series[1].color && figure.series[1].color == figure.series[2].color)
        let svg = figure.svg()
        let probe = XMLProbe.parse(svg)
        #expect(probe.error == nil)
        #expect(probe.count("polygon") == 3)
        // 5 drawn lines and 5 legend swatches.
        #expect(probe.count("polyline") + probe.count("line") >= 10)
        for text in ["constant observed", "cosine predicted", "wsd 20% predicted", "step", "Loss curves: observed and predicted by lr-annealing"] {
            #expect(probe.texts.contains(text), "\(text)")
        }
        // The observed line holds the logged points, the prediction the predicted ones, the band
        // the prediction interval around it.
        #expect(figure.series[1].y == curves[0].losses)
        let band = figure.series[0]
        guard case let .band(upper, _) = band.kind else { Issue.record("not a band"); return }
        for (k, p) in targets[0].predictions.enumerated() {
            #expect(band.y[k] == p.predictionLower && upper[k] == p.predictionUpper)
            #expect(band.y[k] < p.predicted && p.predicted < upper[k])
        }
    }

    @Test("without a calibrated model error the note names the delta method; nothing to draw is an error")
    func deltaAndEmpty() throws {
        let (fit, curves, _) = try Self.fit(calibrated: false)
        let figure = try LossCurvePlot.figure(fit: fit, targets: [LossCurvePlot.Target(name: "cosine", predictions: fit.predictions(curves[1]))], metric: "loss_bpb")
        #expect(figure.notes.last == "Bands: the 95% prediction interval (delta method).")
        #expect(figure.y.label == "loss_bpb (bits/byte)")
        #expect(figure.x.scale == .linear)
        #expect(throws: PlotError.nothingToDraw(kind: .lossCurve, reason: "no step to predict (give --curve LOG or --schedule SPEC)")) {
            _ = try LossCurvePlot.figure(fit: fit, targets: [], metric: "loss")
        }
    }
}
