import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Budget-optimal UTD decisions (Rybkin et al. 2025; laws.md §7).
@Suite("RL UTD decisions")
struct UTDPlanTests {
    @Test("Gym J = 800 at σ = 1 and σ = 4: D_J, B̄, C_J, F")
    func vectors() {
        let one = UTDOptimum.at(1, law: .gymJ800, threshold: 800)
        #expect(isClose(one.steps, 5.930e5, rel: 5e-4))
        #expect(isClose(one.batchSize, 366.0, rel: 5e-4))
        #expect(isClose(one.compute, 3.255e14, rel: 5e-4))
        #expect(isClose(one.budget, 2.698e15, rel: 5e-4))
        let four = UTDOptimum.at(4, law: .gymJ800)
        #expect(isClose(four.steps, 3.594e5, rel: 5e-4))
        #expect(isClose(four.compute, 5.138e14, rel: 5e-4))
        #expect(isClose(four.budget, 1.951e15, rel: 5e-4))
    }

    @Test("σ* ≈ 6.29 at F* ≈ 1.91e15 over [0.25, 16]")
    func optimum() throws {
        let best = try UTDOptimum.find(.gymJ800, threshold: 800)
        #expect(abs(best.sigma - 6.29) < 0.005)
        #expect(isClose(best.budget, 1.91e15, rel: 5e-3))
        #expect(best.interior)
        #expect(isClose(best.budget, best.compute + 4e9 * best.steps, rel: 1e-12))
    }

    @Test("the batch-size law refitted from the authors' Gym table gives B*(1) = 412 for HalfCheetah and the σ = 1 vectors",
          .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/rybkin2025_qscaled"))
    func fromSharedTable() throws {
        let url = try #require(RepositoryPaths.sharedDataset("rybkin2025_qscaled/gym_sweep/shared_fitted.csv"))
        let table = try CSVTable.read(contentsOf: url)
        let env = try table.columnIndex(named: "Environment")
        let data = try Dataset(table: table, columns: ["UTD", "Batch Size", "Learning Rate"])
        let groups = table.rows.map { $0[env] }
        let batch = try SharedSlopePowerLaw.fit(x: try data.column("UTD"), y: try data.column("Batch Size"), groups: groups)
        let rate = try SharedSlopePowerLaw.fit(x: try data.column("UTD"), y: try data.column("Learning Rate"), groups: groups)
        #expect(isClose(try #require(batch.predict(1, group: "HalfCheetah-v4")), 412, rel: 3e-3))
        #expect(isClose(try #require(rate.predict(1, group: "HalfCheetah-v4")), 1.871e-3, rel: 3e-3))
        let law = UTDBudget(dataEfficiency: UTDDataEfficiencyLaw.gymJ800, batchSlope: batch.slope,
                            batchIntercepts: batch.intercepts, criticParameters: 1.5e5, stepCost: 4e9)
        let one = UTDOptimum.at(1, law: law)
        // The table is rounded to 3 digits: agreement to ~3e-3.
        #expect(isClose(one.batchSize, 366.0, rel: 3e-3))
        #expect(isClose(one.compute, 3.255e14, rel: 3e-3))
        #expect(isClose(one.budget, 2.698e15, rel: 3e-3))
        let best = try UTDOptimum.find(law)
        #expect(abs(best.sigma - 6.29) < 0.05)
    }

    @Test("σ* = c·F^k recovered exactly from points on the published Gym law")
    func powerLawRecovery() throws {
        let budgets = [1e15, 3e15, 1e16, 5e16, 2e17]
        let sigmas = budgets.map { 2.62e-9 * pow($0, 0.62) }
        let law = try UTDPowerLaw.fit(budgets: budgets, sigmas: sigmas)
        #expect(isClose(law.coefficient, 2.62e-9, rel: 1e-9))
        #expect(abs(law.exponent - 0.62) < 1e-12)
        #expect(isClose(UTDPowerLaw.deepMindControl.sigma(budget: 1e16), 3.01e11 * pow(1e16, -0.74), rel: 1e-14))
    }

    /// Thresholds J = 600…1000: the Gym law with `D_min` and `β` growing with J (harder
    /// thresholds need more data and favour more updates).
    static func thresholds(_ count: Int) -> [(threshold: Double, law: UTDBudget)] {
        (0..<count).map { i in
            var law = UTDBudget.gymJ800
            let s = pow(1.5, Double(i) - 2)
            law.dataEfficiency = [2.17e5 * s, UTDDataEfficiencyLaw.gymJ800[1] * pow(s, 1.5), UTDDataEfficiencyLaw.gymJ800[2]]
            return (600 + 100 * Double(i), law)
        }.reversed()
    }

    @Test("threshold scaling: fits the lower thresholds, holds out the two highest")
    func thresholdScaling() throws {
        let scaling = try UTDThresholdScaling.make(thresholds: Self.thresholds(5))
        #expect(scaling.optima.map(\.threshold) == [600, 700, 800, 900, 1000])
        #expect(scaling.fitted == [600, 700, 800])
        #expect(scaling.heldOut.map(\.optimum.threshold) == [900, 1000])
        // J = 800 is the published law itself.
        #expect(abs(scaling.optima[2].sigma - 6.29) < 0.005)
        // σ* and F* grow with J here.
        for (a, b) in zip(scaling.optima, scaling.optima.dropFirst()) {
            #expect(b.sigma > a.sigma && b.budget > a.budget)
        }
        // With exactly two fitted thresholds the law passes through both.
        let two = try UTDThresholdScaling.make(thresholds: Self.thresholds(4))
        for o in two.optima.prefix(2) {
            #expect(isClose(two.law.sigma(budget: o.budget), o.sigma, rel: 1e-10))
        }
        for h in two.heldOut {
            #expect(isClose(h.relativeError, h.predictedSigma / h.optimum.sigma - 1, rel: 1e-12))
        }
    }

    @Test("too few thresholds and optima at the range edge fail with exact messages")
    func errors() throws {
        #expect(throws: DecisionError.tooFewThresholds(got: 3, heldOut: 2)) {
            try UTDThresholdScaling.make(thresholds: Self.thresholds(3))
        }
        do {
            _ = try UTDThresholdScaling.make(thresholds: Self.thresholds(4), range: 0.25...2)
            Issue.record("no error")
        } catch {
            #expect(String(describing: error) == "at threshold J = 600 the budget is lowest at σ = 2, an end of the searched range [0.25, 2]: widen the range")
        }
    }
}
