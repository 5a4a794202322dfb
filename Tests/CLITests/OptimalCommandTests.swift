import Foundation
import Testing
import TestSupport

/// `scaling-laws optimal`.
@Suite("optimal command")
struct OptimalCommandTests {
    @Test("epoch2024 preset at 5.76e23 FLOP: N_opt 7.236e10, D_opt 1.327e12 (Besiroglu et al. 2024)")
    func epochPreset() throws {
        let table = try CLIRunner.run(["optimal", "--preset", "epoch2024", "--budget", "5.76e23"])
        #expect(table.status == 0)
        #expect(table.stderr.isEmpty)
        #expect(table.stdout.contains("72.4B"))
        #expect(table.stdout.contains("1.33T"))
        Snapshot.check(table.stdout, named: "optimal-epoch2024.txt")

        let csv = try CLIRunner.run(["optimal", "--preset", "epoch2024", "--budget", "5.76e23", "--format", "csv"])
        #expect(csv.status == 0)
        let parsed = Fixtures.csv(csv.stdout)
        #expect(parsed.header == ["budget_flop", "n_opt", "d_opt", "tokens_per_parameter", "loss"])
        let row = try #require(parsed.rows.first)
        let n = try #require(Double(row[1]))
        let d = try #require(Double(row[2]))
        #expect(isClose(n, 7.236e10, rel: 1e-3))
        #expect(isClose(d, 1.327e12, rel: 1e-3))
        #expect(isClose(try #require(Double(row[3])), 18.3, rel: 3e-3))
    }

    @Test("several budgets, suffixes, every format")
    func formats() throws {
        let budgets = ["--budget", "1e21", "--budget", "5.76e23", "--budget", "1e25"]
        for format in ["markdown", "csv", "json"] {
            let result = try CLIRunner.run(["optimal", "--preset", "hoffmann-rounded"] + budgets + ["--format", format])
            #expect(result.status == 0)
            Snapshot.check(result.stdout, named: "optimal-hoffmann-rounded.\(format == "markdown" ? "md" : format)")
        }
        // Rounded Hoffmann constants at 5.76e23 (laws.md §2): N_opt 3.219e10, D_opt 2.982e12.
        let json = try CLIRunner.run(["optimal", "--preset", "hoffmann-rounded", "--budget", "5.76e23", "--budget", "1000000000T", "--format", "json"])
        let points = try #require(try Fixtures.object(json.stdout)["points"] as? [[String: Any]])
        #expect(isClose(try #require(points[0]["parameters"] as? Double), 3.219e10, rel: 1e-3))
        #expect(isClose(try #require(points[0]["tokens"] as? Double), 2.982e12, rel: 1e-3))
        #expect(isClose(try #require(points[1]["parameters"] as? Double), 1.824e9, rel: 1e-3))
    }

    @Test("--fit reads an artifact written by fit")
    func fromArtifact() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let artifact = directory.appendingPathComponent("fit.json").path
        let fit = try CLIRunner.run(["fit", Fixtures.syntheticData, "--output", artifact])
        #expect(fit.status == 0)
        let result = try CLIRunner.run(["optimal", "--fit", "fit.json", "--budget", "5.76e23", "--budget", "1e21"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        Snapshot.check(result.stdout, named: "optimal-from-fit.txt", rel: 1e-5)
        // The synthetic data come from the Epoch constants: the fitted frontier is close to theirs.
        let csv = try CLIRunner.run(["optimal", "--fit", "fit.json", "--budget", "5.76e23", "--format", "csv"], in: directory)
        let row = try #require(Fixtures.csv(csv.stdout).rows.first)
        #expect(isClose(try #require(Double(row[1])), 7.236e10, rel: 0.1))
    }
}
