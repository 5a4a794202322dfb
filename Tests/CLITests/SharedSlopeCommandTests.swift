import Foundation
import Testing
import TestSupport

/// `fit-shared-slope`: hyperparameter laws with a slope shared across groups.
@Suite("fit-shared-slope command")
struct SharedSlopeCommandTests {
    /// y = 10^c_g · x^−0.5 exactly, for two groups with c = 2 and 3.
    static let exact = """
        env,utd,batch
        a,1,100
        a,4,50
        a,16,25
        b,1,1000
        b,4,500
        b,16,250
        """

    @Test("recovers an exact shared slope and the intercepts (JSON)")
    func exactData() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write(Self.exact, to: "runs.csv", in: directory)
        let result = try CLIRunner.run(["fit-shared-slope", "runs.csv", "--x", "utd", "--y", "batch", "--group", "env", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        #expect(isClose(try #require(object["slope"] as? Double), -0.5, rel: 1e-12))
        let intercepts = try #require(object["intercepts"] as? [Double])
        #expect(isClose(intercepts[0], 2, rel: 1e-12))
        #expect(isClose(intercepts[1], 3, rel: 1e-12))
        #expect(object["groups"] as? [String] == ["a", "b"])
    }

    @Test("a missing group column is one error line naming the file")
    func missingGroup() throws {
        let directory = try CLIRunner.temporaryDirectory()
        try Fixtures.write(Self.exact, to: "runs.csv", in: directory)
        let result = try CLIRunner.run(["fit-shared-slope", "runs.csv", "--x", "utd", "--y", "batch", "--group", "envs"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: runs.csv: --group: no column named 'envs'; did you mean 'env'? (columns: env, utd, batch)"])
    }

    @Test("the authors' Gym table gives the published batch-size slope",
          .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/rybkin2025_qscaled"))
    func gymTable() throws {
        let file = try #require(RepositoryPaths.sharedDataset("rybkin2025_qscaled/gym_sweep/shared_fitted.csv"))
        let result = try CLIRunner.run(["fit-shared-slope", file.path, "--x", "UTD", "--y", "Batch Size", "--group", "Environment", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        // Published shared slope −0.3096 (Rybkin et al. 2025); the table carries 3 digits.
        #expect(abs(try #require(object["slope"] as? Double) - -0.3096) < 1e-3)
    }
}
