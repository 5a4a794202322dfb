import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Benchmark-score forecasts (Owen 2024; laws.md §8) through ``BenchmarkForecaster``.
@Suite("benchmark score forecasts")
struct BenchmarkForecastTests {
    /// Owen's main sigmoid with k = 1.5 per decade, x0 = 24.5.
    let owen = try! BenchmarkForecaster(law: SigmoidLaw(), values: [1.5, 24.5], lossLaw: .hoffmannRounded)

    @Test("GPT-3 175B/300B: L 2.0023, C_s 1.223e23; Chinchilla 70B/1.4T: L 1.9366, C_s 5.880e23 (fixed point)")
    func scaledComputeVectors() throws {
        let gpt3 = try owen.score(parameters: 175e9, tokens: 300e9)
        #expect(matchesPrinted(try #require(gpt3.loss), 2.0023, decimals: 4))
        #expect(isClose(gpt3.compute, 1.223e23, rel: 5e-4))
        let chinchilla = try owen.score(parameters: 70e9, tokens: 1.4e12)
        #expect(matchesPrinted(try #require(chinchilla.loss), 1.9366, decimals: 4))
        #expect(isClose(chinchilla.compute, 5.880e23, rel: 5e-4))
        // D = 20N exactly: C_s = 6ND.
        #expect(isClose(chinchilla.compute, 6 * 70e9 * 1.4e12, rel: 1e-12))
        #expect(chinchilla.parameters == 70e9 && chinchilla.tokens == 1.4e12)
    }

    @Test("sigmoid k = 1.5, x0 = 24.5: P(1e24) = 0.3208, P(1e25) = 0.6792, and the inverse", arguments: [
        (1e24, 0.3208), (1e25, 0.6792),
    ])
    func sigmoidVectors(compute: Double, score: Double) throws {
        let forecast = try owen.score(compute: compute)
        #expect(matchesPrinted(forecast.score, score, decimals: 4))
        #expect(forecast.lower == nil && forecast.upper == nil)
        // The printed score is rounded to 1e-4: dx = dP/(k·P(1−P)) < 1.6e-4 decades.
        let inverse = try owen.compute(toReach: score)
        #expect(abs(log10(inverse.compute) - log10(compute)) < 1.6e-4)
        #expect(inverse.lower == nil)
    }

    @Test("the inverse undoes the forecast to rounding for every score law", arguments: [
        ("sigmoid", [1.5, 24.5]), ("sigmoid-offset", [2.0, 23.0, 0.2]), ("clipped-linear", [-4.0, 0.2]),
    ])
    func inverseRoundTrip(name: String, values: [Double]) throws {
        let forecaster = try BenchmarkForecaster(law: try #require(LawRegistry.law(named: name)), values: values)
        for c in [3e22, 1e23, 7e23, 2e24] {
            let p = try forecaster.score(compute: c).score
            let back = try forecaster.compute(toReach: p).compute
            #expect(isClose(back, c, rel: 1e-10), "\(name): C = \(c), P = \(p), back \(back)")
        }
    }

    @Test("targets outside the law's range fail with exact messages")
    func targetsOutsideRange() throws {
        #expect(throws: DecisionError.targetAboveCeiling(target: 1, ceiling: 1, law: "sigmoid", attained: false)) {
            try owen.compute(toReach: 1)
        }
        #expect((try? owen.compute(toReach: 1)) == nil)
        do {
            _ = try owen.compute(toReach: 1.2)
            Issue.record("no error")
        } catch {
            #expect(String(describing: error) == "target score 1.2 is at or above the ceiling 1 of the sigmoid law, which it approaches only as compute grows without bound: no finite compute reaches it")
        }
        do {
            _ = try owen.compute(toReach: 0)
            Issue.record("no error")
        } catch {
            #expect(String(describing: error) == "target score 0 is at or below the floor 0 of the sigmoid law: any compute scores above it")
        }
        let offset = try BenchmarkForecaster(law: SigmoidOffsetLaw(), values: [2, 23, 0.2])
        #expect(throws: DecisionError.targetBelowFloor(target: 0.1, floor: 0.2, law: "sigmoid-offset")) {
            try offset.compute(toReach: 0.1)
        }
        // The clipped line reaches 1 at a finite compute, x = (1 − a)/b = 24, and no further.
        let clipped = try BenchmarkForecaster(law: ClippedLinearLaw(), values: [-5, 0.25])
        #expect(isClose(try clipped.compute(toReach: 1).compute, 1e24, rel: 1e-12))
        do {
            _ = try clipped.compute(toReach: 1.01)
            Issue.record("no error")
        } catch {
            #expect(String(describing: error) == "target score 1.01 is above the ceiling 1 of the clipped-linear law: no compute reaches it")
        }
        let flat = try BenchmarkForecaster(law: SigmoidLaw(), values: [0, 24.5])
        #expect(throws: DecisionError.flatScoreLaw(law: "sigmoid")) { try flat.compute(toReach: 0.5) }
        #expect(throws: DecisionError.wrongInputs(law: "chinchilla", inputs: ["N", "D"], needed: "compute C")) {
            try BenchmarkForecaster(law: ChinchillaLaw(), values: ChinchillaParameters.hoffmannRounded.vector)
        }
        let noLoss = try BenchmarkForecaster(law: SigmoidLaw(), values: [1.5, 24.5])
        #expect(throws: DecisionError.missingLossLaw) { try noLoss.score(parameters: 7e10, tokens: 1.4e12) }
    }

    /// Scores of 30 models from 1e20 to 1e23 FLOP drawn from the sigmoid (k = 1.2, x0 = 23.5)
    /// with Gaussian noise of 0.02.
    static func syntheticScores(seed: UInt64) throws -> Dataset {
        var noise = TestNoise(seed: seed)
        let c = logSpaced(1e20, 1e23, count: 30)
        let p = c.map { 1 / (1 + exp(-1.2 * (log10($0) - 23.5))) + 0.02 * noise.normal() }
        return try Dataset(columns: ["C": c, "score": p.map { min(max($0, 0), 1) }])
    }

    @Test("fitted sigmoid: delta-method intervals cover the true curve, and the target's compute")
    func deltaMethodCoverage() throws {
        var covered = 0, coveredInverse = 0
        let trials = 40
        for seed in 0..<UInt64(trials) {
            let fit = try LawFitter.fit(SigmoidLaw(), to: try Self.syntheticScores(seed: seed))
            let forecaster = try BenchmarkForecaster(fit: fit)
            #expect(forecaster.intervalMethod == .deltaMethod)
            // One decade beyond the data.
            let forecast = try forecaster.score(compute: 1e24)
            let truth = 1 / (1 + exp(-1.2 * (24 - 23.5)))
            let lower = try #require(forecast.lower), upper = try #require(forecast.upper)
            #expect(lower < forecast.score && forecast.score < upper)
            if lower <= truth && truth <= upper { covered += 1 }
            // The compute to reach 0.8: log10 C = 23.5 + ln 4 / 1.2.
            let target = try forecaster.compute(toReach: 0.8)
            let trueCompute = pow(10, 23.5 + log(4) / 1.2)
            if try #require(target.lower) <= trueCompute && trueCompute <= (try #require(target.upper)) { coveredInverse += 1 }
        }
        // Nominal 95%: at least 34 of 40 (binomial probability of fewer is below 3%).
        #expect(covered >= 34, "covered \(covered) of \(trials)")
        #expect(coveredInverse >= 34, "covered \(coveredInverse) of \(trials)")
    }

    @Test("a fit with bootstrap draws gives bootstrap percentile intervals, seeded and similar in width to the delta method")
    func bootstrapIntervals() throws {
        let data = try Self.syntheticScores(seed: 7)
        var options = BootstrapOptions()
        options.resamples = 300
        options.seed = 11
        let result = try LawBootstrap.run(law: SigmoidLaw(), data: data, options: options)
        let fit = result.fit.withBootstrap(LawFit.BootstrapSummary(result))
        let bootstrap = try BenchmarkForecaster(fit: fit)
        let delta = try BenchmarkForecaster(fit: result.fit)
        #expect(bootstrap.intervalMethod == .bootstrap)
        let b = try bootstrap.score(compute: 1e23)
        let d = try delta.score(compute: 1e23)
        #expect(b.score == d.score)
        let bw = try #require(b.upper) - (try #require(b.lower))
        let dw = try #require(d.upper) - (try #require(d.lower))
        #expect(bw > 0.5 * dw && bw < 2 * dw, "bootstrap width \(bw), delta width \(dw)")
        let again = try BenchmarkForecaster(fit: fit).score(compute: 1e23)
        #expect(again == b)
        let target = try bootstrap.compute(toReach: 0.5)
        #expect(try #require(target.lower) < target.compute && target.compute < (try #require(target.upper)))
    }
}
