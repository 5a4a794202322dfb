import ArgumentParser
import Reports

/// The output format of a command, as given by `--format`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case table
    case markdown
    case csv
    case json

    var report: ReportFormat {
        switch self {
        case .table: return .table
        case .markdown: return .markdown
        case .csv: return .csv
        case .json: return .json
        }
    }
}

/// Options shared by every command that prints a result: the format of standard output, and
/// an optional JSON artifact written to a file.
struct OutputOptions: ParsableArguments {
    @Option(help: "Format of the result on standard output.")
    var format: OutputFormat = .table

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Also write the result as a JSON artifact to <file>.",
            discussion: "The file is written atomically (a temporary file in the same directory, then renamed): on any failure nothing is written.",
            valueName: "file"))
    var output: String?

    /// Writes `artifact()` to `--output` if given, then prints `report` to standard output.
    /// The artifact is written first so that a failure leaves no partial output anywhere.
    func emit(report: String, artifact: () throws -> [UInt8]) throws {
        if let output {
            try AtomicFile.write(try artifact(), to: output)
        }
        Console.out(report)
        if let output {
            Console.note("wrote \(output)")
            if let warning = Self.extensionWarning(output) { Console.note(warning) }
        }
    }

    /// A warning when `--output`'s file name promises another format than the JSON it holds
    /// (`points.csv`), naming the way to the format it promises; `nil` otherwise.
    static func extensionWarning(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let suffix = name[name.index(after: dot)...].lowercased()
        let formats = ["csv": "csv", "tsv": "csv", "md": "markdown", "markdown": "markdown", "txt": "table"]
        guard let format = formats[suffix] else { return nil }
        return "warning: --output writes a JSON artifact, so '\(name)' holds JSON; for \(format == "table" ? "text" : format) use --format \(format) and redirect standard output"
    }
}
