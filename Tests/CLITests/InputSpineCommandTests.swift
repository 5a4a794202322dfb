import Foundation
import Testing
import TestSupport

/// One input specification for every command that reads runs: `--where`, `--by`, the shared row
/// filters, and artifacts that record their inputs.
@Suite("input spine: --where, --by, recorded inputs")
struct InputSpineCommandTests {
    /// The bundled Chinchilla-synthetic rows (N, D, C, loss).
    static func syntheticRows() throws -> [[String]] {
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent(Fixtures.syntheticData), encoding: .utf8)
        return Fixtures.csv(text).rows
    }

    /// `runs.csv`: experiment `llama_3` holds the bundled rows unchanged (runs `run_0` … `run_5`),
    /// experiment `other` the same N, D with 1.5× the loss, and a last `broken` row whose N is
    /// `garbage` (line 242). `hellaswag_bpb` = 0.6·loss + 0.05 for llama_3.
    static func writeRuns(in directory: URL) throws -> (llamaLoss: [Double], llamaBPB: [Double]) {
        let rows = try syntheticRows()
        var out = "experiment,run,N,D,loss,hellaswag_bpb\n"
        var loss: [Double] = [], bpb: [Double] = []
        for (i, row) in rows.enumerated() {
            let value = try #require(Double(row[3]))
            loss.append(value)
            bpb.append(0.6 * value + 0.05)
            out += "llama_3,run_\(i % 6),\(row[0]),\(row[1]),\(row[3]),\(0.6 * value + 0.05)\n"
        }
        for (i, row) in rows.enumerated() {
            let value = try #require(Double(row[3]))
            out += "other,other_\(i % 6),\(row[0]),\(row[1]),\(1.5 * value),\(0.9 * value)\n"
        }
        out += "broken,run_x,garbage,1e9,3.0,1.0\n"
        try Fixtures.write(out, to: "runs.csv", in: directory)
        return (loss, bpb)
    }

    /// `iso.csv`: the bundled iso-FLOP sweep twice, group `a` unchanged and group `b` with every
    /// N doubled and D halved (same budgets, so N* doubles exactly).
    static func writeIsoFlop(in directory: URL) throws -> Int {
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent("Datasets/isoflop-synthetic/data.csv"), encoding: .utf8)
        let rows = Fixtures.csv(text).rows
        var out = "group,budget,N,D,loss\n"
        for row in rows { out += "a,\(row[0]),\(row[1]),\(row[2]),\(row[3])\n" }
        for row in rows {
            let n = try #require(Double(row[1])), d = try #require(Double(row[2]))
            out += "b,\(row[0]),\(2 * n),\(d / 2),\(row[3])\n"
        }
        try Fixtures.write(out, to: "iso.csv", in: directory)
        return rows.count
    }

    static func parameters(_ object: [String: Any]) throws -> [String: Double] {
        let list = try #require(object["parameters"] as? [[String: Any]])
        var out: [String: Double] = [:]
        for parameter in list {
            out[try #require(parameter["name"] as? String)] = try #require(parameter["value"] as? Double)
        }
        return out
    }

    static func run(_ arguments: [String], in directory: URL) throws -> CLIResult {
        try CLIRunner.run(arguments, in: directory)
    }

    // MARK: - --where

    @Test("--where on text keeps one experiment: the same fit as the bundled file, and the garbage cell of an excluded row is never read")
    func whereText() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.writeRuns(in: directory)
        let filtered = try Self.run(["fit", "runs.csv", "--where", "experiment==llama_3", "--format", "json"], in: directory)
        #expect(filtered.status == 0, "\(filtered.stderr)")
        let plain = try CLIRunner.run(["fit", Fixtures.syntheticData, "--format", "json"])
        let a = try Self.parameters(try Fixtures.object(filtered.stdout))
        let b = try Self.parameters(try Fixtures.object(plain.stdout))
        #expect(a.count == 5)
        for (name, value) in b { #expect(isClose(a[name] ?? .nan, value, rel: 1e-12), "\(name)") }
        // The same rows by membership and by exclusion of the other two experiments.
        for expression in [["--where", "experiment in [llama_3, 'nothing']"], ["--where", "experiment!=other", "--where", "experiment != broken"]] {
            let result = try Self.run(["fit", "runs.csv", "--format", "json"] + expression, in: directory)
            #expect(result.status == 0, "\(expression): \(result.stderr)")
            let c = try Self.parameters(try Fixtures.object(result.stdout))
            for (name, value) in b { #expect(isClose(c[name] ?? .nan, value, rel: 1e-12), "\(expression) \(name)") }
        }
        // Without excluding it, the garbage row is read and named.
        let garbage = try Self.run(["fit", "runs.csv", "--where", "experiment!=other"], in: directory)
        #expect(garbage.status == 1)
        #expect(garbage.stdout.isEmpty)
        #expect(garbage.stderr == "error: runs.csv, line 242, column 'N': expected a number, got 'garbage'\n")
    }

    @Test("--where on numbers: ==, !=, <, >= and the chained range count the rows the bundled file has")
    func whereNumbers() throws {
        let rows = try Self.syntheticRows()
        let n = rows.compactMap { Double($0[0]) }
        func count(_ expression: String) throws -> Int? {
            let result = try CLIRunner.run(["fit", Fixtures.syntheticData, "--where", expression, "--format", "json"])
            #expect(result.status == 0, "\(expression): \(result.stderr)")
            return (try Fixtures.object(result.stdout)["data"] as? [String: Any])?["rows"] as? Int
        }
        #expect(try count("N>=1e9") == n.filter { $0 >= 1e9 }.count)
        #expect(try count("N<1e9") == n.filter { $0 < 1e9 }.count)
        #expect(try count("N != 50000000") == n.filter { $0 != 5e7 }.count)
        #expect(try count("1e8 < N <= 2T") == n.filter { $0 > 1e8 && $0 <= 2e12 }.count)
        #expect(try count("N in [50M, 16B, 1]") == n.filter { $0 == 5e7 || $0 == 1.6e10 }.count)
        #expect(n.filter { $0 < 1e9 }.count == 60)
    }

    @Test("--where errors: type mismatch, empty selection, unknown column with its near match", arguments: [
        (["--where", "D==llama"], "error: runs.csv: --where 'D == llama' compares text, but column 'D' holds numbers; compare it with a number"),
        (["--where", "experiment==3"], "error: runs.csv, line 2, column 'experiment': --where 'experiment == 3' compares a number, but the cell holds text 'llama_3'; quote the value to compare text"),
        (["--where", "experiment>=3"], "error: runs.csv, line 2, column 'experiment': --where 'experiment >= 3' compares a number, but the cell holds text 'llama_3'"),
        (["--where", "experiment==gpt", "--where", "N>1"], "error: runs.csv: no row satisfies --where 'experiment == gpt' and 'N > 1'"),
        (["--where", "experimnt==llama_3"], "error: runs.csv: --where 'experimnt == llama_3': no column named 'experimnt'; did you mean 'experiment'? (columns: experiment, run, N, D, loss, hellaswag_bpb)"),
        (["--by", "experimant"], "error: runs.csv: --by: no column named 'experimant'; did you mean 'experiment'? (columns: experiment, run, N, D, loss, hellaswag_bpb)"),
        (["--range", "los:1:2"], "error: runs.csv: --range: no column named 'los'; did you mean 'loss'? (columns: experiment, run, N, D, loss, hellaswag_bpb)"),
    ])
    func whereErrors(_ extra: [String], _ message: String) throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.writeRuns(in: directory)
        let result = try Self.run(["fit", "runs.csv", "--output", "f.json"] + extra, in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == message + "\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("f.json").path))
    }

    @Test("--bootstrap-groups over text run names resamples the 6 runs")
    func bootstrapTextGroups() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.writeRuns(in: directory)
        let result = try Self.run(
            ["fit", "runs.csv", "--where", "experiment==llama_3", "--bootstrap", "20", "--bootstrap-groups", "run", "--format", "json"],
            in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let bootstrap = try #require(try Fixtures.object(result.stdout)["bootstrap"] as? [String: Any])
        #expect(bootstrap["kind"] as? String == "groups of 'run'")
        #expect(bootstrap["resamples"] as? Int == 20)
        #expect((bootstrap["converged"] as? Int ?? 0) >= 18)
    }

    // MARK: - --by

    @Test("fit --by: each group's parameters are those of a separate fit with --where; one artifact per group")
    func fitBy() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.writeRuns(in: directory)
        let grouped = try Self.run(
            ["fit", "runs.csv", "--by", "experiment", "--where", "experiment!=broken", "--format", "json", "--output", "f.json"], in: directory)
        #expect(grouped.status == 0, "\(grouped.stderr)")
        let object = try Fixtures.object(grouped.stdout)
        #expect(object["by"] as? String == "experiment")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.compactMap { $0["group"] as? String } == ["llama_3", "other"])
        for group in groups {
            let label = try #require(group["group"] as? String)
            let result = try #require(group["result"] as? [String: Any])
            let separate = try Self.run(["fit", "runs.csv", "--where", "experiment==\(label)", "--format", "json"], in: directory)
            #expect(separate.status == 0, "\(separate.stderr)")
            let expected = try Self.parameters(try Fixtures.object(separate.stdout))
            let got = try Self.parameters(result)
            for (name, value) in expected { #expect(isClose(got[name] ?? .nan, value, rel: 1e-12), "\(label) \(name)") }
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("f-\(label).json").path))
        }
        // 1.5× the loss: E and A and B scale by 1.5, the exponents stay (a least-squares fit in log space moves by log 1.5).
        let llama = try Self.parameters(try #require(groups[0]["result"] as? [String: Any]))
        let other = try Self.parameters(try #require(groups[1]["result"] as? [String: Any]))
        #expect(isClose(other["alpha"] ?? .nan, llama["alpha"] ?? .nan, rel: 0.05))
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["rows"] as? [[String]])?.map { $0[0] } == ["llama_3", "other"])
    }

    @Test("isoflop --by: per group the numbers of a separate --where run; group b's N* is twice group a's")
    func isoflopBy() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.writeIsoFlop(in: directory)
        let grouped = try Self.run(["isoflop", "iso.csv", "--budget-column", "budget", "--by", "group", "--no-approach3", "--format", "json"], in: directory)
        #expect(grouped.status == 0, "\(grouped.stderr)")
        let groups = try #require(try Fixtures.object(grouped.stdout)["groups"] as? [[String: Any]])
        #expect(groups.count == 2)
        var coefficients: [Double] = []
        for group in groups {
            let label = try #require(group["group"] as? String)
            let law = try #require((group["result"] as? [String: Any])?["parameterLaw"] as? [String: Any])
            let separate = try Self.run(
                ["isoflop", "iso.csv", "--budget-column", "budget", "--where", "group==\(label)", "--no-approach3", "--format", "json"], in: directory)
            #expect(separate.status == 0, "\(separate.stderr)")
            let expected = try #require(try Fixtures.object(separate.stdout)["parameterLaw"] as? [String: Any])
            for key in ["exponent", "coefficient"] {
                #expect(isClose(law[key] as? Double ?? .nan, expected[key] as? Double ?? .nan, rel: 1e-12), "\(label) \(key)")
            }
            coefficients.append(try #require(law["coefficient"] as? Double))
        }
        #expect(isClose(coefficients[1] / coefficients[0], 2, rel: 1e-9))
    }

    // MARK: - report

    @Test("report --where filters every section: data, fit, iso-FLOP")
    func reportWhere() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = try Self.writeIsoFlop(in: directory)
        let result = try Self.run(
            ["report", "iso.csv", "--budget-column", "budget", "--where", "group==b", "--no-approach3", "--output", "r.html"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: directory.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.contains("<p>iso.csv: \(rows) rows, digest"))
        #expect(html.contains("Rows selected by: group == b."))
        #expect(html.contains("iso.csv (\(rows) runs; group == b)"))
        let fit = try Self.run(["fit", "iso.csv", "--where", "group==b", "--format", "json"], in: directory)
        let rSquared = try #require((try Fixtures.object(fit.stdout)["statistics"] as? [String: Any])?["rSquared"] as? Double)
        #expect(html.contains("R² = \(String(format: "%.6g", rSquared))"), "R² \(rSquared)")
    }

    // MARK: - plot

    @Test("plot takes --range and --drop-lowest and draws the rows they keep")
    func plotFilters() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = directory.appendingPathComponent("fit.json").path
        let made = try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", fit, "--format", "json"])
        #expect(made.status == 0, "\(made.stderr)")
        let svg = directory.appendingPathComponent("p.svg").path
        let result = try CLIRunner.run(["plot", fit, "--kind", "curves", "--range", "N:1e9:", "--drop-lowest", "loss:3", "--output", svg])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("drawing 57 rows of Datasets/chinchilla-synthetic/data.csv; the fit used 120"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: svg))
    }

    /// The `points` of every polyline (the fitted curves) of an SVG figure, in order.
    static func polylines(_ svg: String) -> [String] {
        svg.components(separatedBy: "<polyline points=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
    }

    @Test("plot --by refits the law per group: each group's curves are those of a fit to that group alone; --overlay puts the groups in one figure")
    func plotBy() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Self.writeRuns(in: directory)
        let pooled = try Self.run(["fit", "runs.csv", "--where", "experiment!=broken", "--output", "all.json"], in: directory)
        #expect(pooled.status == 0, "\(pooled.stderr)")
        let grouped = try Self.run(["plot", "all.json", "--kind", "curves", "--by", "experiment", "--output", "c.svg"], in: directory)
        #expect(grouped.status == 0, "\(grouped.stderr)")
        #expect(grouped.stderr == "wrote c-llama_3.svg\nwrote c-other.svg\n")

        for label in ["llama_3", "other"] {
            let own = try Self.run(["fit", "runs.csv", "--where", "experiment==\(label)", "--output", "\(label).json"], in: directory)
            #expect(own.status == 0, "\(own.stderr)")
            let alone = try Self.run(["plot", "\(label).json", "--kind", "curves", "--output", "\(label).svg"], in: directory)
            #expect(alone.status == 0, "\(alone.stderr)")
            let group = try String(contentsOf: directory.appendingPathComponent("c-\(label).svg"), encoding: .utf8)
            let expected = try String(contentsOf: directory.appendingPathComponent("\(label).svg"), encoding: .utf8)
            #expect(!Self.polylines(expected).isEmpty)
            #expect(Self.polylines(group) == Self.polylines(expected), "\(label): the group's curves are not its own fit's")
            #expect(group.contains("<title id=\"plot-title\">Final training loss vs training tokens (experiment = \(label))</title>"))
        }
        // The pooled fit drawn on group 'other' (1.5× the loss) is another curve: the groups were refitted.
        let drawnPooled = try Self.run(
            ["plot", "all.json", "--kind", "curves", "--where", "experiment==other", "--output", "pooled.svg"], in: directory)
        #expect(drawnPooled.status == 0, "\(drawnPooled.stderr)")
        let pooledLines = Self.polylines(try String(contentsOf: directory.appendingPathComponent("pooled.svg"), encoding: .utf8))
        let otherLines = Self.polylines(try String(contentsOf: directory.appendingPathComponent("c-other.svg"), encoding: .utf8))
        #expect(pooledLines != otherLines)

        let overlay = try Self.run(["plot", "all.json", "--kind", "residuals", "--by", "experiment", "--overlay"], in: directory)
        #expect(overlay.status == 0, "\(overlay.stderr)")
        #expect(overlay.stdout.hasPrefix("<svg"))
        #expect(overlay.stdout.contains(">experiment = llama_3<") && overlay.stdout.contains(">experiment = other<"))
        #expect(overlay.stdout.contains("(240 rows in 2 groups)"))
        #expect(overlay.stdout.contains("Residuals of the chinchilla fit by experiment"))

        let alone = try Self.run(["plot", "all.json", "--kind", "residuals", "--overlay"], in: directory)
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--overlay draws the groups of --by COLUMN in one figure: give --by"), "\(alone.stderr)")
    }

    // MARK: - artifacts remember their inputs

    @Test("fit --output records its input; predict reads the recorded response; plot re-reads the recorded rows")
    func recordedInput() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, bpb) = try Self.writeRuns(in: directory)
        let fit = try Self.run(
            ["fit", "runs.csv", "--loss", "hellaswag_bpb", "--where", "experiment==llama_3", "--output", "f.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let artifact = try Fixtures.object(try String(contentsOf: directory.appendingPathComponent("f.json"), encoding: .utf8))
        let input = try #require(artifact["input"] as? [String: Any])
        let specification = try #require(input["specification"] as? [String: Any])
        #expect(specification["path"] as? String == "runs.csv")
        #expect(specification["predicates"] as? [String] == ["experiment == llama_3"])
        #expect((specification["columns"] as? [String: String]) == ["loss": "hellaswag_bpb"])
        #expect(input["rows"] as? Int == 120)
        #expect(input["digest"] as? String == (artifact["data"] as? [String: Any])?["digest"] as? String)

        let predicted = try Self.run(
            ["predict", "--fit", "f.json", "--points", "runs.csv", "--where", "experiment==llama_3", "--format", "json"], in: directory)
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let points = try #require(try Fixtures.object(predicted.stdout)["points"] as? [[String: Any]])
        let observed = points.compactMap { $0["observed"] as? Double }
        #expect(observed.count == bpb.count)
        for (a, b) in zip(observed, bpb) { #expect(isClose(a, b, rel: 1e-12)) }

        let plot = try Self.run(["plot", "f.json", "--kind", "residuals", "--output", "r.svg"], in: directory)
        #expect(plot.status == 0, "\(plot.stderr)")
        #expect(plot.stderr == "wrote r.svg\n")
    }

    @Test("an artifact used with data whose rows changed is refused, naming the artifact and the file")
    func digestMismatch() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent(Fixtures.syntheticData), encoding: .utf8)
        try Fixtures.write(text, to: "data.csv", in: directory)
        let fit = try Self.run(["fit", "data.csv", "--output", "f.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = lines[1].split(separator: ",").dropLast().joined(separator: ",") + ",9.5"
        try Fixtures.write(lines.joined(separator: "\n"), to: "data.csv", in: directory)
        let plot = try Self.run(["plot", "f.json", "--kind", "curves", "--output", "c.svg"], in: directory)
        #expect(plot.status == 1)
        #expect(plot.stderr.hasPrefix("error: f.json: made from other data than data.csv: the selected rows differ (120 rows, digest "), "\(plot.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("c.svg").path))
    }

    @Test("compare --group points to --where, --by and --cv-groups instead of guessing --groups")
    func compareGroup() throws {
        let result = try CLIRunner.run(["compare", Fixtures.syntheticData, "--law", "chinchilla", "--group", "N=1"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix(
            "Error: compare has no --group: use --where COLUMN==VALUE to select rows, --by COLUMN to compare within each group, or --cv-groups COLUMN to hold out whole groups in cross-validation"),
            "\(result.stderr)")
    }
}
