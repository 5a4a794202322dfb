import ScalingLaws

/// Everything the `tasks` command reports, as one value (the JSON payload of its report): the
/// runs used, the method, the predictions at each target and the backtest.
public struct TaskAnalysis: Sendable, Equatable, Codable {
    /// Predictions of every task at one target.
    public struct TargetForecasts: Sendable, Equatable, Codable {
        public let target: TaskTarget
        public let forecasts: [TaskForecast]
    }

    public let runs: [String]
    public let tasks: [TaskColumns]
    public let method: TaskMethod
    public let targets: [TargetForecasts]
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
