import Foundation
import NonlinearFit
import ScalingLaws

/// Where to predict a task: a model of `N` parameters trained on `D` tokens, or the
/// compute-optimal point of a budget `C` (C = 6ND) under each task's step-1 law.
public enum TaskTarget: Sendable, Equatable, Codable {
    /// A model of `parameters` trained on `tokens`.
    case model(parameters: Double, tokens: Double)
    /// The compute-optimal point of a budget `C` in FLOP.
    case budget(Double)
}

/// The checkpoint noise of a task (the paper's variance analysis, Bhagia et al. 2024; the authors' `variance_analysis.py`, `--last_n_points 10`): the
/// population standard deviation of the task loss and of the accuracy over the last `window`
/// raw checkpoints of the ladder's largest run (largest N, then largest D).
public struct TaskNoise: Sendable, Equatable, Codable {
    /// The run whose checkpoints were used.
    public let run: String
    /// Checkpoints in the window.
    public let window: Int
    /// Population standard deviation of the task loss over the window.
    public let lossSD: Double
    /// Population standard deviation of the accuracy over the window.
    public let accuracySD: Double
}

/// One task predicted at one target: the chain's task loss and accuracy with bootstrap
/// intervals, step 2's residual scatter, the paper's variants, and whether the task is
/// predictable.
public struct TaskForecast: Sendable, Equatable, Codable {
    /// The task.
    public let task: String
    /// Its task-loss column.
    public let lossColumn: String
    /// Its accuracy column.
    public let accuracyColumn: String
    /// The target (for a budget, the task's compute-optimal point under its step-1 law).
    public let parameters: Double
    /// Training tokens `D` of the target.
    public let tokens: Double
    /// Step 1's predicted task loss at the target.
    public let loss: Double
    /// Its bootstrap interval, or `nil`.
    public let lossInterval: PropagatedInterval?
    /// The chain's predicted accuracy at the target.
    public let accuracy: Double
    /// Its bootstrap interval, or `nil`.
    public let accuracyInterval: PropagatedInterval?
    /// Step 2's RMS residual and the number of checkpoints it was fitted on.
    public let step2Residual: Double
    /// Checkpoints step 2 was fitted on.
    public let step2Points: Int
    /// Variant: accuracy in one step from (N, D) (`nil` when its fit failed).
    public let singleStep: Double?
    /// Variant: step 1, then step 2 fitted on final points only.
    public let finalOnlyStep2: Double?
    /// Step 1's fitted E, A, B, α, β and step 2's a, k, L0, b.
    public let step1: [Double]
    /// Step 2's fitted `a, k, L0, b`.
    public let step2: [Double]
    /// The task's chance accuracy, when known.
    public let chance: Double?
    /// The best and the spread of the runs' final accuracies.
    public let bestAccuracy: Double
    /// The spread (largest minus smallest) of the runs' final accuracies.
    public let accuracySpread: Double
    /// The checkpoint noise of the task, when the largest run has enough checkpoints.
    public let noise: TaskNoise?
    /// Why the prediction may not be trusted (each worded in reports).
    public let concerns: [TaskConcern]

    /// Whether no concern makes the task unpredictable.
    public var predictable: Bool { !concerns.contains(where: \.makesUnpredictable) }
}

/// The two-step task prediction of Bhagia et al. 2024, "Establishing Task Scaling Laws via
/// Compute-Efficient Model Ladders" (arXiv:2412.04403), for every task of a ladder:
///
/// ```
/// step 1:  L(N, D) = E + A/N^α + B/D^β                 on each run's final point  (step 1)
/// step 2:  Acc(L)  = a/(1 + exp(−k(L − L0))) + b       on every checkpoint        (step 2)
/// chain:   Acc(N, D) = Acc(L(N, D))
/// ```
/// Intervals come from a joint bootstrap over runs: each resample draws the ladder's runs with
/// replacement, refits both steps on the drawn runs' points (a run's final point and all its
/// checkpoints together), and chains again; the interval is the percentile interval of the
/// resampled predictions, widened to hold the estimate (``PropagatedInterval``). Same seed, same
/// resamples, bit-identical intervals.
public enum TaskForecaster {
    /// Predictions of every task of `ladder` at each target (one array per target, tasks in
    /// ladder order).
    /// - Throws: `ScalingLaws/TaskError` and the fitter's errors.
    public static func forecast(_ ladder: TaskLadder, targets: [TaskTarget], method: TaskMethod = TaskMethod()) throws -> [[TaskForecast]] {
        try method.validate()
        var out = [[TaskForecast]](repeating: [], count: targets.count)
        for index in ladder.tasks.indices {
            let points = TaskPoints(ladder: ladder, task: index, method: method)
            let runs = points.finals.map(\.run)
            let context = TaskContext(ladder: ladder, points: points, runs: runs, method: method)
            let full: TaskChainFit
            do {
                full = try TaskChainFit.fit(points, runs: runs, seed: method.seed)
            } catch let error as TaskError {
                throw error
            } catch {
                // One task that cannot be fitted (a flat accuracy, say) does not stop the others.
                for t in targets.indices { out[t].append(context.unfitted(columns: ladder.tasks[index], target: targets[t], reason: "\(error)")) }
                continue
            }
            let models = try targets.map { target -> (Double, Double) in
                switch target {
                case let .model(n, d):
                    guard n.isFinite, n > 0 else { throw DecisionError.invalidValue(what: "model size N", value: n) }
                    guard d.isFinite, d > 0 else { throw DecisionError.invalidValue(what: "training tokens D", value: d) }
                    return (n, d)
                case let .budget(c):
                    let optimizer = try ComputeOptimizer(law: TaskChainFit.lossLaw, parameters: full.step1.values)
                    let allocation = try optimizer.allocation(budget: c)
                    return (allocation.parameters, allocation.tokens)
                }
            }
            let predictions = try predict(points, runs: runs, at: models, full: full, method: method)
            for (t, model) in models.enumerated() {
                out[t].append(context.forecast(
                    columns: ladder.tasks[index], model: model, full: full, prediction: predictions[t], failures: predictions.failures))
            }
        }
        return out
    }

    /// The chain's estimates and bootstrap intervals at `models`.
    struct Predictions {
        var loss: [Double] = []
        var accuracy: [Double] = []
        var lossIntervals: [PropagatedInterval?] = []
        var accuracyIntervals: [PropagatedInterval?] = []
        var failures = 0
        var resamples = 0

        subscript(t: Int) -> (loss: Double, accuracy: Double, lossInterval: PropagatedInterval?, accuracyInterval: PropagatedInterval?) {
            (loss[t], accuracy[t], lossIntervals[t], accuracyIntervals[t])
        }
    }

    /// Estimates from `full` and a joint bootstrap over `runs`.
    static func predict(_ points: TaskPoints, runs: [Int], at models: [(Double, Double)], full: TaskChainFit, method: TaskMethod) throws -> Predictions {
        var p = Predictions()
        p.loss = models.map { full.loss(parameters: $0.0, tokens: $0.1) }
        p.accuracy = models.map { full.accuracy(parameters: $0.0, tokens: $0.1) }
        var lossDraws = [[Double]](repeating: [], count: models.count)
        var accuracyDraws = [[Double]](repeating: [], count: models.count)
        var generator = SeededGenerator(seed: method.seed)
        p.resamples = method.bootstrap
        for _ in 0..<method.bootstrap {
            let drawn = runs.indices.map { _ in runs[Int.random(in: 0..<runs.count, using: &generator)] }
            guard let refit = try? TaskChainFit.fit(points, runs: drawn, seed: method.seed, warmStart: full) else {
                p.failures += 1
                continue
            }
            for (t, model) in models.enumerated() {
                lossDraws[t].append(refit.loss(parameters: model.0, tokens: model.1))
                accuracyDraws[t].append(refit.accuracy(parameters: model.0, tokens: model.1))
            }
        }
        for t in models.indices {
            let enough = method.bootstrap > 0
            p.lossIntervals.append(enough ? PropagatedInterval.make(estimate: p.loss[t], values: lossDraws[t], level: method.confidenceLevel) : nil)
            p.accuracyIntervals.append(enough ? PropagatedInterval.make(estimate: p.accuracy[t], values: accuracyDraws[t], level: method.confidenceLevel) : nil)
        }
        return p
    }
}

/// What a forecast row needs beyond the chain: variants, noise and concerns.
struct TaskContext {
    let ladder: TaskLadder
    let points: TaskPoints
    let runs: [Int]
    let method: TaskMethod

    var chance: Double? { method.chance(of: points.task) }

    /// The paper's variance measure on the largest run (largest N, then D).
    var noise: TaskNoise? {
        guard let largest = runs.max(by: {
            let a = ladder.runs[$0].run, b = ladder.runs[$1].run
            return (a.parameters, a.tokens) < (b.parameters, b.tokens)
        }) else { return nil }
        let index = ladder.tasks.firstIndex { $0.task == points.task } ?? 0
        let series = ladder.runs[largest].series[index]
        let w = Swift.min(method.noiseWindow, series.count)
        guard w >= 2 else { return nil }
        return TaskNoise(run: ladder.runs[largest].run.run, window: w,
                         lossSD: Self.populationSD(series.loss.suffix(w)), accuracySD: Self.populationSD(series.accuracy.suffix(w)))
    }

    static func populationSD(_ values: ArraySlice<Double>) -> Double {
        let mean = values.reduce(0, +) / Double(values.count)
        var sum = 0.0
        for v in values { sum += (v - mean) * (v - mean) }
        return (sum / Double(values.count)).squareRoot()
    }

    /// The row of a task whose chain could not be fitted.
    func unfitted(columns: TaskColumns, target: TaskTarget, reason: String) -> TaskForecast {
        let (n, d): (Double, Double) = { if case let .model(n, d) = target { (n, d) } else { (.nan, .nan) } }()
        let finals = points.finals.filter { runs.contains($0.run) }.map(\.accuracy)
        return TaskForecast(
            task: columns.task, lossColumn: columns.loss, accuracyColumn: columns.accuracy, parameters: n, tokens: d, loss: .nan,
            lossInterval: nil, accuracy: .nan, accuracyInterval: nil, step2Residual: .nan, step2Points: 0, singleStep: nil,
            finalOnlyStep2: nil, step1: [], step2: [], chance: chance, bestAccuracy: finals.max() ?? .nan,
            accuracySpread: (finals.max() ?? .nan) - (finals.min() ?? .nan), noise: noise, concerns: [.fitFailed(reason: reason)])
    }

    func forecast(columns: TaskColumns, model: (Double, Double), full: TaskChainFit,
                  prediction: (loss: Double, accuracy: Double, lossInterval: PropagatedInterval?, accuracyInterval: PropagatedInterval?),
                  failures: Int) -> TaskForecast {
        let finals = points.finals.filter { runs.contains($0.run) }.map(\.accuracy)
        let best = finals.max() ?? .nan
        let spread = (finals.max() ?? .nan) - (finals.min() ?? .nan)
        let noise = self.noise
        var concerns: [TaskConcern] = []
        if let chance, best - chance < method.chanceMargin {
            concerns.append(.nearChance(best: best, chance: chance, margin: method.chanceMargin))
        }
        if let noise, spread > 0, noise.accuracySD > method.maximumNoiseToSignal * spread {
            concerns.append(.noisy(noise: noise.accuracySD, spread: spread, limit: method.maximumNoiseToSignal, run: noise.run, window: noise.window))
        }
        if failures > 0 { concerns.append(.failedResamples(failed: failures, of: method.bootstrap)) }
        let single = (try? TaskVariant.singleStep(points, runs: runs, chance: chance ?? 0.25)).map {
            $0.law.evaluate([model.0, model.1], $0.fit.values)
        }
        let finalOnly = (try? TaskVariant.finalOnlyStep2(points, runs: runs)).map {
            TaskChainFit.accuracyLaw.evaluate([prediction.loss], $0.values)
        }
        return TaskForecast(
            task: columns.task, lossColumn: columns.loss, accuracyColumn: columns.accuracy, parameters: model.0, tokens: model.1,
            loss: prediction.loss, lossInterval: prediction.lossInterval, accuracy: prediction.accuracy,
            accuracyInterval: prediction.accuracyInterval, step2Residual: full.step2Residual, step2Points: full.step2Points,
            singleStep: single.flatMap { $0.isFinite ? $0 : nil }, finalOnlyStep2: finalOnly.flatMap { $0.isFinite ? $0 : nil },
            step1: full.step1.values, step2: full.step2.values, chance: chance, bestAccuracy: best, accuracySpread: spread,
            noise: noise, concerns: concerns)
    }
}
