import Foundation
import NonlinearFit
import ScalingLaws
import TestSupport
import Testing

@testable import Forecast

/// A ladder of `sizes × tokens` runs of the Chinchilla law `p`, with log-normal noise `sigma`.
func recipeLadder(_ label: String, _ p: ChinchillaParameters, sigma: Double, rng: inout SeededGenerator) -> RecipeRuns {
    var n: [Double] = [], d: [Double] = [], loss: [Double] = []
    for size in [3e7, 7e7, 1.5e8, 3e8, 7e8] {
        for tokensPerParameter in [5.0, 10, 20, 40] {
            let tokens = size * tokensPerParameter
            n.append(size)
            d.append(tokens)
            let clean = ChinchillaLaw().evaluate([size, tokens], p.vector)
            loss.append(clean * exp(sigma * rng.nextNormal()))
        }
    }
    return RecipeRuns(label: label, parameters: n, tokens: d, loss: loss)
}

/// The baseline of the synthetic ladders, and the recipe that is the baseline with parameters
/// and tokens worth `kN`, `kD` times as much: `L_B(N, D) = L_A(kN·N, kD·D)`, so recipe B needs
/// `k = 1/(kN·kD)` times the baseline's compute for the same compute-optimal loss.
enum SyntheticRecipes {
    static let baseline = ChinchillaParameters(e: 1.8, a: 480, b: 2100, alpha: 0.35, beta: 0.37)
    static let kN = 0.8, kD = 0.625    // k = 1/(0.8·0.625) = 2
    static var recipe: ChinchillaParameters {
        var p = baseline
        p.a = baseline.a * pow(kN, -baseline.alpha)
        p.b = baseline.b * pow(kD, -baseline.beta)
        return p
    }
}

@Suite("compare-recipes: compute ratios between recipes")
struct RecipeComparisonTests {
    @Test("noise-free ladders of L_B(N, D) = L_A(0.8N, 0.625D): every sharing gives k = 2 at every budget, and no crossover")
    func noiseFreeRecovery() throws {
        var rng = SeededGenerator(seed: 1)
        let a = recipeLadder("A", SyntheticRecipes.baseline, sigma: 0, rng: &rng)
        let b = recipeLadder("B", SyntheticRecipes.recipe, sigma: 0, rng: &rng)
        var options = RecipeComparisonOptions()
        options.budgets = [1e18, 1e20, 1e22]
        options.resamples = 0
        options.folds = 0
        let comparison = try RecipeComparison.run([a, b], baseline: "A", options: options)
        #expect(comparison.models.map(\.model) == RecipeSharing.allCases.map { .law($0) })
        for model in comparison.models {
            #expect(model.multipliers.count == 3)
            for m in model.multipliers {
                #expect(abs(m.ratio / 2 - 1) < 1e-3, "\(model.model) at \(m.budget): k = \(m.ratio)")
            }
            #expect(model.crossovers.allSatisfy { $0.crossovers.isEmpty }, "\(model.model)")
        }
    }

    @Test("the effective-compute multiplier k = 2 lies in its 95% bootstrap interval in at least 90% of 20 seeded noisy trials")
    func coverage() throws {
        var covered = 0
        let trials = 20
        for trial in 0..<trials {
            var rng = SeededGenerator(seed: 100 + UInt64(trial))
            let a = recipeLadder("A", SyntheticRecipes.baseline, sigma: 0.01, rng: &rng)
            let b = recipeLadder("B", SyntheticRecipes.recipe, sigma: 0.01, rng: &rng)
            var options = RecipeComparisonOptions()
            options.sharings = [.effectiveCompute]
            options.budgets = [1e20]
            options.resamples = 100
            options.folds = 0
            options.seed = UInt64(trial)
            let comparison = try RecipeComparison.run([a, b], baseline: "A", options: options)
            let m = try #require(comparison.models.first?.multipliers.first)
            let lower = try #require(m.lower), upper = try #require(m.upper)
            #expect(lower < m.ratio && m.ratio < upper)
            if lower <= 2, 2 <= upper { covered += 1 }
        }
        print("effective-compute k = 2 covered in \(covered) of \(trials) trials")
        #expect(covered >= 18, "covered in \(covered) of \(trials) trials")
    }

    @Test("a recipe whose curve crosses the baseline's: the crossover budget is found where the two compute-optimal losses meet")
    func crossover() throws {
        // B has a lower floor and a steeper data term: worse at small budgets, better at large.
        let a = RecipeFrontier.chinchilla(SyntheticRecipes.baseline)
        let b = RecipeFrontier.chinchilla(ChinchillaParameters(e: 1.6, a: 480, b: 2100, alpha: 0.35, beta: 0.30))
        let roots = b.crossovers(with: a, in: 1e15...1e27)
        #expect(roots.count == 1)
        let c = try #require(roots.first)
        #expect(abs(a.loss(at: c) - b.loss(at: c)) < 1e-9)
        #expect(b.loss(at: c * 10) < a.loss(at: c * 10))
        #expect(abs(b.ratio(to: a, at: c) - 1) < 1e-6)
    }

    @Test("a recipe whose floor lies above the baseline's loss never reaches it: k = ∞")
    func unreachable() {
        let a = RecipeFrontier.chinchilla(SyntheticRecipes.baseline)
        let b = RecipeFrontier.chinchilla(ChinchillaParameters(e: 2.5, a: 480, b: 2100, alpha: 0.35, beta: 0.37))
        #expect(b.ratio(to: a, at: 1e22) == .infinity)
        #expect(a.ratio(to: b, at: 1e22) < 1)
    }

    // MARK: - Bad input

    static func twoRecipes(second: String = "B", scale: Double = 1) -> [RecipeRuns] {
        var rng = SeededGenerator(seed: 3)
        let a = recipeLadder("A", SyntheticRecipes.baseline, sigma: 0.01, rng: &rng)
        let b = recipeLadder(second, SyntheticRecipes.recipe, sigma: 0.01, rng: &rng)
        return [a, RecipeRuns(label: b.label, parameters: b.parameters.map { $0 * scale }, tokens: b.tokens.map { $0 * scale }, loss: b.loss)]
    }

    @Test("bad input: one-line errors naming the file, the option and what was expected")
    func errors() {
        var options = RecipeComparisonOptions()
        options.resamples = 0
        options.folds = 0
        #expect(throws: RecipeComparisonError.unknownBaseline(source: "runs.csv", by: "dataset", baseline: "C", values: ["A", "B"])) {
            try RecipeComparison.run(Self.twoRecipes(), baseline: "C", options: options, source: "runs.csv", by: "dataset")
        }
        #expect(String(describing: RecipeComparisonError.unknownBaseline(source: "runs.csv", by: "dataset", baseline: "C", values: ["A", "B"]))
            == "runs.csv: --baseline C: no row has dataset == C (values: A, B)")
        let one = Array(Self.twoRecipes().prefix(1))
        #expect(throws: RecipeComparisonError.tooFewRecipes(source: "runs.csv", by: "dataset", values: ["A"])) {
            try RecipeComparison.run(one, baseline: "A", options: options, source: "runs.csv", by: "dataset")
        }
        #expect(String(describing: RecipeComparisonError.tooFewRecipes(source: "runs.csv", by: "dataset", values: ["A"]))
            == "runs.csv: --by dataset: compare-recipes needs at least two recipes, found 1 (A)")

        var small = Self.twoRecipes()
        small[1] = small[1].runs(at: [0, 1, 2, 3, 4])
        #expect(throws: RecipeComparisonError.self) {
            try RecipeComparison.run(small, baseline: "A", options: options, source: "runs.csv", by: "dataset")
        }
        do {
            _ = try RecipeComparison.run(small, baseline: "A", options: options, source: "runs.csv", by: "dataset")
        } catch {
            #expect(String(describing: error)
                == "runs.csv: --by dataset: recipe 'B' has 5 runs, expected at least 6 for --sharing separate (5 parameters of its own)")
        }
        // Five runs are enough when B has only A and B of its own (effective compute).
        options.sharings = [.effectiveCompute]
        #expect(throws: Never.self) {
            try RecipeComparison.run(small, baseline: "A", options: options, source: "runs.csv", by: "dataset")
        }

        let far = Self.twoRecipes(scale: 1e3)
        do {
            _ = try RecipeComparison.run(far, baseline: "A", options: options, source: "runs.csv", by: "dataset")
            Issue.record("disjoint compute ranges were accepted")
        } catch {
            #expect(String(describing: error)
                == "runs.csv: recipe 'B' (C = 6ND from 2.7e+22 to 1.18e+26) and baseline 'A' (2.7e+16 to 1.18e+20) have disjoint compute ranges, 2.36 decades apart: every multiplier would extrapolate one of the fits")
        }
    }
}
