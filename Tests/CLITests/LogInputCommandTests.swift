import Foundation
import Testing
import TestSupport

/// Logs in the shapes researchers have them (issue 14, items 1 and 4): one long file with a run
/// column, a metric glob fitted once per metric, and decay branches mapped to their constant run.
@Suite("log input: long files, several metrics, branch mapping",
       .enabled(if: RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/model_sizes.csv") != nil,
                "needs ../shared/datasets/olmo_ladder_bhagia2024"))
struct LogInputCommandTests {
    static var folder: URL? { RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024") }
    static let metric = "eval/c4_en-validation/CrossEntropyLoss"
    static let sizes = ["--sizes", "model_sizes.csv", "--name-pattern", "{size}-{mult}xC"]
    static let mmlu = "eval/downstream_bpb/mmlu_*_val_rc_5shot_bpb"

    /// The 20 cosine logs joined into one long file whose first column names the run.
    static func longFile(emptyRunAt emptyRow: Int? = nil) throws -> URL {
        let folder = try #require(Self.folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cosine").path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        var out = ""
        var row = 0
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent("cosine/" + name), encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline)
            if out.isEmpty { out = "run_name," + lines[0] + "\n" }
            for line in lines.dropFirst() {
                row += 1
                out += (row == emptyRow ? "" : String(name.dropLast(4))) + "," + line + "\n"
            }
        }
        let url = try CLIRunner.temporaryDirectory().appendingPathComponent("long.csv")
        try out.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("--run COLUMN: one long file holding 20 runs gives the same fit, byte for byte, as the 20 files")
    func longFileEqualsFiles() throws {
        let folder = try #require(Self.folder)
        let long = try Self.longFile()
        let fromLong = try CLIRunner.run(
            ["fit", long.path, "--run", "run_name", "--metric", Self.metric, "--format", "csv"] + Self.sizes, in: folder)
        let fromFiles = try CLIRunner.run(["fit", "cosine", "--metric", Self.metric, "--format", "csv"] + Self.sizes, in: folder)
        #expect(fromLong.status == 0, "\(fromLong.stderr)")
        #expect(fromFiles.status == 0, "\(fromFiles.stderr)")
        #expect(fromLong.stdout == fromFiles.stdout)
        #expect(fromLong.stdout.hasPrefix("parameter,"))
    }

    @Test("--run COLUMN: a row without a run name is an error naming the line")
    func emptyRunName() throws {
        let folder = try #require(Self.folder)
        let long = try Self.longFile(emptyRunAt: 5)
        let result = try CLIRunner.run(["runs", long.path, "--run", "run_name", "--metric", Self.metric] + Self.sizes, in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: \(long.path), line 6: the run column 'run_name' is empty (every row of a long log names its run)"])
    }

    @Test("--by metric: one fit per matching metric, each the fit of that metric named alone")
    func byMetric() throws {
        let folder = try #require(Self.folder)
        let grouped = try CLIRunner.run(["fit", "cosine", "--metric", Self.mmlu, "--by", "metric"] + Self.sizes, in: folder)
        #expect(grouped.status == 0, "\(grouped.stderr)")
        let summary = grouped.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("eval/downstream_bpb/mmlu_") && $0.contains(" 20 ") }
        #expect(summary.count == 4)

        let stem = "eval/downstream_bpb/mmlu_stem_val_rc_5shot_bpb"
        let alone = try CLIRunner.run(["fit", "cosine", "--metric", stem, "--format", "csv"] + Self.sizes, in: folder)
        let selected = try CLIRunner.run(
            ["fit", "cosine", "--metric", Self.mmlu, "--where", "metric==\(stem)", "--format", "csv"] + Self.sizes, in: folder)
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(selected.status == 0, "\(selected.stderr)")
        #expect(alone.stdout == selected.stdout)
        // The grouped stem section's E is the lone fit's E (to the printed digits).
        let e = try #require(alone.stdout.split(separator: "\n").first { $0.hasPrefix("E,") }?.split(separator: ",")[3])
        let stemRow = try #require(summary.first { $0.hasPrefix(stem) })
        let printedE = try #require(Double(stemRow.split(separator: " ", omittingEmptySubsequences: true)[2]))
        #expect(abs(printedE / (Double(e) ?? .nan) - 1) < 5e-6)
    }

    @Test("A metric glob matching several columns, with several kept, is an error unless --by metric")
    func severalMetricsWithoutBy() throws {
        let folder = try #require(Self.folder)
        let result = try CLIRunner.run(
            ["fit", "cosine", "--metric", Self.mmlu, "--where", "metric!=eval/downstream_bpb/mmlu_stem_val_rc_5shot_bpb"] + Self.sizes,
            in: folder)
        #expect(result.status == 1)
        #expect(result.stderrLines == [
            "error: cosine/ (20 logs): the metric 'eval/downstream_bpb/mmlu_*_val_rc_5shot_bpb' matches 3 columns ('eval/downstream_bpb/mmlu_humanities_val_rc_5shot_bpb', 'eval/downstream_bpb/mmlu_social_sciences_val_rc_5shot_bpb', 'eval/downstream_bpb/mmlu_other_val_rc_5shot_bpb'); use --by metric to fit each, or name one",
        ])
    }

    @Test("--branch-of overrides the automatic match; a mapping to an unknown run or one that does not reach the branch point is an error", arguments: [
        (["--branch-of", "190M-1xC=nosuch"],
         "error: --branch-of 190M-1xC=nosuch: no run 'nosuch' was read (runs: '190M-0.5xC', '190M-1xC', '190M-2xC', '190M-5xC', '1B-0.5xC', '1B-1xC', '1B-2xC', '1B-5xC' and 16 more)"),
        (["--branch-of", "wsd-decay/1B-10xC=constant/190M-10xC"],
         "error: run 'wsd-decay/1B-10xC' starts at step 147000, which the constant run 'constant/190M-10xC' does not reach (it logs steps 1000–72625)"),
    ])
    func branchMappingErrors(arguments: [String], message: String) throws {
        let folder = try #require(Self.folder)
        let result = try CLIRunner.run(["runs", "constant", "wsd-decay", "--metric", Self.metric] + Self.sizes + arguments, in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [message])
    }

    @Test("A decay branch read without its constant run is a point with a warning naming the run")
    func branchWithoutConstantRun() throws {
        let folder = try #require(Self.folder)
        let result = try CLIRunner.run(["runs", "wsd-decay/1B-1xC.csv", "--metric", Self.metric, "--format", "csv"] + Self.sizes, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines.contains(
            "warning: run '1B-1xC' is a WSD decay branch from step 14100, but no one constant-rate run of its N read here reaches that step: its end is still a point; give the constant run's log (or --branch-of BRANCH=CONSTANT) to link it"))
        let linked = try CLIRunner.run(
            ["runs", "wsd-decay/1B-1xC.csv", "constant/1B-10xC.csv", "--metric", Self.metric, "--format", "csv"] + Self.sizes, in: folder)
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(!linked.stderr.contains("is a WSD decay branch"))
        // Read with constant runs none of which it continues: an error naming the file and run.
        let unmatched = try CLIRunner.run(
            ["runs", "wsd-decay/1B-1xC.csv", "constant/190M-10xC.csv", "--metric", Self.metric, "--format", "csv"] + Self.sizes, in: folder)
        #expect(unmatched.status == 1)
        #expect(unmatched.stdout.isEmpty)
        #expect(unmatched.stderrLines == [
            "error: wsd-decay/1B-1xC.csv: run '1B-1xC' is a WSD decay branch from step 14100, but no constant-rate run read with it ('190M-10xC') has its N and reaches that step; give its constant run's log or --branch-of BRANCH=CONSTANT",
        ])
    }

    @Test("--branch-of BRANCH=CONSTANT links the branch to the run named")
    func branchMapping() throws {
        let folder = try #require(Self.folder)
        let automatic = try CLIRunner.run(["runs", "constant", "wsd-decay", "--metric", Self.metric] + Self.sizes, in: folder)
        let mapped = try CLIRunner.run(
            ["runs", "constant", "wsd-decay", "--metric", Self.metric, "--branch-of", "190M-1xC=constant/370M-10xC"] + Self.sizes, in: folder)
        func row(_ text: String) -> String { text.split(separator: "\n").first { $0.contains(" 190M-1xC ") }.map(String.init) ?? "" }
        #expect(row(automatic.stdout).contains("continues constant/190M-10xC"))
        #expect(row(mapped.stdout).contains("continues constant/370M-10xC"))
    }
}

/// `plot --kind curves` of a fit made from logs draws every run's logged curve (issue 14, item 6).
@Suite("plot curves of a fit from logs",
       .enabled(if: RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/model_sizes.csv") != nil,
                "needs ../shared/datasets/olmo_ladder_bhagia2024"))
struct PlotLogCurvesCommandTests {
    @Test("20 cosine logs: 20 dotted run curves, 4 fitted lines, 20 points")
    func curvesOfRuns() throws {
        let folder = try #require(RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024"))
        let directory = try CLIRunner.temporaryDirectory()
        let artifact = directory.appendingPathComponent("fit.json").path
        let svg = directory.appendingPathComponent("curves.svg").path
        let fit = try CLIRunner.run(
            ["fit", "cosine", "--metric", LogInputCommandTests.metric, "--output", artifact] + LogInputCommandTests.sizes, in: folder)
        #expect(fit.status == 0, "\(fit.stderr)")
        let plot = try CLIRunner.run(["plot", artifact, "--kind", "curves", "--output", svg], in: folder)
        #expect(plot.status == 0, "\(plot.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "stroke-dasharray=\"2 3\"").count - 1 == 20)
        #expect(text.contains("dotted: their logged curves."))
    }
}
