import Foundation
import NonlinearFit
@testable import ScalingLaws
import Testing
import TestSupport

/// The Chinchilla fast path (``ChinchillaNewtonRefit``: exact Newton on row weights) against
/// the general engine (GSL trust region on the resampled rows), on the Epoch data: the same
/// optimum for every resample, so the same standard errors.
@Suite("Bootstrap fast path", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/epoch_chinchilla"))
struct BootstrapFastPathTests {
    static let fitOptions = LawFitOptions(objective: .logHuber(delta: 1e-3))

    static func compare(kind: BootstrapOptions.Kind, resamples: Int, data: Dataset) throws {
        let fast = try LawBootstrap.run(
            law: ChinchillaLaw(), data: data, options: BootstrapOptions(resamples: resamples, seed: 11, kind: kind),
            fitOptions: fitOptions)
        let general = try LawBootstrap.run(
            law: ChinchillaLaw(), data: data,
            options: BootstrapOptions(resamples: resamples, seed: 11, kind: kind, refit: .general), fitOptions: fitOptions)
        print("BOOT fast path \(kind): fast refits \(fast.fastRefits)/\(resamples), excluded fast \(fast.nonConverged) general \(general.nonConverged)")
        #expect(fast.fastRefits >= resamples * 99 / 100)
        #expect(general.fastRefits == 0)
        // Per resample: the same optimum. The objective is flat along log B (B is weakly
        // identified), so compare objective values on the resample, and parameters loosely.
        let refit = try #require(ChinchillaNewtonRefit.make(
            law: ChinchillaLaw(), data: data, objective: fitOptions.objective, fixed: [:]))
        let resampler = try BootstrapResampler(kind: kind, law: ChinchillaLaw(), data: data, fit: fast.fit)
        var worst = [Double](repeating: 0, count: 5)
        var worstObjective = 0.0
        let generalByIndex = Dictionary(uniqueKeysWithValues: zip(general.drawIndices, general.draws))
        var compared = 0
        for (i, draw) in zip(fast.drawIndices, fast.draws) {
            guard let other = generalByIndex[i] else { continue }
            compared += 1
            // log E, log A, log B, α, β: absolute differences in the fitted parameterization.
            let a = [log(draw[0]), log(draw[1]), log(draw[2]), draw[3], draw[4]]
            let b = [log(other[0]), log(other[1]), log(other[2]), other[3], other[4]]
            for k in 0..<5 { worst[k] = max(worst[k], abs(a[k] - b[k])) }
            var rng = SeededGenerator.stream(seed: 11, index: i)
            let fa: Double, fb: Double
            if let weights = resampler.weights(using: &rng) {
                fa = refit.objective(a, weights: weights)
                fb = refit.objective(b, weights: weights)
            } else {
                let y = resampler.objectiveSpaceResponses(using: &rng)
                let ones = [Double](repeating: 1, count: data.count)
                fa = refit.objective(a, weights: ones, logResponse: y)
                fb = refit.objective(b, weights: ones, logResponse: y)
            }
            worstObjective = max(worstObjective, (fa - fb) / fb)
        }
        print("BOOT fast path \(kind): \(compared) draws compared, worst |Δθ| (log E, log A, log B, α, β) = \(worst), worst relative objective excess of the fast path \(worstObjective)")
        #expect(compared >= resamples * 98 / 100)
        // The fast path's optimum is never worse than the general engine's (to rounding).
        #expect(worstObjective <= 1e-12)
        // 1e-5 is below 0.1% of every bootstrap SE (smallest: β, 0.02).
        for k in 0..<5 { #expect(worst[k] <= 1e-5, "parameter \(k): \(worst[k])") }
        for k in 0..<5 {
            let sf = fast.parameters[k].standardError
            let sg = general.parameters[k].standardError
            #expect(isClose(sf, sg, rel: 0.01), "SE \(fast.parameterNames[k]): fast \(sf), general \(sg)")
        }
    }

    @Test("row resamples: the fast path reaches the general engine's optimum on every draw")
    func rows() throws {
        try Self.compare(kind: .rows, resamples: 120, data: EpochChinchilla.data())
    }

    @Test("residual and group resamples: same optimum as the general engine")
    func residualsAndGroups() throws {
        var data = try EpochChinchilla.data()
        // Groups: runs of the same model size N.
        data.columns["size"] = try data.column("N")
        try Self.compare(kind: .residuals, resamples: 40, data: data)
        try Self.compare(kind: .groups(column: "size"), resamples: 40, data: data)
    }

    @Test("unit weights refit the full data to its own optimum in one or two steps")
    func fullDataFixedPoint() throws {
        let data = try EpochChinchilla.data()
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: Self.fitOptions)
        let refit = try #require(ChinchillaNewtonRefit.make(
            law: ChinchillaLaw(), data: data, objective: Self.fitOptions.objective, fixed: [:]))
        let outcome = refit.refit(start: fit.fittedValues, weights: [Double](repeating: 1, count: data.count))
        #expect(outcome.converged)
        #expect(outcome.iterations <= 3)
        for k in 0..<5 { #expect(abs(outcome.theta[k] - fit.fittedValues[k]) <= 1e-6) }
        #expect(outcome.objective <= fit.statistics.objective * (1 + 1e-12))
        // From a distant start (the rounded Hoffmann constants) it still finds the optimum.
        let far = ChinchillaParameters.hoffmannRounded
        let cold = refit.refit(start: [log(far.e), log(far.a), log(far.b), far.alpha, far.beta],
                               weights: [Double](repeating: 1, count: data.count))
        print("BOOT fast path cold start: converged \(cold.converged) in \(cold.iterations) iterations, objective \(cold.objective) vs \(fit.statistics.objective)")
        #expect(cold.converged)
        #expect(isClose(cold.objective, fit.statistics.objective, rel: 1e-6))
    }

    @Test("a refit from the cached start is bit-identical to one that evaluates every row")
    func cachedStart() throws {
        let data = try EpochChinchilla.data()
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: Self.fitOptions)
        let plain = try #require(ChinchillaNewtonRefit.make(
            law: ChinchillaLaw(), data: data, objective: Self.fitOptions.objective, fixed: [:]))
        let start = fit.fittedValues
        let cached = plain.caching(start: start)
        #expect(cached.cache?.terms.count == data.count)
        let n = data.count
        var iterations = 0
        for b in 0..<200 {
            var rng = SeededGenerator.stream(seed: 5, index: b)
            var weights = [Double](repeating: 0, count: n)
            for _ in 0..<n { weights[Int(rng.next() % UInt64(n))] += 1 }
            let reference = plain.refit(start: start, weights: weights)
            let fast = cached.refit(start: start, weights: weights)
            #expect(fast.theta == reference.theta, "resample \(b)")
            #expect(fast.objective == reference.objective, "resample \(b)")
            #expect(fast.iterations == reference.iterations, "resample \(b)")
            #expect(fast.converged == reference.converged, "resample \(b)")
            iterations += reference.iterations
        }
        print("BOOT cached start: 200 resamples, \(iterations) Newton iterations in all")
        // Another start does not use the cache and reaches the same optimum as without it.
        let far = ChinchillaParameters.hoffmannRounded
        let cold = [log(far.e), log(far.a), log(far.b), far.alpha, far.beta]
        let ones = [Double](repeating: 1, count: n)
        let a = cached.refit(start: cold, weights: ones), b = plain.refit(start: cold, weights: ones)
        #expect(a.theta == b.theta)
        #expect(a.objective == b.objective)
    }

    @Test("fast path draws are bit-identical run to run and serial vs parallel")
    func determinism() throws {
        let data = try EpochChinchilla.data()
        let first = try LawBootstrap.run(law: ChinchillaLaw(), data: data,
                                         options: BootstrapOptions(resamples: 100, seed: 3), fitOptions: Self.fitOptions)
        let second = try LawBootstrap.run(law: ChinchillaLaw(), data: data,
                                          options: BootstrapOptions(resamples: 100, seed: 3, parallel: false),
                                          fitOptions: Self.fitOptions)
        #expect(first.draws == second.draws)
        #expect(first.parameters == second.parameters)
    }

    @Test("progress counts every refit")
    func progress() throws {
        let data = try EpochChinchilla.data()
        let progress = BootstrapProgress()
        _ = try LawBootstrap.run(law: ChinchillaLaw(), data: data, options: BootstrapOptions(resamples: 50, seed: 1),
                                 fitOptions: Self.fitOptions, progress: progress)
        #expect(progress.total == 50)
        #expect(progress.completed == 50)
        #expect(progress.fraction == 1)
    }
}
