import Foundation
import Testing
import TestSupport

/// `scaling-laws fit` on the bundled synthetic dataset.
@Suite("fit command")
struct FitCommandTests {
    /// Lines whose numbers depend on solver internals rather than on the answer.
    static let volatile = ["# starts", "# iterations", "# function evals", "termination"]

    @Test("table report in lmfit's layout")
    func tableReport() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--law", "chinchilla"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let sections = ["[[Law]]", "[[Data]]", "[[Fit Statistics]]", "[[Variables]]", "[[Correlations]]", "[[Warnings]]"]
        var last = result.stdout.startIndex
        for section in sections {
            let range = try #require(result.stdout.range(of: section, range: last..<result.stdout.endIndex), "missing \(section)")
            last = range.upperBound
        }
        Snapshot.check(result.stdout, named: "fit-synthetic-table.txt", volatile: Self.volatile)
    }

    @Test("markdown and csv reports")
    func otherFormats() throws {
        let markdown = try CLIRunner.run(["fit", Fixtures.syntheticData, "--format", "markdown"])
        #expect(markdown.status == 0)
        Snapshot.check(markdown.stdout, named: "fit-synthetic-markdown.md", volatile: Self.volatile)

        let csv = try CLIRunner.run(["fit", Fixtures.syntheticData, "--format", "csv"])
        #expect(csv.status == 0)
        let table = Fixtures.csv(csv.stdout)
        #expect(table.header.first == "parameter")
        #expect(table.rows.map { $0[0] } == ["E", "A", "B", "alpha", "beta"])
        Snapshot.check(csv.stdout, named: "fit-synthetic.csv", rel: 1e-6)
    }

    @Test("json artifact: keys present, estimates within 3 standard errors of the simulated truth")
    func jsonArtifact() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--format", "json"])
        #expect(result.status == 0)
        let object = try Fixtures.object(result.stdout)
        for key in ["tool", "toolVersion", "law", "formula", "citation", "objective", "startStrategy", "seed",
                    "parameters", "covariance", "covarianceNames", "correlation", "data", "statistics", "warnings"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["law"] as? String == "chinchilla")
        #expect(object["tool"] as? String == "scaling-laws")
        let data = try #require(object["data"] as? [String: Any])
        #expect(data["rows"] as? Int == 120)
        #expect((data["digest"] as? String)?.isEmpty == false)
        let statistics = try #require(object["statistics"] as? [String: Any])
        #expect(statistics["converged"] as? Bool == true)
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        #expect(parameters.count == 5)
        for parameter in parameters {
            let name = try #require(parameter["name"] as? String)
            let value = try #require(parameter["value"] as? Double)
            let se = try #require(parameter["standardError"] as? Double)
            let truth = try #require(Fixtures.truth[name])
            #expect(se > 0)
            #expect(Swift.abs(value - truth) <= 3 * se, "\(name) = \(value) ± \(se), truth \(truth)")
        }
    }

    @Test("--output NAME.csv still writes the JSON artifact and warns that the name promises CSV, naming --format csv")
    func outputExtensionWarning() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("points.csv")
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--objective", "lsq", "--output", output.path])
        #expect(result.status == 0)
        #expect(result.stderrLines == [
            "wrote \(output.path)",
            "warning: --output writes a JSON artifact, so 'points.csv' holds JSON; for csv use --format csv and redirect standard output",
        ])
        #expect(try Fixtures.object(String(decoding: try Data(contentsOf: output), as: UTF8.self))["kind"] as? String == "fit")
    }

    @Test("--output writes the artifact atomically and the report still goes to stdout")
    func outputFile() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("fit.json")
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", output.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("[[Law]]"))
        #expect(result.stderr == "wrote \(output.path)\n")
        let saved = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        let object = try Fixtures.object(saved)
        #expect(object["law"] as? String == "chinchilla")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["fit.json"])
    }

    @Test("row filters: --where, --range and --drop-highest change the rows fitted")
    func filters() throws {
        func rows(_ extra: [String]) throws -> Int? {
            let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--format", "json"] + extra)
            #expect(result.status == 0, "\(extra): \(result.stderr)")
            return (try Fixtures.object(result.stdout)["data"] as? [String: Any])?["rows"] as? Int
        }
        // N takes 8 log-spaced values 5e7, 1.14e8, 2.60e8, 5.92e8, 1.35e9, … 1.6e10, 15 rows each.
        #expect(try rows(["--where", "N>=1e9"]) == 60)
        #expect(try rows(["--range", "N:1e9:"]) == 60)
        #expect(try rows(["--where", "1e8<=N<=1e9"]) == 45)
        #expect(try rows(["--drop-highest", "loss:5"]) == 115)
        #expect(try rows(["--drop-lowest", "N:15"]) == 105)
    }

    @Test("explicit column flags and --fix")
    func columnsAndFix() throws {
        let result = try CLIRunner.run([
            "fit", Fixtures.syntheticData, "--n", "N", "--x", "D=D", "--loss", "loss", "--fix", "E=1.8171", "--format", "csv",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = Fixtures.csv(result.stdout).rows
        let e = try #require(rows.first { $0[0] == "E" })
        #expect(Double(e[3]) == 1.8171)
        #expect(e[9] == "true")
    }
}

/// Column inference beyond the standard names.
@Suite("fit column roles")
struct FitColumnRoleTests {
    @Test("D derived from C and N is noted on stderr; semicolons are detected")
    func derivedTokens() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = String(decoding: try Data(contentsOf: CLIRunner.root.appendingPathComponent(Fixtures.syntheticData)), as: UTF8.self)
        let rows = text.split(separator: "\n").map { line -> String in
            let f = line.split(separator: ",")
            return [f[0], f[2], f[3]].joined(separator: ";")
        }
        try Fixtures.write(rows.joined(separator: "\n") + "\n", to: "runs.csv", in: directory)
        let result = try CLIRunner.run(["fit", "runs.csv", "--format", "json"], in: directory)
        #expect(result.status == 0)
        #expect(result.stderr == "D derived from C and N as D = C/(6N)\n")
        let data = try #require(try Fixtures.object(result.stdout)["data"] as? [String: Any])
        #expect(data["rows"] as? Int == 120)
    }
}
