import Foundation

/// Where a full run writes its CSV files: the git-ignored `output/` folder beside the script.
public struct NotebookOutput: Sendable {
    /// The `output/` folder.
    public let directory: URL

    /// The output folder beside the script at `scriptPath` (pass `#filePath` from `main.swift`).
    public init(scriptPath: String) {
        directory = URL(fileURLWithPath: scriptPath).deletingLastPathComponent().appendingPathComponent("output")
    }

    /// Writes `text` to `output/<name>` atomically (a temporary file renamed over the
    /// destination, so a failed run leaves the previous file intact), creating the folder.
    ///
    /// - Returns: the file written.
    /// - Throws: ``NotebookError/cannotWrite(path:reason:)``.
    @discardableResult
    public func write(_ text: String, named name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw NotebookError.cannotWrite(path: url.path, reason: "\(error.localizedDescription)")
        }
        return url
    }
}
