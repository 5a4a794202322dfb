import ScalingLaws

/// Everything the `tasks` command reports, as one value (the JSON payload of its report): the
/// runs used, the method, the predictions at each target and the backtest.
public struct TaskAnalysis: Sendable, Equatable, Codable {
    /// Predictions of every task at one target.
    public struct TargetForecasts: Sendable, Equatable, Codable {
        /// The target: a model `(N, D)` or a budget.
        public let target: TaskTarget
        /// One forecast per task, in the order of ``TaskAnalysis/tasks``.
        public let forecasts: [TaskForecast]
    }

    /// The runs the chain was fitted on.
    public let runs: [String]
    /// The tasks predicted.
    public let tasks: [TaskColumns]
    /// The settings of the prediction.
    public let method: TaskMethod
    /// The predictions at each target, in the order given.
    public let targets: [TargetForecasts]
    /// The ladder backtest, when asked for.
    public let backtest: TaskBacktest?
    /// The logs' warnings, worded (6ND against the logged FLOP only when a budget is asked for).
    public let warnings: [String]

    /// Predicts every task of `ladder` at `targets`, and backtests the largest rung when asked.
    /// - Throws: as ``TaskForecaster/forecast(_:targets:method:)`` and ``TaskBacktest/run(_:method:)``.
    public static func run(_ ladder: TaskLadder, targets: [TaskTarget], backtest: Bool, method: TaskMethod) throws -> TaskAnalysis {
        let forecasts = targets.isEmpty ? [] : try TaskForecaster.forecast(ladder, targets: targets, method: method)
        let test = backtest ? try TaskBacktest.run(ladder, method: method) : nil
        return TaskAnalysis(
            runs: ladder.runs.map(\.run.run), tasks: ladder.tasks, method: method,
            targets: zip(targets, forecasts).map { TargetForecasts(target: $0, forecasts: $1) }, backtest: test,
            warnings: ladder.warnings.filter { warning in
                // C enters only through a budget's compute-optimal point (C = 6ND).
                if case .computeDisagrees = warning { return targets.contains { if case .budget = $0 { true } else { false } } }
                return true
            }.map(\.description))
    }
}
