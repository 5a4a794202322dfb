import ScalingLaws

/// libFuzzer entry point for pairing task columns (`tasks --tasks GLOB` on a log's header).
///
/// The input's first line is the glob, the rest a header line split at commas. For any input:
/// pairing never crashes or hangs and every error is a one-line, non-empty `TaskError`; every
/// pair found has a loss column the glob matches and an accuracy column of the header, distinct
/// from every loss column, whose last path component is the task name plus an accuracy suffix.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTasks(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    TasksFuzzChecks.check(text)
    return 0
}

enum TasksFuzzChecks {
    static func check(_ text: String) {
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let glob = String(parts[0])
        let header = parts.count > 1 ? parts[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init) : []
        let tasks: [TaskColumns]
        do {
            tasks = try TaskColumns.pair(header: header, glob: glob, source: "fuzz.csv")
        } catch let error as TaskError {
            let message = error.description
            precondition(!message.isEmpty && !message.contains("\n") && !message.contains("\r"), "multi-line message: \(message)")
            return
        } catch {
            preconditionFailure("TaskColumns.pair threw a non-TaskError: \(error)")
        }
        let losses = TrainingLog.columns(matching: glob, in: header)
        precondition(tasks.map(\.loss) == losses, "pairs do not follow the glob's matches")
        for task in tasks {
            precondition(header.contains(task.accuracy), "accuracy column not in the header: \(task.accuracy)")
            precondition(!losses.contains(task.accuracy), "a loss column paired as accuracy: \(task.accuracy)")
            let last = task.accuracy.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? task.accuracy
            precondition(TaskColumns.accuracySuffixes.contains { last == task.task + $0 }, "accuracy \(last) does not name task \(task.task)")
            precondition(task.task == TaskColumns.taskName(ofLossColumn: task.loss), "task name \(task.task) not from \(task.loss)")
        }
    }
}
