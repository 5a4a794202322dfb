import Foundation
import ScalingLaws

/// libFuzzer entry point for the training-log reader: a sizes table, a log file, a reduction.
///
/// The input is split at the first line `===`: before it a sizes table, after it a log named
/// `1B-2xC.csv` (read with the pattern `{size}-{mult}xC`, metric `loss`). The first line of the
/// log part may be `reduce: RULE`, and the next may be `run: COLUMN` (one long log holding
/// several runs named by that column). For any input: reading never crashes or hangs; it either
/// fails with a one-line, non-empty `LogError` or `DataError`, or gives one run (several with a
/// run column, with distinct names) whose N and D are positive and finite, whose value is a
/// logged value of the metric (or their mean), and whose C is positive.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLogs(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    LogFuzzChecks.check(text)
    return 0
}

enum LogFuzzChecks {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-logs-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func oneLine(_ error: any Error) {
        let message = String(describing: error)
        precondition(error is LogError || error is DataError, "unexpected error type: \(type(of: error)): \(message)")
        precondition(!message.isEmpty && !message.contains("\n") && !message.contains("\r"), "multi-line message: \(message)")
    }

    static func check(_ text: String) {
        guard let split = text.range(of: "\n===\n") else { return }
        let sizesText = String(text[..<split.lowerBound])
        var logText = String(text[split.upperBound...])
        var options = LogReadOptions(metric: "loss")
        options.namePattern = try? RunNamePattern(parsing: "{size}-{mult}xC")
        if logText.hasPrefix("reduce: "), let end = logText.firstIndex(of: "\n") {
            let rule = String(logText[logText.index(logText.startIndex, offsetBy: 8)..<end])
            do {
                options.reduction = try LogReduction(parsing: rule)
                let reparsed = try LogReduction(parsing: options.reduction.description)
                precondition(reparsed == options.reduction, "reduction round trip: \(rule) -> \(options.reduction)")
            } catch {
                oneLine(error)
                return
            }
            logText = String(logText[logText.index(after: end)...])
        }
        if logText.hasPrefix("run: "), let end = logText.firstIndex(of: "\n") {
            options.runColumn = String(logText[logText.index(logText.startIndex, offsetBy: 5)..<end])
            logText = String(logText[logText.index(after: end)...])
        }
        let sizesURL = directory.appendingPathComponent("sizes.csv")
        let logURL = directory.appendingPathComponent("1B-2xC.csv")
        do {
            try Data(sizesText.utf8).write(to: sizesURL)
            try Data(logText.utf8).write(to: logURL)
        } catch {
            return
        }
        let ladder: LogLadder
        do {
            let sizes = try SizesTable.read(contentsOf: sizesURL)
            ladder = try LogLadder.read(files: [logURL], sizes: sizes, options: options)
        } catch {
            oneLine(error)
            return
        }
        precondition(options.runColumn == nil ? ladder.runs.count == 1 : ladder.runs.count >= 1, "one file, one run")
        precondition(Set(ladder.runs.map(\.run)).count == ladder.runs.count, "distinct run names")
        for run in ladder.runs {
            precondition(run.parameters.isFinite && run.parameters > 0, "N = \(run.parameters)")
            precondition(run.tokens.isFinite && run.tokens > 0, "D = \(run.tokens)")
            precondition(run.compute > 0, "C = \(run.compute)")
            precondition(run.evaluations >= 1 && run.rows >= run.evaluations, "counts")
            precondition(!run.value.isNaN, "value is NaN")
        }
        for warning in ladder.warnings {
            precondition(!warning.description.contains("\n"), "multi-line warning: \(warning)")
        }
    }
}
