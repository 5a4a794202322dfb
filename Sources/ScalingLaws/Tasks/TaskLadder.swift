import Foundation

/// One task's checkpoints in one run: the task loss and the accuracy at every logged step where
/// both were evaluated, in step order.
public struct TaskSeries: Sendable, Equatable {
    /// The task loss at each checkpoint (bits per byte of the correct answer).
    public let loss: [Double]
    /// The accuracy at each checkpoint, as many as ``loss``.
    public let accuracy: [Double]

    /// A series.
    /// - Parameters:
    ///   - loss: The task loss at each checkpoint.
    ///   - accuracy: The accuracy at each, as many.
    public init(loss: [Double], accuracy: [Double]) {
        self.loss = loss
        self.accuracy = accuracy
    }

    /// Checkpoints in the series.
    public var count: Int { loss.count }
}

/// One run of a task ladder: the run read from its log (N, D, C, name fields, schedule) and each
/// task's checkpoints, in the order of ``TaskLadder/tasks``.
public struct TaskRun: Sendable, Equatable {
    /// The run as read from its log (N, D, C, name fields, schedule).
    public let run: LadderRun
    /// Each task's checkpoints, in the order of ``TaskLadder/tasks``.
    public let series: [TaskSeries]

    /// A run.
    /// - Parameters:
    ///   - run: The run as read from its log.
    ///   - series: Each task's checkpoints.
    public init(run: LadderRun, series: [TaskSeries]) {
        self.run = run
        self.series = series
    }
}

/// A ladder of training runs read with every downstream task a glob names: for the two-step
/// task prediction of Bhagia et al. 2024 (arXiv:2412.04403), which fits step 1 on each run's
/// final point and step 2 on every checkpoint.
///
/// ```swift
/// let ladder = try TaskLadder.read(files: urls, sizes: sizes, options: options, tasks: "eval/downstream_bpb/*_bpb")
/// ```
public struct TaskLadder: Sendable {
    /// The tasks, in the first log's column order.
    public let tasks: [TaskColumns]
    /// The runs, in the order of the files.
    public let runs: [TaskRun]
    /// Warnings about the runs (as ``LogLadder`` reads them, for the first task's loss).
    public let warnings: [LogWarning]

    /// A ladder.
    /// - Parameters:
    ///   - tasks: The tasks.
    ///   - runs: The runs.
    ///   - warnings: Warnings about the runs.
    public init(tasks: [TaskColumns], runs: [TaskRun], warnings: [LogWarning]) {
        self.tasks = tasks
        self.runs = runs
        self.warnings = warnings
    }

    /// Reads every log: each run's N, D, C as ``LogLadder`` reads them (with `options`; the
    /// metric is set to the first task's loss column), then each task's loss and accuracy at
    /// every step.
    ///
    /// - Parameters:
    ///   - files: One log per run.
    ///   - sizes: The sizes table joined by the name pattern's size field.
    ///   - options: Run metadata, columns and the reduction giving each run's D.
    ///   - glob: The task-loss columns (``TaskColumns/pair(header:glob:source:)``).
    ///   - separator: The logs' field separator, or `nil` to detect it from each header.
    /// - Throws: ``TaskError``, ``LogError`` and ``DataError`` naming the file and column.
    public static func read(
        files: [URL], sizes: SizesTable? = nil, options: LogReadOptions, tasks glob: String, separator: Character? = nil
    ) throws -> TaskLadder {
        guard let first = files.first else { throw LogError.nothingMatched(argument: "") }
        let header = try TrainingLog.header(of: first, separator: separator)
        let tasks = try TaskColumns.pair(header: header, glob: glob, source: first.relativePath)
        var runOptions = options
        runOptions.metric = tasks[0].loss
        let ladder = try LogLadder.read(files: files, sizes: sizes, options: runOptions, separator: separator)
        return try read(ladder: ladder, tasks: tasks, separator: separator)
    }

    /// Reads the logs of `input` with the tasks `glob` names, keeping the runs that satisfy
    /// `predicates` and `filters` (as ``InputSpecification`` selects rows of the logs' points:
    /// `--where size!=1B`, `--range D:1e9:`, on the columns `run`, the name pattern's fields,
    /// `N`, `D`, `C` and `loss`, the first task's loss at each run's point).
    ///
    /// - Throws: ``TaskError``, ``LogError``, ``InputError`` and ``DataError``.
    public static func read(
        _ input: LogInput, tasks glob: String, predicates: [RowPredicate] = [], filters: [RowFilter] = [], separator: Character? = nil
    ) throws -> TaskLadder {
        let files = try LogFiles.expand(input.paths)
        guard let first = files.first else { throw LogError.nothingMatched(argument: input.paths.joined(separator: " ")) }
        let tasks = try TaskColumns.pair(header: try TrainingLog.header(of: first, separator: separator), glob: glob, source: first.relativePath)
        var runs = input
        runs.options.metric = tasks[0].loss
        var ladder = try runs.ladder(separator: separator)
        if !predicates.isEmpty || !filters.isEmpty {
            var specification = InputSpecification(
                path: input.paths.joined(separator: " "), separator: separator, predicates: predicates, filters: filters)
            specification.logs = runs
            let selected = try specification.load(roles: ["N", "D", "loss"])
            let kept = Set(selected.dataset.rowLines.map { $0 - 2 })
            let names = Set(ladder.runs.indices.filter { kept.contains($0) }.map { ladder.runs[$0].run })
            ladder = ladder.filtered { names.contains($0.run) }
        }
        return try read(ladder: ladder, tasks: tasks, separator: separator)
    }

    /// Reads the tasks' series of the runs of `ladder` (read from the files in `ladder.runs`'s paths).
    /// - Throws: ``TaskError/taskMissingInRun(source:column:)`` and the errors of ``TrainingLog``.
    public static func read(ladder: LogLadder, tasks: [TaskColumns], separator: Character? = nil) throws -> TaskLadder {
        var runs: [TaskRun] = []
        for run in ladder.runs {
            let url = URL(fileURLWithPath: run.path)
            let header = try TrainingLog.header(of: url, separator: separator)
            for task in tasks {
                for column in [task.loss, task.accuracy] where !header.contains(column) {
                    throw TaskError.taskMissingInRun(source: run.path, column: column)
                }
            }
            let log = try TrainingLog.read(
                contentsOf: url, columns: tasks.flatMap { [$0.loss, $0.accuracy] }, stepColumn: ladder.options.stepColumn,
                separator: separator)
            let series = tasks.map { task -> TaskSeries in
                let losses = log.series[task.loss] ?? []
                let accuracies = log.series[task.accuracy] ?? []
                var l: [Double] = []
                var a: [Double] = []
                for (x, y) in zip(losses, accuracies) where x.isFinite && y.isFinite {
                    l.append(x)
                    a.append(y)
                }
                return TaskSeries(loss: l, accuracy: a)
            }
            runs.append(TaskRun(run: run, series: series))
        }
        return TaskLadder(tasks: tasks, runs: runs, warnings: ladder.warnings)
    }

    /// The runs for which `isIncluded` holds.
    public func filtered(_ isIncluded: (TaskRun) -> Bool) -> TaskLadder {
        let kept = runs.filter(isIncluded)
        let names = Set(kept.map(\.run.run))
        return TaskLadder(tasks: tasks, runs: kept, warnings: warnings.filter { names.contains($0.run) })
    }
}
