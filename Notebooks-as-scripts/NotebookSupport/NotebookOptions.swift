/// The command line every notebook script accepts.
///
/// ```
/// swift run <notebook> [--quick]
/// ```
/// `--quick` trades precision for time (fewer bootstrap draws, fewer starts) so a debug build
/// finishes in under a minute, and writes no CSV; a full run also writes CSV files to the
/// git-ignored `output/` folder beside the script.
public struct NotebookOptions: Sendable, Equatable {
    /// Fewer bootstrap draws and starts; no CSV output.
    public var quick: Bool

    public init(quick: Bool = false) {
        self.quick = quick
    }

    /// Parses the arguments after the program name.
    ///
    /// - Throws: ``NotebookError/usage(_:)`` naming the unknown option, or ``NotebookError/help``
    ///   for `--help` / `-h`.
    public static func parse(_ arguments: [String]) throws -> NotebookOptions {
        var options = NotebookOptions()
        for argument in arguments {
            switch argument {
            case "--quick": options.quick = true
            case "--help", "-h": throw NotebookError.help
            default: throw NotebookError.usage("unknown argument '\(argument)': expected --quick or nothing")
            }
        }
        return options
    }

    /// The usage line for `name`.
    public static func usage(_ name: String) -> String {
        "usage: \(name) [--quick]\n  --quick  fewer bootstrap draws / starts (under a minute in a debug build); no CSV output\n"
    }
}
