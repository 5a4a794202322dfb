import Foundation
import Testing
import TestSupport

/// The real data of Besiroglu et al. 2024 (digitised from Hoffmann et al.'s Figure 4), with the
/// five highest-loss runs dropped as in their protocol. Needs the shared data folder.
@Suite("Epoch AI replication through the CLI", .enabled(if: RepositoryPaths.hasSharedData))
struct EpochReplicationTests {
    @Test("fit --drop-highest loss:5 reports E ≈ 1.8172, α ≈ 0.3473, β ≈ 0.3672")
    func replicate() throws {
        let file = try #require(RepositoryPaths.sharedDataset("epoch_chinchilla/chinchilla_N_D_loss.csv"))
        let result = try CLIRunner.run(["fit", file.path, "--law", "chinchilla", "--drop-highest", "loss:5", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Fixtures.object(result.stdout)
        #expect((object["data"] as? [String: Any])?["rows"] as? Int == 240)
        let parameters = try #require(object["parameters"] as? [[String: Any]])
        var values: [String: Double] = [:]
        for p in parameters {
            if let name = p["name"] as? String, let value = p["value"] as? Double { values[name] = value }
        }
        #expect(isClose(try #require(values["E"]), 1.8172, rel: 2e-3))
        #expect(isClose(try #require(values["alpha"]), 0.3473, rel: 2e-3))
        #expect(isClose(try #require(values["beta"]), 0.3672, rel: 2e-3))

        let table = try CLIRunner.run(["fit", file.path, "--law", "chinchilla", "--drop-highest", "loss:5"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("rows:     240"))
    }
}
