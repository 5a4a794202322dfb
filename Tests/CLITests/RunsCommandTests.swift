import Foundation
import Testing
import TestSupport

/// `scaling-laws runs` on the OLMo 2 ladder's 45 training logs (Bhagia et al. 2024).
@Suite("runs command", .enabled(if: RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/model_sizes.csv") != nil,
                                "needs ../shared/datasets/olmo_ladder_bhagia2024"))
struct RunsCommandTests {
    static var folder: URL? { RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024") }
    static let metric = "eval/c4_en-validation/CrossEntropyLoss"

    @Test("All 44 logs (and the sizes table: 45 files) are listed with their schedule; branches are linked to the constant run they continue")
    func allFortyFive() throws {
        let folder = try #require(Self.folder)
        let result = try CLIRunner.run(
            ["runs", "cosine", "constant", "wsd-decay", "--sizes", "model_sizes.csv", "--name-pattern", "{size}-{mult}xC",
             "--metric", Self.metric], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        Snapshot.check(result.stdout, named: "runs-olmo-ladder.txt")
        let rows = result.stdout.split(separator: "\n").filter { $0.contains("xC ") }
        #expect(rows.count == 44)
        #expect(rows.filter { $0.contains("cosine, end at 0.1× peak") }.count == 20)
        #expect(rows.filter { $0.contains("  constant ") }.count == 4)
        #expect(rows.filter { $0.contains("WSD decay branch") && $0.contains("continues constant/") }.count == 20)
    }

    @Test("The CSV is the tidy table of points, one per run, at full precision")
    func tidyTable() throws {
        let folder = try #require(Self.folder)
        let result = try CLIRunner.run(
            ["runs", "cosine", "--sizes", "model_sizes.csv", "--name-pattern", "{size}-{mult}xC", "--metric", Self.metric,
             "--format", "csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 21)
        #expect(lines[0] == "run,size,mult,N,D,C,metric,value,step,final_value,schedule,N_source,D_source,C_source,file")
        // 1B-1xC: N from model_sizes.csv, D and the loss from the file's last row (step 16279).
        let row = try #require(lines.first { $0.hasPrefix("1B-1xC,") }).split(separator: ",").map(String.init)
        #expect(row[3] == "1279395840.0")
        #expect(Double(row[4]) == 25604653056)
        #expect(Double(row[7]) == 3.0630710124969482)
        #expect(row[8] == "16279.0")
        // Every run's 6ND differs from the logged FLOP by more than 10%: one warning each.
        #expect(result.stderrLines.filter { $0.hasPrefix("warning: run ") && $0.contains("6ND") }.count == 20)
    }

    @Test("Bad input: no metric, an unknown size, a glob matching nothing, a name the pattern does not fit", arguments: [
        (["runs", "cosine"], "error: name the logs' response column with --metric COLUMN (an exact name or a glob)"),
        (["runs", "cosine/*.tsv", "--metric", "x"], "error: 'cosine/*.tsv' matches no file"),
        (["runs", "cosine/1B-1xC.csv", "--metric", "eval/c4*", "--name-pattern", "{size}_{mult}"],
         "error: cosine/1B-1xC.csv: run name '1B-1xC' does not match the name pattern '{size}_{mult}'"),
        (["runs", "cosine/1B-1xC.csv", "--metric", "eval/c4*"],
         "error: cosine/1B-1xC.csv: no parameter count for run '1B-1xC': give --sizes TABLE with --name-pattern, --n COLUMN, or --size-names-as-numbers"),
        (["runs", "cosine/1B-1xC.csv", "--metric", "eval/c5*"],
         "error: cosine/1B-1xC.csv: no column matches the metric 'eval/c5*'"),
        (["runs", "cosine/1B-1xC.csv", "--metric", "eval/*validation/CrossEntropyLoss", "--size-names-as-numbers", "--name-pattern", "{size}-{mult}xC"],
         "error: cosine/1B-1xC.csv: the metric 'eval/*validation/CrossEntropyLoss' matches 11 columns ('eval/c4_en-validation/CrossEntropyLoss', 'eval/dolma_books-validation/CrossEntropyLoss', 'eval/dolma_common-crawl-validation/CrossEntropyLoss', 'eval/dolma_pes2o-validation/CrossEntropyLoss', 'eval/dolma_reddit-validation/CrossEntropyLoss', 'eval/dolma_stack-validation/CrossEntropyLoss', 'eval/dolma_wiki-validation/CrossEntropyLoss', 'eval/ice-validation/CrossEntropyLoss' and 3 more); use --by metric to fit each, or name one"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let folder = try #require(Self.folder)
        let result = try CLIRunner.run(arguments, in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == [message])
    }

    @Test("A size name read as a number warns: OLMo's 1B has 1.28e9 parameters")
    func sizeNames() throws {
        let folder = try #require(Self.folder)
        let result = try CLIRunner.run(
            ["runs", "cosine/1B-1xC.csv", "--metric", Self.metric, "--name-pattern", "{size}-{mult}xC", "--size-names-as-numbers",
             "--format", "csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n")[1].split(separator: ",")[3] == "1000000000.0")
        #expect(result.stderrLines.contains(
            "warning: run '1B-1xC': size name '1B' read as N = 1e+09 parameters; marketing names round (OLMo's 1B has 1.28e9), prefer --sizes TABLE"))
    }
}

/// `fit` and `predict` on training logs through the input spine (one run per file).
@Suite("fit on training logs", .enabled(if: RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/model_sizes.csv") != nil,
                                        "needs ../shared/datasets/olmo_ladder_bhagia2024"))
struct FitOnLogsCommandTests {
    static var folder: URL? { RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024") }
    static let metric = "eval/c4_en-validation/CrossEntropyLoss"

    /// The fitted parameters of a `fit --format json` run, by name.
    static func parameters(_ json: String) throws -> [String: Double] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let list = try #require(object["parameters"] as? [[String: Any]])
        var out: [String: Double] = [:]
        for entry in list {
            if let name = entry["name"] as? String, let value = entry["value"] as? Double { out[name] = value }
        }
        return out
    }

    @Test("fit on the 20 cosine logs gives exactly the fit of the hand-made table of final points; predict uses its artifact")
    func fitEqualsHandTable() throws {
        let folder = try #require(Self.folder)
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cosine").path)
            .filter { $0.hasSuffix(".csv") }.sorted().map { "cosine/" + $0 }
        #expect(logs.count == 20)
        let directory = try CLIRunner.temporaryDirectory()
        let artifact = directory.appendingPathComponent("fit.json").path
        let fromLogs = try CLIRunner.run(
            ["fit"] + logs + ["--sizes", "model_sizes.csv", "--name-pattern", "{size}-{mult}xC", "--metric", Self.metric,
                              "--format", "json", "--output", artifact], in: folder)
        #expect(fromLogs.status == 0, "\(fromLogs.stderr)")
        // 6N undercounts every size's FLOP by more than 10%: one warning per run on stderr.
        #expect(fromLogs.stderrLines.filter { $0.hasPrefix("warning: run '") && $0.contains("6ND") }.count == 20)

        // The hand-made table: N from model_sizes.csv, D and the loss from each file's last row.
        let sizesText = try String(contentsOf: folder.appendingPathComponent("model_sizes.csv"), encoding: .utf8)
        var params: [String: String] = [:]
        for line in sizesText.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            params[cells[0]] = cells[1]
        }
        var table = "N,D,loss\n"
        for log in logs {
            let lines = try String(contentsOf: folder.appendingPathComponent(log), encoding: .utf8).split(whereSeparator: \.isNewline)
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let last = lines[lines.count - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let size = String(log.dropFirst("cosine/".count).split(separator: "-")[0])
            let d = try #require(header.firstIndex(of: "throughput/total_tokens")), l = try #require(header.firstIndex(of: Self.metric))
            table += "\(try #require(params[size])),\(last[d]),\(last[l])\n"
        }
        let hand = directory.appendingPathComponent("hand.csv")
        try Data(table.utf8).write(to: hand)
        let fromTable = try CLIRunner.run(["fit", hand.path, "--format", "json"])
        #expect(fromTable.status == 0, "\(fromTable.stderr)")
        let a = try Self.parameters(fromLogs.stdout), b = try Self.parameters(fromTable.stdout)
        #expect(a.count == 5)
        #expect(a == b)

        // The artifact predicts any (N, D), and records that it was read from logs.
        let predict = try CLIRunner.run(["predict", "--fit", artifact, "--n", "7e9", "--d", "4e12", "--format", "csv"], in: folder)
        #expect(predict.status == 0, "\(predict.stderr)")
        let row = try #require(predict.stdout.split(separator: "\n").dropFirst().first).split(separator: ",")
        let predicted = try #require(Double(row[2]))
        let e = try #require(a["E"]), aa = try #require(a["A"]), bb = try #require(a["B"])
        let alpha = try #require(a["alpha"]), beta = try #require(a["beta"])
        let expected = e + aa / pow(7e9, alpha) + bb / pow(4e12, beta)
        #expect(abs(predicted / expected - 1) < 1e-12)
        let json = try String(contentsOf: URL(fileURLWithPath: artifact), encoding: .utf8)
        #expect(json.contains("\"logs\""))
        #expect(json.contains("{size}-{mult}xC"))
    }

    @Test("Several files without --metric, and --where on a name-pattern field")
    func selection() throws {
        let folder = try #require(Self.folder)
        let missing = try CLIRunner.run(["fit", "cosine/1B-1xC.csv", "cosine/1B-2xC.csv"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderrLines == ["error: name the logs' response column with --metric COLUMN (an exact name or a glob)"])
        let oneSize = try CLIRunner.run(
            ["fit", "cosine", "--sizes", "model_sizes.csv", "--name-pattern", "{size}-{mult}xC", "--metric", Self.metric,
             "--where", "size in [760M, 1B]", "--format", "csv"], in: folder)
        #expect(oneSize.status == 0, "\(oneSize.stderr)")
        #expect(oneSize.stderrLines.filter { $0.hasPrefix("warning: run '") && $0.contains("6ND") }.count == 10)
    }
}
