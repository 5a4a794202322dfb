import Foundation
import Testing
import TestSupport

/// `scaling-laws tasks`: the two-step task prediction (Bhagia et al. 2024) from training logs.
struct TasksCommandTests {
    /// A log with one task loss column, optionally its accuracy.
    static func log(accuracy: Bool, size: String = "190M") -> String {
        var header = "_step,throughput/total_tokens,eval/downstream_bpb/foo_rc_5shot_bpb"
        if accuracy { header += ",eval/downstream/foo_rc_5shot_acc" }
        var text = header + "\n"
        for step in 1...20 {
            text += "\(step),\(step * 1_000_000),\(1.5 - Double(step) * 0.01)" + (accuracy ? ",\(0.3 + Double(step) * 0.005)" : "") + "\n"
        }
        return text
    }

    static func folder(accuracy: Bool, sizes: [String] = ["190M"]) throws -> URL {
        let folder = try CLIRunner.temporaryDirectory()
        for size in sizes {
            for mult in ["1", "2"] {
                try Data(log(accuracy: accuracy).utf8).write(to: folder.appendingPathComponent("\(size)-\(mult)xC.csv"))
            }
        }
        try Data("size,params\n190M,190354176\n370M,371262464\n".utf8).write(to: folder.appendingPathComponent("sizes.csv"))
        return folder
    }

    @Test("Bad input: a task without its accuracy column, a glob matching no column, a malformed --model, one size to backtest", arguments: [
        (false, ["--tasks", "eval/downstream_bpb/*_bpb", "--model", "7e9,4e12"],
         "error: 190M-1xC.csv: task column 'eval/downstream_bpb/foo_rc_5shot_bpb' has no paired accuracy column (expected a column named 'foo_rc_5shot_len_norm' or 'foo_rc_5shot_acc')"),
        (true, ["--tasks", "eval/downstream_bpb/bar*", "--model", "7e9,4e12"],
         "error: 190M-1xC.csv: no column matches --tasks 'eval/downstream_bpb/bar*'"),
        (true, ["--tasks", "eval/downstream_bpb/*_bpb", "--model", "7e9"],
         "error: --model 7e9: expected N,D, e.g. 7B,4T or 6.89e9,4e12"),
        (true, ["--tasks", "eval/downstream_bpb/*_bpb", "--model", "huge,4T"],
         "error: --model huge,4T: N must be a positive number or a size of --sizes, got 'huge'"),
        (true, ["--tasks", "eval/downstream_bpb/*_bpb", "--backtest"],
         "error: the backtest cannot hold out the largest rung: the ladder has 1 model size; it needs at least 2"),
        (true, ["--tasks", "eval/downstream_bpb/*_bpb", "--model", "7e9,4e12"],
         "error: task 'foo_rc_5shot': step 1 (task loss from N, D) has 2 points, needs at least 5"),
    ])
    func badInput(accuracy: Bool, options: [String], message: String) throws {
        let folder = try Self.folder(accuracy: accuracy)
        let result = try CLIRunner.run(
            ["tasks", "190M-1xC.csv", "190M-2xC.csv", "--sizes", "sizes.csv", "--name-pattern", "{size}-{mult}xC", "--output", "out.json"] + options,
            in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.last == message, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.json").path))
    }

    @Test("Neither a model, a budget nor --backtest: a usage error")
    func nothingToDo() throws {
        let folder = try Self.folder(accuracy: true)
        let result = try CLIRunner.run(["tasks", "190M-1xC.csv", "--tasks", "x"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("give --model N,D, --budget C or --backtest"))
    }
}

/// `tasks` on the OLMo 2 ladder's cosine runs.
@Suite("tasks command on the OLMo ladder", .enabled(if: RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/model_sizes.csv") != nil,
                                                    "needs ../shared/datasets/olmo_ladder_bhagia2024"))
struct TasksOLMoCommandTests {
    static var folder: URL? { RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024") }

    @Test("HellaSwag at 7B/4T (sizes table) and the 1B backtest: the report, and the CSV's numbers as the library's")
    func hellaswag() throws {
        let folder = try #require(Self.folder)
        let arguments = ["tasks", "cosine", "--sizes", "model_sizes.csv", "--name-pattern", "{size}-{mult}xC",
                         "--tasks", "eval/downstream_bpb/hellaswag_val*", "--model", "7B,4T", "--backtest", "--bootstrap", "20"]
        let result = try CLIRunner.run(arguments, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        Snapshot.check(result.stdout, named: "tasks-olmo-hellaswag.txt", rel: 1e-3)
        let csv = try CLIRunner.run(arguments + ["--format", "csv"], in: folder)
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("task,task loss,loss_lower,loss_upper,accuracy,accuracy_lower,accuracy_upper,"))
        let row = lines[1].split(separator: ",").map(String.init)
        #expect(row[0] == "hellaswag_val_rc_5shot")
        // The independent numpy/scipy chain (TaskForecastOLMoTests): 0.67122, 0.81798.
        #expect(abs((Double(row[1]) ?? 0) / 0.6712177426550436 - 1) < 1e-3)
        #expect(abs((Double(row[4]) ?? 0) - 0.8179826398297914) < 2e-3)
        let lower = Double(row[5]) ?? .nan, upper = Double(row[6]) ?? .nan
        #expect(lower <= (Double(row[4]) ?? 0) && (Double(row[4]) ?? 0) <= upper)
    }
}
