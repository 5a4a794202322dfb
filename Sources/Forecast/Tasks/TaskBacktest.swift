import Foundation
import ScalingLaws

/// One held-out run of one task in the ladder backtest: the chain fitted on the smaller rungs,
/// evaluated at the run's (N, D), against the run's own final point.
public struct TaskBacktestRow: Sendable, Equatable, Codable {
    /// The task.
    public let task: String
    /// The held-out run.
    public let run: String
    /// Its parameters `N`.
    public let parameters: Double
    /// Its training tokens `D`.
    public let tokens: Double
    /// The run's final point (mean of its last w evaluations, as step 1's points).
    public let actualLoss: Double
    /// The run's final accuracy (as ``actualLoss``).
    public let actualAccuracy: Double
    /// Step 1's predicted task loss at the run's `(N, D)`.
    public let loss: Double
    /// Its interval, or `nil` without bootstrap.
    public let lossInterval: PropagatedInterval?
    /// The chain's predicted accuracy at the run's `(N, D)`.
    public let accuracy: Double
    /// Its interval, or `nil` without bootstrap.
    public let accuracyInterval: PropagatedInterval?
    /// The paper's variants at the run.
    public let singleStep: Double?
    /// The chain with step 2 fitted on final points only, or `nil`.
    public let finalOnlyStep2: Double?

    /// `(predicted − actual)/actual` of the task loss.
    public var lossRelativeError: Double { (loss - actualLoss) / actualLoss }
    /// `predicted − actual` accuracy (absolute, in accuracy units).
    public var accuracyError: Double { accuracy - actualAccuracy }
    /// Whether the accuracy interval holds the actual accuracy (`nil` without intervals).
    public var accuracyCovered: Bool? { accuracyInterval.map { $0.lower <= actualAccuracy && actualAccuracy <= $0.upper } }
    /// Whether the loss interval holds the actual loss (`nil` without intervals).
    public var lossCovered: Bool? { lossInterval.map { $0.lower <= actualLoss && actualLoss <= $0.upper } }
}

/// The ladder backtest of the task prediction (Bhagia et al. 2024, arXiv:2412.04403: the
/// ladder predicts a larger model it was not fitted on): hold out every run of the largest model
/// size, fit both steps on the smaller rungs, and predict each held-out run.
public struct TaskBacktest: Sendable, Equatable, Codable {
    /// The held-out runs and the model size they share.
    public let heldOut: [String]
    /// The model size `N` they share.
    public let heldOutParameters: Double
    /// Forecast rows (flags, residuals) of each task from the smaller rungs, at the held-out
    /// rung's largest run.
    public let forecasts: [TaskForecast]
    /// One row per task and held-out run, tasks in ladder order, runs by D.
    public let rows: [TaskBacktestRow]

    /// Holds out the runs of the largest N.
    /// - Throws: `ScalingLaws/TaskError/nothingToHoldOut(reason:)` with a single model size,
    ///   and the errors of ``TaskForecaster/forecast(_:targets:method:)``.
    public static func run(_ ladder: TaskLadder, method: TaskMethod = TaskMethod()) throws -> TaskBacktest {
        try method.validate()
        let sizes = Set(ladder.runs.map(\.run.parameters))
        guard let largest = sizes.max(), sizes.count >= 2 else {
            throw TaskError.nothingToHoldOut(reason: "the ladder has \(sizes.count) model \(sizes.count == 1 ? "size" : "sizes"); it needs at least 2")
        }
        let heldOut = ladder.runs.enumerated().filter { $0.element.run.parameters == largest }.sorted { $0.element.run.tokens < $1.element.run.tokens }
        let training = ladder.filtered { $0.run.parameters != largest }
        let targets = heldOut.map { TaskTarget.model(parameters: $0.element.run.parameters, tokens: $0.element.run.tokens) }
        let forecasts = try TaskForecaster.forecast(training, targets: targets, method: method)
        var rows: [TaskBacktestRow] = []
        for index in ladder.tasks.indices {
            let truth = TaskPoints(ladder: ladder, task: index, method: method)
            for (t, held) in heldOut.enumerated() {
                guard let actual = truth.finals.first(where: { $0.run == held.offset }) else { continue }
                let f = forecasts[t][index]
                rows.append(TaskBacktestRow(
                    task: f.task, run: held.element.run.run, parameters: f.parameters, tokens: f.tokens, actualLoss: actual.loss,
                    actualAccuracy: actual.accuracy, loss: f.loss, lossInterval: f.lossInterval, accuracy: f.accuracy,
                    accuracyInterval: f.accuracyInterval, singleStep: f.singleStep, finalOnlyStep2: f.finalOnlyStep2))
            }
        }
        return TaskBacktest(heldOut: heldOut.map(\.element.run.run), heldOutParameters: largest,
                            forecasts: forecasts.last ?? [], rows: rows)
    }
}
