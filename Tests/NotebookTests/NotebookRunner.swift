import Foundation

/// What a notebook run printed and how it exited.
struct NotebookRun: Sendable {
    let stdout: String
    let stderr: String
    let status: Int32

    /// The last non-empty line of standard output (the verdict).
    var verdict: String {
        stdout.split(separator: "\n").last.map(String.init) ?? ""
    }
}

/// Runs the notebook executables that `swift build` / `swift test` produced, found like the CLI
/// tests find `scaling-laws`: `$NOTEBOOK_BIN_DIR` when set, else the first ancestor (up to six
/// levels) of the running test binary that holds an executable of that name.
enum NotebookRunner {
    /// Every notebook script (the executable targets under `Notebooks-as-scripts/`).
    static let names = [
        "hoffmann2022-approach3",
        "besiroglu2024-replication",
        "kaplan2020-laws",
        "muennighoff2023-data-constrained",
        "liang2024-dit",
        "goyal2024-qqt",
        "rybkin2025-utd",
        "cottier2024-costs",
        "owen2024-benchmarks",
        "hoffmann2022-approach2",
    ]

    /// The executable for `name`, or `nil`.
    static func binary(_ name: String) -> URL? {
        let fm = FileManager.default
        if let dir = ProcessInfo.processInfo.environment["NOTEBOOK_BIN_DIR"] {
            let url = URL(fileURLWithPath: dir).appendingPathComponent(name)
            return fm.isExecutableFile(atPath: url.path) ? url : nil
        }
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts.append(Bundle.main.bundleURL)
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first)) }
        for start in starts {
            var url = start.resolvingSymlinksInPath()
            for _ in 0..<6 {
                let candidate = url.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }

    /// Runs notebook `name` with `arguments`; `environment` entries are added to (or, with a nil
    /// value, removed from) the inherited environment.
    static func run(_ name: String, _ arguments: [String], environment extra: [String: String?] = [:]) throws -> NotebookRun {
        guard let binary = binary(name) else { throw RunnerError.binaryNotFound(name) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return NotebookRun(stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                           stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                           status: process.terminationStatus)
    }

    enum RunnerError: Error, CustomStringConvertible {
        case binaryNotFound(String)
        var description: String {
            switch self {
            case let .binaryNotFound(name):
                return "the notebook executable '\(name)' was not found beside the test binary; build it (swift build) or set NOTEBOOK_BIN_DIR"
            }
        }
    }
}
