import Foundation
import NonlinearFit
import Testing
@testable import Forecast
import TestSupport

@Suite struct HyperparameterLawTests {
    /// DeepSeek-AI 2024 (arXiv:2401.02954), Sec. 3.1, Eq. 1: η = 0.3118·C^−0.1250,
    /// B = 0.2920·C^0.3271; the expected values are the formula evaluated by hand
    /// (0.3118·10^(−0.125·log10 C), 0.2920·10^(0.3271·log10 C)).
    @Test(arguments: [(1e17, 2.33817e-3, 1.061898e5), (1e20, 9.85998e-4, 1.017145e6), (3e23, 3.624399e-4, 1.395562e7)])
    func deepseekPreset(c: Double, lr: Double, batch: Double) throws {
        let r = try HyperparameterLaw.deepseek2024.recommend(n: 1, d: 1, c: c)
        #expect(isClose(r.learningRate, lr, rel: 1e-5))
        #expect(isClose(r.batchSize ?? 0, batch, rel: 1e-5))
    }

    /// Li et al. 2025 (arXiv:2503.04715), Sec. 3: η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571.
    @Test(arguments: [(4e8, 4e10, 2.368191e-3, 6.564539e5), (1e9, 1e11, 1.632499e-3, 1.107715e6), (7e9, 2e12, 1.022620e-3, 6.127963e6)])
    func stepLawPreset(n: Double, d: Double, lr: Double, batch: Double) throws {
        let r = try HyperparameterLaw.steplaw2025.recommend(n: n, d: d, c: 6 * n * d)
        #expect(isClose(r.learningRate, lr, rel: 1e-5))
        #expect(isClose(r.batchSize ?? 0, batch, rel: 1e-5))
    }

    @Test func unknownPresetNamesTheKnownOnes() {
        #expect(throws: PlanningError.unknownPreset(name: "gpt3", known: ["deepseek2024", "steplaw2025"])) {
            try HyperparameterLaw.preset("gpt3")
        }
    }

    /// A sweep simulated from η* = 0.5·C^−0.1 (and B* = 0.3·C^0.33): per cell the loss is
    /// L0 + κ(ln η − ln η*)² (+ the batch term) + N(0, 0.002²), on a grid not centred on the
    /// optimum. The fitted exponents and coefficients must cover the truth.
    static func simulatedSweep(batch: Bool, seed: UInt64) -> [SweepRun] {
        var g = SeededGenerator(seed: seed)
        var runs: [SweepRun] = []
        for c in [1e17, 3e17, 1e18, 3e18, 1e19, 3e19] {
            let lrStar = 0.5 * pow(c, -0.1)
            let bStar = 0.3 * pow(c, 0.33)
            let shift = 0.6 * (g.nextUniform() - 0.5)
            let shiftB = 0.6 * (g.nextUniform() - 0.5)
            let l0 = 3 - 0.05 * log10(c)
            for i in 0..<7 {
                let x = log(lrStar) + shift + (Double(i) - 3) * 0.5
                let zs: [Double?] = batch ? (0..<5).map { k in log(bStar) + shiftB + (Double(k) - 2) * 0.6 } : [nil]
                for z in zs {
                    var loss = l0 + 0.02 * pow(x - log(lrStar), 2) + 0.002 * g.nextNormal()
                    if let z { loss += 0.015 * pow(z - log(bStar), 2) }
                    runs.append(SweepRun(c: c, learningRate: exp(x), batchSize: z.map { exp($0) }, loss: loss))
                }
            }
        }
        return runs
    }

    @Test func recoversALearningRateLaw() throws {
        let fit = try HyperparameterSweepFitter.fit(Self.simulatedSweep(batch: false, seed: 7), variables: .compute)
        #expect(fit.cells.count == 6)
        #expect(fit.refusals.isEmpty)
        let lr = fit.law.learningRate
        let a = try #require(lr.exponentIntervals?.first)
        #expect(a.contains(-0.1), "exponent interval \(a)")
        #expect(try #require(lr.coefficientInterval).contains(0.5))
        #expect(abs(lr.exponents[0] + 0.1) < 0.03)
        // Each cell's interval covers its true optimum.
        var covered = 0
        for cell in fit.cells where cell.learningRateInterval?.contains(0.5 * pow(cell.c ?? 1, -0.1)) == true { covered += 1 }
        #expect(covered >= 5)
    }

    @Test func recoversLearningRateAndBatchLaws() throws {
        let fit = try HyperparameterSweepFitter.fit(Self.simulatedSweep(batch: true, seed: 11), variables: .compute)
        #expect(fit.cells.count == 6)
        let b = try #require(fit.law.batchSize)
        #expect(try #require(b.exponentIntervals?.first).contains(0.33), "batch exponent \(b.exponents) \(String(describing: b.exponentIntervals))")
        #expect(try #require(fit.law.learningRate.exponentIntervals?.first).contains(-0.1))
    }

    @Test func oneLearningRatePerCellIsRefusedByName() {
        let runs = [SweepRun(c: 1e18, learningRate: 1e-3, loss: 3), SweepRun(c: 1e18, learningRate: 1e-3, loss: 3.1)]
        #expect(throws: PlanningError.tooFewSettings(cell: "C=1e+18", what: "learning rates", got: 1, needed: 3)) {
            try HyperparameterSweepFitter.fit(runs, variables: .compute)
        }
        #expect(PlanningError.tooFewSettings(cell: "C=1e+18", what: "learning rates", got: 1, needed: 3).description
                == "sweep cell C=1e+18 has 1 distinct learning rates; a quadratic in log learning rates needs at least 3")
    }

    @Test func unbracketedCellsAreRefusedAndListed() throws {
        var runs = Self.simulatedSweep(batch: false, seed: 7)
        // A cell whose loss keeps falling as the learning rate grows: no bracketed minimum.
        for i in 0..<5 { runs.append(SweepRun(c: 5e19, learningRate: 1e-4 * pow(2, Double(i)), loss: 3 - 0.01 * Double(i) - 0.001 * Double(i * i))) }
        let fit = try HyperparameterSweepFitter.fit(runs, variables: .compute)
        #expect(fit.cells.count == 6)
        #expect(fit.refusals.map(\.label) == ["C=5e+19"])
    }

    /// A sweep over (N, D) cells simulated from Step Law's η = 1.79·N^−0.713·D^0.307 (Li et al.
    /// 2025) with noise: the (N, D) power law's intervals cover both exponents.
    @Test func recoversAnNDLaw() throws {
        var g = SeededGenerator(seed: 5)
        var runs: [SweepRun] = []
        for n in [1e8, 3e8, 1e9] {
            for d in [2e9, 1e10, 5e10] {
                let star = 1.79 * pow(n, -0.713) * pow(d, 0.307)
                let shift = 0.5 * (g.nextUniform() - 0.5)
                for i in 0..<7 {
                    let x = log(star) + shift + (Double(i) - 3) * 0.5
                    runs.append(SweepRun(n: n, d: d, learningRate: exp(x), loss: 3 + 0.03 * pow(x - log(star), 2) + 0.002 * g.nextNormal()))
                }
            }
        }
        let fit = try HyperparameterSweepFitter.fit(runs, variables: .sizeAndTokens)
        #expect(fit.cells.count == 9)
        let intervals = try #require(fit.law.learningRate.exponentIntervals)
        #expect(intervals[0].contains(-0.713), "N exponent \(fit.law.learningRate.exponents[0]) in \(intervals[0])")
        #expect(intervals[1].contains(0.307), "D exponent \(fit.law.learningRate.exponents[1]) in \(intervals[1])")
    }
}
