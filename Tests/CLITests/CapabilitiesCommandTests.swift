import Foundation
import Testing
import TestSupport

/// `capabilities`: observational scaling (Ruan, Maddison and Hashimoto 2024) from the command line.
@Suite("capabilities command")
struct CapabilitiesCommandTests {
    static let small = """
        model,fam,C,a,b,c
        m1,f,1,0.2,0.3,0.1
        m2,f,10,0.4,x,0.2
        m3,g,100,0.5,0.6,0.4
        """

    static let benchmarks = "MMLU,ARC-C,HellaSwag,Winograd,TruthfulQA,GSM8K,XWinograd,HumanEval"

    @Test("a missing benchmark column is one error line naming the file and the column")
    func missingColumn() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write(Self.small, to: "scores.csv", in: directory)
        let result = try CLIRunner.run(["capabilities", "scores.csv", "--benchmarks", "a,bb", "--components", "1"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: scores.csv: no column named 'bb'; did you mean 'b'? (columns: model, fam, C, a, b, c)"])
    }

    @Test("a non-numeric cell names the file, line and column")
    func nonNumericCell() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write(Self.small, to: "scores.csv", in: directory)
        let result = try CLIRunner.run(["capabilities", "scores.csv", "--benchmarks", "a,b,c", "--components", "1"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: scores.csv, line 3, column 'b': expected a number, got 'x'"])
    }

    @Test("too few models for K components is one error line")
    func tooFewModels() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write(Self.small, to: "scores.csv", in: directory)
        let result = try CLIRunner.run(
            ["capabilities", "scores.csv", "--benchmarks", "a,c,C", "--components", "2", "--targets", "b", "--where", "model!=m2"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: 2 principal components need at least 3 models with scores; got 2"])
    }

    @Test("ObsScaling base models: PC1 explains over 80% and three PCs over 95% of the variance, PC1 loads every benchmark positively",
          .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/obsscaling_ruan2024"))
    func paperComponents() throws {
        let file = try #require(RepositoryPaths.sharedDataset("obsscaling_ruan2024/base_llm_benchmark_eval.csv"))
        let result = try CLIRunner.run([
            "capabilities", file.path, "--benchmarks", Self.benchmarks, "--family", "Model Family",
            "--compute", "FLOPs (1E21)", "--model", "Model", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        let components = try #require(object["components"] as? [String: Any])
        let shares = try #require(components["explainedShares"] as? [Double])
        let loadings = try #require(components["loadings"] as? [[Double]])
        // Ruan et al. 2024 (Sec. 3.2–3.3, the PCA of standard benchmarks; read as round numbers): a few PCs explain most of the variance of the base
        // models' benchmark scores, PC1 about 80% or more, the top 3 about 97%. The public table
        // (148 models, 40 empty cells filled by the authors' rank-1 PCA imputation) gives 85.3%
        // and 97.4%; tolerances: the paper's round numbers.
        #expect(shares[0] > 0.80 && shares[0] < 0.90, "PC1 share \(shares[0])")
        #expect(shares[0] + shares[1] + shares[2] > 0.95, "top-3 share \(shares.prefix(3).reduce(0, +))")
        #expect(loadings[0].allSatisfy { $0 > 0 }, "PC1 loadings \(loadings[0])")
        #expect(try #require(object["imputedCells"] as? Int) == 40)
        #expect(try #require(object["fittedModels"] as? Int) == 148)
    }

    @Test("ObsScaling backtest at Llama-2 7B's compute: every held-out interval lies inside [chance, 1] and holds its prediction",
          .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/obsscaling_ruan2024"))
    func paperBacktest() throws {
        let file = try #require(RepositoryPaths.sharedDataset("obsscaling_ruan2024/base_llm_benchmark_eval.csv"))
        let result = try CLIRunner.run([
            "capabilities", file.path, "--benchmarks", Self.benchmarks, "--family", "Model Family",
            "--compute", "FLOPs (1E21)", "--model", "Model", "--cutoff", "84",
            "--chance", "MMLU=0.25", "--chance", "ARC-C=0.25", "--chance", "HellaSwag=0.25",
            "--chance", "Winograd=0.5", "--chance", "XWinograd=0.5", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        // 148 models: 25 without FLOPs, 77 at or below 84e21 FLOP, 46 above.
        #expect(try #require(object["fittedModels"] as? Int) == 77)
        #expect(try #require(object["heldOutModels"] as? Int) == 46)
        #expect(try #require(object["modelsWithoutCompute"] as? Int) == 25)
        let chance = ["MMLU": 0.25, "ARC-C": 0.25, "HellaSwag": 0.25, "Winograd": 0.5, "XWinograd": 0.5]
        let predictions = try #require(object["predictions"] as? [[String: Any]])
        #expect(predictions.count == 355)
        for p in predictions {
            let target = try #require(p["target"] as? String)
            let prediction = try #require(p["prediction"] as? [String: Any])
            let score = try #require(prediction["score"] as? Double)
            let interval = try #require(prediction["newModelInterval"] as? [Double])
            #expect(interval[0] >= chance[target, default: 0] && interval[1] <= 1 && interval[0] <= score && score <= interval[1],
                    "\(target): \(interval)")
        }
    }

    /// Coverage of the held-out 95% new-model intervals per target and overall.
    static func heldOutCoverage(_ object: [String: Any]) throws -> [String: (covered: Int, count: Int)] {
        var out: [String: (covered: Int, count: Int)] = [:]
        for p in try #require(object["predictions"] as? [[String: Any]]) {
            let target = try #require(p["target"] as? String)
            let observed = try #require(p["observed"] as? Double)
            let interval = try #require((p["prediction"] as? [String: Any])?["newModelInterval"] as? [Double])
            let hit = interval[0] <= observed && observed <= interval[1] ? 1 : 0
            for key in [target, "all"] {
                let old = out[key] ?? (0, 0)
                out[key] = (old.covered + hit, old.count + 1)
            }
        }
        return out
    }

    @Test("ObsScaling backtest at 84e21 FLOP: the calibrated 95% intervals cover 93–99% of the 355 held-out scores, ≥ 80% per target; the delta-method ones 83%",
          .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/obsscaling_ruan2024"))
    func paperBacktestCoverage() throws {
        let file = try #require(RepositoryPaths.sharedDataset("obsscaling_ruan2024/base_llm_benchmark_eval.csv"))
        let arguments = [
            "capabilities", file.path, "--benchmarks", Self.benchmarks, "--family", "Model Family",
            "--compute", "FLOPs (1E21)", "--model", "Model", "--cutoff", "84",
            "--chance", "MMLU=0.25", "--chance", "ARC-C=0.25", "--chance", "HellaSwag=0.25",
            "--chance", "Winograd=0.5", "--chance", "XWinograd=0.5", "--format", "json",
        ]
        let calibrated = try CLIRunner.run(arguments)
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let after = try Self.heldOutCoverage(try Fixtures.object(calibrated.stdout))
        // Measured: 347/355 (97.7%); per target MMLU 46/46, ARC-C 43/43, HellaSwag 46/46,
        // Winograd 46/46, TruthfulQA 39/46, GSM8K 45/46, XWinograd 42/42, HumanEval 40/40.
        let all = try #require(after["all"])
        #expect(all.count == 355)
        let rate = Double(all.covered) / Double(all.count)
        #expect(rate >= 0.93 && rate <= 0.99, "calibrated coverage \(all.covered)/\(all.count)")
        for (target, c) in after where target != "all" {
            #expect(Double(c.covered) / Double(c.count) >= 0.80, "\(target): \(c.covered)/\(c.count)")
        }
        // The link's delta-method intervals (the fitted residual scatter only) under-cover:
        // 296/355 (83.4%), ARC-C 26/43, TruthfulQA 24/46.
        let delta = try CLIRunner.run(arguments + ["--delta-intervals"])
        #expect(delta.status == 0, "\(delta.stderr)")
        let before = try #require(try Self.heldOutCoverage(try Fixtures.object(delta.stdout))["all"])
        #expect(before.covered == 296 && before.count == 355, "delta coverage \(before.covered)/\(before.count)")
    }

    @Test("--drop-missing drops the rows with an empty benchmark or compute cell and says how many",
          .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/obsscaling_ruan2024"))
    func dropMissing() throws {
        let file = try #require(RepositoryPaths.sharedDataset("obsscaling_ruan2024/base_llm_benchmark_eval.csv"))
        let result = try CLIRunner.run([
            "capabilities", file.path, "--benchmarks", Self.benchmarks, "--compute", "FLOPs (1E21)", "--drop-missing", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines.first?.hasPrefix("note: --drop-missing dropped 39 rows with an empty cell in MMLU,") == true, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        #expect(try #require(object["fittedModels"] as? Int) == 109)
        #expect(try #require(object["imputedCells"] as? Int) == 0)
    }
}
