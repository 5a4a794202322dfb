import Foundation
import ScalingLaws
import Testing
import TestSupport

/// Besiroglu et al. 2024 (arXiv:2404.10102; laws.md §3): 4,000 nonparametric bootstrap
/// resamples of the 240 Chinchilla rows, each refitted. Published SEs α 0.0154, β 0.0206,
/// E 0.026; 95% percentile intervals α (0.317, 0.373), β (0.331, 0.415), E (1.769, 1.871);
/// tokens per parameter at C = 5.76e23 about 18 with an 80% band of roughly 10–29.
@Suite("Bootstrap Epoch reproduction", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/epoch_chinchilla"))
struct BootstrapEpochTests {
    @Test("4,000 row resamples reproduce Epoch's standard errors and intervals")
    func epochBootstrap() throws {
        let data = try EpochChinchilla.data()
        let clock = ContinuousClock()
        var result: LawBootstrapResult?
        let elapsed = try clock.measure {
            result = try LawBootstrap.run(
                law: ChinchillaLaw(), data: data, options: BootstrapOptions(resamples: 4000, seed: 2024),
                fitOptions: LawFitOptions(objective: .logHuber(delta: 1e-3)))
        }
        let boot = try #require(result)
        try EpochChinchilla.check(boot.fit)
        print("BOOT epoch: 4000 resamples in \(elapsed), excluded \(boot.nonConverged) (failed \(boot.failed)); notes \(boot.notes)")

        let published: [(name: String, se: Double, lower: Double, upper: Double)] = [
            ("alpha", 0.0154, 0.317, 0.373), ("beta", 0.0206, 0.331, 0.415), ("E", 0.026, 1.769, 1.871),
        ]
        for p in published {
            let q = try #require(boot.parameter(p.name))
            print("BOOT epoch \(p.name): estimate \(q.estimate) SE \(q.standardError) (Epoch \(p.se)) 95% (\(q.percentile.lower), \(q.percentile.upper)) (Epoch (\(p.lower), \(p.upper)))")
            #expect(isClose(q.standardError, p.se, rel: 0.10), "SE(\(p.name)) = \(q.standardError), Epoch \(p.se)")
            let width = p.upper - p.lower
            #expect(abs(q.percentile.lower - p.lower) <= 0.10 * width, "\(p.name) lower \(q.percentile.lower), Epoch \(p.lower)")
            #expect(abs(q.percentile.upper - p.upper) <= 0.10 * width, "\(p.name) upper \(q.percentile.upper), Epoch \(p.upper)")
        }
        for name in ["A", "B"] {
            let q = try #require(boot.parameter(name))
            print("BOOT epoch \(name): estimate \(q.estimate) SE \(q.standardError) 95% (\(q.percentile.lower), \(q.percentile.upper))")
        }
        // Exponent of N_opt ∝ C^a, a = β/(α+β): Epoch 0.513 (SE 0.020).
        let exponent = boot.quantity { $0[4] / ($0[3] + $0[4]) }
        print("BOOT epoch a = β/(α+β): \(exponent.estimate) SE \(exponent.standardError) (Epoch 0.513, SE 0.020)")

        // Tokens per parameter at the Chinchilla budget, propagated through each draw.
        let tokensPerParameter = boot.quantity({ p in
            let point = ChinchillaLaw.computeOptimal(
                budget: 5.76e23, parameters: ChinchillaParameters(e: p[0], a: p[1], b: p[2], alpha: p[3], beta: p[4]))
            return point.tokens / point.parameters
        }, confidenceLevel: 0.8)
        let band = tokensPerParameter.percentile
        print("BOOT epoch D/N at 5.76e23: estimate \(tokensPerParameter.estimate) median \(tokensPerParameter.median) 80% (\(band.lower), \(band.upper)) (Epoch ≈ 18, 10–29)")
        #expect(tokensPerParameter.median >= 16 && tokensPerParameter.median <= 20)
        #expect(isClose(band.lower, 10, rel: 0.20), "80% band lower \(band.lower)")
        #expect(isClose(band.upper, 29, rel: 0.20), "80% band upper \(band.upper)")
    }
}
