import Foundation

/// Training logs as the input of an analysis: the log files (one run per file), the sizes table
/// joined by the run names, and how each run becomes a point. An ``InputSpecification`` with
/// logs reads the points (``LogLadder/table(response:source:)``: `run`, the name pattern's
/// fields, `N`, `D`, `C` and the response) and then selects rows as it does in a file, so
/// `--where size==1B`, `--by mult` and `--bootstrap-groups run` work on logs as on a table.
public struct LogInput: Sendable, Codable, Equatable {
    /// Files, directories or globs, as given.
    public var paths: [String]
    /// The sizes table, as given.
    public var sizes: String?
    /// Metric, columns and reduction.
    public var options: LogReadOptions

    /// Logs to read.
    /// - Parameters:
    ///   - paths: The log files or folders, as given.
    ///   - sizes: The sizes table, as given, or `nil`.
    ///   - options: Metric, columns and reduction.
    public init(paths: [String], sizes: String? = nil, options: LogReadOptions) {
        self.paths = paths
        self.sizes = sizes
        self.options = options
    }

    /// The ladder of runs the logs hold.
    /// - Throws: ``LogError`` and ``DataError`` naming the file and run.
    public func ladder(separator: Character? = nil) throws -> LogLadder {
        let files = try LogFiles.expand(paths)
        let table = try sizes.map { try SizesTable.read(contentsOf: URL(fileURLWithPath: $0)) }
        return try LogLadder.read(files: files, sizes: table, options: options, separator: separator)
    }

    /// The name used in messages: `cosine/ (20 logs)` when every path is in (or is) one folder,
    /// else `3 log paths (44 logs)`.
    public func source(runs: Int) -> String {
        let folders = Set(paths.map { path -> String in
            var isDirectory: ObjCBool = false
            let url = URL(fileURLWithPath: path)
            let folder = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
                ? url : url.deletingLastPathComponent()
            return folder.standardizedFileURL.lastPathComponent
        })
        let name = folders.count == 1 ? "\(folders.first ?? "logs")/" : "\(paths.count) log paths"
        return "\(name) (\(runs) logs)"
    }

    /// The points as a stream, the response under `response`, and the ladder (run k is on line k + 2).
    func stream(response: String, separator: Character?) throws -> (CSVStream, LogLadder) {
        let ladder = try self.ladder(separator: separator)
        let table = ladder.table(response: response, source: source(runs: Set(ladder.runs.map(\.run)).count))
        let stream = try CSVStream(bytes: Array(table.serialized().utf8), source: table.source, separator: ",")
        return (stream, ladder)
    }
}
