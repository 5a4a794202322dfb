import Foundation
import NonlinearFit
import ScalingLaws

/// Which training recipe wins, and by what factor of compute: the recipes' Chinchilla laws
/// fitted under several sharing assumptions (``RecipeSharing``), and Approach 2 on iso-FLOP
/// sweeps, each with
///
/// - the compute ratio `k(C)` of every recipe against the baseline at each budget,
///   `L*_recipe(k·C) = L*_baseline(C)` (``RecipeFrontier/ratio(to:at:)``);
/// - the budgets where the ranking flips (``RecipeFrontier/crossovers(with:in:)``);
/// - percentile intervals from a bootstrap that resamples runs with replacement within each
///   recipe and refits (Efron & Tibshirani 1993, ch. 13);
/// - AIC and BIC of the log residuals and k-fold cross-validated log error, to say which
///   sharing the data support.
public struct RecipeComparison: Sendable, Equatable, Codable {
    /// The recipes, in input order, and which is the baseline.
    public let recipes: [String]
    /// The recipe every other is compared with.
    public let baseline: String
    /// The budgets (FLOP) at which `k(C)` is given.
    public let budgets: [Double]
    /// The settings of the comparison.
    public let options: RecipeComparisonOptions
    /// The smallest and largest run compute `6ND` over all recipes.
    public let dataRange: ClosedRange<Double>
    /// One entry per model, in the order of ``RecipeComparisonOptions/sharings`` then Approach 2.
    public let models: [RecipeModelFit]

    /// The model with the lowest AIC, BIC and cross-validated error.
    public var lowestAIC: RecipeModel? { models.filter { $0.aic != nil }.min { ($0.aic ?? 0) < ($1.aic ?? 0) }?.model }
    /// The model with the lowest BIC.
    public var lowestBIC: RecipeModel? { models.filter { $0.bic != nil }.min { ($0.bic ?? 0) < ($1.bic ?? 0) }?.model }
    /// The model with the lowest cross-validated error.
    public var lowestCrossValidation: RecipeModel? {
        models.filter { $0.crossValidationRMSE != nil }.min { ($0.crossValidationRMSE ?? 0) < ($1.crossValidationRMSE ?? 0) }?.model
    }

    /// Compares `recipes` against the one labelled `baseline`.
    ///
    /// - Parameters:
    ///   - recipes: Each recipe's runs.
    ///   - baseline: The label of the recipe the others are compared against.
    ///   - options: Sharings, budgets, bootstrap and cross-validation settings.
    ///   - source: The file name for messages.
    ///   - by: The column the recipes were split by, for messages.
    /// - Throws: ``RecipeComparisonError`` (unknown baseline, fewer than two recipes, too few
    ///   runs for a sharing, disjoint compute ranges, bad options); errors of the fits.
    public static func run(
        _ recipes: [RecipeRuns], baseline: String, options: RecipeComparisonOptions = RecipeComparisonOptions(),
        source: String = "<input>", by: String = "recipe"
    ) throws -> RecipeComparison {
        let labels = recipes.map(\.label)
        guard labels.count >= 2 else { throw RecipeComparisonError.tooFewRecipes(source: source, by: by, values: labels) }
        guard let baseIndex = labels.firstIndex(of: baseline) else {
            throw RecipeComparisonError.unknownBaseline(source: source, by: by, baseline: baseline, values: labels)
        }
        guard options.confidenceLevel > 0, options.confidenceLevel < 1 else {
            throw RecipeComparisonError.invalidOption("the confidence level must lie strictly between 0 and 1, got \(options.confidenceLevel)")
        }
        for budget in options.budgets where !(budget.isFinite && budget > 0) {
            throw RecipeComparisonError.invalidOption("--budget must be a positive finite number of FLOP, got \(budget)")
        }
        guard options.resamples >= 0 else { throw RecipeComparisonError.invalidOption("--bootstrap must be >= 0, got \(options.resamples)") }
        for sharing in options.sharings {
            for recipe in recipes {
                // A recipe's own parameters need more runs than parameters (one degree of freedom).
                let needed = sharing.parametersPerRecipe + 1
                if recipe.count < needed {
                    throw RecipeComparisonError.tooFewRuns(
                        source: source, by: by, recipe: recipe.label, runs: recipe.count, needed: needed, sharing: sharing,
                        perRecipe: sharing.parametersPerRecipe)
                }
            }
        }
        let ranges = recipes.map { recipe -> ClosedRange<Double> in
            let c = recipe.compute
            return (c.min() ?? 0)...(c.max() ?? 0)
        }
        for (r, range) in ranges.enumerated() where r != baseIndex && !range.overlaps(ranges[baseIndex]) {
            throw RecipeComparisonError.disjointCompute(
                source: source, recipe: labels[r], range: range, baseline: baseline, baselineRange: ranges[baseIndex])
        }
        let allCompute = ranges.flatMap { [$0.lowerBound, $0.upperBound] }
        let crossoverRange = options.crossoverRange
            ?? ((allCompute.min() ?? 1) / 10)...(Swift.max(allCompute.max() ?? 1, options.budgets.max() ?? 0) * 100)

        var models: [RecipeModelFit] = []
        let separate = try separateFits(recipes, options: options)
        for sharing in options.sharings {
            let fitter = JointFitter(sharing: sharing, labels: labels, objective: options.objective)
            let full = try fitter.fit(recipes, starts: fitter.starts(from: separate))
            let draws = bootstrap(options: options) { rng in
                var resample: [RecipeRuns] = []
                for recipe in recipes {
                    var indices: [Int] = []
                    for _ in 0..<recipe.count { indices.append(Int.random(in: 0..<recipe.count, using: &rng)) }
                    resample.append(recipe.runs(at: indices))
                }
                guard let fit = try? fitter.fit(resample, starts: [full.vector]), fit.converged else { return nil }
                return fit.frontiers
            }
            let cv = crossValidation(recipes, options: options, sharing: sharing) { training in
                try fitter.fit(training, starts: [full.vector])
            }
            let n = Double(recipes.reduce(0) { $0 + $1.count })
            let p = Double(sharing.parameterCount(recipes: recipes.count))
            let likelihood = n * log(full.logRSS / n)
            models.append(summarize(
                model: .law(sharing), parameterCount: Int(p), points: Int(n), frontiers: full.frontiers, logRSS: full.logRSS,
                aic: likelihood + 2 * p, bic: likelihood + p * log(n), cv: cv, converged: full.converged, draws: draws,
                labels: labels, baseIndex: baseIndex, options: options, range: crossoverRange))
        }
        if options.approach2, recipes.allSatisfy({ !$0.budgets.isEmpty }) {
            let full = try RecipeApproach2.fit(recipes, source: source)
            let draws = bootstrap(options: options) { rng in
                let resample = recipes.map { RecipeApproach2.resample($0, using: &rng) }
                return try? RecipeApproach2.fit(resample, source: source).frontiers
            }
            models.append(summarize(
                model: .approach2, parameterCount: 2 * recipes.count, points: full.points, frontiers: full.frontiers,
                logRSS: full.logRSS, aic: nil, bic: nil, cv: nil, converged: true, draws: draws, labels: labels,
                baseIndex: baseIndex, options: options, range: crossoverRange))
        }
        return RecipeComparison(
            recipes: labels, baseline: baseline, budgets: options.budgets, options: options,
            dataRange: (allCompute.min() ?? 1)...(allCompute.max() ?? 1), models: models)
    }

    // MARK: - Pieces

    /// Each recipe fitted alone with the Chinchilla law and the default start search: the
    /// starts of the joint fits.
    static func separateFits(_ recipes: [RecipeRuns], options comparison: RecipeComparisonOptions) throws -> [ChinchillaParameters] {
        try recipes.map { recipe in
            let data = try Dataset(
                source: recipe.label, columns: ["N": recipe.parameters, "D": recipe.tokens, "loss": recipe.loss])
            var options = LawFitOptions(objective: comparison.objective, starts: comparison.starts, seed: comparison.startSeed)
            options.intervals = .linearized
            let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
            let v = fit.parameters.map(\.value)
            return ChinchillaParameters(e: v[0], a: v[1], b: v[2], alpha: v[3], beta: v[4])
        }
    }

    /// `count` bootstrap draws, each from its own seeded stream; failed draws are dropped.
    static func bootstrap(
        options: RecipeComparisonOptions, _ draw: @escaping @Sendable (inout SeededGenerator) -> [RecipeFrontier]?
    ) -> [[RecipeFrontier]] {
        let seed = options.seed
        return ParallelMap.map(count: options.resamples, parallel: options.parallel) { b -> [RecipeFrontier]? in
            var rng = SeededGenerator.stream(seed: seed, index: b)
            return draw(&rng)
        }.compactMap { $0 }
    }

    /// Root mean square held-out log residual over `options.folds` folds assigned within each
    /// recipe (seeded); `nil` when a training set would leave a recipe too few runs.
    static func crossValidation(
        _ recipes: [RecipeRuns], options: RecipeComparisonOptions, sharing: RecipeSharing,
        fit: ([RecipeRuns]) throws -> JointFitter.Result
    ) -> Double? {
        let k = options.folds
        guard k >= 2 else { return nil }
        var rng = SeededGenerator(seed: options.seed ^ 0x5EED_CAFE)
        let folds = recipes.map { recipe -> [Int] in
            var order = Array(0..<recipe.count)
            order.shuffle(using: &rng)
            var fold = [Int](repeating: 0, count: recipe.count)
            for (position, index) in order.enumerated() { fold[index] = position % k }
            return fold
        }
        var sum = 0.0, count = 0
        for f in 0..<k {
            var training: [RecipeRuns] = []
            for (r, recipe) in recipes.enumerated() {
                let kept = (0..<recipe.count).filter { folds[r][$0] != f }
                guard kept.count > sharing.parametersPerRecipe else { return nil }
                training.append(recipe.runs(at: kept))
            }
            guard let result = try? fit(training) else { return nil }
            for (r, recipe) in recipes.enumerated() {
                guard case let .chinchilla(p) = result.frontiers[r] else { return nil }
                for i in 0..<recipe.count where folds[r][i] == f {
                    let predicted = ChinchillaLaw().evaluate([recipe.parameters[i], recipe.tokens[i]], p.vector)
                    let residual = log(predicted) - log(recipe.loss[i])
                    guard residual.isFinite else { return nil }
                    sum += residual * residual
                    count += 1
                }
            }
        }
        return count > 0 ? (sum / Double(count)).squareRoot() : nil
    }

    /// The ratios and crossovers of a fitted model with their bootstrap intervals.
    static func summarize(
        model: RecipeModel, parameterCount: Int, points: Int, frontiers: [RecipeFrontier], logRSS: Double, aic: Double?,
        bic: Double?, cv: Double?, converged: Bool, draws: [[RecipeFrontier]], labels: [String], baseIndex: Int,
        options: RecipeComparisonOptions, range: ClosedRange<Double>
    ) -> RecipeModelFit {
        let level = options.confidenceLevel
        let hasDraws = !draws.isEmpty
        var multipliers: [RecipeMultiplier] = []
        var searches: [RecipeCrossoverSearch] = []
        for r in labels.indices where r != baseIndex {
            for budget in options.budgets {
                let ratio = frontiers[r].ratio(to: frontiers[baseIndex], at: budget)
                let values = draws.map { $0[r].ratio(to: $0[baseIndex], at: budget) }.filter { !$0.isNaN }.sorted()
                multipliers.append(RecipeMultiplier(
                    recipe: labels[r], budget: budget, baselineLoss: frontiers[baseIndex].loss(at: budget),
                    recipeLoss: frontiers[r].loss(at: budget), ratio: ratio,
                    lower: hasDraws ? RecipeQuantile.value(values, (1 - level) / 2) : nil,
                    upper: hasDraws ? RecipeQuantile.value(values, (1 + level) / 2) : nil))
            }
            let found = frontiers[r].crossovers(with: frontiers[baseIndex], in: range)
            let drawRoots = draws.map { $0[r].crossovers(with: $0[baseIndex], in: range) }
            let withAny = drawRoots.filter { !$0.isEmpty }.count
            let crossovers = found.map { root -> RecipeCrossover in
                let nearest = drawRoots.compactMap { roots in roots.min { abs(log($0 / root)) < abs(log($1 / root)) } }.sorted()
                let above = root * 1.5
                let better = frontiers[r].loss(at: above) < frontiers[baseIndex].loss(at: above)
                return RecipeCrossover(
                    recipe: labels[r], budget: root, recipeBetterAbove: better,
                    lower: hasDraws ? RecipeQuantile.value(nearest, (1 - level) / 2) : nil,
                    upper: hasDraws ? RecipeQuantile.value(nearest, (1 + level) / 2) : nil,
                    drawsWithCrossover: withAny, draws: draws.count)
            }
            searches.append(RecipeCrossoverSearch(
                recipe: labels[r], range: range, crossovers: crossovers, drawsWithCrossover: withAny, draws: draws.count))
        }
        return RecipeModelFit(
            model: model, parameterCount: parameterCount, points: points, frontiers: frontiers, logResidualSumOfSquares: logRSS,
            aic: aic, bic: bic, crossValidationRMSE: cv, converged: converged, multipliers: multipliers, crossovers: searches,
            draws: draws, resamples: options.resamples)
    }
}

/// Percentiles of sorted draws (linear interpolation between order statistics, Hyndman & Fan
/// 1996 type 7); `+∞` values sort last.
enum RecipeQuantile {
    static func value(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, sorted.count - 1)
        let a = sorted[lo], b = sorted[hi]
        if a == b || h == Double(lo) { return a }
        if !a.isFinite || !b.isFinite { return b }
        return a + (b - a) * (h - Double(lo))
    }
}
