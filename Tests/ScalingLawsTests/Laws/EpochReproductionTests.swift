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

    @Test("racing off: every one of 80 Latin-hypercube starts runs to convergence, same optimum")
    func withoutRacing() throws {
        var options = LawFitOptions(objective: .logHuber(delta: 1e-3), starts: .latinHypercube(count: 80), seed: 7)
        let raced = try LawFitter.fit(ChinchillaLaw(), to: Self.epochData(), options: options)
        options.racing = false
        let full = try LawFitter.fit(ChinchillaLaw(), to: Self.epochData(), options: options)
        let racedConverged = try #require(raced.statistics.convergedStarts)
        let fullConverged = try #require(full.statistics.convergedStarts)
        print("RACE lhs:80 converged starts: racing \(racedConverged), no racing \(fullConverged); objectives \(raced.statistics.objective) \(full.statistics.objective)")
        #expect(raced.statistics.starts == full.statistics.starts)
        // Racing continues only the best tenth (at least 16) of the probes that had not
        // converged within 8 iterations; without it every start gets the coarse pass's full
        // budget (100 iterations), and all but the few that wander along a flat direction
        // (an exponent near 0) converge.
        #expect(fullConverged >= racedConverged + 40)
        #expect(fullConverged >= 60)
        try Self.check(raced)
        try Self.check(full)
    }

    @Test("the default start strategy reaches the same optimum")
    func defaultStarts() throws {
        let fit = try LawFitter.fit(ChinchillaLaw(), to: Self.epochData(), options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
        print("AUTO", fit.values, fit.statistics.objective)
        try Self.check(fit)
    }
}
