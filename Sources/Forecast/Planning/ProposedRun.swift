/// One proposed run of a plan, with its shape and hyperparameters.
public struct ProposedRun: Codable, Sendable, Equatable {
    /// What the run is for in the plan (`iso-FLOP sweep` or `next run`).
    public var kind: String
    /// Its budget `C` in FLOP.
    public var budget: Double
    /// Parameters `N`.
    public var n: Double
    /// Tokens `D`.
    public var d: Double
    /// The best shape for `N` under the shape rules, or `nil` when none is within the tolerance.
    public var shape: TransformerShape?
    /// That shape's parameter count (of the rules' kind), or `nil`.
    public var shapeParameters: Double?
    /// That shape's training FLOP per token, or `nil`.
    public var flopsPerToken: Double?
    /// The hyperparameter law's peak learning rate at `C = 6ND`, or `nil` without a law.
    public var learningRate: Double?
    /// The law's batch size in tokens, or `nil`.
    public var batchTokens: Double?
    /// A proposed run.
    /// - Parameters:
    ///   - kind: What the run is for in the plan.
    ///   - budget: Its budget in FLOP.
    ///   - n: Parameters `N`.
    ///   - d: Tokens `D`.
    ///   - shape: The best shape, or `nil`.
    ///   - shapeParameters: That shape's parameter count, or `nil`.
    ///   - flopsPerToken: That shape's training FLOP per token, or `nil`.
    ///   - learningRate: The peak learning rate, or `nil`.
    ///   - batchTokens: The batch size in tokens, or `nil`.
    public init(kind: String, budget: Double, n: Double, d: Double, shape: TransformerShape?, shapeParameters: Double?,
                flopsPerToken: Double?, learningRate: Double?, batchTokens: Double?) {
        self.kind = kind
        self.budget = budget
        self.n = n
        self.d = d
        self.shape = shape
        self.shapeParameters = shapeParameters
        self.flopsPerToken = flopsPerToken
        self.learningRate = learningRate
        self.batchTokens = batchTokens
    }

    /// A run of `n` parameters on `d` tokens with the best shape for `n` under `rules` (none
    /// when no shape is within the tolerance) and the learning rate and batch size of `law`
    /// (with C counted as 6ND).
    public static func make(kind: String, budget: Double, n: Double, d: Double, rules: ShapeRules, law: HyperparameterLaw?) -> ProposedRun {
        let best = try? ShapeSearch.shapes(for: n, rules: rules, limit: 1).first
        let h = try? law?.recommend(n: n, d: d, c: 6 * n * d)
        return ProposedRun(kind: kind, budget: budget, n: n, d: d, shape: best?.shape, shapeParameters: best?.parameters.value(rules.count),
                           flopsPerToken: best?.flopsPerToken, learningRate: h?.learningRate, batchTokens: h?.batchSize ?? nil)
    }
}
