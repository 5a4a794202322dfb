import Foundation
import Testing
import TestSupport

/// Runs the code listings of the DocC tutorials (Sources/ScalingLaws/ScalingLaws.docc/Resources,
/// the files the `.tutorial` steps show) in order, as a reader would, and checks the numbers the
/// tutorials quote. The listings read the data from `OLMO_LADDER` and `MARIN_ISOFLOPS`, set here to
/// the shared datasets; `scaling-laws` is the built binary.
@Suite("tutorial listings run and give the numbers the tutorials quote", .enabled(if: RepositoryPaths.hasSharedData))
struct TutorialTests {
    static let resources = RepositoryPaths.root.appendingPathComponent("Sources/ScalingLaws/ScalingLaws.docc/Resources")
    static let tutorials = RepositoryPaths.root.appendingPathComponent("Sources/ScalingLaws/ScalingLaws.docc/Tutorials")

    /// Runs the listings `names` one after another in one scratch folder; returns each one's output.
    static func run(_ names: [String]) throws -> [CLIResult] {
        let binary = try #require(CLIRunner.binary)
        let shared = try #require(RepositoryPaths.shared)
        let scratch = try CLIRunner.temporaryDirectory()
        let work = scratch.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let datasets = shared.appendingPathComponent("datasets")
        let environment = [
            "COLUMNS": "80",
            "OLMO_LADDER": datasets.appendingPathComponent("olmo_ladder_bhagia2024").path,
            "MARIN_ISOFLOPS": datasets.appendingPathComponent("marin_isoflops_2026/isoflops.csv").path,
        ]
        var results: [CLIResult] = []
        for name in names {
            let listing = try String(contentsOf: resources.appendingPathComponent(name), encoding: .utf8)
            let script = "set -e\nscaling-laws() { '\(binary.path)' \"$@\"; }\n" + listing
            let output = try BuiltExecutable.run(URL(fileURLWithPath: "/bin/bash"), ["-c", script], in: work, environment: environment)
            #expect(output.status == 0, "\(name): \(output.stderr)")
            results.append(CLIResult(stdout: output.stdout, stderr: output.stderr, status: output.status))
        }
        return results
    }

    /// The first number after `label` on the line of `text` that contains `row` (and `label`).
    static func number(in text: String, row: String, after label: String = "") -> Double? {
        for line in text.split(separator: "\n") where line.contains(row) && (label.isEmpty || line.contains(label)) {
            let start = label.isEmpty ? line.startIndex : (line.range(of: label)?.upperBound ?? line.startIndex)
            let rest = line[start...]
            let tokens = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "=" || $0 == "[" || $0 == "]" })
            if let value = tokens.lazy.compactMap({ Double($0) }).first { return value }
        }
        return nil
    }

    @Test("every listing a tutorial names exists, and every listing is named by a tutorial")
    func listingsMatchTutorials() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.tutorials.path).filter { $0.hasSuffix(".tutorial") }
        #expect(files.count == 4)  // the table of contents and three tutorials
        var named: Set<String> = []
        for file in files {
            let text = try String(contentsOf: Self.tutorials.appendingPathComponent(file), encoding: .utf8)
            for part in text.components(separatedBy: "file: \"").dropFirst() {
                named.insert(String(part.prefix { $0 != "\"" }))
            }
        }
        let listings = Set(try FileManager.default.contentsOfDirectory(atPath: Self.resources.path).filter { $0.hasSuffix(".sh") })
        #expect(named == listings)
        #expect(named.count == 9)
    }

    @Test("(a) ladder logs to the compute-optimal split: the flat direction, then N_opt with intervals")
    func ladder() throws {
        let out = try Self.run(["ladder-1-runs.sh", "ladder-2-fit.sh", "ladder-3-fix.sh", "ladder-4-optimal.sh"])
        // 20 cosine runs; the largest, 1B-10xC, logged 2.587e21 FLOP and ends at 2.83228.
        let runs = out[0].stdout.split(separator: "\n").filter { $0.contains("xC ") }
        #expect(runs.count == 20)
        #expect(out[0].stdout.contains("2.587e+21") && out[0].stdout.contains("2.83228"))
        // The fit warns that 6ND undercounts the 190M model's logged FLOP by 40%.
        #expect(out[1].stderr.contains("by -40%"))
        #expect(out[1].stdout.contains("flat direction"))
        let e = try #require(Self.number(in: out[1].stdout, row: "    E:"))
        #expect(e < 0.5, "the unconstrained fit's E is the unphysical 0.118 the tutorial quotes")
        #expect(isClose(try #require(Self.number(in: out[2].stdout, row: "alpha (α):")), 0.2186538, rel: 1e-3))
        #expect(isClose(try #require(Self.number(in: out[2].stdout, row: "beta (β):")), 0.1763258, rel: 1e-3))
        // N_opt at 1e21 = 2.60B, D/N = 24.71, loss 2.8795; bootstrap interval [814M, 4.95B].
        #expect(isClose(try #require(Self.number(in: out[3].stdout, row: "1e+21", after: "2.60B")), 2.59712e9, rel: 1e-3))
        #expect(out[3].stdout.contains("[814M, 4.95B]"))
        #expect(out[3].stdout.contains("[2.85568, 2.92922]"))
    }

    @Test("(b) a loss curve under a new schedule: the held-out WSD branch and three planned schedules")
    func curve() throws {
        let out = try Self.run(["curve-1-fit.sh", "curve-2-check.sh", "curve-3-schedules.sh"])
        #expect(isClose(try #require(Self.number(in: out[0].stdout, row: "L0 =")), 2.825333, rel: 1e-4))
        // CSV: step, predicted, lower, upper, prediction_lower, prediction_upper, observed, relative_error.
        let last = try #require(out[1].stdout.split(separator: "\n").last).split(separator: ",").compactMap { Double($0) }
        #expect(last.count == 8)
        guard last.count == 8 else { return }
        #expect(isClose(last[1], 2.81995, rel: 1e-4))   // predicted final loss
        #expect(isClose(last[6], 2.83175, rel: 1e-4))   // logged: the prediction is 0.42% low
        let ends = out[2].stdout.split(separator: "\n").filter { $0.hasPrefix("162694,") }
            .compactMap { $0.split(separator: ",").dropFirst().first.flatMap { Double($0) } }
        #expect(ends.count == 3)
        guard ends.count == 3 else { return }
        #expect(isClose(ends[0], 2.84645, rel: 1e-4))   // cosine
        #expect(isClose(ends[1], 2.82490, rel: 1e-4))   // WSD, 10% decay
        #expect(isClose(ends[2], 2.82350, rel: 1e-4))   // WSD, 20% decay
    }

    /// The k row of `recipe` at budget `budget` under `model` in a compare-recipes report:
    /// `[L* baseline, L* recipe, k, lower, upper]` (`nil` for a dash).
    static func ratioRow(in text: String, recipe: String, budget: String, model: String) -> [Double?]? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            if fields.count == 8, fields[0] == recipe, fields[1] == budget, fields[2] == model {
                return fields[3...].map { Double($0) }
            }
        }
        return nil
    }

    @Test("(c) two data recipes: the sharing the data support, then dclm's compute ratio against comma with intervals")
    func recipes() throws {
        let out = try Self.run(["recipes-1-sharing.sh", "recipes-2-multiplier.sh"])
        // Step 1: shared exponents win on AIC, BIC and cross-validation; one constant
        // effective-compute factor is rejected by ΔAIC = 66.4.
        let sharing = out[0].stdout
        #expect(sharing.contains("lowest AIC:                   shared-exponents"))
        #expect(sharing.contains("lowest BIC:                   shared-exponents"))
        #expect(sharing.contains("lowest cross-validated error: shared-exponents"))
        #expect(isClose(try #require(Self.number(in: sharing, row: "    effective-compute  E, α, β", after: "-1469.47")), 66.4, rel: 1e-3))
        #expect(isClose(try #require(Self.number(in: sharing, row: "    separate           none", after: "-1532.98")), 2.87, rel: 1e-3))
        // k at 3e19 under every model lies in [0.385, 0.435]; no bootstrap, so no interval.
        var ks: [Double] = []
        for model in ["separate", "shared-exponents", "shared-floor", "effective-compute", "approach-2"] {
            let row = try #require(Self.ratioRow(in: sharing, recipe: "dclm", budget: "3e+19", model: model))
            ks.append(try #require(row[2]))
            #expect(row[3] == nil && row[4] == nil)
        }
        #expect(isClose(try #require(ks.min()), 0.385, rel: 1e-3))
        #expect(isClose(try #require(ks.max()), 0.435, rel: 1e-3))
        // Step 2: shared exponents with 200 bootstrap refits.
        let ratio = out[1].stdout
        let low = try #require(Self.ratioRow(in: ratio, recipe: "dclm", budget: "3e+19", model: "shared-exponents"))
        let high = try #require(Self.ratioRow(in: ratio, recipe: "dclm", budget: "3e+20", model: "shared-exponents"))
        let check = try #require(Self.ratioRow(in: ratio, recipe: "dclm", budget: "3e+20", model: "approach-2"))
        #expect(low.compactMap { $0 } == [3.472, 3.305, 0.435, 0.413, 0.462])
        #expect(high.compactMap { $0 } == [3.162, 2.985, 0.239, 0.206, 0.295])
        #expect(check.compactMap { $0 } == [3.119, 2.942, 0.329, 0.294, 0.371])
        // The multipliers the tutorial quotes: 1/k = 2.3× at 3e19 and 4.2× [3.4×, 4.9×] at 3e20.
        if let k = high[2], let lower = high[3], let upper = high[4] {
            #expect(isClose(1 / k, 4.18, rel: 2e-3))
            #expect(isClose(1 / upper, 3.39, rel: 2e-3) && isClose(1 / lower, 4.85, rel: 2e-3))
        }
        #expect(ratio.contains("shared-exponents, dclm: none from 3.28e+17 to 4.04e+22 (1 of 200 draws have one)"))
        // The fitted floors behind the growing multiplier: E = 2.56 for dclm, 2.75 for comma.
        #expect(Self.number(in: ratio, row: "shared-exponents  dclm") == 2.56)
        #expect(Self.number(in: ratio, row: "shared-exponents  comma") == 2.751)
        #expect(out[1].stdout.contains("wrote recipes.svg") || out[1].stderr.contains("wrote recipes.svg"))
    }
}
