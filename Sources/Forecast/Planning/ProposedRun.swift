/// One proposed run of a plan, with its shape and hyperparameters.
public struct ProposedRun: Codable, Sendable, Equatable {
    public var kind: String
    public var budget: Double
    public var n: Double
    public var d: Double
    public var shape: TransformerShape?
    public var shapeParameters: Double?
    public var flopsPerToken: Double?
    public var learningRate: Double?
    public var batchTokens: Double?
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
