import ScalingLaws

/// How the recipes' compute-optimal frontiers were obtained.
public enum RecipeModel: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
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
public struct RecipeMultiplier: Sendable, Equatable, Codable {
    /// The recipe compared with the baseline.
    public let recipe: String
    /// The budget `C` in FLOP.
    public let budget: Double
    /// `L*` of the baseline and of the recipe at the budget.
    public let baselineLoss: Double
    /// `L*` of the recipe at the budget.
    public let recipeLoss: Double
    /// `k`: the recipe needs `k·C` for the baseline's loss at `C` (`+∞`: never).
    public let ratio: Double
    /// Percentile interval of `k` over the bootstrap draws (`+∞` when more than the upper tail
    /// of the draws never reach the loss); `nil` without resamples.
    public let lower: Double?
    /// Upper end of the interval of `k`, or `nil`.
    public let upper: Double?
}

/// Where one recipe's `L*(C)` crosses the baseline's.
public struct RecipeCrossover: Sendable, Equatable, Codable {
    /// The recipe whose curve crosses the baseline's.
    public let recipe: String
    /// The crossover budget.
    public let budget: Double
    /// Whether the recipe has the lower loss above the crossover.
    public let recipeBetterAbove: Bool
    /// Percentile interval over the draws that have a crossover in the range (the one nearest
    /// this budget in log C); `nil` without resamples.
    public let lower: Double?
    /// Upper end of the crossover's interval, or `nil`.
    public let upper: Double?
    /// Draws with a crossover in the range, of ``draws``.
    public let drawsWithCrossover: Int
    /// Bootstrap draws searched.
    public let draws: Int
}

/// The crossover search for one recipe: where its curve crosses the baseline's in the range,
/// and how many bootstrap draws find any crossover there.
public struct RecipeCrossoverSearch: Sendable, Equatable, Codable {
    /// The recipe searched.
    public let recipe: String
    /// The budgets searched, FLOP.
    public let range: ClosedRange<Double>
    /// The crossovers of the fitted curves in the range, by increasing budget (empty: none).
    public let crossovers: [RecipeCrossover]
    /// Bootstrap draws with any crossover in the range, of ``draws``.
    public let drawsWithCrossover: Int
    /// Bootstrap draws searched.
    public let draws: Int
}

/// One model of the recipes: its fit, information criteria, cross-validated error, and the
/// decisions (compute ratios, crossovers) with bootstrap intervals.
public struct RecipeModelFit: Sendable, Equatable, Codable {
    /// The model: a sharing assumption, or Approach 2.
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
    /// `n ln(RSS/n) + p ln n` of the log residuals, or `nil` for Approach 2.
    public let bic: Double?
    /// Root mean square held-out log residual over the cross-validation folds.
    public let crossValidationRMSE: Double?
    /// Whether the fit converged.
    public let converged: Bool
    /// The compute ratio of every recipe against the baseline at every budget.
    public let multipliers: [RecipeMultiplier]
    /// The crossover search of every recipe against the baseline.
    public let crossovers: [RecipeCrossoverSearch]
    /// Bootstrap draws that fitted (of ``resamples``), and each draw's frontiers in recipe order.
    public let draws: [[RecipeFrontier]]
    /// Bootstrap resamples asked for.
    public let resamples: Int

    /// JSON leaves out the draws (``draws``), keeping their count.
    enum CodingKeys: String, CodingKey {
        case model, parameterCount, points, frontiers, logResidualSumOfSquares, aic, bic, crossValidationRMSE, converged
        case multipliers, crossovers, resamples, drawCount
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(parameterCount, forKey: .parameterCount)
        try c.encode(points, forKey: .points)
        try c.encode(frontiers, forKey: .frontiers)
        try c.encode(logResidualSumOfSquares, forKey: .logResidualSumOfSquares)
        try c.encodeIfPresent(aic, forKey: .aic)
        try c.encodeIfPresent(bic, forKey: .bic)
        try c.encodeIfPresent(crossValidationRMSE, forKey: .crossValidationRMSE)
        try c.encode(converged, forKey: .converged)
        try c.encode(multipliers, forKey: .multipliers)
        try c.encode(crossovers, forKey: .crossovers)
        try c.encode(resamples, forKey: .resamples)
        try c.encode(draws.count, forKey: .drawCount)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        model = try c.decode(RecipeModel.self, forKey: .model)
        parameterCount = try c.decode(Int.self, forKey: .parameterCount)
        points = try c.decode(Int.self, forKey: .points)
        frontiers = try c.decode([RecipeFrontier].self, forKey: .frontiers)
        logResidualSumOfSquares = try c.decode(Double.self, forKey: .logResidualSumOfSquares)
        aic = try c.decodeIfPresent(Double.self, forKey: .aic)
        bic = try c.decodeIfPresent(Double.self, forKey: .bic)
        crossValidationRMSE = try c.decodeIfPresent(Double.self, forKey: .crossValidationRMSE)
        converged = try c.decode(Bool.self, forKey: .converged)
        multipliers = try c.decode([RecipeMultiplier].self, forKey: .multipliers)
        crossovers = try c.decode([RecipeCrossoverSearch].self, forKey: .crossovers)
        resamples = try c.decode(Int.self, forKey: .resamples)
        draws = []
    }

    init(
        model: RecipeModel, parameterCount: Int, points: Int, frontiers: [RecipeFrontier], logResidualSumOfSquares: Double,
        aic: Double?, bic: Double?, crossValidationRMSE: Double?, converged: Bool, multipliers: [RecipeMultiplier],
        crossovers: [RecipeCrossoverSearch], draws: [[RecipeFrontier]], resamples: Int
    ) {
        self.model = model
        self.parameterCount = parameterCount
        self.points = points
        self.frontiers = frontiers
        self.logResidualSumOfSquares = logResidualSumOfSquares
        self.aic = aic
        self.bic = bic
        self.crossValidationRMSE = crossValidationRMSE
        self.converged = converged
        self.multipliers = multipliers
        self.crossovers = crossovers
        self.draws = draws
        self.resamples = resamples
    }

    /// The bootstrap band of each recipe's `L*(C)` at `budgets`: percentile interval at
    /// `level` over the draws (`nil` bounds without draws).
    public func bands(at budgets: [Double], level: Double) -> [[(lower: Double?, upper: Double?)]] {
        frontiers.indices.map { r in
            budgets.map { c in
                let values = draws.map { $0[r].loss(at: c) }.filter(\.isFinite).sorted()
                return (RecipeQuantile.value(values, (1 - level) / 2), RecipeQuantile.value(values, (1 + level) / 2))
            }
        }
    }
}
