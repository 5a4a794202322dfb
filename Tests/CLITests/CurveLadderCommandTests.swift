import Foundation
import Testing
import TestSupport

/// `curve ladder`, `plot --kind loss-curve`, and the calibrated intervals and warnings of
/// `curve fit` on the OLMo ladder logs (Bhagia et al. 2024).
@Suite("Curve ladder and loss-curve plot through the CLI", .enabled(if: RepositoryPaths.hasSharedData))
struct CurveLadderCommandTests {
    static let metric = "eval/c4_en-validation/CrossEntropyLoss"

    func ladder(_ path: String) throws -> String {
        try #require(RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/" + path)).path
    }

    @Test("curve ladder: four sizes × two budgets as N, D, loss; D = r·N to a step; the 1B 20 tokens/parameter cosine within 0.5% of the logged 1xC end")
    func ladderCSV() throws {
        var arguments = ["curve", "ladder"]
        for size in ["190M", "370M", "760M", "1B"] {
            arguments += [try ladder("constant/\(size)-10xC.csv"), try ladder("cosine/\(size)-10xC.csv")]
        }
        arguments += ["--sizes", try ladder("model_sizes.csv"), "--name-pattern", "{size}-{mult}xC", "--metric", Self.metric,
                      "--schedule", "cosine,final:0.1", "--tokens-per-parameter", "20", "--tokens-per-parameter", "100", "--format", "csv"]
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "size,N,D,steps,loss,prediction_lower,prediction_upper")
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 8)
        #expect(rows.map { $0[0] } == ["190M", "190M", "370M", "370M", "760M", "760M", "1B", "1B"])
        for row in rows {
            let (n, d, loss, lo, hi) = (Double(row[1]) ?? .nan, Double(row[2]) ?? .nan, Double(row[4]) ?? .nan, Double(row[5]) ?? .nan, Double(row[6]) ?? .nan)
            let ratio = d / n
            #expect(abs(ratio - 20) < 0.01 || abs(ratio - 100) < 0.05, "D/N \(ratio)")
            #expect(lo < loss && loss < hi)
        }
        // 1B at 20 tokens per parameter is the ladder's 1xC cosine run (logged final loss 3.0631).
        let oneB = try #require(rows.first { $0[0] == "1B" })
        #expect(abs((Double(oneB[4]) ?? .nan) / 3.06307 - 1) < 0.005)
    }

    @Test("curve ladder without sizes, or without budgets: usage errors naming the option, exit 64")
    func ladderErrors() throws {
        let constant = try ladder("constant/1B-10xC.csv")
        let noSizes = try CLIRunner.run(["curve", "ladder", constant, "--metric", Self.metric, "--schedule", "cosine", "--tokens-per-parameter", "20"])
        #expect(noSizes.status == 64)
        #expect(noSizes.stderr.hasPrefix("Error: curve ladder groups runs by model size: give --sizes FILE or --name-pattern PATTERN\n"))
        let noBudget = try CLIRunner.run(["curve", "ladder", constant, "--metric", Self.metric, "--schedule", "cosine", "--sizes", try ladder("model_sizes.csv")])
        #expect(noBudget.status == 64)
        #expect(noBudget.stderr.hasPrefix("Error: --tokens-per-parameter: give at least one budget D/N, e.g. 20\n"))
    }

    @Test("plot --kind loss-curve on the 1B fit: one band, observed and predicted line per run, the planned schedule predicted only")
    func lossCurvePlot() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = directory.appendingPathComponent("curve.json").path
        let fitted = try CLIRunner.run(["curve", "fit", try ladder("constant/1B-10xC.csv"), try ladder("cosine/1B-10xC.csv"),
                                        "--metric", Self.metric, "--output", fit])
        #expect(fitted.status == 0, "\(fitted.stderr)")
        #expect(fitted.stdout.contains("model error (held-out run ends): 0.77% of the loss, from 6 ends"))
        let svg = directory.appendingPathComponent("curves.svg").path
        let result = try CLIRunner.run(["plot", fit, "--kind", "loss-curve", "--curve", try ladder("wsd-decay/1B-10xC.csv"),
                                        "--curve", try ladder("cosine/1B-2xC.csv"), "--schedule", "wsd,decay:0.2,warmup:1000,peak:5e-4,final:0.1",
                                        "--steps", "100000", "--log-x", "--output", svg])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.components(separatedBy: "<polygon").count - 1 == 3)
        for label in [">1B-10xC observed<", ">1B-10xC predicted<", ">1B-2xC observed<", ">1B-2xC predicted<",
                      ">wsd,decay:0.2,warmup:1000,</tspan>", ">peak:5e-4,final:0.1</tspan>", ">predicted</tspan>", ">step<", ">eval/c4_en-validation/CrossEntropyLoss<", ">(nats/token)<",
                      "Bands: the 95% prediction interval (held-out-end calibrated)."] {
            #expect(text.contains(label), "\(label)")
        }
        let refused = try CLIRunner.run(["plot", fit, "--kind", "curves", "--curve", try ladder("cosine/1B-2xC.csv")])
        #expect(refused.status == 64)
        #expect(refused.stderr.hasPrefix("Error: --curve, --branch-of, --schedule, --steps and --log-x apply to --kind loss-curve\n"))
    }

    @Test("predict --schedule: no observed or error columns; the intervals line names the held-out-end calibration")
    func plannedColumns() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = directory.appendingPathComponent("curve.json").path
        _ = try CLIRunner.run(["curve", "fit", try ladder("constant/1B-10xC.csv"), try ladder("cosine/1B-10xC.csv"), "--metric", Self.metric, "--output", fit])
        let result = try CLIRunner.run(["predict", "--fit", fit, "--schedule", "cosine,warmup:1000,peak:5e-4,final:0.1", "--steps", "20000", "--every", "10000"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("observed"))
        #expect(!result.stdout.contains("error %"))
        #expect(result.stdout.contains("95% held-out-end calibrated"))
        let csv = try CLIRunner.run(["predict", "--fit", fit, "--schedule", "cosine,warmup:1000,peak:5e-4,final:0.1", "--steps", "20000", "--every", "10000", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("step,predicted,lower,upper,prediction_lower,prediction_upper\n"))
    }

    /// `curve fit` says the fit's warnings where diagnostics go, as `fit` does: on the 190M
    /// constant and cosine 10×C logs multi-power's loss-drop parameters are not determined (its
    /// optimum lies at β → 0 with B·β fixed), lr-annealing's are.
    @Test("multi-power on the 190M logs warns of its flat direction on stderr; lr-annealing warns of nothing")
    func flatDirection() throws {
        let logs = [try ladder("constant/190M-10xC.csv"), try ladder("cosine/190M-10xC.csv")]
        let multiPower = try CLIRunner.run(["curve", "fit"] + logs + ["--metric", Self.metric, "--law", "multi-power", "--intervals", "delta"])
        #expect(multiPower.status == 0, "\(multiPower.stderr)")
        #expect(multiPower.stdout.hasPrefix("multi-power on constant/190M-10xC, cosine/190M-10xC: 145 points\n"))
        let lines = multiPower.stderrLines
        #expect(lines.count == 1, "\(lines)")
        let line = try #require(lines.first)
        #expect(line.hasPrefix("warning: flat direction: the objective is flat along "), "\(line)")
        for name in ["B", "beta", "gamma", "C"] { #expect(line.contains("·\(name)"), "\(name) in \(line)") }
        #expect(line.hasSuffix("the data do not determine this combination of parameters"))

        let annealing = try CLIRunner.run(["curve", "fit"] + logs + ["--metric", Self.metric, "--intervals", "delta"])
        #expect(annealing.status == 0, "\(annealing.stderr)")
        #expect(annealing.stderr == "")
    }
}
