import Foundation
import TestSupport

/// What a run of the built tool produced.
struct CLIResult: Sendable {
    let stdout: String
    let stderr: String
    let status: Int32

    /// The standard error lines.
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// Runs the `scaling-laws` executable that `swift build` / `swift test` produced.
enum CLIRunner {
    /// Where the binary is: `$SCALING_LAWS_BINARY` when set, else the first directory holding an
    /// executable `scaling-laws` among the ancestors of the running test binary (the build
    /// products directory, e.g. `.build/debug` or `<scratch>/x86_64-unknown-linux-gnu/debug`;
    /// on macOS the test bundle sits one level deeper, in `debug/X.xctest/Contents/MacOS`).
    static let binary: URL? = {
        if let override = ProcessInfo.processInfo.environment["SCALING_LAWS_BINARY"],
           FileManager.default.isExecutableFile(atPath: override) {
            return URL(fileURLWithPath: override)
        }
        return BuiltExecutable.locate("scaling-laws")
    }()

    /// The repository root, where the bundled datasets live.
    static var root: URL { RepositoryPaths.root }

    /// Runs the tool with `arguments` in `directory` (the repository root by default), with a
    /// fixed terminal width so help text wraps the same everywhere.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> CLIResult {
        guard let binary else { throw RunnerError.binaryNotFound }
        let output = try BuiltExecutable.run(binary, arguments, in: directory ?? root, environment: ["COLUMNS": "80"])
        return CLIResult(stdout: output.stdout, stderr: output.stderr, status: output.status)
    }

    /// A fresh empty directory for one test.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    enum RunnerError: Error, CustomStringConvertible {
        case binaryNotFound
        var description: String {
            "the scaling-laws binary was not found beside the test binary; build it (swift build) or set SCALING_LAWS_BINARY"
        }
    }
}
