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
    static func epochData() throws -> Dataset { try EpochChinchilla.data() }
    static func check(_ fit: LawFit) throws { try EpochChinchilla.check(fit) }

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
        try Self.check(fit)
    }

    @Test("the default start strategy reaches the same optimum")
    func defaultStarts() throws {
        let fit = try LawFitter.fit(ChinchillaLaw(), to: Self.epochData(), options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
        print("AUTO", fit.values, fit.statistics.objective)
        try Self.check(fit)
    }
}
