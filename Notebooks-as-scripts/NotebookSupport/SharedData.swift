import Foundation

/// Finds the shared datasets folder (`../shared/datasets` beside the package) and the files a
/// notebook needs in it.
///
/// Search order: `$SCALING_LAWS_SHARED/datasets` when the variable is set (the same override the
/// tests use; nothing else is searched then), else `../shared/datasets` beside the package root
/// (found from this source file's compile-time path), else `../shared/datasets` beside the
/// current directory.
public enum SharedData {
    /// The package root: the first ancestor of this source file that holds `Package.swift`.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The candidate `datasets` folders, in search order.
    public static var candidates: [URL] {
        if let override = ProcessInfo.processInfo.environment["SCALING_LAWS_SHARED"] {
            return [URL(fileURLWithPath: override).appendingPathComponent("datasets")]
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var list = [packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets")]
        let beside = cwd.deletingLastPathComponent().appendingPathComponent("shared/datasets")
        if beside.standardizedFileURL != list[0].standardizedFileURL { list.append(beside) }
        return list
    }

    /// The files `relativePaths` (relative to `datasets/`) from the first candidate folder that
    /// holds all of them.
    ///
    /// - Throws: ``NotebookError/missingData(needs:searched:)`` when no folder holds them all.
    public static func locate(_ relativePaths: [String]) throws -> [URL] {
        let fm = FileManager.default
        for folder in candidates {
            let urls = relativePaths.map { folder.appendingPathComponent($0) }
            if urls.allSatisfy({ fm.fileExists(atPath: $0.path) }) { return urls }
        }
        throw NotebookError.missingData(needs: relativePaths, searched: candidates.map(\.path))
    }

    /// One file under `datasets/`.
    public static func locate(_ relativePath: String) throws -> URL {
        try locate([relativePath])[0]
    }
}
