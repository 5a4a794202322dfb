import Foundation
import ScalingLaws

/// The Chinchilla law of several recipes fitted at once, with some parameters shared
/// (``RecipeSharing``): for a run of recipe `r`,
///
/// ```
/// L(N, D, r) = E_r + A_r/N^α_r + B_r/D^β_r
/// ```
/// (Hoffmann et al. 2022, arXiv:2203.15556, eq. 2, once per recipe), where a shared parameter
/// takes one value for every `r`. Inputs: `N`, `D` and `recipe`, the recipe's index `0..<K`
/// (a whole number stored as a `Double`). Parameters are named `E`, `alpha`, … when shared and
/// `E[label]`, `alpha[label]`, … per recipe; `E`, `A`, `B` fit in log space as in
/// `ScalingLaws/ChinchillaLaw`.
public struct RecipeJointLaw: ScalingLaw, Equatable {
    /// What the recipes share.
    public let sharing: RecipeSharing
    /// The recipes' labels, in index order.
    public let recipes: [String]
    /// `slots[k][r]`: the position in the parameter vector of Chinchilla parameter `k`
    /// (`E, A, B, alpha, beta`) for recipe `r`.
    public let slots: [[Int]]

    /// The joint law of `recipes` under `sharing`.
    public init(sharing: RecipeSharing, recipes: [String]) {
        self.sharing = sharing
        self.recipes = recipes
        var slots: [[Int]] = []
        var next = 0
        for shared in sharing.sharedParameters {
            if shared {
                slots.append(Array(repeating: next, count: recipes.count))
                next += 1
            } else {
                slots.append(Array(next..<(next + recipes.count)))
                next += recipes.count
            }
        }
        self.slots = slots
    }

    public var name: String { "chinchilla-\(sharing.rawValue)" }
    public var title: String { "Chinchilla per recipe, \(sharing.summary)" }
    public var formula: String { "L(N, D, r) = E_r + A_r/N^α_r + B_r/D^β_r" }
    public var citation: String { ChinchillaLaw().citation }
    public var defaultObjective: LawObjective { .logHuber(delta: 1e-3) }

    /// The recipe index input.
    public static let recipeVariable = LawVariable(
        "recipe", symbol: "r", unit: "", summary: "recipe index", mustBePositive: false)

    public var inputs: [LawVariable] { [.modelParameters, .trainingTokens, Self.recipeVariable] }
    public var response: LawVariable { .trainingLoss }

    public var parameters: [LawParameter] {
        let base = ChinchillaLaw().parameters
        var out: [LawParameter] = []
        for (k, shared) in sharing.sharedParameters.enumerated() {
            let spec = base[k]
            let labels = shared ? [nil] : recipes.map { Optional($0) }
            for label in labels {
                let name = label.map { "\(spec.name)[\($0)]" } ?? spec.name
                let symbol = label.map { "\(spec.symbol)[\($0)]" } ?? spec.symbol
                out.append(LawParameter(
                    name, symbol: symbol, unit: spec.unit, summary: spec.summary, lowerBound: spec.lowerBound,
                    upperBound: spec.upperBound, isLinear: spec.isLinear, fitsInLogSpace: spec.fitsInLogSpace))
            }
        }
        return out
    }

    /// The recipe index of an input row, clamped to the known recipes.
    @inline(__always)
    func recipe(_ x: [Double]) -> Int {
        let r = Int(x[2].rounded())
        return Swift.min(Swift.max(r, 0), recipes.count - 1)
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        let r = recipe(x)
        return p[slots[0][r]] + p[slots[1][r]] * pow(x[0], -p[slots[3][r]]) + p[slots[2][r]] * pow(x[1], -p[slots[4][r]])
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        for j in g.indices { g[j] = 0 }
        let r = recipe(x)
        let a = p[slots[1][r]], b = p[slots[2][r]]
        let nTerm = pow(x[0], -p[slots[3][r]])
        let dTerm = pow(x[1], -p[slots[4][r]])
        g[slots[0][r]] = 1
        g[slots[1][r]] = nTerm
        g[slots[2][r]] = dTerm
        g[slots[3][r]] = -a * nTerm * log(x[0])
        g[slots[4][r]] = -b * dTerm * log(x[1])
    }

    /// Chinchilla's own rough start (`ScalingLaws/ChinchillaLaw/initialGuess(inputs:response:)`)
    /// on all rows, for every recipe.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let one = ChinchillaLaw().initialGuess(inputs: Array(inputs.prefix(2)), response: response)
        return vector(Array(repeating: ChinchillaParameters(e: one[0], a: one[1], b: one[2], alpha: one[3], beta: one[4]), count: recipes.count))
    }

    /// The parameter vector holding each recipe's constants; a shared parameter takes the
    /// geometric mean (E, A, B) or mean (α, β) of the recipes' values.
    public func vector(_ perRecipe: [ChinchillaParameters]) -> [Double] {
        var p = [Double](repeating: 0, count: sharing.parameterCount(recipes: recipes.count))
        for (k, shared) in sharing.sharedParameters.enumerated() {
            let values = perRecipe.map { $0.vector[k] }
            if shared {
                if k < 3 {
                    var s = 0.0
                    for v in values { s += log(Swift.max(v, 1e-300)) }
                    p[slots[k][0]] = exp(s / Double(values.count))
                } else {
                    p[slots[k][0]] = values.reduce(0, +) / Double(values.count)
                }
            } else {
                for r in values.indices { p[slots[k][r]] = values[r] }
            }
        }
        return p
    }

    /// Recipe `r`'s constants from a parameter vector.
    public func constants(_ p: [Double], recipe r: Int) -> ChinchillaParameters {
        ChinchillaParameters(e: p[slots[0][r]], a: p[slots[1][r]], b: p[slots[2][r]], alpha: p[slots[3][r]], beta: p[slots[4][r]])
    }
}
