import Foundation

/// Locates the repository root and the shared data folder beside it.
public enum RepositoryPaths {
    /// The repository root: the first ancestor of this source file that holds `Package.swift`.
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` beside the repository, or `nil` when a user's clone does not have it.
    /// The environment variable `SCALING_LAWS_SHARED` overrides the location.
    public static let shared: URL? = {
        if let override = ProcessInfo.processInfo.environment["SCALING_LAWS_SHARED"] {
            let url = URL(fileURLWithPath: override)
            return FileManager.default.fileExists(atPath: url.path) ? url : nil
        }
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("datasets").path) ? url : nil
    }()

    /// A file under `../shared/datasets/`, or `nil` when the shared folder is absent.
    public static func sharedDataset(_ relativePath: String) -> URL? {
        guard let shared else { return nil }
        let url = shared.appendingPathComponent("datasets").appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Whether the shared data folder is present (tests that need it are disabled otherwise).
    public static var hasSharedData: Bool { shared != nil }
}
