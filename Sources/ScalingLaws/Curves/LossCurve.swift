import Foundation

/// One run's loss curve: its per-step learning-rate schedule and the losses logged at some steps.
public struct LossCurve: Sendable, Equatable {
    /// The run's name.
    public let run: String
    /// The per-step learning rate over steps 0…T.
    public let schedule: StepSchedule
    /// Logged steps with a loss, increasing, within the schedule.
    public let steps: [Int]
    /// The logged losses at ``steps`` (nats/token).
    public let losses: [Double]

    /// A run's loss curve.
    /// - Parameters:
    ///   - run: The run's name.
    ///   - schedule: Its per-step learning rate.
    ///   - steps: Logged steps with a loss, increasing, within the schedule.
    ///   - losses: The losses at `steps`, one each.
    public init(run: String, schedule: StepSchedule, steps: [Int], losses: [Double]) {
        self.run = run
        self.schedule = schedule
        self.steps = steps
        self.losses = losses
    }

    /// The last logged loss and its step.
    public var finalLoss: Double? { losses.last }
    /// The last logged step, or `nil` when nothing was logged.
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

    /// Reads several runs' logs, linking each WSD decay branch to the constant-rate run it
    /// continues as the logs layer does (``LogLadder``'s links, ``LadderRun/branchOf``): the
    /// only constant run of the same N whose log reaches the branch's first step. N is known
    /// when `ladder` is given (read with `--sizes`/`--name-pattern`); without it the rule is
    /// the only constant run among the logs and `parents` that reaches the step.
    ///
    /// - Parameters:
    ///   - urls: The runs' logs (the curves returned, in this order).
    ///   - metric: The loss column.
    ///   - learningRateColumn: The rate column, or `nil` to recognise one.
    ///   - stepColumn: The step column, or `nil` to recognise one.
    ///   - ladder: The same logs read as a ladder, whose branch links are used.
    ///   - parents: Further logs a branch may continue (a fit's constant run, say); not returned.
    /// - Throws: ``ScheduleError/noBranchParent(source:branchStep:)``,
    ///   ``ScheduleError/ambiguousBranchParent(source:branchStep:candidates:)`` and the errors of
    ///   ``read(_:metric:learningRateColumn:stepColumn:branchOf:warmup:)``.
    public static func readLinked(_ urls: [URL], metric: String, learningRateColumn: String? = nil, stepColumn: String? = nil,
                                  ladder: LogLadder? = nil, parents: [URL] = []) throws -> [LossCurve] {
        let all = urls + parents.filter { p in !urls.contains { $0.standardizedFileURL == p.standardizedFileURL } }
        let logs = try all.enumerated().map { k, url in
            try readLog(url, columns: k < urls.count ? [metric] : [], learningRateColumn: learningRateColumn, stepColumn: stepColumn)
        }
        let shapes = logs.map { log, rate in RecognizedSchedule.recognize(steps: log.steps, rates: log.series[rate] ?? [])?.shape }
        let names = LogLadder.runNames(urls)
        return try urls.indices.map { i in
            let (log, rate) = logs[i]
            guard case let .decayBranch(from)? = shapes[i] else {
                return try curve(log, run: names[i], metric: metric, schedule: StepSchedule.interpolating(steps: log.steps, rates: log.series[rate] ?? [], source: log.source))
            }
            let parent: Int
            if let ladder, i < ladder.runs.count {
                guard let linked = ladder.runs[i].branchOf, let k = names.firstIndex(of: linked) else {
                    throw ScheduleError.noBranchParent(source: log.source, branchStep: from)
                }
                parent = k
            } else {
                let candidates = logs.indices.filter { j in
                    guard shapes[j] == .constant, let first = logs[j].0.steps.first, let last = logs[j].0.steps.last else { return false }
                    return first <= from && from <= last
                }
                guard let only = candidates.first else { throw ScheduleError.noBranchParent(source: log.source, branchStep: from) }
                guard candidates.count == 1 else {
                    throw ScheduleError.ambiguousBranchParent(source: log.source, branchStep: from, candidates: candidates.map { logs[$0].0.source })
                }
                parent = only
            }
            let (constant, constantRate) = logs[parent]
            let schedule = try StepSchedule.continuing((constant.steps, constant.series[constantRate] ?? []),
                                                       branchSteps: log.steps, branchRates: log.series[rate] ?? [], source: log.source)
            return curve(log, run: names[i], metric: metric, schedule: schedule)
        }
    }

    /// The curve of a log's `metric` under `schedule`: its finite losses within the schedule.
    private static func curve(_ log: TrainingLog, run: String, metric: String, schedule: StepSchedule) -> LossCurve {
        var steps: [Int] = [], losses: [Double] = []
        for (s, y) in zip(log.steps, log.series[metric] ?? []) where y.isFinite {
            let step = Int(s.rounded())
            guard step <= schedule.lastStep else { continue }
            steps.append(step)
            losses.append(y)
        }
        return LossCurve(run: run, schedule: schedule, steps: steps, losses: losses)
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
