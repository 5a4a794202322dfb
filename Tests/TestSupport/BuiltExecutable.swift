import Foundation

/// What a run of a built executable printed and how it exited.
public struct ProcessOutput: Sendable {
    public let stdout: String
    public let stderr: String
    public let status: Int32
}

/// Finds and runs the executables `swift build` / `swift test` produced (the `scaling-laws`
/// tool, the notebook scripts) from inside a test binary.
public enum BuiltExecutable {
    /// The executable `name`: the first directory holding an executable file of that name among
    /// the ancestors (up to six levels) of the running test binary — the build products
    /// directory, e.g. `.build/debug` or `<scratch>/x86_64-unknown-linux-gnu/debug`; on macOS the
    /// test bundle sits one level deeper, in `debug/X.xctest/Contents/MacOS`. `nil` when none.
    public static func locate(_ name: String) -> URL? {
        let fm = FileManager.default
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

    /// Runs `binary` with `arguments` in `directory` (a fresh scratch directory when `nil`), with
    /// `LC_ALL=C` and the `environment` entries added to (or, with a nil value, removed from) the
    /// inherited environment; standard input is empty. Output is captured through files, so a
    /// large output cannot fill a pipe and stall the child.
    public static func run(_ binary: URL, _ arguments: [String], in directory: URL? = nil,
                           environment extra: [String: String?] = [:]) throws -> ProcessOutput {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("process-run-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? scratch
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
        return ProcessOutput(stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
                             status: process.terminationStatus)
    }
}
