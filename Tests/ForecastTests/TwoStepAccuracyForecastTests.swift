import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// The two-step chain loss law → loss-to-accuracy law (Bhagia et al. 2024) on synthetic data
/// with known parameters.
@Suite("two-step accuracy forecasts")
struct TwoStepAccuracyForecastTests {
    /// Step 1 truth: E = 1.8, A = 400, B = 2000, α = 0.34, β = 0.37.
    static let lossTruth = [1.8, 400, 2000, 0.34, 0.37]
    /// Step 2 truth: chance 0.25 at high loss, 0.95 at zero loss, midpoint L0 = 2.6, k = 5.
    static let accuracyTruth = [-0.7, 5.0, 2.6, 0.95]

    /// 36 runs (N 1e7…1e9 × D 1e9…1e11) with loss noise 0.01, and 30 (loss, accuracy) points
    /// over L ∈ [2.2, 3.6] with accuracy noise 0.015.
    static func fits(seed: UInt64) throws -> (loss: LawFit, accuracy: LawFit) {
        var noise = TestNoise(seed: seed)
        var n: [Double] = [], d: [Double] = [], l: [Double] = []
        for ni in logSpaced(1e7, 1e9, count: 6) {
            for di in logSpaced(1e9, 1e11, count: 6) {
                n.append(ni)
                d.append(di)
                l.append(ChinchillaLaw().evaluate([ni, di], lossTruth) + 0.01 * noise.normal())
            }
        }
        let options = LawFitOptions(objective: .leastSquares)
        let lossFit = try LawFitter.fit(ChinchillaLaw(), to: try Dataset(columns: ["N": n, "D": d, "loss": l]), options: options)
        let losses = (0..<30).map { 2.2 + 1.4 * Double($0) / 29 }
        let acc = losses.map { LossToAccuracyLaw().evaluate([$0], accuracyTruth) + 0.015 * noise.normal() }
        let accuracyFit = try LawFitter.fit(LossToAccuracyLaw(), to: try Dataset(columns: ["loss": losses, "score": acc]), options: options)
        return (lossFit, accuracyFit)
    }

    @Test("recovers the true chain and its intervals cover it at an extrapolated model")
    func coverage() throws {
        // 1 decade beyond the largest model, 3 × the largest token count.
        let n = 1e10, d = 3e11
        let trueLoss = ChinchillaLaw().evaluate([n, d], Self.lossTruth)
        let trueAccuracy = LossToAccuracyLaw().evaluate([trueLoss], Self.accuracyTruth)
        var covered = 0, coveredLoss = 0
        var widths: [Double] = []
        let trials = 30
        for seed in 0..<UInt64(trials) {
            let (lossFit, accuracyFit) = try Self.fits(seed: 100 + seed)
            let chain = try TwoStepAccuracyForecaster(lossFit: lossFit, accuracyFit: accuracyFit, draws: 2000, seed: seed)
            let f = try chain.forecast(parameters: n, tokens: d)
            #expect(abs(f.accuracy - trueAccuracy) < 0.05, "seed \(seed): \(f.accuracy) vs \(trueAccuracy)")
            let lower = try #require(f.lower), upper = try #require(f.upper)
            #expect(lower < f.accuracy && f.accuracy < upper)
            if lower <= trueAccuracy && trueAccuracy <= upper { covered += 1 }
            if try #require(f.lossLower) <= trueLoss && trueLoss <= (try #require(f.lossUpper)) { coveredLoss += 1 }
            widths.append(upper - lower)
            #expect(f.finiteDraws == 2000)
        }
        // Nominal 95%: at least 25 of 30 (probability of fewer below 2%), and informative.
        #expect(covered >= 25, "accuracy covered \(covered) of \(trials)")
        #expect(coveredLoss >= 25, "loss covered \(coveredLoss) of \(trials)")
        let medianWidth = widths.sorted()[trials / 2]
        #expect(medianWidth < 0.1, "median width \(medianWidth)")
    }

    @Test("both steps contribute: the chained interval is wider than either step alone")
    func bothStepsPropagate() throws {
        let (lossFit, accuracyFit) = try Self.fits(seed: 3)
        let chain = try TwoStepAccuracyForecaster(lossFit: lossFit, accuracyFit: accuracyFit, draws: 4000, seed: 1)
        let f = try chain.forecast(parameters: 1e10, tokens: 3e11)
        let chainWidth = try #require(f.upper) - (try #require(f.lower))
        // Each step alone, by the same draws: step 2's draws at the fitted loss, and step 1's
        // draws through the fitted step 2.
        let step2 = try LawParameterDraws.make(accuracyFit, count: 4000, seed: 2)
        let step1 = try LawParameterDraws.make(lossFit, count: 4000, seed: 1)
        let alone2 = step2.draws.map { LossToAccuracyLaw().evaluate([f.loss], $0) }
        let alone1 = step1.draws.map { LossToAccuracyLaw().evaluate([ChinchillaLaw().evaluate([1e10, 3e11], $0)], accuracyFit.values) }
        let w2 = try #require(LawParameterDraws.percentileInterval(alone2, level: 0.95))
        let w1 = try #require(LawParameterDraws.percentileInterval(alone1, level: 0.95))
        #expect(chainWidth > w2.upper - w2.lower, "chain \(chainWidth) vs step 2 alone \(w2.upper - w2.lower)")
        #expect(chainWidth > w1.upper - w1.lower, "chain \(chainWidth) vs step 1 alone \(w1.upper - w1.lower)")
        // Independent errors add roughly in quadrature.
        let quadrature = ((w1.upper - w1.lower) * (w1.upper - w1.lower) + (w2.upper - w2.lower) * (w2.upper - w2.lower)).squareRoot()
        #expect(isClose(chainWidth, quadrature, rel: 0.15), "chain \(chainWidth) vs quadrature \(quadrature)")
        // Seeded: bit-identical.
        let again = try TwoStepAccuracyForecaster(lossFit: lossFit, accuracyFit: accuracyFit, draws: 4000, seed: 1)
        #expect(try again.forecast(parameters: 1e10, tokens: 3e11) == f)
        let other = try TwoStepAccuracyForecaster(lossFit: lossFit, accuracyFit: accuracyFit, draws: 4000, seed: 2)
        #expect(try other.forecast(parameters: 1e10, tokens: 3e11).lower != f.lower)
    }

    @Test("the chain checks which law is which step")
    func wrongLaws() throws {
        let (lossFit, accuracyFit) = try Self.fits(seed: 5)
        #expect(throws: DecisionError.wrongInputs(law: "loss-to-accuracy", inputs: ["loss"], needed: "model parameters N and training tokens D (step 1)")) {
            try TwoStepAccuracyForecaster(lossFit: accuracyFit, accuracyFit: lossFit)
        }
    }
}
