/// One downstream task of a training log: its task-loss column and the paired accuracy column.
///
/// The pairing follows the OLMo ladder's logs (Bhagia et al. 2024, arXiv:2412.04403): the task
/// loss `eval/downstream_bpb/<task>_bpb` (bits per byte of the correct answer) pairs with the
/// accuracy `eval/downstream/<task>_len_norm` (length-normalised ranked classification), or
/// `eval/downstream/<task>_acc` when the task has no normalised accuracy (BoolQ).
public struct TaskColumns: Sendable, Equatable, Codable {
    /// The task's name: the loss column's last path component without its `_bpb` suffix.
    public let task: String
    /// The task-loss column.
    public let loss: String
    /// The paired accuracy column.
    public let accuracy: String

    /// A task.
    /// - Parameters:
    ///   - task: The task's name.
    ///   - loss: The task-loss column.
    ///   - accuracy: The paired accuracy column.
    public init(task: String, loss: String, accuracy: String) {
        self.task = task
        self.loss = loss
        self.accuracy = accuracy
    }

    /// Suffixes of the accuracy column's last path component, after the task name, in order of
    /// preference.
    public static let accuracySuffixes = ["_len_norm", "_acc"]

    /// The task name of a loss column: its last path component, without a `_bpb` suffix.
    public static func taskName(ofLossColumn column: String) -> String {
        let last = column.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? column
        return last.hasSuffix("_bpb") && last.count > 4 ? String(last.dropLast(4)) : last
    }

    /// The tasks of a log's header: every column the glob matches (in file order), each paired
    /// with the first column whose last path component is `<task>` + one of
    /// ``accuracySuffixes``.
    ///
    /// - Throws: ``TaskError/noTaskGlob``, ``TaskError/noTaskColumn(source:glob:suggestion:)``,
    ///   ``TaskError/noAccuracyColumn(source:column:expected:)``.
    public static func pair(header: [String], glob: String, source: String) throws -> [TaskColumns] {
        guard !glob.isEmpty else { throw TaskError.noTaskGlob }
        let losses = TrainingLog.columns(matching: glob, in: header)
        guard !losses.isEmpty else {
            throw TaskError.noTaskColumn(source: source, glob: glob, suggestion: ColumnLookup.nearest(to: glob, in: header))
        }
        var tasks: [TaskColumns] = []
        for loss in losses {
            let task = taskName(ofLossColumn: loss)
            let wanted = accuracySuffixes.map { task + $0 }
            let accuracy = wanted.lazy.compactMap { name in
                header.first { column in
                    column != loss && !losses.contains(column)
                        && (column.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? column) == name
                }
            }.first
            guard let accuracy else { throw TaskError.noAccuracyColumn(source: source, column: loss, expected: wanted) }
            tasks.append(TaskColumns(task: task, loss: loss, accuracy: accuracy))
        }
        return tasks
    }
}
