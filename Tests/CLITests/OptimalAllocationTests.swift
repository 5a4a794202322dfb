import Foundation
import Testing
import TestSupport

/// `scaling-laws optimal` with cost expressions, fitted cost laws, fixed N or D, unique-token caps
/// and target losses.
@Suite("optimal command: allocation questions")
struct OptimalAllocationTests {
    @Test("--cost '6*N*D' gives the closed-form optimum of laws.md §2 (N_opt 3.219e10, D_opt 2.982e12)")
    func costExpression() throws {
        let result = try CLIRunner.run(["optimal", "--preset", "hoffmann-rounded", "--budget", "5.76e23", "--cost", "6*N*D", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(Fixtures.csv(result.stdout).rows.first)
        #expect(Swift.abs(try #require(Double(row[1])) - 3.219e10) <= 0.0005e10)
        #expect(Swift.abs(try #require(Double(row[2])) - 2.982e12) <= 0.0005e12)
        let inference = try CLIRunner.run(["optimal", "--preset", "hoffmann-rounded", "--budget", "5.76e23", "--cost", "6*N*D + 2*N*1e13"])
        #expect(inference.status == 0)
        Snapshot.check(inference.stdout, named: "optimal-cost-expression.txt")
    }

    @Test("--fixed-n 70B within 6·70e9·1.4e12 FLOP: 1.4T tokens at L = 1.9366 (laws.md §2)")
    func fixedN() throws {
        let result = try CLIRunner.run(["optimal", "--preset", "hoffmann-rounded", "--budget", "5.88e23", "--fixed-n", "70B"])
        #expect(result.status == 0, "\(result.stderr)")
        Snapshot.check(result.stdout, named: "optimal-fixed-n.txt")
        let csv = try CLIRunner.run(["optimal", "--preset", "hoffmann-rounded", "--budget", "5.88e23", "--fixed-n", "70B", "--format", "csv"])
        let row = try #require(Fixtures.csv(csv.stdout).rows.first)
        #expect(row[0] == "parameters")
        #expect(isClose(try #require(Double(row[3])), 1.4e12, rel: 1e-12))
        #expect(Swift.abs(try #require(Double(row[5])) - 1.9366) <= 0.00005)
    }

    @Test("--fixed-d without a budget: the N for which D is compute-optimal")
    func fixedDUnconstrained() throws {
        let result = try CLIRunner.run(["optimal", "--preset", "hoffmann-rounded", "--fixed-d", "2.982T", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(Fixtures.csv(result.stdout).rows.first)
        // laws.md §2: D_opt 2.982e12 at C = 5.76e23 with N_opt 3.219e10 (4 digits).
        #expect(isClose(try #require(Double(row[1])), 3.219e10, rel: 1e-3))
        #expect(isClose(try #require(Double(row[0])), 5.76e23, rel: 1e-3))
    }

    @Test("--unique-tokens with the data-constrained preset")
    func uniqueTokens() throws {
        let result = try CLIRunner.run(["optimal", "--preset", "muennighoff-c4", "--unique-tokens", "25B", "--budget", "1e22"])
        #expect(result.status == 0, "\(result.stderr)")
        Snapshot.check(result.stdout, named: "optimal-unique-tokens.txt")
    }

    @Test("--cost-from fits C = k·N^p·D^q to a FLOP column")
    func costFrom() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "N,D,C\n"
        for n in [1e8, 1e9, 1e10] {
            for d in [1e10, 1e11, 1e12] { text += "\(n),\(d),\(6 * n * d)\n" }
        }
        try Fixtures.write(text, to: "flops.csv", in: directory)
        let fitted = try CLIRunner.run(["optimal", "--preset", "hoffmann-rounded", "--budget", "5.76e23", "--cost-from", "flops.csv", "--format", "csv"], in: directory)
        #expect(fitted.status == 0, "\(fitted.stderr)")
        let row = try #require(Fixtures.csv(fitted.stdout).rows.first)
        #expect(Swift.abs(try #require(Double(row[1])) - 3.219e10) <= 0.0005e10)
    }

    @Test("errors: a target below the floor, a cost that falls, a cap on a law without U", arguments: [
        (["--preset", "hoffmann-rounded", "--target-loss", "1.6"], "error: target loss 1.6 is below the law's irreducible loss E = 1.69: no budget reaches it"),
        (["--preset", "hoffmann-rounded", "--budget", "1e21", "--cost", "6*N*D - N^2"], "error: invalid cost model '6*N*D - N^2': the cost is -4e+07 at N = 1e+04, D = 1000; it must be positive and finite for N in 1000–1e+15 and D in 1000–1e+17"),
        (["--preset", "epoch2024", "--budget", "1e21", "--unique-tokens", "25B"], "error: law 'chinchilla' does not take unique tokens: a cap on unique tokens needs a law of (N, D, U) such as data-constrained"),
        (["--preset", "epoch2024", "--budget", "1e21", "--fixed-n", "1e30"], "error: the fixed N = 1e+30 does not fit in 1e+21 FLOP under C = 6ND: nothing is left for the other"),
    ])
    func errors(_ arguments: [String], _ message: String) throws {
        let result = try CLIRunner.run(["optimal"] + arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }
}
