import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Reproduction of Besiroglu et al. (2024), "Chinchilla Scaling: A replication attempt"
/// (arXiv:2404.10102), on the data they digitised from Hoffmann et al.'s Figure 4: the summed
/// Huber (δ = 1e-3) log-space fit on the 240 rows left after dropping the 5 highest losses.
@Suite("Epoch Chinchilla replication", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/epoch_chinchilla"))
struct EpochReproductionTests {
    static func epochData() throws -> Dataset {
        guard let url = RepositoryPaths.sharedDataset("epoch_chinchilla/chinchilla_N_D_loss.csv") else {
            throw DataError.noSuchFile(path: "epoch_chinchilla/chinchilla_N_D_loss.csv")
        }
        let table = try CSVTable.read(contentsOf: url)
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        return try roles.dataset(from: table).filtered(by: .dropHighest(column: "loss", count: 5))
    }

    /// Published "replicate exactly" values (Besiroglu et al. 2024, §3 of laws.md).
    static let published = (a: 477.84, b: 2143.86, e: 1.8172, alpha: 0.34731, beta: 0.36718, objective: 1.0183e-3)

    static func check(_ fit: LawFit) {
        let p = published
        let values = fit.values
        #expect(isClose(values[0], p.e, rel: 0.002), "E = \(values[0])")
        #expect(isClose(values[3], p.alpha, rel: 0.002), "alpha = \(values[3])")
        #expect(isClose(values[4], p.beta, rel: 0.002), "beta = \(values[4])")
        #expect(abs(log(values[1]) - log(p.a)) <= 0.01, "log A = \(log(values[1])) vs \(log(p.a))")
        #expect(abs(log(values[2]) - log(p.b)) <= 0.01, "log B = \(log(values[2])) vs \(log(p.b))")
        #expect(isClose(fit.statistics.objective, p.objective, rel: 0.001), "objective = \(fit.statistics.objective)")
    }

    @Test("240 rows after dropping the 5 highest losses")
    func rowCount() throws {
        #expect(try Self.epochData().count == 240)
    }

    @Test("the 4,500-start published grid reaches Epoch's optimum")
    func publishedGrid() throws {
        let fit = try LawFitter.fit(ChinchillaLaw(), to: Self.epochData(),
                                    options: LawFitOptions(objective: .logHuber(delta: 1e-3), starts: .publishedGrid))
        print("GRID", fit.values, fit.statistics.objective, fit.statistics.starts ?? -1, fit.statistics.convergedStarts ?? -1, fit.statistics.distinctOptima ?? -1)
        #expect(fit.statistics.starts == 4500)
        Self.check(fit)
    }

    @Test("the default start strategy reaches the same optimum")
    func defaultStarts() throws {
        let fit = try LawFitter.fit(ChinchillaLaw(), to: Self.epochData(), options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
        print("AUTO", fit.values, fit.statistics.objective)
        Self.check(fit)
    }
}
