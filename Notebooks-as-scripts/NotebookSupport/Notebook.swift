import Foundation

/// Runs one notebook script: parses `--quick`, lets the body print its Markdown and tables,
/// and ends with exactly one verdict line.
///
/// ```
/// PASS                         every checked row within tolerance          exit 0
/// FAIL: <rows or error>        a row out of tolerance, or the body threw    exit 1
/// SKIPPED: <what data>         the shared datasets are absent               exit 77
/// ```
/// Markdown goes to standard output, progress to standard error.
public final class Notebook {
    /// The parsed command line.
    public let options: NotebookOptions
    /// Where CSV files go in a full run.
    public let output: NotebookOutput
    private var failures: [String] = []
    private var checked = 0

    init(options: NotebookOptions, output: NotebookOutput) {
        self.options = options
        self.output = output
    }

    /// Whether this is a `--quick` run.
    public var quick: Bool { options.quick }

    /// Prints Markdown text (a blank line follows).
    public func say(_ markdown: String) {
        print(markdown)
        print()
    }

    /// Prints a level-2 heading.
    public func section(_ title: String) {
        say("## " + title)
    }

    /// Progress on standard error.
    public func progress(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Prints `comparison` under `title` and records its failures (prefixed by `title`). In a full
    /// run also writes it to `output/<csvName>` when a name is given.
    public func show(_ comparison: Comparison, title: String, csvName: String? = nil) throws {
        section(title)
        say(comparison.markdown().trimmingCharacters(in: .newlines))
        checked += comparison.checkedCount
        for row in comparison.failures {
            failures.append("\(title): \(row.quantity) = \(row.ours), published \(row.published) (tolerance \(row.tolerance))")
        }
        if let csvName { try writeCSV(comparison.csv(), named: csvName) }
    }

    /// In a full run, writes `text` to `output/<name>`; a quick run writes nothing.
    public func writeCSV(_ text: String, named name: String) throws {
        guard !options.quick else { return }
        let url = try output.write(text, named: name)
        progress("wrote \(url.path)")
    }

    /// Runs `body` for the notebook `name` and exits with the verdict.
    ///
    /// - Parameters:
    ///   - name: the executable's name (for the usage line).
    ///   - title: the level-1 heading (paper and artefact).
    ///   - scriptPath: pass `#filePath`; the CSV `output/` folder sits beside it.
    ///   - arguments: the command line after the program name.
    ///   - body: prints the notebook and its comparisons; may throw.
    public static func run(name: String, title: String, scriptPath: String,
                           arguments: [String] = Array(CommandLine.arguments.dropFirst()),
                           _ body: (Notebook) throws -> Void) -> Never {
        let options: NotebookOptions
        do {
            options = try NotebookOptions.parse(arguments)
        } catch NotebookError.help {
            print(NotebookOptions.usage(name), terminator: "")
            exit(NotebookExit.pass.rawValue)
        } catch {
            FileHandle.standardError.write(Data(("error: \(error)\n" + NotebookOptions.usage(name)).utf8))
            exit(NotebookExit.usage.rawValue)
        }
        let notebook = Notebook(options: options, output: NotebookOutput(scriptPath: scriptPath))
        print("# " + title)
        print()
        if options.quick { print("_Quick run (`--quick`): fewer bootstrap draws / starts, no CSV output._\n") }
        do {
            try body(notebook)
        } catch let error as NotebookError {
            if case .missingData = error {
                print("SKIPPED: \(error)")
                exit(NotebookExit.skipped.rawValue)
            }
            print("FAIL: \(error)")
            exit(NotebookExit.fail.rawValue)
        } catch {
            print("FAIL: error: \(error)")
            exit(NotebookExit.fail.rawValue)
        }
        if notebook.checked == 0 {
            print("FAIL: no row was checked")
            exit(NotebookExit.fail.rawValue)
        }
        if notebook.failures.isEmpty {
            print("PASS")
            exit(NotebookExit.pass.rawValue)
        }
        print("FAIL: " + notebook.failures.joined(separator: "; "))
        exit(NotebookExit.fail.rawValue)
    }
}
