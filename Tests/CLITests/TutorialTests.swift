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

    @Test("(c) two data recipes: the compute to reach loss 3.0 and the multiplier")
    func recipes() throws {
        let out = try Self.run(["recipes-1-fit.sh", "recipes-2-multiplier.sh"])
        #expect(out[0].stdout.contains("comma") && out[0].stdout.contains("dclm"))
        let budgets = out[1].stdout.split(separator: "\n").filter { $0.hasSuffix(" 3") || $0.hasSuffix("  3") }
            .compactMap { $0.split(separator: " ").first.flatMap { Double($0) } }
        #expect(budgets.count == 2)
        guard budgets.count == 2 else { return }
        #expect(isClose(budgets[0], 1.90824e21, rel: 1e-3))
        #expect(isClose(budgets[1], 2.59835e20, rel: 1e-3))
        #expect(isClose(budgets[0] / budgets[1], 7.34, rel: 2e-3))
    }
}
