import Foundation
import TestSupport

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
        "bhagia2024-ladder",
        "tissue2024-lr-annealing",
    ]

    /// The executable for `name`, or `nil`.
    static func binary(_ name: String) -> URL? {
        if let dir = ProcessInfo.processInfo.environment["NOTEBOOK_BIN_DIR"] {
            let url = URL(fileURLWithPath: dir).appendingPathComponent(name)
            return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
        }
        return BuiltExecutable.locate(name)
    }

    /// Runs notebook `name` with `arguments` in a fresh scratch directory; `environment` entries
    /// are added to (or, with a nil value, removed from) the inherited environment.
    static func run(_ name: String, _ arguments: [String], environment extra: [String: String?] = [:]) throws -> NotebookRun {
        guard let binary = binary(name) else { throw RunnerError.binaryNotFound(name) }
        let output = try BuiltExecutable.run(binary, arguments, environment: extra)
        return NotebookRun(stdout: output.stdout, stderr: output.stderr, status: output.status)
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
