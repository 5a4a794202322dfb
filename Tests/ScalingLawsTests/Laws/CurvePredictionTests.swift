import Foundation
import LinearAlgebra
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

@Suite("Curve predictions with intervals")
struct CurvePredictionTests {
    /// Simulated constant and cosine curves of lr-annealing (λ = 0.999, L0 = 2, A = 1,
    /// α = 0.5, C = 0.05) with independent normal noise of `sigma` at every 50th step.
    static func simulated(seed: UInt64, sigma: Double) -> [LossCurve] {
        let truth = [2.0, 1.0, 0.5, 0.05]
        let law = LRAnnealingLaw()
        var rng = SeededGenerator(seed: seed)
        return LawConformanceCase.curveSchedules[0...1].enumerated().map { r, schedule in
            let areas = ScheduleAreas(schedule, lambda: 0.999)
            let steps = LawConformanceCase.curveSteps
            return LossCurve(run: "run\(r)", schedule: schedule, steps: steps, losses: steps.map {
                law.evaluate([areas.forward[$0], areas.annealing[$0]], truth) + sigma * rng.nextNormal()
            })
        }
    }

    @Test("every predicted step's intervals contain the estimate, the prediction interval contains the confidence interval")
    func containEstimate() throws {
        let fit = try CurveFitter.fit(Self.simulated(seed: 1, sigma: 0.003), law: .lrAnnealing(lambda: 0.999))
        let wsd = LawConformanceCase.curveSchedules[2]
        let predictions = fit.predictions(wsd, at: Array(1...wsd.lastStep))
        #expect(predictions.count == 1000)
        for p in predictions {
            let (lo, hi, plo, phi) = (try #require(p.lower), try #require(p.upper), try #require(p.predictionLower), try #require(p.predictionUpper))
            #expect(lo < p.predicted && p.predicted < hi)
            #expect(plo < lo && hi < phi)
        }
    }

    /// 200 seeded simulations: the 95% confidence interval of the WSD run's final loss (a
    /// schedule not fitted) covers the true final loss in 95% ± 3.5% (about 2.3 binomial
    /// standard errors) of them, and the prediction interval covers a fresh noisy observation
    /// as often.
    @Test("the 95% intervals of an unseen schedule's final loss cover in a seeded simulation")
    func coverage() throws {
        let truth = [2.0, 1.0, 0.5, 0.05]
        let wsd = LawConformanceCase.curveSchedules[2]
        let areas = ScheduleAreas(wsd, lambda: 0.999)
        let trueFinal = LRAnnealingLaw().evaluate([areas.forward[1000], areas.annealing[1000]], truth)
        let sigma = 0.003
        var noise = SeededGenerator(seed: 999)
        var covered = 0, predictionCovered = 0, runs = 0
        for seed in 1...200 {
            let fit = try CurveFitter.fit(Self.simulated(seed: UInt64(seed), sigma: sigma), law: .lrAnnealing(lambda: 0.999))
            let p = try #require(fit.predictions(wsd, at: [1000]).first)
            let (lo, hi) = (try #require(p.lower), try #require(p.upper))
            let (plo, phi) = (try #require(p.predictionLower), try #require(p.predictionUpper))
            if lo <= trueFinal, trueFinal <= hi { covered += 1 }
            let fresh = trueFinal + sigma * noise.nextNormal()
            if plo <= fresh, fresh <= phi { predictionCovered += 1 }
            runs += 1
        }
        let rate = Double(covered) / Double(runs), predictionRate = Double(predictionCovered) / Double(runs)
        #expect(abs(rate - 0.95) <= 0.035, "confidence interval coverage \(rate)")
        #expect(abs(predictionRate - 0.95) <= 0.035, "prediction interval coverage \(predictionRate)")
    }
}

extension CurvePredictionTests {
    /// The held-out-end calibration where the law is exact: 200 seeded simulations (as
    /// ``coverage()``) fitted with ``CurveFitter/fitCalibrated(_:law:cuts:options:)``. The model
    /// error it estimates is the excess of the held-out errors over the delta-method variance, near
    /// zero here, so the calibrated 95% prediction interval of the WSD run's final loss covers a
    /// fresh observation at least as often as the delta-method one (95% − 3.5%), and not always
    /// (it stays an interval, not a blanket).
    @Test("the calibrated prediction interval keeps its coverage when the law is exact")
    func calibratedCoverage() throws {
        let truth = [2.0, 1.0, 0.5, 0.05]
        let wsd = LawConformanceCase.curveSchedules[2]
        let areas = ScheduleAreas(wsd, lambda: 0.999)
        let trueFinal = LRAnnealingLaw().evaluate([areas.forward[1000], areas.annealing[1000]], truth)
        let sigma = 0.003
        var noise = SeededGenerator(seed: 999)
        var covered = 0, deltaCovered = 0, zeroModelError = 0
        var ratio: [Double] = []
        for seed in 1...200 {
            let fit = try CurveFitter.fitCalibrated(Self.simulated(seed: UInt64(seed), sigma: sigma), law: .lrAnnealing(lambda: 0.999))
            let modelError = try #require(fit.modelError)
            if modelError.relativeStandardDeviation == 0 { zeroModelError += 1 }
            let p = try #require(fit.predictions(wsd, at: [1000]).first)
            let d = try #require(fit.deltaPredictions(wsd, at: [1000]).first)
            let (plo, phi) = (try #require(p.predictionLower), try #require(p.predictionUpper))
            let (dlo, dhi) = (try #require(d.predictionLower), try #require(d.predictionUpper))
            #expect(plo <= dlo && dhi <= phi)
            ratio.append((phi - plo) / (dhi - dlo))
            let fresh = trueFinal + sigma * noise.nextNormal()
            if plo <= fresh, fresh <= phi { covered += 1 }
            if dlo <= fresh, fresh <= dhi { deltaCovered += 1 }
        }
        let rate = Double(covered) / 200
        let medianRatio = ratio.sorted()[100]
        print("calibrated PI coverage \(rate), delta PI \(Double(deltaCovered) / 200), σ_m = 0 in \(zeroModelError) of 200, median width ratio \(medianRatio)")
        #expect(rate >= 0.915, "calibrated prediction interval coverage \(rate)")
        #expect(rate < 1, "calibrated prediction interval coverage \(rate)")
        #expect(covered >= deltaCovered)
        #expect(medianRatio < 1.5, "median width ratio \(medianRatio)")
    }
}

@Suite("Multi-power fused evaluator")
struct MultiPowerKernelTests {
    /// The fit's fused evaluator equals the law's point-by-point value and exact gradient (the
    /// conformance suite checks those against finite differences) on three schedules, at the
    /// truth and at a distant point.
    @Test("the fused model and Jacobian equal evaluate and gradient to 1e-12", arguments: [
        [2.0, 1.0, 0.5, 20, 2, 0.6, 0.5], [1.5, 3.0, 0.2, 200, 0.3, 2.5, 1.2],
    ])
    func fusedEqualsPointwise(p: [Double]) throws {
        let law = try #require(LawConformanceCase.multiPower.law as? MultiPowerLaw)
        let design = LawConformanceCase.multiPower.design
        let kernel = try #require(law.responseKernel(inputs: design))
        let n = design[0].count
        var model = [Double](repeating: 0, count: n)
        kernel.model(p, &model)
        var jacobian = Matrix(rows: n, columns: 7)
        kernel.jacobian(p, &jacobian)
        var g = [Double](repeating: 0, count: 7)
        for i in 0..<n {
            let x = [design[0][i], design[1][i]]
            #expect(isClose(model[i], law.evaluate(x, p), rel: 1e-12))
            law.gradient(x, p, into: &g)
            for k in 0..<7 { #expect(isClose(jacobian.elements[i + k * n], g[k], rel: 1e-12, abs: 1e-15), "row \(i) column \(k)") }
        }
    }

    /// A whole curve's predictions come from one call of the law's fused evaluator
    /// (``LawFit/predict(rows:with:)``); they must be those of ``LawFit/predict(_:with:)`` point
    /// by point: value, standard error and both intervals.
    @Test("predictions of many steps in one batch equal the point-by-point predictions to 1e-12")
    func batchEqualsPointwise() throws {
        let truth = [2.0, 1.0, 0.5, 20, 2, 0.6, 0.5]
        let law = LawConformanceCase.multiPower.law
        var rng = SeededGenerator(seed: 7)
        let curves = LawConformanceCase.curveSchedules[0...1].enumerated().map { r, schedule in
            let steps = LawConformanceCase.curveSteps
            return LossCurve(run: "run\(r)", schedule: schedule, steps: steps,
                             losses: steps.map { law.evaluate([Double(r), Double($0)], truth) + 0.002 * rng.nextNormal() })
        }
        let fit = try CurveFitter.fit(curves, law: .multiPower)
        let wsd = LawConformanceCase.curveSchedules[2]
        let model = MultiPowerLaw(curves: [MultiPowerTerms(wsd)])
        let rows = stride(from: 1, through: wsd.lastStep, by: 3).map { [0, Double($0)] }
        let batch = fit.fit.predict(rows: rows, with: model)
        #expect(batch.count == rows.count)
        for (row, b) in zip(rows, batch) {
            let single = fit.fit.predict(row, with: model)
            #expect(isClose(b.value, single.value, rel: 1e-12))
            let pairs = [(b.standardError, single.standardError), (b.lower, single.lower), (b.upper, single.upper),
                         (b.predictionLower, single.predictionLower), (b.predictionUpper, single.predictionUpper)]
            for (x, y) in pairs {
                let (u, v) = (try #require(x), try #require(y))
                #expect(isClose(u, v, rel: 1e-12), "step \(row[1])")
            }
        }
    }
}

@Suite("Schedule choice gain interval")
struct ScheduleChoiceGainTests {
    /// The gain's interval is the delta method on the difference: it contains the estimate, and
    /// it is narrower than the two predictions' confidence intervals combined (the predictions
    /// share the parameters).
    @Test("the gain over cosine has an interval that contains it; a schedule against itself differs by exactly 0")
    func gainInterval() throws {
        let fit = try CurveFitter.fit(CurvePredictionTests.simulated(seed: 3, sigma: 0.003), law: .lrAnnealing(lambda: 0.999))
        let choice = try ScheduleChoice.search(fit: fit, steps: 1000, warmup: 50, peak: 0.01)
        let gain = choice.gain
        #expect(isClose(gain.value, choice.gainOverCosine, rel: 1e-12))
        let (lo, hi) = (try #require(gain.lower), try #require(gain.upper))
        #expect(lo < gain.value && gain.value < hi)
        let reference = try choice.reference.specification.schedule()
        let best = try choice.bestWSD.specification.schedule()
        let a = try #require(fit.predictions(reference, at: [1000]).first), b = try #require(fit.predictions(best, at: [1000]).first)
        let combined = (try #require(a.upper) - (try #require(a.lower))) + (try #require(b.upper) - (try #require(b.lower)))
        #expect(hi - lo < combined)
        let same = fit.difference(reference, reference)
        #expect(same.value == 0)
        #expect(same.standardError == 0)
    }

    /// Coverage of the gain's interval: 200 seeded simulations of lr-annealing with a known
    /// annealing bonus; the 95% interval of (cosine − WSD 20% linear) covers the true difference
    /// in 95% ± 3.5% of them.
    @Test("the gain's 95% interval covers the true difference in a seeded simulation")
    func gainCoverage() throws {
        let truth = [2.0, 1.0, 0.5, 0.05]
        let cosine = LawConformanceCase.curveSchedules[1], wsd = LawConformanceCase.curveSchedules[2]
        let law = LRAnnealingLaw()
        func final(_ s: StepSchedule) -> Double {
            let areas = ScheduleAreas(s, lambda: 0.999)
            return law.evaluate([areas.forward[s.lastStep], areas.annealing[s.lastStep]], truth)
        }
        let trueGain = final(cosine) - final(wsd)
        var covered = 0
        for seed in 1...200 {
            let fit = try CurveFitter.fit(CurvePredictionTests.simulated(seed: UInt64(1000 + seed), sigma: 0.003), law: .lrAnnealing(lambda: 0.999))
            let d = fit.difference(cosine, wsd)
            if let lo = d.lower, let hi = d.upper, lo <= trueGain, trueGain <= hi { covered += 1 }
        }
        let rate = Double(covered) / 200
        #expect(abs(rate - 0.95) <= 0.035, "coverage \(rate)")
    }
}
