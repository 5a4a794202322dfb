import Foundation
import NonlinearFit
import Testing
@testable import Forecast
@testable import ScalingLaws

/// The two-step task chain of Bhagia et al. 2024 (arXiv:2412.04403) on a synthetic ladder with
/// known parameters: 4 sizes × 5 token multiples, 100 checkpoints per run; the task loss of a
/// checkpoint is `L(N, D_t)·(1 + ε)`, ε ~ N(0, 0.004²), and its accuracy `Acc(loss) + η`,
/// η ~ N(0, 0.008²) (step 2 holds for the measured loss, so the chain is correctly specified).
struct TaskForecastSyntheticTests {
    /// Step 1: E, A, B, α, β. Step 2: a, k, L0, b.
    static let step1 = [0.4, 300.0, 800.0, 0.3, 0.3]
    static let step2 = [-0.7, 4.0, 1.6, 0.95]
    static let target = (n: 7e9, d: 4e12)

    static func truth(_ n: Double, _ d: Double) -> (loss: Double, accuracy: Double) {
        let loss = ChinchillaLaw().evaluate([n, d], step1)
        return (loss, LossToAccuracyLaw().evaluate([loss], step2))
    }

    static func normal(_ g: inout SeededGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &g)
        let v = Double.random(in: 0..<1, using: &g)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// The synthetic ladder of one trial.
    static func ladder(seed: UInt64) -> TaskLadder {
        var g = SeededGenerator(seed: seed)
        var runs: [TaskRun] = []
        for n in [1.9e8, 3.7e8, 7.6e8, 1.28e9] {
            for mult in [0.5, 1, 2, 5, 10] {
                let d = 20 * n * mult
                var losses: [Double] = []
                var accuracies: [Double] = []
                for t in 1...100 {
                    let loss = truth(n, d * Double(t) / 100).loss * (1 + 0.004 * normal(&g))
                    losses.append(loss)
                    accuracies.append(LossToAccuracyLaw().evaluate([loss], step2) + 0.008 * normal(&g))
                }
                let name = "\(n)-\(mult)xC"
                let run = LadderRun(
                    run: name, path: name, fields: [:], parameters: n, parametersSource: "synthetic", tokens: d, tokensSource: "synthetic",
                    compute: 6 * n * d, computeSource: "6ND", rows: 100, evaluations: 100, firstStep: 1, lastStep: 100, schedule: nil,
                    metric: "task_bpb", value: losses[99], step: 100, finalValue: losses[99])
                runs.append(TaskRun(run: run, series: [TaskSeries(loss: losses, accuracy: accuracies)]))
            }
        }
        return TaskLadder(tasks: [TaskColumns(task: "task", loss: "task_bpb", accuracy: "task_acc")], runs: runs, warnings: [])
    }

    @Test("Known parameters: the chained accuracy and task loss at 7B/4T fall in their 95% bootstrap intervals in ≥ 4 of 5 seeded trials, estimates within 0.02")
    func recovery() throws {
        let truth = Self.truth(Self.target.n, Self.target.d)
        var method = TaskMethod()
        method.bootstrap = 100
        var accuracyCovered = 0
        var lossCovered = 0
        for trial in 0..<5 {
            method.seed = UInt64(trial)
            let forecast = try #require(TaskForecaster.forecast(
                Self.ladder(seed: 100 + UInt64(trial)), targets: [.model(parameters: Self.target.n, tokens: Self.target.d)], method: method).first?.first)
            let accuracy = try #require(forecast.accuracyInterval)
            let loss = try #require(forecast.lossInterval)
            #expect(abs(forecast.accuracy - truth.accuracy) < 0.02, "trial \(trial): \(forecast.accuracy) vs \(truth.accuracy)")
            #expect(abs(forecast.loss / truth.loss - 1) < 0.03, "trial \(trial): \(forecast.loss) vs \(truth.loss)")
            if accuracy.lower <= truth.accuracy, truth.accuracy <= accuracy.upper { accuracyCovered += 1 }
            if loss.lower <= truth.loss, truth.loss <= loss.upper { lossCovered += 1 }
            // Step 2 on ~1,800 checkpoints recovers the sigmoid; its residual scatter is the noise η.
            #expect(abs(forecast.step2[1] - Self.step2[1]) < 0.4, "k = \(forecast.step2[1])")
            #expect(abs(forecast.step2[2] - Self.step2[2]) < 0.1, "L0 = \(forecast.step2[2])")
            #expect(abs(forecast.step2Residual - 0.008 / 5.0.squareRoot()) < 0.002, "residual \(forecast.step2Residual)")
            #expect(forecast.predictable)
        }
        #expect(accuracyCovered >= 4, "accuracy covered in \(accuracyCovered) of 5 trials (truth \(truth.accuracy))")
        #expect(lossCovered >= 4, "loss covered in \(lossCovered) of 5 trials (truth \(truth.loss))")
    }

    @Test("Same seed, bit-identical intervals; another seed, other intervals")
    func determinism() throws {
        var method = TaskMethod()
        method.bootstrap = 20
        let ladder = Self.ladder(seed: 7)
        let targets: [TaskTarget] = [.model(parameters: 7e9, tokens: 4e12)]
        let a = try TaskForecaster.forecast(ladder, targets: targets, method: method)
        let b = try TaskForecaster.forecast(ladder, targets: targets, method: method)
        #expect(a == b)
        method.seed = 1
        let c = try TaskForecaster.forecast(ladder, targets: targets, method: method)
        #expect(a[0][0].accuracy == c[0][0].accuracy)
        #expect(a[0][0].accuracyInterval != c[0][0].accuracyInterval)
    }

    @Test("The backtest holds out the largest size and predicts its five runs from the other three sizes within 0.03")
    func backtest() throws {
        var method = TaskMethod()
        method.bootstrap = 0
        let result = try TaskBacktest.run(Self.ladder(seed: 3), method: method)
        #expect(result.heldOut.count == 5)
        #expect(result.heldOutParameters == 1.28e9)
        #expect(result.rows.count == 5)
        for row in result.rows {
            #expect(abs(row.accuracyError) < 0.03, "\(row.run): \(row.accuracy) vs \(row.actualAccuracy)")
            #expect(abs(row.lossRelativeError) < 0.02, "\(row.run): \(row.loss) vs \(row.actualLoss)")
            #expect(row.accuracyInterval == nil)
        }
    }

    @Test("A task at chance is flagged with its numbers, and so is one whose checkpoints are noisier than the ladder's spread")
    func flags() throws {
        var method = TaskMethod()
        method.bootstrap = 0
        let ladder = Self.ladder(seed: 5)
        // Accuracy pinned near chance 0.25 with noise: the best final accuracy stays below 0.30.
        var g = SeededGenerator(seed: 9)
        let chance = TaskLadder(tasks: [TaskColumns(task: "hellaswag_x", loss: "l", accuracy: "a")], runs: ladder.runs.map { run in
            let s = run.series[0]
            return TaskRun(run: run.run, series: [TaskSeries(loss: s.loss, accuracy: s.loss.map { _ in 0.25 + 0.01 * Self.normal(&g) })])
        }, warnings: [])
        let forecast = try #require(TaskForecaster.forecast(chance, targets: [.model(parameters: 7e9, tokens: 4e12)], method: method).first?.first)
        #expect(!forecast.predictable)
        guard case let .nearChance(best, chanceLevel, margin)? = forecast.concerns.first else {
            Issue.record("expected near chance, got \(forecast.concerns)")
            return
        }
        #expect(chanceLevel == 0.25 && margin == 0.05 && best < 0.3)
        #expect(forecast.concerns.contains { if case .noisy = $0 { true } else { false } })
    }

    @Test("A budget's target is the compute-optimal point of the task's step-1 law: 6ND = C, and a lower loss than its neighbours on the iso-FLOP curve")
    func budget() throws {
        var method = TaskMethod()
        method.bootstrap = 0
        let ladder = Self.ladder(seed: 11)
        let c = 1e23
        let forecast = try #require(TaskForecaster.forecast(ladder, targets: [.budget(c)], method: method).first?.first)
        #expect(abs(6 * forecast.parameters * forecast.tokens / c - 1) < 1e-9)
        let law = ChinchillaLaw()
        for factor in [1.5, 1 / 1.5] {
            let neighbour = law.evaluate([forecast.parameters * factor, forecast.tokens / factor], forecast.step1)
            #expect(forecast.loss < neighbour, "factor \(factor)")
        }
        // The true law's optimum for comparison: N* = G·(C/6)^(β/(α+β)) with α = β, so N* = D* = (C/6)^½ up to G = (αA/βB)^(1/(α+β)).
        let g = pow(Self.step1[3] * Self.step1[1] / (Self.step1[4] * Self.step1[2]), 1 / (Self.step1[3] + Self.step1[4]))
        let trueN = g * (c / 6).squareRoot()
        #expect(abs(log(forecast.parameters / trueN)) < log(3.0), "N* = \(forecast.parameters) vs \(trueN)")
    }

    @Test("Moving average: partial windows at the start, then the trailing mean of w values")
    func movingAverage() {
        let smoothed = TaskPoints.movingAverage([1, 2, 3, 4, 5, 6], window: 3)
        #expect(smoothed == [1, 1.5, 2, 3, 4, 5])
    }

    @Test("Settings out of their domain are one-line errors")
    func badSettings() {
        var method = TaskMethod()
        method.bootstrap = 3
        #expect(throws: TaskError.invalidSetting(option: "--bootstrap", value: "3", expected: "0 (no intervals) or at least 10 resamples")) {
            try method.validate()
        }
        #expect(TaskError.invalidSetting(option: "--bootstrap", value: "3", expected: "0 (no intervals) or at least 10 resamples").description
                == "--bootstrap 3: expected 0 (no intervals) or at least 10 resamples")
    }
}
