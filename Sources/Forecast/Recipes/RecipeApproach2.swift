import Foundation
import NonlinearFit
import ScalingLaws

/// Approach 2 for recipes (Hoffmann et al. 2022, arXiv:2203.15556, §3.2): per recipe, a
/// parabola in `log N` through each iso-FLOP budget's runs gives the budget's minimum loss
/// `L*_i` (``IsoFlopAnalysis``), and a line in log-log space through the minima gives the
/// recipe's frontier
///
/// ```
/// log L*(C) = log k + a·log C        (a < 0)
/// ```
/// Budgets are the runs' budget column (not `6ND`); no floor is fitted, so the ratio between
/// two recipes extrapolates two straight lines in log-log space.
enum RecipeApproach2 {
    struct Result: Sendable {
        let frontiers: [RecipeFrontier]
        let points: Int
        let logRSS: Double
    }

    static func fit(_ recipes: [RecipeRuns], source: String) throws -> Result {
        var frontiers: [RecipeFrontier] = []
        var points = 0
        var rss = 0.0
        for recipe in recipes {
            let runs = (0..<recipe.count).map {
                IsoFlopRun(parameters: recipe.parameters[$0], tokens: recipe.tokens[$0], loss: recipe.loss[$0], compute: recipe.budgets[$0])
            }
            let analysis: IsoFlopAnalysis
            do {
                analysis = try IsoFlopAnalysis.run(runs, options: IsoFlopOptions(grouping: .exactBudget, compareApproach3: false))
            } catch {
                throw RecipeComparisonError.tooFewFrontierBudgets(source: source, recipe: recipe.label, accepted: 0)
            }
            let minima = analysis.accepted.compactMap { profile in profile.optimum.map { (profile.budget, $0.loss) } }
            guard minima.count >= 2, let line = LogLogRegression.fit(x: minima.map(\.0), y: minima.map(\.1)) else {
                throw RecipeComparisonError.tooFewFrontierBudgets(source: source, recipe: recipe.label, accepted: minima.count)
            }
            for (c, loss) in minima {
                let residual = log(line.coefficient) + line.exponent * log(c) - log(loss)
                rss += residual * residual
            }
            points += minima.count
            frontiers.append(.powerLaw(coefficient: line.coefficient, exponent: line.exponent))
        }
        return Result(frontiers: frontiers, points: points, logRSS: rss)
    }

    /// Runs resampled with replacement within each budget of the recipe.
    static func resample(_ recipe: RecipeRuns, using rng: inout SeededGenerator) -> RecipeRuns {
        var byBudget: [Double: [Int]] = [:]
        for i in 0..<recipe.count { byBudget[recipe.budgets[i], default: []].append(i) }
        var indices: [Int] = []
        for budget in byBudget.keys.sorted() {
            let members = byBudget[budget] ?? []
            for _ in members { indices.append(members[Int.random(in: 0..<members.count, using: &rng)]) }
        }
        return recipe.runs(at: indices)
    }
}
