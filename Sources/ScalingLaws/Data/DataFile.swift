import Foundation

/// Reading a whole small file (an artifact, a law file, a hardware description) with the
/// toolkit's file errors.
public enum DataFile {
    /// The bytes of the file at `path`.
    /// - Parameter path: the file's path, as the user gave it (messages name it so).
    /// - Returns: the file's contents.
    /// - Throws: ``DataError/noSuchFile(path:)``, ``DataError/isDirectory(path:)``,
    ///   ``DataError/unreadableFile(path:reason:)``.
    public static func read(_ path: String) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw DataError.noSuchFile(path: path) }
        guard !isDirectory.boolValue else { throw DataError.isDirectory(path: path) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DataError.unreadableFile(path: path, reason: error.localizedDescription)
        }
    }
}
