import Foundation

/// The log files named on a command line: files, directories (their `.csv`, `.tsv` and `.txt`
/// files, sorted by name), and globs the shell left unexpanded (`*`, `?` in the last path
/// component).
public enum LogFiles {
    /// Expands each argument, in order, keeping the first occurrence of a file.
    /// - Throws: ``LogError/nothingMatched(argument:)`` for a glob that names no file,
    ///   ``LogError/noLogsInDirectory(path:)`` for a directory without logs;
    ///   ``DataError/noSuchFile(path:)`` for a plain path that does not exist.
    public static func expand(_ arguments: [String]) throws -> [URL] {
        var urls: [URL] = []
        var seen: Set<String> = []
        func add(_ url: URL) {
            if seen.insert(url.standardizedFileURL.path).inserted { urls.append(url) }
        }
        let manager = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: argument, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    add(URL(fileURLWithPath: argument))
                    continue
                }
                let names = (try? manager.contentsOfDirectory(atPath: argument)) ?? []
                let logs = names.filter { ["csv", "tsv", "txt"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                guard !logs.isEmpty else { throw LogError.noLogsInDirectory(path: argument) }
                for name in logs { add(URL(fileURLWithPath: argument).appendingPathComponent(name)) }
                continue
            }
            let last = (argument as NSString).lastPathComponent
            guard last.contains("*") || last.contains("?") else { throw DataError.noSuchFile(path: argument) }
            let directory = (argument as NSString).deletingLastPathComponent
            let names = (try? manager.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
            let matches = names.filter { !TrainingLog.columns(matching: last, in: [$0]).isEmpty && $0 != last }.sorted()
            guard !matches.isEmpty else { throw LogError.nothingMatched(argument: argument) }
            for name in matches {
                add(directory.isEmpty ? URL(fileURLWithPath: name) : URL(fileURLWithPath: directory).appendingPathComponent(name))
            }
        }
        return urls
    }
}
