import Foundation
import Testing
import TestSupport

/// `predict --fit CURVE.json --curve LOG` and `curve predict` on the OLMo ladder logs (Bhagia et
/// al. 2024): the 1B constant and cosine 10×C runs fitted, the 10×C WSD decay branch predicted,
/// linked to the constant run automatically.
@Suite("Curve predictions through the CLI", .enabled(if: RepositoryPaths.hasSharedData))
struct CurvePredictCommandTests {
    static let metric = "eval/c4_en-validation/CrossEntropyLoss"

    struct Row: Decodable {
        let step: Int
        let predicted: Double
        let lower: Double?
        let upper: Double?
        let predictionLower: Double?
        let predictionUpper: Double?
        let observed: Double?
    }

    func ladder(_ path: String) throws -> String {
        try #require(RepositoryPaths.sharedDataset("olmo_ladder_bhagia2024/" + path)).path
    }

    func fit(in directory: URL) throws -> String {
        let fit = directory.appendingPathComponent("curve.json").path
        let result = try CLIRunner.run(["curve", "fit", try ladder("constant/1B-10xC.csv"), try ladder("cosine/1B-10xC.csv"),
                                        "--metric", Self.metric, "--output", fit])
        #expect(result.status == 0, "\(result.stderr)")
        return fit
    }

    @Test("the 1B WSD branch's end: predicted 2.8200 against 2.8318 observed (0.42%); every step's intervals contain the estimate")
    func branchEnd() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try fit(in: directory)
        let branch = try ladder("wsd-decay/1B-10xC.csv")
        let result = try CLIRunner.run(["predict", "--fit", fit, "--curve", branch, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONDecoder().decode([Row].self, from: Data(result.stdout.utf8))
        #expect(rows.count == 17)
        let last = try #require(rows.last)
        #expect(last.step == 162694)
        #expect(isClose(last.predicted, 2.81995, abs: 5e-5))
        #expect(isClose(try #require(last.observed), 2.831749, abs: 1e-5))
        #expect(abs(try #require(last.observed) / last.predicted - 1) < 0.005)
        for row in rows {
            let (lo, hi) = (try #require(row.lower), try #require(row.upper))
            let (plo, phi) = (try #require(row.predictionLower), try #require(row.predictionUpper))
            #expect(plo < lo && lo < row.predicted && row.predicted < hi && hi < phi)
        }
        // The same prediction through 'curve predict', and with the constant run named.
        let named = try CLIRunner.run(["curve", "predict", "--fit", fit, "--curve", branch, "--branch-of", try ladder("constant/1B-10xC.csv"),
                                       "--format", "json"])
        #expect(named.stdout == result.stdout)
    }

    @Test("a curve fit is a versioned 'curve-fit' artifact: other commands refuse it by kind, curve predict refuses a law fit, and an unversioned curve fit still reads")
    func artifactKind() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try fit(in: directory)
        let text = try String(contentsOfFile: fit, encoding: .utf8)
        var object = try Fixtures.object(text)
        #expect(object["kind"] as? String == "curve-fit")
        #expect(object["schemaVersion"] as? Int == 2)

        let optimal = try CLIRunner.run(["optimal", "--fit", fit, "--budget", "1e21"])
        #expect(optimal.status != 0)
        #expect(optimal.stderrLines == ["error: \(fit): a curve fit written by 'scaling-laws curve fit --output', but this needs a fit artifact written by 'scaling-laws fit --output'"])

        let lawFit = directory.appendingPathComponent("law.json").path
        #expect(try CLIRunner.run(["fit", Fixtures.syntheticData, "--objective", "lsq", "--output", lawFit]).status == 0)
        let wrong = try CLIRunner.run(["curve", "predict", "--fit", lawFit, "--schedule", "cosine,peak:1e-3", "--steps", "1000"])
        #expect(wrong.status != 0)
        #expect(wrong.stderrLines == ["error: \(lawFit): a fit artifact written by 'scaling-laws fit --output', but this needs a curve fit written by 'scaling-laws curve fit --output'"])

        // Written before curve fits carried 'kind' and 'schemaVersion': read as a curve fit.
        object["kind"] = nil
        object["schemaVersion"] = nil
        let legacy = directory.appendingPathComponent("legacy.json")
        try JSONSerialization.data(withJSONObject: object).write(to: legacy)
        let branch = try ladder("wsd-decay/1B-10xC.csv")
        let old = try CLIRunner.run(["predict", "--fit", legacy.path, "--curve", branch, "--format", "csv"])
        let new = try CLIRunner.run(["predict", "--fit", fit, "--curve", branch, "--format", "csv"])
        #expect(old.status == 0, "\(old.stderr)")
        #expect(old.stdout == new.stdout)
    }

    @Test("a planned schedule: every 10,000th step and the last, with intervals and no observed values")
    func planned() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try fit(in: directory)
        let result = try CLIRunner.run(["predict", "--fit", fit, "--schedule", "wsd,decay:0.2,warmup:1000,peak:5.154e-4,final:0.1",
                                        "--steps", "162694", "--every", "10000", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONDecoder().decode([Row].self, from: Data(result.stdout.utf8))
        #expect(rows.map(\.step) == Array(stride(from: 10000, through: 160000, by: 10000)) + [162694])
        #expect(rows.allSatisfy { $0.observed == nil && $0.lower != nil })
    }

    @Test("bad input: one-line errors, exit 1")
    func badInput() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try fit(in: directory)
        let branch = try ladder("wsd-decay/1B-10xC.csv")
        let cosine = try ladder("cosine/1B-10xC.csv")
        // A branch whose constant run is not among the fit's logs (the cosine run named instead).
        let orphan = try CLIRunner.run(["predict", "--fit", fit, "--curve", branch, "--branch-of", cosine])
        #expect(orphan.status == 1)
        #expect(orphan.stderr == "error: \(branch): a WSD decay branch from step 147000, and no constant-rate log given reaches that step; add its constant run's log or name it with --branch-of\n")
        let spec = try CLIRunner.run(["predict", "--fit", fit, "--schedule", "wsd,decay:x", "--steps", "100"])
        #expect(spec.status == 1)
        #expect(spec.stderr.hasPrefix("error: schedule 'wsd,decay:x': column 11: expected"))
        #expect(spec.stderr.split(separator: "\n").count == 1)
        let notCurve = try CLIRunner.run(["predict", "--fit", cosine, "--curve", branch])
        #expect(notCurve.status == 1)
        #expect(notCurve.stderr == "error: \(cosine): not a curve fit written by 'scaling-laws curve fit --output' (not valid JSON)\n")
        // Several constant runs and no sizes: the branch's run is ambiguous.
        let ambiguous = try CLIRunner.run(["curve", "fit", try ladder("constant/1B-10xC.csv"), try ladder("constant/760M-10xC.csv"),
                                           try ladder("wsd-decay/1B-5xC.csv"), "--metric", Self.metric])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("a WSD decay branch from step 73500 could continue any of"))
        #expect(ambiguous.stderr.split(separator: "\n").count == 1)
    }
}

/// `curve choose` on the OLMo 1B fit: the WSD decay and cosine final ratio predicted to end
/// lowest for the 10×C budget, and the gain over the cosine to 0.1× with its interval.
@Suite("Schedule choice through the CLI", .enabled(if: RepositoryPaths.hasSharedData))
struct CurveChooseCommandTests {
    @Test("curve choose: the best WSD beats the reference cosine, the gain's interval contains it")
    func choose() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fit = try CurvePredictCommandTests().fit(in: directory)
        let result = try CLIRunner.run(["curve", "choose", "--fit", fit, "--steps", "162694", "--warmup", "1000", "--peak", "5.154e-4",
                                        "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        // Rows: "schedule",final_loss,difference (the schedule quoted: it holds commas).
        let rows = result.stdout.split(separator: "\n").dropFirst().map { line -> (String, Double) in
            let fields = line.split(separator: ",")
            return (fields.dropLast(2).joined(separator: ",").replacingOccurrences(of: "\"", with: ""), Double(fields[fields.count - 2]) ?? .nan)
        }
        // Best WSD of each of the three shapes, the best cosine, the reference cosine.
        #expect(rows.count == 5)
        let reference = try #require(rows.last)
        #expect(reference.0 == "cosine,warmup:1000,peak:0.0005154,final:0.1,steps:162694")
        let best = try #require(rows.prefix(3).map(\.1).min())
        #expect(best < reference.1)
        let text = try CLIRunner.run(["curve", "choose", "--fit", fit, "--steps", "162694", "--warmup", "1000", "--peak", "5.154e-4"])
        #expect(text.stdout.contains("gain over the reference cosine:"))
        #expect(text.stdout.contains("% CI "))
    }
}
