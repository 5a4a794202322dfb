import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Backtests, cross-validation and comparisons with known answers.
@Suite("Backtest and comparison")
struct BacktestTests {
    /// Noiseless Chinchilla losses from Epoch's constants on a 6 × 6 grid of N and D.
    static func noiseless() throws -> Dataset {
        let p = ChinchillaParameters.epoch2024
        var n: [Double] = [], d: [Double] = [], loss: [Double] = []
        for i in 0..<6 {
            for j in 0..<6 {
                let size = 5e7 * pow(10, Double(i) * 0.5)
                let tokens = 1e9 * pow(10, Double(j) * 0.5)
                n.append(size)
                d.append(tokens)
                loss.append(p.e + p.a / pow(size, p.alpha) + p.b / pow(tokens, p.beta))
            }
        }
        return try Dataset(columns: ["N": n, "D": d, "loss": loss])
    }

    static let options = LawFitOptions(objective: .logLeastSquares)

    @Test("noiseless data: held-out predictions are exact whatever the rule",
          arguments: [HoldoutRule.largest(count: 8), .above(column: "N", value: 2e9), .rollout(column: "N"),
                     .rightCensored(fractions: [0.1, 0.3, 0.5])])
    func noiselessIsExact(rule: HoldoutRule) throws {
        let data = try Self.noiseless()
        let result = try Backtest.run(law: ChinchillaLaw(), data: data, rule: rule, fitOptions: Self.options)
        #expect(!result.predictions.isEmpty)
        for p in result.predictions {
            #expect(abs(p.relativeError) < 1e-7, "line \(p.line): relative error \(p.relativeError)")
        }
        #expect(result.overall.meanAbsoluteRelativeError < 1e-7)
    }

    @Test("a fold stopped at its iteration limit is noted in the solver's own words, as every report prints them")
    func stoppedFoldWords() throws {
        var options = LawFitOptions(objective: .logLeastSquares, starts: .single)
        options.maxIterations = 1
        let result = try Backtest.run(law: ChinchillaLaw(), data: try Self.noiseless(), rule: .largest(count: 8), fitOptions: options)
        #expect(result.folds.allSatisfy { !$0.converged })
        #expect(result.notes.contains("fold 0: the fit did not converge (stopped: iteration limit reached)"), "\(result.notes)")
        #expect(!result.notes.contains { $0.contains("max-iterations") })
    }

    /// The largest compute is N = 1.58e10, D = 3.16e11 (C = 3e22); with the 8 largest held out,
    /// the training maximum is the 9th largest C. Distances are log10(C / that).
    @Test("distances are orders of magnitude of 6ND beyond the largest training budget")
    func distances() throws {
        let data = try Self.noiseless()
        let result = try Backtest.run(law: ChinchillaLaw(), data: data, rule: .largest(count: 8), fitOptions: Self.options)
        let n = try data.column("N"), d = try data.column("D")
        let budgets = n.indices.map { 6 * n[$0] * d[$0] }.sorted()
        let trainingMax = budgets[budgets.count - 9]
        #expect(result.distanceVariable == "C = 6ND")
        #expect(result.folds.count == 1 && result.folds[0].trainingRows == 28)
        let far = try #require(result.predictions.max { $0.distance < $1.distance })
        #expect(isClose(far.distance, log10(budgets.last! / trainingMax), rel: 1e-12))
        #expect(isClose(far.variable, 6 * (5e7 * pow(10, 2.5)) * (1e9 * pow(10, 2.5)), rel: 1e-12))
    }

    /// 36 rows: fractions 0.1, 0.3, 0.5, 0.7 hold out ⌈3.6⌉ = 4, ⌈10.8⌉ = 11, 18 and ⌈25.2⌉ = 26
    /// of the largest budgets; each fold trains on the rest (Owen 2024's right-censoring).
    @Test("right-censored: one fold per fraction, each holding out the ⌈f·n⌉ largest budgets")
    func rightCensoredFolds() throws {
        let data = try Self.noiseless()
        let result = try Backtest.run(law: ChinchillaLaw(), data: data, rule: .rightCensored(fractions: [0.1, 0.3, 0.5, 0.7]),
                                      fitOptions: Self.options)
        #expect(result.folds.map(\.heldOutRows) == [4, 11, 18, 26])
        #expect(result.folds.map(\.trainingRows) == [32, 25, 18, 10])
        #expect(result.predictions.count == 4 + 11 + 18 + 26)
        let n = try data.column("N"), d = try data.column("D")
        let budgets = n.indices.map { 6 * n[$0] * d[$0] }.sorted()
        // The fold holding out 26 trains on the 10 smallest budgets: its maximum is the 10th.
        #expect(isClose(result.folds[3].trainingMaximum, budgets[9], rel: 1e-12))
        #expect(result.rule.description == "hold out the largest 10%, 30%, 50%, 70% by compute")
    }

    @Test("right-censored: a fraction outside (0, 1) or one that leaves too few training rows is refused, naming it")
    func rightCensoredRefusals() throws {
        let data = try Self.noiseless()
        #expect(throws: LawFitError.invalidOption("right-censored backtest: held-out fraction 1.0: expected a number in (0, 1)")) {
            try Backtest.run(law: ChinchillaLaw(), data: data, rule: .rightCensored(fractions: [0.5, 1]), fitOptions: Self.options)
        }
        #expect(throws: LawFitError.invalidOption(
            "right-censored backtest: holding out 33 of 36 rows (fraction 0.9) leaves 3 training rows, not more than the 5 free parameters")) {
            try Backtest.run(law: ChinchillaLaw(), data: data, rule: .rightCensored(fractions: [0.9]), fitOptions: Self.options)
        }
    }

    @Test("rollout: one fold per value of the column from the third on, each predicting the next value")
    func rolloutFolds() throws {
        let data = try Self.noiseless()
        let result = try Backtest.run(law: ChinchillaLaw(), data: data, rule: .rollout(column: "N"), fitOptions: Self.options)
        // 6 distinct N: folds train on the first 3, 4, 5 values.
        #expect(result.folds.map(\.trainingRows) == [18, 24, 30])
        #expect(result.folds.map(\.heldOutRows) == [6, 6, 6])
        for p in result.predictions {
            #expect(isClose(p.distance, 0.5, rel: 1e-12), "each held-out N is half a decade beyond the training N")
        }
    }

    @Test("invalid holdouts name the rule and the expected values")
    func invalidHoldouts() throws {
        let data = try Self.noiseless()
        #expect(throws: LawFitError.invalidOption("--holdout largest:36: expected a count from 1 to 35 (the data have 36 rows)")) {
            try Backtest.run(law: ChinchillaLaw(), data: data, rule: .largest(count: 36), fitOptions: Self.options)
        }
        #expect(throws: LawFitError.invalidOption("--holdout above:N=1e+12: no row has N above that value (N ranges over [5e+07, 1.58114e+10])")) {
            try Backtest.run(law: ChinchillaLaw(), data: data, rule: .above(column: "N", value: 1e12), fitOptions: Self.options)
        }
    }

    @Test("cross-validation: noiseless data give zero error; the seed fixes the folds")
    func crossValidation() throws {
        let data = try Self.noiseless()
        let cv = try CrossValidation.run(law: ChinchillaLaw(), data: data, folds: 4, seed: 7, fitOptions: Self.options)
        #expect(cv.rmse < 1e-7 && cv.scored == 36 && cv.failedFolds == 0)
        let noisy = try FitDiagnosticsTests.chinchilla(n: try data.column("N"), d: try data.column("D"), sigma: 0.01)
        let a = try CrossValidation.run(law: ChinchillaLaw(), data: noisy, folds: 4, seed: 7, fitOptions: Self.options)
        let b = try CrossValidation.run(law: ChinchillaLaw(), data: noisy, folds: 4, seed: 7, fitOptions: Self.options)
        let c = try CrossValidation.run(law: ChinchillaLaw(), data: noisy, folds: 4, seed: 8, fitOptions: Self.options)
        #expect(a.rmse == b.rmse)
        #expect(a.rmse != c.rmse)
        // Out-of-sample error exceeds the 1% noise it was simulated with, but not by much.
        #expect(a.rmse > 0.008 && a.rmse < 0.02, "CV RMSE \(a.rmse)")
    }

    /// y = 1 + 2x^(−0.5) with 1% noise: the power law without floor (nested in the floored one)
    /// is rejected by the likelihood ratio; the true constants of the floored law are not.
    @Test("likelihood ratio rejects the nested law without the floor; true constants are not rejected")
    func nestedAndConstants() throws {
        let x = (0..<40).map { pow(10, Double($0) / 13) }
        let data = try FitDiagnosticsTests.data(x, sigma: 0.01) { 1 + 2 * pow($0, -0.5) }
        var options = LawComparisonOptions()
        options.hypothesis = ["E": 1, "A": 2, "alpha": 0.5]
        options.hypothesisName = "truth"
        let comparison = try LawComparison.run(
            laws: [PowerLawFloor(), PowerLaw()], data: data, fitOptions: LawFitOptions(objective: .logLeastSquares), options: options)
        let nested = try #require(comparison.tests.first { $0.hypothesis == "power-law nested in power-law-floor" })
        #expect(nested.degreesOfFreedom == 1 && nested.pValue < 1e-10, "\(nested)")
        let truth = try #require(comparison.tests.first { $0.statistic == "likelihood ratio" && $0.hypothesis.contains("truth") })
        #expect(truth.degreesOfFreedom == 3 && truth.pValue > 0.01, "\(truth)")
        let floor = try #require(comparison.entries.first { $0.law == "power-law-floor" })
        let plain = try #require(comparison.entries.first { $0.law == "power-law" })
        #expect(floor.aic < plain.aic && floor.bic < plain.bic)
        // AICc = AIC + 2k(k+1)/(n−k−1) with k = 3, n = 40.
        #expect(isClose(try #require(floor.aicc), floor.aic + 24.0 / 36.0, rel: 1e-12))
    }
}
