import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Best-pool decisions and crossovers under the QQT law (Goyal et al. 2024; laws.md §6).
@Suite("data filtering decisions")
struct DataFilteringPlanTests {
    @Test("published mixtures at 32M, 128M and 640M samples: errors and the best pool", arguments: [
        (32e6, [0.8175, 0.8416, 0.8658, 0.8832], 1),
        (128e6, [0.7127, 0.7040, 0.7323, 0.7587], 2),
        (640e6, [0.6882, 0.6145, 0.6244, 0.6486], 2),
    ])
    func mixtureVectors(samples: Double, errors: [Double], best: Int) throws {
        let plan = try DataFilteringPlan.make(parameters: .goyal2024TMARS, budgets: [samples])
        let choice = try #require(plan.choices.first)
        #expect(choice.poolCount == best)
        #expect(choice.errors.count == 4)
        for (value, printed) in zip(choice.errors, errors) {
            #expect(matchesPrinted(value, printed, decimals: 4), "\(value) vs \(printed)")
        }
        #expect(plan.mixtureNames == ["top 10%", "top 20%", "top 30%", "top 40%"])
    }

    @Test("top 10% stops being best between 32M and 128M samples, where the two errors meet")
    func crossoverTop10() throws {
        let plan = try DataFilteringPlan.make(parameters: .goyal2024TMARS, budgets: [32e6, 128e6, 640e6])
        let first = try #require(plan.crossovers.first)
        #expect(first.poolsBefore == 1 && first.poolsAfter == 2)
        #expect(first.samples > 32e6 && first.samples < 128e6)
        // Independent value: the laws.md §6 recursion written out in Python and y_1(n) = y_2(n)
        // bisected on [32M, 128M] gives n* = 1.00537149e8 samples with error 0.724469.
        #expect(isClose(first.samples, 1.00537149e8, rel: 1e-8), "\(first.samples)")
        #expect(isClose(first.error, 0.724469, abs: 5e-7), "\(first.error)")
        let p = QQTParameters.goyal2024TMARS
        let e1 = QQTMixture.error(samples: first.samples, bestPools: 1, of: p)
        let e2 = QQTMixture.error(samples: first.samples, bestPools: 2, of: p)
        #expect(isClose(e1, e2, rel: 1e-10))
        #expect(QQTMixture.bestPool(samples: first.samples * 0.999, parameters: p).poolCount == 1)
        #expect(QQTMixture.bestPool(samples: first.samples * 1.001, parameters: p).poolCount == 2)
        // Between 32M and 640M top 20% stays best after that.
        #expect(plan.crossovers.count == 1)
    }

    @Test("from 10M to 10B samples the best level only loosens: top 10% → top 20% → top 30%")
    func wideRange() throws {
        let plan = try DataFilteringPlan.make(parameters: .goyal2024TMARS, budgets: [1e7, 1e10])
        #expect(plan.crossovers.map(\.poolsBefore) == [1, 2])
        #expect(plan.crossovers.map(\.poolsAfter) == [2, 3])
        // 20% → 30% happens after the published 640M point (top 20% best there).
        #expect(plan.crossovers[1].samples > 640e6 && plan.crossovers[1].samples < 1e10)
        // Below one pass over a pool (n < 1e5/a = 4M samples) s_0 < 1 and every error exceeds
        // 1: the law is outside its meaningful range and favours the least negative utility.
        let tiny = try DataFilteringPlan.make(parameters: .goyal2024TMARS, budgets: [1e6])
        #expect(tiny.choices[0].errors.allSatisfy { $0 > 1 })
    }

    @Test("bad budgets and empty pools fail with exact messages")
    func badInput() {
        #expect(throws: DecisionError.invalidValue(what: "sample budget", value: 0)) {
            try DataFilteringPlan.make(parameters: .goyal2024TMARS, budgets: [1e6, 0])
        }
        #expect(throws: DecisionError.invalidOption("the QQT parameters have no pools")) {
            try DataFilteringPlan.make(parameters: QQTParameters(a: 0.025, d: 0.1, poolSize: 1e6, pools: []), budgets: [1e6])
        }
    }
}
