import Foundation

/// Where a full run writes its CSV files: the git-ignored `Notebooks-as-scripts/output/<notebook>/`
/// folder, outside every target's sources (so the build never sees generated files).
public struct NotebookOutput: Sendable {
    /// The `output/<notebook>/` folder.
    public let directory: URL

    /// The output folder of the notebook whose script is at `scriptPath` (pass `#filePath` from
    /// `main.swift`): `Notebooks-as-scripts/output/<notebook folder name>/`.
    public init(scriptPath: String) {
        let notebook = URL(fileURLWithPath: scriptPath).deletingLastPathComponent()
        directory = notebook.deletingLastPathComponent().appendingPathComponent("output")
            .appendingPathComponent(notebook.lastPathComponent)
    }

    /// Writes `text` to `<directory>/<name>` atomically (a temporary file renamed over the
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
