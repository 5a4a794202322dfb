import Foundation

/// One run's loss curve: its per-step learning-rate schedule and the losses logged at some steps.
public struct LossCurve: Sendable, Equatable {
    /// The run's name.
    public let run: String
    public let schedule: StepSchedule
    /// Logged steps with a loss, increasing, within the schedule.
    public let steps: [Int]
    public let losses: [Double]

    public init(run: String, schedule: StepSchedule, steps: [Int], losses: [Double]) {
        self.run = run
        self.schedule = schedule
        self.steps = steps
        self.losses = losses
    }

    /// The last logged loss and its step.
    public var finalLoss: Double? { losses.last }
    public var finalStep: Int? { steps.last }

    /// Reads a run's log: the metric and the learning-rate column (found by its usual names,
    /// ``LogReadOptions/learningRateColumnNames``, when not given), the per-step schedule
    /// reconstructed from the logged rates (`StepSchedule/interpolating(steps:rates:source:)`),
    /// or, for a WSD decay branch, continued from its constant run's log
    /// (``StepSchedule/continuing(_:branchSteps:branchRates:source:)``).
    ///
    /// - Parameters:
    ///   - url: The run's log.
    ///   - metric: The loss column.
    ///   - learningRateColumn: The rate column, or `nil` to recognise one.
    ///   - stepColumn: The step column, or `nil` to recognise one.
    ///   - branchOf: The constant run's log, for a decay branch.
    ///   - warmup: The warm-up length when known (see ``StepSchedule/interpolating(steps:rates:source:warmup:)``).
    /// - Throws: ``LogError/noColumn(source:run:what:flag:suggestion:)`` without a rate column,
    ///   the errors of ``TrainingLog/read(contentsOf:columns:stepColumn:separator:)`` and ``ScheduleError``.
    public static func read(_ url: URL, metric: String, learningRateColumn: String? = nil, stepColumn: String? = nil,
                            branchOf: URL? = nil, warmup: Int? = nil) throws -> LossCurve {
        let (log, rateColumn) = try readLog(url, columns: [metric], learningRateColumn: learningRateColumn, stepColumn: stepColumn)
        let rates = log.series[rateColumn] ?? []
        let schedule: StepSchedule
        if let branchOf {
            let (constant, constantRateColumn) = try readLog(branchOf, columns: [], learningRateColumn: learningRateColumn, stepColumn: stepColumn)
            schedule = try StepSchedule.continuing((constant.steps, constant.series[constantRateColumn] ?? []),
                                                   branchSteps: log.steps, branchRates: rates, source: log.source)
        } else {
            schedule = try StepSchedule.interpolating(steps: log.steps, rates: rates, source: log.source, warmup: warmup)
        }
        var steps: [Int] = [], losses: [Double] = []
        for (s, y) in zip(log.steps, log.series[metric] ?? []) where y.isFinite {
            let step = Int(s.rounded())
            guard step <= schedule.lastStep else { continue }
            steps.append(step)
            losses.append(y)
        }
        return LossCurve(run: log.run, schedule: schedule, steps: steps, losses: losses)
    }

    private static func readLog(_ url: URL, columns: [String], learningRateColumn: String?, stepColumn: String?) throws -> (TrainingLog, String) {
        let header = try TrainingLog.header(of: url)
        let rate: String
        if let learningRateColumn {
            rate = learningRateColumn
        } else if let found = LogReadOptions.learningRateColumnNames.lazy.compactMap({ ColumnLookup.index(of: $0, in: header) }).first {
            rate = header[found]
        } else {
            throw LogError.noColumn(source: url.relativePath, run: url.deletingPathExtension().lastPathComponent,
                                    what: "learning-rate", flag: "--lr", suggestion: nil)
        }
        let log = try TrainingLog.read(contentsOf: url, columns: columns + [rate], stepColumn: stepColumn)
        let resolved = ColumnLookup.index(of: rate, in: log.header).map { log.header[$0] } ?? rate
        return (log, resolved)
    }
}
