import Foundation
import Testing
import TestSupport

/// `model`, `hparams`, `plan` and `optimal --shapes` through the built binary.
@Suite struct PlanningCommandTests {
    @Test func modelPresetJSONMatchesTheOLMoCount() throws {
        let r = try CLIRunner.run(["model", "--preset", "olmo2-190M", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try Fixtures.object(r.stdout)
        let flops = try #require(object["flopsPerToken"] as? [String: Double])
        // Bhagia et al. 2024, model_sizes.csv: 1,903,391,232 FLOP per token (authors' code).
        #expect(flops["olmo"] == 1_903_391_232)
        #expect(isClose(flops["6N"] ?? 0, 6 * 190_354_176.0, rel: 1e-12))
    }

    @Test func modelCSVListsTheCountsAndConventions() throws {
        let r = try CLIRunner.run(["model", "--layers", "32", "--d-model", "4096", "--heads", "32", "--ffn", "11008", "--vocab", "32000", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        // Llama 2 7B: 6,738,415,616 parameters (released checkpoint).
        #expect(r.stdout.contains("total,6738415616"))
        #expect(r.stdout.contains("convention,flops_per_token,ratio_to_6n"))
    }

    @Test(arguments: [
        (["model", "--layers", "2", "--d-model", "1000", "--heads", "16"], "error: --d-model 1000 is not divisible by --heads 16"),
        (["model", "--layers", "2", "--d-model", "1024", "--heads", "16", "--kv-heads", "5"], "error: --heads 16 is not divisible by --kv-heads 5"),
        (["model", "--layers", "2", "--d-model", "1024", "--heads", "16", "--experts", "8", "--active-experts", "9", "--expert-ffn", "512"],
         "error: --active-experts 9 is out of range: expected 1...8 (--experts)"),
        (["hparams", "--preset", "gpt3", "--budgets", "1e20"], "error: unknown preset 'gpt3'; known: deepseek2024, steplaw2025"),
    ])
    func badInputIsOneLine(arguments: [String], message: String) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderrLines == [message])
    }

    @Test func hparamsPresetAtBudgets() throws {
        let r = try CLIRunner.run(["hparams", "--preset", "deepseek2024", "--budgets", "1e20", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Fixtures.csv(r.stdout).rows
        // DeepSeek-AI 2024, Eq. 1 at C = 1e20: η = 0.3118·10^−2.5, B = 0.2920·10^6.542.
        #expect(isClose(Double(rows[0][3]) ?? 0, 9.85998e-4, rel: 1e-5))
        #expect(isClose(Double(rows[0][4]) ?? 0, 1.017145e6, rel: 1e-5))
    }

    @Test func hparamsSweepWithOneLearningRatePerCellIsRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hparams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixtures.write("C,lr,loss\n1e18,0.001,3.1\n1e18,0.001,3.2\n", to: "sweep.csv", in: dir)
        let r = try CLIRunner.run(["hparams", dir.appendingPathComponent("sweep.csv").path])
        #expect(r.status == 1)
        #expect(r.stderrLines == ["error: sweep cell C=1e+18 has 1 distinct learning rates; a quadratic in log learning rates needs at least 3"])
    }

    @Test func hparamsSweepRecoversAKnownLaw() throws {
        // η* = 0.02·C^−0.05 exactly (no noise), loss = 3 + 0.05·(ln η − ln η*)², five cells.
        var text = "C,lr,loss\n"
        for c in [1e17, 1e18, 1e19, 1e20, 1e21] {
            let star = 0.02 * pow(c, -0.05)
            for k in -3...3 {
                let lr = star * exp(0.4 * Double(k) + 0.1)
                text += "\(c),\(lr),\(3 + 0.05 * pow(log(lr / star), 2))\n"
            }
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hparams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixtures.write(text, to: "sweep.csv", in: dir)
        let r = try CLIRunner.run(["hparams", dir.appendingPathComponent("sweep.csv").path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let law = try #require(try Fixtures.object(r.stdout)["law"] as? [String: Any])
        let lr = try #require(law["learningRate"] as? [String: Any])
        #expect(isClose(try #require(lr["coefficient"] as? Double), 0.02, rel: 1e-6))
        #expect(isClose(try #require((lr["exponents"] as? [Double])?.first), -0.05, rel: 1e-6))
    }

    @Test func planWritesProposedRunsAsCSV() throws {
        let r = try CLIRunner.run(["plan", "--preset", "epoch2024", "--budgets", "1e19,1e20", "--per-budget", "5", "--simulations", "20", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let table = Fixtures.csv(r.stdout)
        #expect(table.header.prefix(4) == ["kind", "budget", "n", "d"])
        #expect(table.header.contains("learning_rate") && table.header.contains("layers"))
        #expect(table.rows.count == 10)
    }

    @Test func planNeedsSomethingToPlan() throws {
        let r = try CLIRunner.run(["plan", "--preset", "epoch2024"])
        #expect(r.status == 1)
        #expect(r.stderrLines.count == 1)
    }

    @Test func optimalShapesJSON() throws {
        let r = try CLIRunner.run(["optimal", "--preset", "epoch2024", "--budget", "1e21", "--shapes", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try Fixtures.object(r.stdout)
        let shapes = try #require(object["shapes"] as? [[String: Any]])
        let params = try #require((shapes.first?["parameters"] as? [String: Any])?["total"] as? Double)
        // Epoch's N_opt at 1e21 is 2.782e9; the shape is within 2% of it.
        #expect(abs(params / 2.78212e9 - 1) <= 0.02)
    }
}
