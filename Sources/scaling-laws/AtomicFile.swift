import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that readers see either the old file or the complete new one, never a
/// partial write: the bytes go to a temporary file in the same directory, which is then renamed
/// over the destination (`rename(2)` is atomic within a file system).
enum AtomicFile {
    /// Writes `bytes` to `path`.
    /// - Throws: ``CLIError/cannotWrite(path:reason:)``; the destination is untouched and no
    ///   temporary file is left behind.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError.cannotWrite(path: path, reason: "the directory '\(directory.relativePath)' does not exist")
        }
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError.cannotWrite(path: path, reason: "it is a directory")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(bytes)) else {
            throw CLIError.cannotWrite(path: path, reason: "cannot create a file in '\(directory.relativePath)'")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw CLIError.cannotWrite(path: path, reason: reason)
        }
    }
}
