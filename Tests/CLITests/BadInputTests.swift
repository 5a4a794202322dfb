import Foundation
import Testing

/// Every kind of bad input gives exactly one line `error: …` on standard error naming the file,
/// line and column, exit status 1, nothing on standard output, and no output file.
@Suite("bad input")
struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// Files to create in the working directory.
        let files: [String: String]
        let arguments: [String]
        let stderr: String
        var testDescription: String { name }
    }

    static let good = "N,D,loss\n1e8,2e9,3.1\n2e8,4e9,2.9\n4e8,8e9,2.7\n8e8,1.6e10,2.5\n1.6e9,3.2e10,2.4\n3.2e9,6.4e10,2.3\n"

    static let cases: [Case] = [
        Case(name: "missing file", files: [:], arguments: ["fit", "missing.csv"],
             stderr: "error: no such file: missing.csv"),
        Case(name: "misspelled column", files: ["runs.csv": good], arguments: ["fit", "runs.csv", "--loss", "los"],
             stderr: "error: runs.csv: no column named 'los'; did you mean 'loss'? (columns: N, D, loss)"),
        Case(name: "misspelled filter column", files: ["runs.csv": good], arguments: ["fit", "runs.csv", "--drop-highest", "lsos:1"],
             stderr: "error: runs.csv: --drop-highest: no column named 'lsos'; did you mean 'loss'? (columns: N, D, loss)"),
        Case(name: "no column for a role", files: ["runs.csv": "N,D,val\n1e8,2e9,3.1\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv: no column for loss; name one with --loss <column> (columns: N, D, val)"),
        Case(name: "non-numeric cell", files: ["runs.csv": "N,D,loss\n1e8,2e9,3.1\n2e8,abc,3.0\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv, line 3, column 'D': expected a number, got 'abc'"),
        Case(name: "empty cell", files: ["runs.csv": "N,D,loss\n1e8,2e9,3.1\n2e8,4e9,\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv, line 3, column 'loss': expected a number, got an empty cell"),
        Case(name: "empty file", files: ["runs.csv": ""], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv: the file is empty"),
        Case(name: "header only", files: ["runs.csv": "N,D,loss\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv: no data rows"),
        Case(name: "NaN", files: ["runs.csv": "N,D,loss\n1e8,2e9,3.1\n2e8,4e9,NaN\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv, line 3, column 'loss': expected a finite number, got 'NaN'"),
        Case(name: "zero N", files: ["runs.csv": "N,D,loss\n1e8,2e9,3.1\n0,4e9,3.0\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv, line 3, column 'N': expected a positive number for the chinchilla law, got 0"),
        Case(name: "negative D", files: ["runs.csv": "N,D,loss\n1e8,-2e9,3.1\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv, line 2, column 'D': expected a positive number for the chinchilla law, got -2000000000"),
        Case(name: "zero loss", files: ["runs.csv": "N,D,loss\n1e8,2e9,3.1\n2e8,4e9,0\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv, line 3, column 'loss': expected a positive number for a log-space objective, got 0"),
        Case(name: "negative loss", files: ["runs.csv": "N,D,loss\n1e8,2e9,-3.1\n"], arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv, line 2, column 'loss': expected a positive number for a log-space objective, got -3.1"),
        Case(name: "column named by its file name in a message", files: ["runs.csv": "params,tokens,loss\n1e8,2e9,3.1\n0,4e9,3.0\n"],
             arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv, line 3, column 'params': expected a positive number for the chinchilla law, got 0"),
        Case(name: "fewer rows than parameters", files: ["runs.csv": "N,D,loss\n1e8,2e9,3.1\n2e8,4e9,3.0\n4e8,8e9,2.9\n"],
             arguments: ["fit", "runs.csv"],
             stderr: "error: runs.csv: expected at least 5 rows to fit the 5 free parameters of chinchilla, got 3"),
        Case(name: "filters leave no rows", files: ["runs.csv": good], arguments: ["fit", "runs.csv", "--range", "N:1e12:"],
             stderr: "error: runs.csv: no rows left after the filter 'N >= 1000000000000'"),
        Case(name: "--where keeps no row", files: ["runs.csv": good], arguments: ["fit", "runs.csv", "--where", "N>=1e12"],
             stderr: "error: runs.csv: no row satisfies --where 'N >= 1000000000000'"),
        Case(name: "misspelt law", files: ["runs.csv": good], arguments: ["fit", "runs.csv", "--law", "chinchila"],
             stderr: "error: unknown law 'chinchila'; did you mean 'chinchilla'? (see 'scaling-laws laws')"),
        Case(name: "unknown law", files: ["runs.csv": good], arguments: ["fit", "runs.csv", "--law", "quantum-gravity"],
             stderr: "error: unknown law 'quantum-gravity': not in the catalog and not a formula (see 'scaling-laws laws')"),
        Case(name: "unknown fixed parameter", files: ["runs.csv": good], arguments: ["fit", "runs.csv", "--fix", "gamma=1"],
             stderr: "error: law 'chinchilla' has no parameter 'gamma' (parameters: E, A, B, alpha, beta)"),
        Case(name: "output directory missing", files: [:],
             arguments: ["fit", "../../REPO/Datasets/chinchilla-synthetic/data.csv", "--output", "nodir/out.json"],
             stderr: "error: cannot write nodir/out.json: the directory 'nodir' does not exist"),
        Case(name: "budget not a number", files: [:], arguments: ["optimal", "--preset", "epoch2024", "--budget", "lots"],
             stderr: "error: invalid --budget 'lots': expected a positive number of FLOP such as 5.76e23"),
        Case(name: "budget zero", files: [:], arguments: ["optimal", "--preset", "epoch2024", "--budget", "0"],
             stderr: "error: invalid --budget '0': expected a positive number of FLOP such as 5.76e23"),
        Case(name: "budget negative", files: [:], arguments: ["optimal", "--preset", "epoch2024", "--budget=-1e21"],
             stderr: "error: invalid --budget '-1e21': expected a positive number of FLOP such as 5.76e23"),
        Case(name: "budget infinite", files: [:], arguments: ["optimal", "--preset", "epoch2024", "--budget", "inf"],
             stderr: "error: invalid --budget 'inf': expected a positive number of FLOP such as 5.76e23"),
        Case(name: "budget NaN", files: [:], arguments: ["optimal", "--preset", "epoch2024", "--budget", "1e21", "--budget", "nan"],
             stderr: "error: invalid --budget 'nan': expected a positive number of FLOP such as 5.76e23"),
        Case(name: "unknown preset", files: [:], arguments: ["optimal", "--preset", "chinchilla", "--budget", "1e21"],
             stderr: "error: unknown preset 'chinchilla' (presets: liang2024, dit2024, hoffmann-rounded, hoffmann, epoch2024, muennighoff-c4, kaplan2020-n, kaplan2020-d, kaplan2020-cmin, kaplan2020-c-fixed-batch, kaplan2020-nd, kaplan2020-ns, liang2024-n-opt, liang2024-d-opt, liang2024-loss, liang2024-fid)"),
        Case(name: "fit artifact missing", files: [:], arguments: ["optimal", "--fit", "fit.json", "--budget", "1e21"],
             stderr: "error: no such file: fit.json"),
        Case(name: "not a fit artifact", files: ["fit.json": "N,D,loss\n"], arguments: ["optimal", "--fit", "fit.json", "--budget", "1e21"],
             stderr: "error: fit.json: not a fit artifact written by 'scaling-laws fit --output' (not valid JSON)"),
        Case(name: "artifact missing a key", files: ["fit.json": "{\"law\": \"chinchilla\"}"],
             arguments: ["predict", "--fit", "fit.json", "--n", "1e9", "--d", "2e10"],
             stderr: "error: fit.json: not a fit artifact written by 'scaling-laws fit --output' (missing key 'tool')"),
        Case(name: "predict at a non-positive N", files: [:], arguments: ["predict", "--preset", "epoch2024", "--n=-5", "--d", "1e12"],
             stderr: "error: invalid --n '-5': expected a positive number of parameters such as 7e10"),
        Case(name: "predict points with a bad cell", files: ["points.csv": "N,D\n1e9,2e10\n2e9,x\n"],
             arguments: ["predict", "--preset", "epoch2024", "--points", "points.csv"],
             stderr: "error: points.csv, line 3, column 'D': expected a number, got 'x'"),
    ]

    @Test("one error line, status 1, no output file", arguments: cases)
    func badInput(_ c: Case) throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, contents) in c.files { try Fixtures.write(contents, to: name, in: directory) }
        let arguments = c.arguments.map { $0.replacingOccurrences(of: "../../REPO", with: CLIRunner.root.path) }
        let hasOutput = arguments.contains("--output")
        let result = try CLIRunner.run(arguments + (hasOutput ? [] : ["--output", "out.json"]), in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [c.stderr])
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == c.files.keys.sorted(), "files left behind: \(left)")
    }

    @Test("a failing run leaves an existing output file untouched")
    func existingOutputUntouched() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write("previous\n", to: "fit.json", in: directory)
        try Fixtures.write("N,D,loss\n1e8,2e9,abc\n", to: "runs.csv", in: directory)
        let result = try CLIRunner.run(["fit", "runs.csv", "--output", "fit.json"], in: directory)
        #expect(result.status == 1)
        #expect(String(decoding: try Data(contentsOf: directory.appendingPathComponent("fit.json")), as: UTF8.self) == "previous\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["fit.json", "runs.csv"])
    }

    /// Malformed arguments keep ArgumentParser's message and usage, and exit with status 64.
    @Test("argument syntax errors print usage", arguments: [
        (["optimal", "--budget", "1e21"], "Error: give exactly one of --fit <file>, --preset <name> and --law <law>"),
        (["optimal", "--preset", "epoch2024", "--fit", "f.json", "--budget", "1e21"], "Error: give exactly one of --fit <file>, --preset <name> and --law <law>"),
        (["optimal", "--preset", "epoch2024"], "Error: give at least one --budget <flop>"),
        (["predict", "--preset", "epoch2024", "--n", "1e9"], "Error: --n and --d pair up in order: got 1 --n and 0 --d"),
        (["fit", "runs.csv", "--starts", "lhs:0"], "Error: The value 'lhs:0' is invalid for '--starts <strategy>'"),
        (["fit", "runs.csv", "--where", "N>>1e8"], "Error: The value 'N>>1e8' is invalid for '--where <expr>': invalid --where 'N>>1e8': expected a value (a number, a word or quoted text) at character 3"),
        (["fit", "runs.csv", "--objective", "lsq", "--delta", "0.1"], "Error: --delta applies only to --objective huber"),
        (["fit", "runs.csv", "--format", "yaml"], "Error: The value 'yaml' is invalid for '--format <format>'"),
        (["fit"], "Error: Missing expected argument '<file> ...'"),
    ])
    func syntax(_ arguments: [String], message: String) throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLIRunner.run(arguments, in: directory)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: scaling-laws"))
    }
}
