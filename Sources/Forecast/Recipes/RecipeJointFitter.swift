import Foundation
import ScalingLaws

/// Fits ``RecipeJointLaw`` to the runs of several recipes from a few starts and keeps the best.
struct JointFitter: Sendable {
    let law: RecipeJointLaw
    let objective: LawObjective

    init(sharing: RecipeSharing, labels: [String], objective: LawObjective) {
        self.law = RecipeJointLaw(sharing: sharing, recipes: labels)
        self.objective = objective
    }

    struct Result: Sendable {
        let vector: [Double]
        let frontiers: [RecipeFrontier]
        let objective: Double
        let logRSS: Double
        let converged: Bool
    }

    /// Starts from the recipes' separate fits: each recipe's values for the shared parameters in
    /// turn, and their (geometric) means.
    func starts(from separate: [ChinchillaParameters]) -> [[Double]] {
        var out = [law.vector(separate)]
        guard law.sharing != .separate else { return out }
        for r in separate.indices {
            out.append(law.vector(separate.map { own in
                var mixed = own
                let shared = law.sharing.sharedParameters
                if shared[0] { mixed.e = separate[r].e }
                if shared[3] { mixed.alpha = separate[r].alpha }
                if shared[4] { mixed.beta = separate[r].beta }
                return mixed
            }))
        }
        return out
    }

    /// The rows of `recipes` as one dataset with the recipe index as a column.
    func dataset(_ recipes: [RecipeRuns]) throws -> Dataset {
        var n: [Double] = [], d: [Double] = [], loss: [Double] = [], index: [Double] = []
        for (r, recipe) in recipes.enumerated() {
            n += recipe.parameters
            d += recipe.tokens
            loss += recipe.loss
            index += Array(repeating: Double(r), count: recipe.count)
        }
        return try Dataset(source: "recipes", columns: ["N": n, "D": d, "loss": loss, "recipe": index])
    }

    /// The best of single-start fits from `starts` (lowest objective).
    func fit(_ recipes: [RecipeRuns], starts: [[Double]]) throws -> Result {
        let data = try dataset(recipes)
        var best: LawFit?
        var lastError: Error?
        for start in starts {
            var options = LawFitOptions(objective: objective, starts: .single)
            options.start = start
            options.intervals = .linearized
            do {
                let fit = try LawFitter.fit(law, to: data, options: options)
                if best.map({ fit.statistics.objective < $0.statistics.objective }) ?? true { best = fit }
            } catch {
                lastError = error
            }
        }
        guard let best else { throw lastError ?? RecipeComparisonError.invalidOption("no start") }
        let p = best.parameters.map(\.value)
        let frontiers = recipes.indices.map { RecipeFrontier.chinchilla(law.constants(p, recipe: $0)) }
        var rss = 0.0
        for (r, recipe) in recipes.enumerated() {
            let constants = law.constants(p, recipe: r).vector
            for i in 0..<recipe.count {
                let residual = log(ChinchillaLaw().evaluate([recipe.parameters[i], recipe.tokens[i]], constants)) - log(recipe.loss[i])
                rss += residual * residual
            }
        }
        return Result(vector: p, frontiers: frontiers, objective: best.statistics.objective, logRSS: rss, converged: best.statistics.converged)
    }
}
