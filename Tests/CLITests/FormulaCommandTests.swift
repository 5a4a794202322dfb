import Foundation
import Testing
import TestSupport

/// `scaling-laws fit --law '<formula>'`: user-written laws on the command line and in files.
@Suite("fit with a formula law")
struct FormulaCommandTests {
    static let chinchilla = "E + A/N^alpha + B/D^beta"

    /// Parameter values by name from a JSON report.
    static func values(_ stdout: String) throws -> [String: Double] {
        let object = try Fixtures.object(stdout)
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        var out: [String: Double] = [:]
        for parameter in parameters {
            out[try #require(parameter["name"] as? String)] = try #require(parameter["value"] as? Double)
        }
        return out
    }

    static func objective(_ stdout: String) throws -> Double {
        let statistics = try #require(try Fixtures.object(stdout)["statistics"] as? [String: Any])
        return try #require(statistics["objective"] as? Double)
    }

    @Test("a hand-written Chinchilla reaches the built-in law's fit on the synthetic data")
    func formulaMatchesBuiltIn() throws {
        let formula = try CLIRunner.run(["fit", Fixtures.syntheticData, "--law", Self.chinchilla, "--objective", "huber", "--format", "json"])
        #expect(formula.status == 0)
        // A formula's robust fit gets the catalog law's default row bootstrap (refitted by the
        // general driver): no warning about linearised intervals, and the same standard errors.
        #expect(formula.stderrLines == [])
        let builtIn = try CLIRunner.run(["fit", Fixtures.syntheticData, "--law", "chinchilla", "--format", "json"])
        #expect(builtIn.status == 0)
        let standardErrors = { (stdout: String) throws -> [String: Double] in
            let parameters = try #require(try Fixtures.object(stdout)["parameters"] as? [[String: Any]])
            var out: [String: Double] = [:]
            for p in parameters { out[try #require(p["name"] as? String)] = p["standardError"] as? Double }
            return out
        }
        let formulaSE = try standardErrors(formula.stdout), builtInSE = try standardErrors(builtIn.stdout)
        for name in ["E", "A", "B", "alpha", "beta"] {
            let ratio = try #require(formulaSE[name]) / (try #require(builtInSE[name]))
            #expect(Swift.abs(ratio - 1) < 0.10, "\(name): formula SE / catalog SE = \(ratio)")
        }

        let object = try Fixtures.object(formula.stdout)
        #expect(object["law"] as? String == "formula")
        #expect(object["formula"] as? String == "loss = E + A/N^alpha + B/D^beta")
        #expect(object["inputs"] as? [String] == ["N", "D"])
        #expect(object["response"] as? String == "loss")
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        #expect(parameters.compactMap { $0["name"] as? String } == ["E", "A", "alpha", "B", "beta"])

        let ours = try Self.values(formula.stdout)
        let theirs = try Self.values(builtIn.stdout)
        for (name, value) in theirs {
            let mine = try #require(ours[name], "missing \(name)")
            #expect(isClose(mine, value, rel: 1e-5), "\(name): formula \(mine), chinchilla \(value)")
        }
        #expect(isClose(try Self.objective(formula.stdout), try Self.objective(builtIn.stdout), rel: 1e-8))
    }

    /// `compare` built an option group by hand and trapped on any formula law (Argument
    /// Parser's property wrappers read outside parsing); it now has the formula options.
    @Test("compare --law FORMULA: the hand-written Chinchilla ties the built-in law; --param is honoured")
    func compareFormula() throws {
        let result = try CLIRunner.run([
            "compare", Fixtures.syntheticData, "--law", "chinchilla", "--law", Self.chinchilla,
            "--objective", "huber", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let entries = try #require(try Fixtures.object(result.stdout)["entries"] as? [[String: Any]])
        #expect(entries.map { $0["law"] as? String } == ["chinchilla", "formula"])
        let aic = try entries.map { try #require($0["aic"] as? Double) }
        #expect(aic.count == 2 && isClose(aic[0], aic[1], rel: 1e-6), "AIC \(aic)")
        #expect(entries.map { $0["freeParameters"] as? Int } == [5, 5])

        // A declaration bounding alpha away from its simulated 0.348 costs fit: --param reaches the law.
        let bounded = try CLIRunner.run([
            "compare", Fixtures.syntheticData, "--law", Self.chinchilla, "--param", "alpha in [0.5, 1]",
            "--objective", "huber", "--format", "json",
        ])
        #expect(bounded.status == 0, "\(bounded.stderr)")
        let boundedEntries = try #require(try Fixtures.object(bounded.stdout)["entries"] as? [[String: Any]])
        let boundedAIC = try #require(boundedEntries.first?["aic"] as? Double)
        #expect(boundedAIC > aic[1] + 10, "bounded AIC \(boundedAIC), free \(aic[1])")
    }

    @Test("the table report names the formula and its parameters")
    func tableReport() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--law", Self.chinchilla, "--objective", "huber"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("    name:    formula\n"))
        #expect(result.stdout.contains("    formula: loss = E + A/N^alpha + B/D^beta\n"))
        #expect(result.stdout.contains("alpha (α): 0.35262"))
        #expect(result.stdout.contains("beta (β):  0.37421"))
    }

    @Test("declarations: fixed bounds and log-space coefficients; --fix holds a formula parameter")
    func declarations() throws {
        let result = try CLIRunner.run([
            "fit", Fixtures.syntheticData, "--law", Self.chinchilla, "--objective", "huber", "--format", "json",
            "--param", "E in [0, inf]", "--param", "A in [0, inf]", "--param", "B in [0, inf]",
            "--param", "alpha in [0, 1] start 0.3", "--fix", "beta=0.37",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        #expect(object["fittedNames"] as? [String] == ["log_E", "log_A", "alpha", "log_B", "beta"])
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        let beta = try #require(parameters.first { $0["name"] as? String == "beta" })
        #expect(beta["fixed"] as? Bool == true)
        #expect(isClose(try #require(beta["value"] as? Double), 0.37, rel: 1e-15))
        let values = try Self.values(result.stdout)
        #expect(isClose(try #require(values["alpha"]), Fixtures.truth["alpha"]!, rel: 0.05))
    }

    @Test("a law file, with options overriding it")
    func lawFile() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Fixtures.write("""
            # Chinchilla, by hand
            loss = E + A/N^alpha + B/D^beta
            inputs N, D
            param E in [0, inf]
            param alpha in [0, 2] start 0.3
            """, to: "chinchilla.law", in: directory)
        let data = CLIRunner.root.appendingPathComponent(Fixtures.syntheticData).path
        let fromFile = try CLIRunner.run(["fit", data, "--law", "@chinchilla.law", "--objective", "huber", "--format", "json"], in: directory)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        let object = try Fixtures.object(fromFile.stdout)
        #expect(object["formula"] as? String == "loss = E + A/N^alpha + B/D^beta")
        #expect(object["fittedNames"] as? [String] == ["log_E", "A", "alpha", "B", "beta"])
        let values = try Self.values(fromFile.stdout)
        #expect(isClose(try #require(values["beta"]), 0.3742155, rel: 1e-4))

        let overridden = try CLIRunner.run(
            ["fit", data, "--law", "@chinchilla.law", "--objective", "huber", "--format", "json", "--param", "alpha start 0.2", "--starts", "single"],
            in: directory)
        #expect(overridden.status == 0, "\(overridden.stderr)")
        let parameters = try #require(try Fixtures.object(overridden.stdout)["parameters"] as? [[String: Any]])
        let alpha = try #require(parameters.first { $0["name"] as? String == "alpha" })
        #expect(isClose(try #require(alpha["initial"] as? Double), 0.2, rel: 1e-12))
    }

    @Test("custom inputs and response: --inputs and --response, columns found by name")
    func customInputs() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // y = 2 + 3·exp(−0.5 t), exactly
        var csv = "t,y\n"
        for i in 0..<12 {
            let t = Double(i) * 0.5
            csv += "\(t),\(2 + 3 * exp(-0.5 * t))\n"
        }
        try Fixtures.write(csv, to: "decay.csv", in: directory)
        let result = try CLIRunner.run(
            ["fit", "decay.csv", "--law", "c + a*exp(-k*t)", "--inputs", "t", "--response", "y", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let values = try Self.values(result.stdout)
        #expect(isClose(try #require(values["c"]), 2, rel: 1e-6))
        #expect(isClose(try #require(values["a"]), 3, rel: 1e-6))
        #expect(isClose(try #require(values["k"]), 0.5, rel: 1e-6))
        #expect(try Fixtures.object(result.stdout)["formula"] as? String == "y = c + a*exp(-k*t)")
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String
        var files: [String: String] = [:]
        let arguments: [String]
        let stderr: String
        var testDescription: String { name }
    }

    static let runs = "N,D,loss\n1e8,2e9,3.1\n2e8,4e9,2.9\n4e8,8e9,2.7\n8e8,1.6e10,2.5\n1.6e9,3.2e10,2.4\n3.2e9,6.4e10,2.3\n"

    static let bad: [BadCase] = [
        BadCase(name: "parse error", files: ["runs.csv": runs], arguments: ["fit", "runs.csv", "--law", "E + A/N^alpha + B/D^beta)"],
                stderr: "error: formula: unexpected ')' at column 25"),
        BadCase(name: "unknown function", files: ["runs.csv": runs], arguments: ["fit", "runs.csv", "--law", "E + A*sin(N)"],
                stderr: "error: formula: unknown function 'sin' at column 7 (functions: exp, log, log10, sqrt, min, max)"),
        BadCase(name: "unclosed parenthesis", files: ["runs.csv": runs], arguments: ["fit", "runs.csv", "--law", "E + A/(N^alpha"],
                stderr: "error: formula: '(' at column 7 is never closed"),
        BadCase(name: "no inputs", files: ["runs.csv": runs], arguments: ["fit", "runs.csv", "--law", "E + A/n^alpha"],
                stderr: "error: formula: no input variable: the formula uses none of N, D, C; name its inputs with --inputs"),
        BadCase(name: "declaration of an unknown parameter", files: ["runs.csv": runs],
                arguments: ["fit", "runs.csv", "--law", "E + A/N^alpha", "--param", "gamma in [0, 1]"],
                stderr: "error: formula: 'gamma' is not a parameter of the formula (parameters: E, A, alpha)"),
        BadCase(name: "malformed declaration", files: ["runs.csv": runs],
                arguments: ["fit", "runs.csv", "--law", "E + A/N^alpha", "--param", "alpha in [0 2]"],
                stderr: "error: formula: parameter declaration 'alpha in [0 2]': expected ',' between the two ends of the interval"),
        BadCase(name: "input not in the formula", files: ["runs.csv": runs],
                arguments: ["fit", "runs.csv", "--law", "E + A/N^alpha", "--inputs", "N,D"],
                stderr: "error: formula: input 'D' does not appear in the formula"),
        BadCase(name: "input without a column", files: ["runs.csv": runs],
                arguments: ["fit", "runs.csv", "--law", "E + A/x^alpha", "--inputs", "x"],
                stderr: "error: runs.csv: no column for x; name one with --x x=<column> (columns: N, D, loss)"),
        BadCase(name: "non-positive input under a power", files: ["runs.csv": "N,D,loss\n1e8,2e9,3.1\n0,4e9,3.0\n"],
                arguments: ["fit", "runs.csv", "--law", "E + A/N^alpha"],
                stderr: "error: runs.csv, line 3, column 'N': expected a positive number for the formula law, got 0"),
        BadCase(name: "unknown fixed parameter", files: ["runs.csv": runs],
                arguments: ["fit", "runs.csv", "--law", "E + A/N^alpha", "--fix", "beta=0.3"],
                stderr: "error: law 'formula' has no parameter 'beta' (parameters: E, A, alpha)"),
        BadCase(name: "missing law file", files: ["runs.csv": runs], arguments: ["fit", "runs.csv", "--law", "@missing.law"],
                stderr: "error: no such file: missing.law"),
        BadCase(name: "law file with a syntax error", files: ["runs.csv": runs, "bad.law": "# by hand\nE + A/N^alpha)\n"],
                arguments: ["fit", "runs.csv", "--law", "@bad.law"],
                stderr: "error: bad.law, line 2: unexpected ')' at column 14"),
        BadCase(name: "a hyphenated name is a law name, not a formula", files: ["runs.csv": runs],
                arguments: ["fit", "runs.csv", "--law", "kaplan-nn"],
                stderr: "error: unknown law 'kaplan-nn'; did you mean 'kaplan-n'? (see 'scaling-laws laws')"),
    ]

    @Test("bad formulas: one error line, status 1, nothing on stdout", arguments: bad)
    func badFormula(_ c: BadCase) throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, contents) in c.files { try Fixtures.write(contents, to: name, in: directory) }
        let result = try CLIRunner.run(c.arguments, in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderrLines == [c.stderr])
    }

    @Test("formula options with a catalog law are a usage error")
    func optionsWithCatalogLaw() throws {
        let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--law", "chinchilla", "--param", "alpha in [0, 1]"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("Error: --param, --inputs and --response apply to a formula given with --law, not to the law 'chinchilla'"))
    }
}
