/// The runs of one training recipe: model parameters `N`, training tokens `D` and final loss,
/// one entry per run, with the file line of each (for messages).
public struct RecipeRuns: Sendable, Equatable {
    /// The recipe's name (the value of the `--by` column).
    public let label: String
    /// Parameters `N` of each run.
    public let parameters: [Double]
    /// Training tokens `D` of each run.
    public let tokens: [Double]
    /// The final loss of each run.
    public let loss: [Double]
    /// The iso-FLOP budget of each run when the runs are iso-FLOP sweeps, else empty.
    public let budgets: [Double]

    /// - Precondition: `parameters`, `tokens` and `loss` (and `budgets` when not empty) have one
    ///   value per run.
    public init(label: String, parameters: [Double], tokens: [Double], loss: [Double], budgets: [Double] = []) {
        precondition(parameters.count == tokens.count && tokens.count == loss.count, "one value per run")
        precondition(budgets.isEmpty || budgets.count == loss.count, "one budget per run")
        self.label = label
        self.parameters = parameters
        self.tokens = tokens
        self.loss = loss
        self.budgets = budgets
    }

    /// Runs.
    public var count: Int { loss.count }

    /// Training compute of each run, `C = 6ND` (Kaplan et al. 2020, arXiv:2001.08361, §2.1).
    public var compute: [Double] {
        var out: [Double] = []
        out.reserveCapacity(count)
        for i in 0..<count { out.append(6 * parameters[i] * tokens[i]) }
        return out
    }

    /// The runs at `indices` (with repetition, for a bootstrap resample).
    public func runs(at indices: [Int]) -> RecipeRuns {
        RecipeRuns(
            label: label, parameters: indices.map { parameters[$0] }, tokens: indices.map { tokens[$0] },
            loss: indices.map { loss[$0] }, budgets: budgets.isEmpty ? [] : indices.map { budgets[$0] })
    }
}
