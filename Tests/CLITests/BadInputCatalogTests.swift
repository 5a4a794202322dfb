import Foundation
import Testing
import TestSupport

/// The bad-input catalog (`docs/bad-input.md`): every row of its table is a case here. Inputs
/// the tool accepts must read to exactly the numbers of the plain file (same data digest in
/// the report); inputs it rejects print exactly one `error: …` line, exit with status 1, and
/// write nothing.
@Suite("bad-input catalog")
struct BadInputCatalogTests {
    /// Eight runs on distinct (N, D) points, written plainly.
    static let header = ["N", "D", "loss"]
    static let rows: [[String]] = [
        ["100000000", "2000000000", "3.35"], ["200000000", "8000000000", "3.0"],
        ["400000000", "4000000000", "2.95"], ["800000000", "16000000000", "2.7"],
        ["1600000000", "64000000000", "2.5"], ["3200000000", "32000000000", "2.45"],
        ["6400000000", "128000000000", "2.3"], ["12800000000", "512000000000", "2.2"],
    ]
    static func lines(_ rows: [[String]], separator: String = ",", header: [String] = header) -> [String] {
        [header.joined(separator: separator)] + rows.map { $0.joined(separator: separator) }
    }
    static let plain = lines(rows).joined(separator: "\n") + "\n"

    // MARK: - Accepted

    struct Accepted: Sendable, CustomTestStringConvertible {
        let name: String
        let contents: String
        var arguments: [String] = []
        var testDescription: String { name }
    }

    static let accepted: [Accepted] = [
        Accepted(name: "UTF-8 byte-order mark", contents: "\u{FEFF}" + plain),
        Accepted(name: "CRLF line endings", contents: lines(rows).joined(separator: "\r\n") + "\r\n"),
        Accepted(name: "CR line endings", contents: lines(rows).joined(separator: "\r") + "\r"),
        Accepted(name: "BOM and CRLF together", contents: "\u{FEFF}" + lines(rows).joined(separator: "\r\n")),
        Accepted(name: "semicolon separators (detected)", contents: lines(rows, separator: ";").joined(separator: "\n")),
        Accepted(name: "tab separators (detected)", contents: lines(rows, separator: "\t").joined(separator: "\n")),
        Accepted(name: "semicolon separators given with --sep", contents: lines(rows, separator: ";").joined(separator: "\n"),
                 arguments: ["--sep", ";"]),
        Accepted(name: "quoted thousands separators", contents: lines(rows.map { row in
            [row[0] == "100000000" ? "\"100,000,000\"" : row[0], row[1] == "2000000000" ? "\"2,000,000,000\"" : row[1], row[2]]
        }).joined(separator: "\n")),
        Accepted(name: "size suffixes 100M, 2B, 1.6B, 64B, 12.8B, 0.512T", contents: lines(rows.map { row in
            let n = ["100000000": "100M", "1600000000": "1.6B", "12800000000": "12.8B"][row[0]] ?? row[0]
            let d = ["2000000000": "2B", "64000000000": "64 B", "512000000000": "0.512T"][row[1]] ?? row[1]
            return [n, d, row[2]]
        }).joined(separator: "\n")),
        Accepted(name: "scientific notation", contents: lines(rows.map { row in
            row[0] == "100000000" ? ["1e8", "2E9", row[2]] : row
        }).joined(separator: "\n")),
        Accepted(name: "blank lines", contents: "\n" + lines(rows).joined(separator: "\n\n") + "\n\n\n"),
        Accepted(name: "spaces around fields", contents: lines(rows, separator: " ,  ").joined(separator: "\n")),
        Accepted(name: "quoted fields", contents: lines(rows.map { $0.map { "\"\($0)\"" } }, header: ["\"N\"", "\"D\"", "\"loss\""])
            .joined(separator: "\n")),
        Accepted(name: "extra text columns", contents: lines(rows.map { ["run, \"a\"", $0[0], $0[1], $0[2]] }.map { row in
            ["\"" + row[0].replacingOccurrences(of: "\"", with: "\"\"") + "\"", row[1], row[2], row[3]]
        }, header: ["name", "N", "D", "loss"]).joined(separator: "\n")),
    ]

    static func digest(_ stdout: String) throws -> String {
        let data = try #require(try Fixtures.object(stdout)["data"] as? [String: Any])
        return try #require(data["digest"] as? String)
    }

    @Test("accepted: reads the same numbers as the plain file", arguments: accepted)
    func acceptedInput(_ c: Accepted) throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write(Self.plain, to: "plain.csv", in: directory)
        try Fixtures.write(c.contents, to: "runs.csv", in: directory)
        let reference = try CLIRunner.run(["fit", "plain.csv", "--format", "json", "--starts", "single"], in: directory)
        #expect(reference.status == 0, "\(reference.stderr)")
        let result = try CLIRunner.run(["fit", "runs.csv", "--format", "json", "--starts", "single"] + c.arguments, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.digest(result.stdout) == Self.digest(reference.stdout))
    }

    // MARK: - Rejected

    struct Rejected: Sendable, CustomTestStringConvertible {
        let name: String
        let contents: [UInt8]
        var arguments: [String] = []
        let stderr: String
        var testDescription: String { name }

        init(name: String, contents: String, arguments: [String] = [], stderr: String) {
            self.init(name: name, bytes: Array(contents.utf8), arguments: arguments, stderr: stderr)
        }

        init(name: String, bytes: [UInt8], arguments: [String] = [], stderr: String) {
            self.name = name
            self.contents = bytes
            self.arguments = arguments
            self.stderr = stderr
        }
    }

    static func replacing(_ row: Int, _ column: Int, with text: String, separator: String = ",") -> String {
        var table = rows
        table[row][column] = text
        return lines(table, separator: separator).joined(separator: "\n") + "\n"
    }

    static let rejected: [Rejected] = [
        Rejected(name: "decimal commas in a semicolon file", contents: replacing(2, 2, with: "2,95", separator: ";"),
                 stderr: "error: runs.csv, line 4, column 'loss': expected a number, got '2,95' (decimals take a point: 2.95)"),
        Rejected(name: "unquoted thousands separators", contents: replacing(0, 0, with: "100,000,000"),
                 stderr: "error: runs.csv, line 2: expected 3 fields as in the header, got 5"),
        Rejected(name: "a unit that is not a size suffix", contents: replacing(1, 0, with: "70 bananas"),
                 stderr: "error: runs.csv, line 3, column 'N': expected a number, got '70 bananas' (a size suffix is one of k, M, B, T)"),
        Rejected(name: "a word for a number", contents: replacing(1, 2, with: "n/a"),
                 stderr: "error: runs.csv, line 3, column 'loss': expected a number, got 'n/a'"),
        Rejected(name: "duplicate header", contents: "N,D,N\n1,2,3\n",
                 stderr: "error: runs.csv: column 'N' appears twice in the header (fields 1 and 3)"),
        Rejected(name: "ragged row (too few fields)", contents: "N,D,loss\n1e8,2e9,3.1\n2e8,4e9\n",
                 stderr: "error: runs.csv, line 3: expected 3 fields as in the header, got 2"),
        Rejected(name: "ragged row after blank lines names the editor line", contents: "N,D,loss\n\n1e8,2e9,3.1\n\n\n2e8,4e9,2.9,7\n",
                 stderr: "error: runs.csv, line 6: expected 3 fields as in the header, got 4"),
        Rejected(name: "unterminated quote", contents: "N,D,loss\n\"1e8,2e9,3.1\n2e8,4e9,2.9\n",
                 stderr: "error: runs.csv, line 2: a quoted field opened on this line is never closed"),
        Rejected(name: "text after a closing quote", contents: "N,D,loss\n\"1e8\"x,2e9,3.1\n",
                 stderr: "error: runs.csv, line 2: unexpected text after the closing quote of field 1"),
        Rejected(name: "not UTF-8 (Latin-1 bytes)", bytes: Array("N,D,loss\n1e8,2e9,3.1 \u{0}".utf8.dropLast()) + [0xE9, 0x0A],
                 stderr: "error: runs.csv: the file is not UTF-8 text"),
        Rejected(name: "infinity", contents: replacing(3, 1, with: "inf"),
                 stderr: "error: runs.csv, line 5, column 'D': expected a finite number, got 'inf'"),
        Rejected(name: "NaN", contents: replacing(3, 2, with: "nan"),
                 stderr: "error: runs.csv, line 5, column 'loss': expected a finite number, got 'nan'"),
        Rejected(name: "negative N for a power law", contents: replacing(4, 0, with: "-1.6e9"),
                 stderr: "error: runs.csv, line 6, column 'N': expected a positive number for the chinchilla law, got -1600000000"),
        Rejected(name: "zero D for a power law", contents: replacing(4, 1, with: "0"),
                 stderr: "error: runs.csv, line 6, column 'D': expected a positive number for the chinchilla law, got 0"),
        Rejected(name: "zero loss under a log objective", contents: replacing(5, 2, with: "0"),
                 stderr: "error: runs.csv, line 7, column 'loss': expected a positive number for a log-space objective, got 0"),
        Rejected(name: "all rows identical", contents: lines(Array(repeating: rows[0], count: 8)).joined(separator: "\n"),
                 stderr: "error: runs.csv: expected at least 5 distinct (N, D) points to fit the 5 free parameters of chinchilla, got 1"),
        Rejected(name: "more parameters than distinct points", contents: lines(Array(rows.prefix(3)) + Array(rows.prefix(3)) + Array(rows.prefix(2)))
            .joined(separator: "\n"),
                 stderr: "error: runs.csv: expected at least 5 distinct (N, D) points to fit the 5 free parameters of chinchilla, got 3"),
        Rejected(name: "more parameters than distinct values of one input",
                 contents: "x,y\n1e8,3.3\n1e8,3.31\n2e8,3.1\n2e8,3.12\n",
                 arguments: ["--law", "power-law-floor"],
                 stderr: "error: runs.csv: expected at least 3 distinct values of x to fit the 3 free parameters of power-law-floor, got 2"),
    ]

    @Test("rejected: one error line, status 1, nothing written", arguments: rejected)
    func rejectedInput(_ c: Rejected) throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(c.contents).write(to: directory.appendingPathComponent("runs.csv"))
        let result = try CLIRunner.run(["fit", "runs.csv", "--output", "out.json"] + c.arguments, in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [c.stderr])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["runs.csv"])
    }

    // MARK: - Accepted with a diagnostic

    @Test("one value of an input in every row: the fit runs and warns that its parameters are not identified")
    func constantInput() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let constantN = Self.rows.map { ["100000000", $0[1], $0[2]] }
        try Fixtures.write(Self.lines(constantN).joined(separator: "\n"), to: "runs.csv", in: directory)
        let result = try CLIRunner.run(["fit", "runs.csv", "--starts", "single"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let warning = "warning: column 'N' holds one value (100000000) in every row: the parameters that act through it are not identified; hold them fixed or add runs with other values"
        #expect(result.stderrLines.contains(warning), "\(result.stderr)")
        #expect(result.stdout.contains(String(warning.dropFirst("warning: ".count))))
    }

    @Test("a directory instead of a file")
    func directory() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("runs.csv"), withIntermediateDirectories: false)
        let result = try CLIRunner.run(["fit", "runs.csv"], in: directory)
        #expect(result.status == 1)
        // A directory is read as training logs (one run per file); this one holds none.
        #expect(result.stderrLines == ["error: runs.csv: is a directory holding no .csv, .tsv or .txt log files (a table of runs is one file)"])
    }
}
