import Foundation
import Forecast
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Joint fits of several data pools under the QQT law with a shared sample scale, and bootstrap
/// intervals on the best pool and the crossover budgets (Goyal et al. 2024, "Scaling Laws for
/// Data Filtering — Data Curation cannot be Compute Agnostic", arXiv:2404.07177). No per-pool
/// measurements are public, so the data are simulated from the published T-MARS constants.
@Suite("data filtering: joint pool fits and decision intervals")
struct DataFilteringJointFitTests {
    /// Epochs over a pool at which each pool is measured: half an epoch, then 1–10 epochs
    /// (the authors fit the error after 2, 4, 6, 8 and 10 epochs).
    static let epochs: [Double] = [0.5, 1, 2, 4, 6, 8, 10]

    /// Simulated pools: `y = qqt(n; a, b_g, τ_g, d) + σ·ε`, `ε ~ N(0, 1)` seeded, at
    /// `n = S·epochs` for every pool of `truth`.
    static func simulate(_ truth: QQTParameters, pools: Int? = nil, noise: Double, seed: UInt64,
                         epochs: [Double] = epochs) throws -> [(label: String, data: Dataset)] {
        var generator = SeededGenerator(seed: seed)
        let law = QQTLaw()
        return try truth.pools.prefix(pools ?? truth.pools.count).enumerated().map { g, pool in
            let samples = epochs.map { $0 * truth.poolSize }
            let error = samples.map { n in
                law.evaluate([n, truth.poolSize], truth.vector(pool: g)) + noise * generator.nextNormal()
            }
            let data = try Dataset(columns: ["samples": samples, "pool": samples.map { _ in truth.poolSize }, "error": error])
            return (pool.name, data)
        }
    }

    /// The top-10% → top-20% crossover of the published T-MARS constants (an independent
    /// bisection of the recursion in Python, see DataFilteringPlanTests).
    static let trueCrossover = 1.00537149e8

    @Test("joint fit with shared a (d fixed at 0.1) recovers the T-MARS constants within 3 standard errors", arguments: [UInt64(1), 2, 3, 4, 5])
    func recovery(seed: UInt64) throws {
        let truth = QQTParameters.goyal2024TMARS
        // Noise 0.005 in error: the half-point spread of zero-shot ImageNet accuracy in the
        // paper's figures.
        let groups = try Self.simulate(truth, noise: 0.005, seed: seed)
        let fit = try SharedParameterFit.fit(law: QQTLaw(), groups: groups, shared: ["a"], fixed: ["d": 0.1])
        #expect(fit.converged)
        #expect(fit.shared == ["a"] && fit.groups.count == 4 && fit.degreesOfFreedom == 28 - 9)
        // The residual spread estimates the simulated noise.
        #expect(fit.residualStandardDeviation > 0.0025 && fit.residualStandardDeviation < 0.0075, "\(fit.residualStandardDeviation)")
        for (g, pool) in truth.pools.enumerated() {
            let group = fit.groups[g]
            #expect(group.label == pool.name)
            let truthVector = truth.vector(pool: g)
            for j in 0..<3 {
                let se = try #require(group.standardErrors[j])
                #expect(Swift.abs(group.values[j] - truthVector[j]) <= 3 * se,
                        "pool \(pool.name) parameter \(fit.parameterNames[j]): \(group.values[j]) ± \(se) vs \(truthVector[j])")
            }
            #expect(group.values[3] == 0.1 && group.standardErrors[3] == nil)
            // The utilities come back to within 0.015 (about 3 of their standard errors).
            #expect(Swift.abs(group.values[1] - pool.utility) < 0.015)
        }
        // a is shared: one value, within 6% of 0.025.
        let a = try #require(fit.sharedValue("a"))
        #expect(Swift.abs(a / 0.025 - 1) < 0.06, "\(a)")
        #expect(fit.groups.allSatisfy { $0.values[0] == a })
        let parameters = try QQTParameters(jointFit: fit)
        #expect(parameters.poolSize == 12.8e6 && parameters.d == 0.1 && parameters.pools.map(\.name) == truth.pools.map(\.name))
        // The decision from the fit: top 10% stops being best near the true 1.005e8 samples.
        let plan = try DataFilteringPlan.make(parameters: parameters, budgets: [32e6], range: 3e7...3e8)
        let first = try #require(plan.crossovers.first)
        #expect(first.poolsBefore == 1 && first.poolsAfter == 2)
        #expect(Swift.abs(log(first.samples / Self.trueCrossover)) < log(1.3), "\(first.samples)")
    }

    @Test("a pool with too few rows, no shared parameter, an unknown name: exact errors")
    func badInput() throws {
        let truth = QQTParameters.goyal2024TMARS
        var groups = try Self.simulate(truth, pools: 2, noise: 0.005, seed: 1)
        groups[1].data = groups[1].data.rows(at: [0, 1])
        #expect(throws: LawFitError.invalidOption("group 'top 10–20%' has 2 rows; each group needs at least 3 to fit its own b, tau with a residual")) {
            try SharedParameterFit.fit(law: QQTLaw(), groups: groups, shared: ["a"], fixed: ["d": 0.1])
        }
        #expect(throws: LawFitError.invalidOption("a joint fit needs at least one shared free parameter of qqt (parameters: a, b, tau, d)")) {
            try SharedParameterFit.fit(law: QQTLaw(), groups: groups, shared: ["d"], fixed: ["d": 0.1])
        }
        #expect(throws: LawFitError.unknownParameter(law: "qqt", name: "alpha", known: ["a", "b", "tau", "d"])) {
            try SharedParameterFit.fit(law: QQTLaw(), groups: groups, shared: ["alpha"])
        }
    }

    @Test("the bootstrap is seeded: same seed, same probabilities and intervals; they bracket the estimate")
    func bootstrapDeterminism() throws {
        let groups = try Self.simulate(.goyal2024TMARS, pools: 2, noise: 0.005, seed: 3)
        let fit = try SharedParameterFit.fit(law: QQTLaw(), groups: groups, shared: ["a"], fixed: ["d": 0.1])
        let plan = try DataFilteringPlan.make(parameters: try QQTParameters(jointFit: fit), budgets: [32e6, 1e8, 640e6], range: 3e7...3e8)
        let one = try DataFilteringBootstrap.run(fit: fit, plan: plan, resamples: 40, seed: 11)
        let two = try DataFilteringBootstrap.run(fit: fit, plan: plan, resamples: 40, seed: 11)
        let other = try DataFilteringBootstrap.run(fit: fit, plan: plan, resamples: 40, seed: 12)
        #expect(one == two)
        #expect(one != other)
        #expect(one.refits >= 38)
        for row in one.bestProbability { #expect(Swift.abs(row.reduce(0, +) - 1) < 1e-12) }
        // 32M samples is three times below the crossover: top 10% wins in (nearly) every refit;
        // at 640M top 20% does.
        #expect(one.bestProbability[0][0] >= 0.95 && one.bestProbability[2][1] >= 0.95)
        let c = try #require(one.crossovers.first)
        #expect(c.lower < c.samples && c.samples < c.upper && c.found >= 38)
    }

    /// Coverage: 40 simulated experiments (two pools, seeds 100–139), 60 resamples each; the
    /// 95% percentile interval of the crossover covers the true 1.005e8 samples in a share
    /// consistent with 95% (binomial sd of the share ≈ 3.4 points at 40 trials).
    @Test("the 95% crossover interval covers the true crossover in 34 or more of 40 simulated experiments")
    func coverage() throws {
        var covered = 0
        let trials = 40
        for trial in 0..<trials {
            let groups = try Self.simulate(.goyal2024TMARS, pools: 2, noise: 0.005, seed: 100 + UInt64(trial))
            let fit = try SharedParameterFit.fit(law: QQTLaw(), groups: groups, shared: ["a"], fixed: ["d": 0.1])
            let plan = try DataFilteringPlan.make(parameters: try QQTParameters(jointFit: fit), budgets: [1e8], range: 3e7...3e8)
            guard plan.crossovers.count == 1 else { continue }
            let boot = try DataFilteringBootstrap.run(fit: fit, plan: plan, resamples: 60, seed: UInt64(trial))
            let c = boot.crossovers[0]
            if c.lower <= Self.trueCrossover && Self.trueCrossover <= c.upper { covered += 1 }
        }
        print("coverage \(covered)/\(trials)")
        #expect(covered >= 34 && covered <= 40, "\(covered) of \(trials)")
    }
}
