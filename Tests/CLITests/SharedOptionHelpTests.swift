import Foundation
import Testing

/// One flag, one meaning: the help of every subcommand of the built binary, and the shared
/// option names in it.
@Suite("shared options: the same help text in every command")
struct SharedOptionHelpTests {
    /// The subcommands, from the root help's SUBCOMMANDS section.
    static func subcommands() throws -> [String] {
        let root = try CLIRunner.run(["--help"])
        var names: [String] = []
        var inSection = false
        for line in root.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("SUBCOMMANDS:") { inSection = true; continue }
            guard inSection else { continue }
            if line.isEmpty || !line.hasPrefix("  ") { if !names.isEmpty { break } else { continue } }
            let trimmed = line.drop { $0 == " " }
            guard line.hasPrefix("  "), !line.hasPrefix("    "), let word = trimmed.split(separator: " ").first else { continue }
            names.append(String(word))
        }
        return names
    }

    /// Option name → help text (continuation lines joined, spaces collapsed) of one help page.
    static func options(_ help: String) -> [String: String] {
        var out: [String: String] = [:]
        var current: String?
        var text: [String] = []
        func flush() {
            if let current { out[current] = text.joined(separator: " ").split(separator: " ").joined(separator: " ") }
            current = nil
            text = []
        }
        for raw in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("  -"), !line.hasPrefix("   ") {
                flush()
                // "  --name <value>   help" or "  -h, --help   help"
                var rest = Substring(line.dropFirst(2))
                if rest.hasPrefix("-"), !rest.hasPrefix("--"), let comma = rest.firstIndex(of: ",") {
                    rest = rest[rest.index(after: comma)...].drop { $0 == " " }
                }
                let name = rest.prefix { !$0.isWhitespace }
                current = String(name)
                var after = rest.dropFirst(name.count)
                if after.hasPrefix(" <"), let close = after.firstIndex(of: ">") { after = after[after.index(after: close)...] }
                if after.hasPrefix(" ...") { after = after.dropFirst(4) }
                text = [after.trimmingCharacters(in: .whitespaces)]
            } else if current != nil, line.hasPrefix("    "), !line.trimmingCharacters(in: .whitespaces).isEmpty {
                text.append(line.trimmingCharacters(in: .whitespaces))
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    static let shared = [
        "--where", "--by", "--range", "--drop-highest", "--drop-lowest", "--n", "--d", "--c", "--loss", "--x", "--sep",
        "--format", "--output", "--seed", "--objective", "--delta", "--starts", "--fix",
    ]

    /// Options whose name is shared but whose meaning differs by design, with the reason.
    static let exceptions: [String: [String: String]] = [
        "--n": ["predict": "values of N to predict at, not a column", "score": "values of N to score at, not a column",
                "critical-batch": "the run's non-embedding parameters (C = 6·N·B·S), a value, not a column"],
        "--d": ["predict": "values of D to predict at, not a column", "score": "values of D to score at, not a column"],
        "--x": ["fit-shared-slope": "the predictor column of a two-column fit, not ROLE=COLUMN"],
        "--output": ["plot": "the SVG figure itself", "report": "the HTML page itself"],
        "--seed": ["score": "the seed of the parameter draws of a forecast",
                   "plan": "the seed of the simulated sweeps and refits"],
    ]

    /// The commands that read a table of runs: each must take every row filter.
    static let readsRuns = ["fit", "predict", "isoflop", "backtest", "compare", "plot", "report", "compare-recipes"]

    @Test("every shared option has one help text across the commands; every command that reads runs has the filters and --by")
    func sharedOptions() throws {
        let commands = try Self.subcommands()
        // 16 when the suite was written; `runs` (training logs) came later.
        #expect(commands.count >= 16 && commands.contains("fit") && commands.contains("report"), "\(commands)")
        var pages: [String: [String: String]] = [:]
        for command in commands {
            let result = try CLIRunner.run(["help", command])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            pages[command] = Self.options(result.stdout)
        }
        for option in Self.shared {
            var texts: [String: [String]] = [:]
            for (command, options) in pages {
                guard var text = options[option], Self.exceptions[option]?[command] == nil else { continue }
                // A command may offer more values of the same option (forecast --format adds latex).
                if let values = text.range(of: " (values: ") { text = String(text[..<values.lowerBound]) }
                texts[text, default: []].append(command)
            }
            #expect(texts.count <= 1, "\(option): \(texts.map { "\($0.value.sorted()): \($0.key)" }.sorted().joined(separator: " | "))")
        }
        for command in Self.readsRuns {
            let options = pages[command] ?? [:]
            for option in ["--where", "--range", "--drop-highest", "--drop-lowest", "--x", "--sep"] {
                #expect(options[option] != nil, "\(command) lacks \(option)")
            }
        }
        // fit-shared-slope names its own two columns (--x, --y, --group), capabilities its benchmark
        // columns (--benchmarks, --family, --compute), but both select rows the same way.
        for command in ["fit-shared-slope", "capabilities"] {
            for option in ["--where", "--range", "--drop-highest", "--drop-lowest", "--drop-missing", "--sep"] where command == "capabilities" || !option.hasPrefix("--drop-m") && option != "--sep" {
                #expect(pages[command]?[option] != nil, "\(command) lacks \(option)")
            }
        }
        for command in ["fit", "isoflop", "backtest", "compare", "report", "plot", "compare-recipes"] {
            #expect(pages[command]?["--by"] != nil, "\(command) lacks --by")
        }
        for command in ["fit", "backtest", "compare", "report"] {
            for option in ["--objective", "--delta", "--starts", "--seed", "--fix"] {
                #expect(pages[command]?[option] != nil, "\(command) lacks \(option)")
            }
        }
    }
}
