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
        let fm = FileManager.default
        if let override = ProcessInfo.processInfo.environment["SCALING_LAWS_BINARY"], fm.isExecutableFile(atPath: override) {
            return URL(fileURLWithPath: override)
        }
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts.append(Bundle.main.bundleURL)
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first)) }
        for start in starts {
            var url = start.resolvingSymlinksInPath()
            for _ in 0..<6 {
                let candidate = url.appendingPathComponent("scaling-laws")
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                url.deleteLastPathComponent()
            }
        }
        return nil
    }()

    /// The repository root, where the bundled datasets live.
    static var root: URL { RepositoryPaths.root }

    /// Runs the tool with `arguments` in `directory` (the repository root by default), with a
    /// fixed terminal width so help text wraps the same everywhere.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> CLIResult {
        guard let binary else { throw RunnerError.binaryNotFound }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cli-run-\(UUID().uuidString)")
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
        process.currentDirectoryURL = directory ?? root
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        environment["LC_ALL"] = "C"
        process.environment = environment
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return CLIResult(stdout: stdout, stderr: stderr, status: process.terminationStatus)
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
