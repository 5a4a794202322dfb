import Foundation
import Testing
import TestSupport

/// `fit --by COLUMN --shared NAMES` (a joint QQT fit of data pools) and `filtering --pools-fit
/// FILE --bootstrap N` (Goyal et al. 2024, "Scaling Laws for Data Filtering — Data Curation
/// cannot be Compute Agnostic", arXiv:2404.07177). No per-pool measurements are public: the
/// pools below were simulated outside this package (the QQT recursion written out in Python,
/// `random.seed(1)`) from the published T-MARS constants a = 0.025, d = 0.1, S = 12.8M,
/// (b, τ) = (−0.160, 6.727), (−0.125, 8.545), (−0.100, 5.273), (−0.085, 2.273), at 0.5–10
/// epochs, with Gaussian noise of sd 0.005 on the error.
@Suite("filtering from a joint pool fit")
struct FilteringJointFitCommandTests {
    static let pools = """
bucket,samples,pool_size,error
top 0–10%,6400000,12800000,1.0340
top 0–10%,12800000,12800000,0.9374
top 0–10%,25600000,12800000,0.8420
top 0–10%,51200000,12800000,0.7680
top 0–10%,76800000,12800000,0.7353
top 0–10%,102400000,12800000,0.7236
top 0–10%,128000000,12800000,0.7076
top 10–20%,6400000,12800000,1.0358
top 10–20%,12800000,12800000,0.9657
top 10–20%,25600000,12800000,0.8913
top 10–20%,51200000,12800000,0.8321
top 10–20%,76800000,12800000,0.7960
top 10–20%,102400000,12800000,0.7837
top 10–20%,128000000,12800000,0.7724
top 20–30%,6400000,12800000,1.0466
top 20–30%,12800000,12800000,0.9929
top 20–30%,25600000,12800000,0.9334
top 20–30%,51200000,12800000,0.8978
top 20–30%,76800000,12800000,0.8670
top 20–30%,102400000,12800000,0.8547
top 20–30%,128000000,12800000,0.8553
top 30–40%,6400000,12800000,1.0618
top 30–40%,12800000,12800000,1.0104
top 30–40%,25600000,12800000,0.9613
top 30–40%,51200000,12800000,0.9371
top 30–40%,76800000,12800000,0.9328
top 30–40%,102400000,12800000,0.9280
top 30–40%,128000000,12800000,0.9238
"""

    /// The published top-10% → top-20% crossover (DataFilteringPlanTests: 1.00537149e8 samples).
    static let trueCrossover = 1.00537149e8

    @Test("fit --shared a recovers a ≈ 0.025 and the utilities; filtering --bootstrap brackets the true crossover, seeded")
    func jointFitAndBootstrap() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Self.pools.write(to: directory.appendingPathComponent("pools.csv"), atomically: true, encoding: .utf8)
        let fit = try CLIRunner.run(["fit", "pools.csv", "--law", "qqt", "--by", "bucket", "--x", "pool=pool_size",
                                     "--shared", "a", "--fix", "d=0.1", "--output", "joint.json", "--format", "csv"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let table = Fixtures.csv(fit.stdout)
        #expect(table.header == ["group", "rows", "b", "tau", "se_b", "se_tau"])
        let utilities = table.rows.compactMap { Double($0[2]) }
        let errors = table.rows.compactMap { Double($0[4]) }
        #expect(utilities.count == 4 && errors.count == 4)
        for (k, truth) in [-0.160, -0.125, -0.100, -0.085].enumerated() {
            #expect(abs(utilities[k] - truth) <= 3 * errors[k], "\(utilities[k]) ± \(errors[k]) vs \(truth)")
        }
        let artifact = try Fixtures.object(try String(contentsOf: directory.appendingPathComponent("joint.json"), encoding: .utf8))
        #expect(artifact["kind"] as? String == "shared-fit")
        let arguments = ["filtering", "--pools-fit", "joint.json", "--budgets", "32M,640M", "--crossover-range", "30M:300M",
                         "--bootstrap", "100", "--bootstrap-seed", "3", "--format", "json"]
        let first = try CLIRunner.run(arguments, in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let again = try CLIRunner.run(arguments, in: directory)
        #expect(first.stdout == again.stdout)
        let object = try Fixtures.object(first.stdout)
        let bootstrap = try #require(object["bootstrap"] as? [String: Any])
        let probabilities = try #require(bootstrap["bestProbability"] as? [[Double]])
        #expect(probabilities[0][0] >= 0.95 && probabilities[1][1] >= 0.9)
        let crossover = try #require((bootstrap["crossovers"] as? [[String: Any]])?.first)
        let lower = try #require(crossover["lower"] as? Double), upper = try #require(crossover["upper"] as? Double)
        #expect(lower < Self.trueCrossover && Self.trueCrossover < upper, "[\(lower), \(upper)]")
    }

    @Test("bad input: a pool with too few rows, --shared without --by, --bootstrap without --pools-fit, a single fit as --pools-fit")
    func badInput() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let lines = Self.pools.split(separator: "\n")
        let few = lines.prefix(8) + lines.dropFirst(8).prefix(2)
        try few.joined(separator: "\n").write(to: directory.appendingPathComponent("few.csv"), atomically: true, encoding: .utf8)
        let tooFew = try CLIRunner.run(["fit", "few.csv", "--law", "qqt", "--by", "bucket", "--x", "pool=pool_size",
                                        "--shared", "a", "--fix", "d=0.1", "--output", "joint.json"], in: directory)
        #expect(tooFew.status == 1)
        #expect(tooFew.stderrLines == ["error: group 'top 10–20%' has 2 rows; each group needs at least 3 to fit its own b, tau with a residual"])
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("joint.json").path))
        let noBy = try CLIRunner.run(["fit", "few.csv", "--law", "qqt", "--shared", "a"], in: directory)
        #expect(noBy.status == 64)
        #expect(noBy.stderrLines.first == "Error: --shared needs --by COLUMN: it names the parameters the groups of COLUMN share")
        let noJoint = try CLIRunner.run(["filtering", "--preset", "goyal2024-tmars", "--budgets", "1M", "--bootstrap", "10"], in: directory)
        #expect(noJoint.stderrLines.first == "Error: --bootstrap needs --pools-fit <file>: the joint fit keeps the pools' rows to resample")
        let single = try CLIRunner.run(["fit", "few.csv", "--law", "qqt", "--where", "bucket=='top 0–10%'", "--x", "pool=pool_size",
                                        "--fix", "d=0.1", "--output", "one.json"], in: directory)
        #expect(single.status == 0, "\(single.stderr)")
        let wrong = try CLIRunner.run(["filtering", "--pools-fit", "one.json", "--budgets", "1M"], in: directory)
        #expect(wrong.status == 1)
        // A joint artifact whose first group lost a value is refused in one line, not trapped on.
        let joint = try CLIRunner.run(["fit", "few.csv", "--law", "qqt", "--by", "bucket", "--where", "bucket=='top 0–10%'",
                                       "--x", "pool=pool_size", "--shared", "a", "--fix", "d=0.1", "--output", "joint.json"], in: directory)
        #expect(joint.status == 0, "\(joint.stderr)")
        let url = directory.appendingPathComponent("joint.json")
        var object = try Fixtures.object(try String(contentsOf: url, encoding: .utf8))
        var groups = try #require(object["groups"] as? [[String: Any]])
        groups[0]["values"] = [0.025, -0.16]
        object["groups"] = groups
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        let broken = try CLIRunner.run(["filtering", "--pools-fit", "joint.json", "--budgets", "1M"], in: directory)
        #expect(broken.status == 1)
        #expect(broken.stderrLines == ["error: joint.json: not a joint fit artifact written by 'scaling-laws fit --by COLUMN --shared NAMES --output' (groups[0] has 2 values and 4 standard errors for 4 parameters)"])
        #expect(wrong.stderrLines == ["error: one.json: a fit artifact written by 'scaling-laws fit --output', but this needs a joint fit artifact written by 'scaling-laws fit --by COLUMN --shared NAMES --output'"])
    }
}

/// `plot JOINT.json --kind filtering` and `filtering --plot`: error against samples seen per pool.
@Suite("filtering plot")
struct FilteringPlotCommandTests {
    @Test("plot --kind filtering draws samples seen on a log x axis, one curve per pool and mixture, the crossovers starred")
    func plotFromJointFit() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try FilteringJointFitCommandTests.pools.write(to: directory.appendingPathComponent("pools.csv"), atomically: true, encoding: .utf8)
        let fit = try CLIRunner.run(["fit", "pools.csv", "--law", "qqt", "--by", "bucket", "--x", "pool=pool_size",
                                     "--shared", "a", "--fix", "d=0.1", "--output", "joint.json"], in: directory)
        #expect(fit.status == 0, "\(fit.stderr)")
        let plot = try CLIRunner.run(["plot", "joint.json", "--kind", "filtering"], in: directory)
        #expect(plot.status == 0, "\(plot.stderr)")
        let svg = plot.stdout
        #expect(svg.contains("samples seen, n"))
        #expect(!svg.contains("pool size"))
        for label in ["top 0–10%", "top 30–40%", "top 20% mixed", "top 40% mixed", "top 10% → top 20% at"] {
            #expect(svg.contains(label), "\(label)")
        }
        // Log x axis: decade ticks 10^7 … 10^10 over the default 10M–10B span.
        #expect(svg.contains(">7<") || svg.contains("10⁷") || svg.contains("1e7"), "no decade tick")
        // A single fit is refused with the command that makes a joint one.
        let single = try CLIRunner.run(["fit", "pools.csv", "--law", "qqt", "--where", "bucket=='top 0–10%'", "--x", "pool=pool_size",
                                        "--fix", "d=0.1", "--output", "one.json"], in: directory)
        #expect(single.status == 0, "\(single.stderr)")
        let wrong = try CLIRunner.run(["plot", "one.json", "--kind", "filtering"], in: directory)
        #expect(wrong.status == 1)
        #expect(wrong.stderrLines == ["error: one.json: a fit artifact written by 'scaling-laws fit --output', but this needs a joint fit artifact written by 'scaling-laws fit --by COLUMN --shared NAMES --output'"])
    }

    @Test("filtering --preset … --plot writes the published pools' curves with the 100.5M crossover")
    func presetPlot() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let result = try CLIRunner.run(["filtering", "--preset", "goyal2024-tmars", "--budgets", "32M,128M", "--plot", "f.svg"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("f.svg"), encoding: .utf8)
        // The top-10% → top-20% crossover of the published constants is 1.00537e8 samples.
        #expect(svg.contains("top 10% → top 20% at 101M"))
        #expect(svg.contains("samples seen, n"))
    }
}
