import Foundation
import ScalingLaws
import Testing
@testable import Forecast
import TestSupport

@Suite struct PlanningTests {
    /// A centred symmetric iso-FLOP design of Epoch's law: the noise-free parabola vertex is
    /// biased (the profile is asymmetric in log N), and the bias grows when the sweep is off
    /// centre.
    @Test func isoFlopDesignBias() throws {
        let p = ChinchillaParameters.epoch2024
        let centred = try IsoFlopSweepDesign.make(law: p, budgets: [1e18, 1e19, 1e20], perBudget: 7, span: 16, noise: 0, simulations: 1)
        let off = try IsoFlopSweepDesign.make(law: p, budgets: [1e18, 1e19, 1e20], perBudget: 7, span: 16, centre: 3, noise: 0, simulations: 1)
        for (a, b) in zip(centred.budgets, off.budgets) {
            let ca = try #require(a.noiseFreeBias), cb = try #require(b.noiseFreeBias)
            #expect(abs(ca) < 0.1)
            #expect(abs(cb) > abs(ca))
            // The design is symmetric about N* in log space.
            #expect(isClose(a.sizes[3], a.nStar, rel: 1e-12))
            #expect(isClose(a.sizes[0] * a.sizes[6], a.nStar * a.nStar, rel: 1e-12))
        }
        #expect(isClose(centred.exponent, p.beta / (p.alpha + p.beta)))
        #expect(throws: PlanningError.self) { try IsoFlopSweepDesign.make(law: p, budgets: [1e18], perBudget: 2) }
    }

    /// The seeded planning case: a small ladder, a forecast 100× beyond its largest run. The
    /// recommended next run (largest linearised variance reduction within the cap) must shrink
    /// the simulated 95% width of the forecast more than the naive next size up.
    static let ladder: [(n: Double, d: Double)] = {
        var runs: [(Double, Double)] = []
        for n in [5e7, 1e8, 2e8] { for r in [10.0, 20, 40] { runs.append((n, r * n)) } }
        return runs
    }()

    @Test func recommendedRunBeatsNaive() throws {
        let p = ChinchillaParameters.epoch2024
        let target = PlanTarget.loss(budget: 1e22)
        let cap = 2e19
        let candidates = try NextRunPlanner.candidates(existing: Self.ladder, cap: cap)
        let ranked = try NextRunPlanner.rank(law: p, existing: Self.ladder, noise: 0.01, target: target, candidates: candidates)
        let best = try #require(ranked.first)
        let naive = NextRunPlanner.naive(existing: Self.ladder, cap: cap)
        #expect(best.compute <= cap * (1 + 1e-9))
        let sim = NextRunPlanner.simulate(law: p, existing: Self.ladder, noise: 0.01, target: target,
                                          added: [("naive", naive.n, naive.d), ("recommended", best.n, best.d)],
                                          simulations: 60, seed: 3)
        let before = sim.rows[0].width, naiveWidth = sim.rows[1].width, recommended = sim.rows[2].width
        print("planning: before \(before) naive \(naiveWidth) recommended \(recommended); best N=\(best.n) D=\(best.d); naive N=\(naive.n) D=\(naive.d)")
        #expect(recommended < naiveWidth)
        #expect(recommended < before)
        #expect(sim.rows.allSatisfy { $0.fits >= 55 })
    }

    @Test func budgetBelowTheSmallestRunIsRefused() {
        #expect(throws: PlanningError.budgetBelowRuns(budget: 1e15, smallest: 6 * 5e7 * 5e8)) {
            try NextRunPlanner.candidates(existing: Self.ladder, cap: 1e15)
        }
    }

    /// Ranking for N_opt: every candidate's linearised variance after is at most the variance
    /// before, and the ranking is by that reduction.
    @Test func rankingForNOpt() throws {
        let p = ChinchillaParameters.epoch2024
        let candidates = try NextRunPlanner.candidates(existing: Self.ladder, cap: 2e19)
        let ranked = try NextRunPlanner.rank(law: p, existing: Self.ladder, noise: 0.01, target: .nOpt(budget: 1e22), candidates: candidates)
        #expect(ranked.count == candidates.count)
        for (a, b) in zip(ranked, ranked.dropFirst()) { #expect(a.varianceReduction >= b.varianceReduction) }
        for c in ranked { #expect(c.sdAfter <= c.sdBefore + 1e-15) }
    }
}
