import ScalingLaws

/// How the recipes' compute-optimal frontiers were obtained.
public enum RecipeModel: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A joint Chinchilla fit (Approach 3) under a sharing assumption.
    case law(RecipeSharing)
    /// Approach 2 per recipe: the minimum loss of each iso-FLOP budget (parabola in log N),
    /// then `L*(C) = k·C^a` through the minima.
    case approach2

    public var description: String {
        switch self {
        case let .law(sharing): return sharing.rawValue
        case .approach2: return "approach-2"
        }
    }
}

/// The compute ratio of one recipe against the baseline at one budget (``RecipeFrontier/ratio(to:at:)``).
public struct RecipeMultiplier: Sendable, Equatable {
    public let recipe: String
    public let budget: Double
    /// `L*` of the baseline and of the recipe at the budget.
    public let baselineLoss: Double
    public let recipeLoss: Double
    /// `k`: the recipe needs `k·C` for the baseline's loss at `C` (`+∞`: never).
    public let ratio: Double
    /// Percentile interval of `k` over the bootstrap draws (`+∞` when more than the upper tail
    /// of the draws never reach the loss); `nil` without resamples.
    public let lower: Double?
    public let upper: Double?
}

/// Where one recipe's `L*(C)` crosses the baseline's.
public struct RecipeCrossover: Sendable, Equatable {
    public let recipe: String
    /// The crossover budget.
    public let budget: Double
    /// Whether the recipe has the lower loss above the crossover.
    public let recipeBetterAbove: Bool
    /// Percentile interval over the draws that have a crossover in the range (the one nearest
    /// this budget in log C); `nil` without resamples.
    public let lower: Double?
    public let upper: Double?
    /// Draws with a crossover in the range, of ``draws``.
    public let drawsWithCrossover: Int
    public let draws: Int
}

/// The crossover search for one recipe: where its curve crosses the baseline's in the range,
/// and how many bootstrap draws find any crossover there.
public struct RecipeCrossoverSearch: Sendable, Equatable {
    public let recipe: String
    public let range: ClosedRange<Double>
    public let crossovers: [RecipeCrossover]
    public let drawsWithCrossover: Int
    public let draws: Int
}

/// One model of the recipes: its fit, information criteria, cross-validated error, and the
/// decisions (compute ratios, crossovers) with bootstrap intervals.
public struct RecipeModelFit: Sendable, Equatable {
    public let model: RecipeModel
    /// Fitted parameters (a shared parameter counts once).
    public let parameterCount: Int
    /// Points fitted (runs, or budgets' minima for Approach 2).
    public let points: Int
    /// Each recipe's frontier, in recipe order.
    public let frontiers: [RecipeFrontier]
    /// `Σ (log L̂ − log L)²` at the fit.
    public let logResidualSumOfSquares: Double
    /// `n ln(RSS/n) + 2p` and `n ln(RSS/n) + p ln n` of the log residuals (Gaussian errors in
    /// log loss; Akaike 1974, Schwarz 1978); `nil` for Approach 2, which fits other points.
    public let aic: Double?
    public let bic: Double?
    /// Root mean square held-out log residual over the cross-validation folds.
    public let crossValidationRMSE: Double?
    /// Whether the fit converged.
    public let converged: Bool
    public let multipliers: [RecipeMultiplier]
    public let crossovers: [RecipeCrossoverSearch]
    /// Bootstrap draws that fitted (of ``resamples``), and each draw's frontiers in recipe order.
    public let draws: [[RecipeFrontier]]
    public let resamples: Int
}
