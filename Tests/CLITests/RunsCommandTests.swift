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
