import Foundation

/// An optimal-hyperparameter law: the peak learning rate η and the batch size B (in tokens) as
/// power laws of the compute C or of the model size N and tokens D,
///
/// ```
/// η_opt = k_η · C^a_η                 (variables = compute)
/// η_opt = k_η · N^a_η · D^b_η         (variables = size and tokens)
/// ```
/// and the same for B_opt.
public struct HyperparameterLaw: Codable, Sendable, Equatable {
    /// What a power law is a function of.
    public enum Variables: String, Codable, Sendable {
        /// `X = C`, compute in FLOP.
        case compute
        /// `X = N`, parameters, and `Y = D`, tokens.
        case sizeAndTokens
    }

    /// One power law `k · X^a · Y^b` (Y absent for compute laws: b = 0).
    public struct PowerLaw: Codable, Sendable, Equatable {
        /// `k`.
        public var coefficient: Double
        /// The exponents, one per variable (`[a]` for compute, `[a, b]` for size and tokens).
        public var exponents: [Double]
        /// 95% intervals of the coefficient and each exponent, when fitted.
        public var coefficientInterval: ClosedRange<Double>?
        /// 95% intervals of each exponent, when fitted.
        public var exponentIntervals: [ClosedRange<Double>]?

        /// A power law `k·Π x_i^a_i`.
        /// - Parameters:
        ///   - coefficient: `k`.
        ///   - exponents: One exponent per variable.
        ///   - coefficientInterval: 95% interval of `k`, or `nil`.
        ///   - exponentIntervals: 95% intervals of the exponents, or `nil`.
        public init(coefficient: Double, exponents: [Double],
                    coefficientInterval: ClosedRange<Double>? = nil, exponentIntervals: [ClosedRange<Double>]? = nil) {
            self.coefficient = coefficient
            self.exponents = exponents
            self.coefficientInterval = coefficientInterval
            self.exponentIntervals = exponentIntervals
        }

        /// `k · Π x_i^a_i`.
        public func value(_ inputs: [Double]) -> Double {
            var log = Foundation.log(coefficient)
            for (a, x) in zip(exponents, inputs) { log += a * Foundation.log(x) }
            return exp(log)
        }
    }

    /// The law's name, as reports print it.
    public var name: String
    /// What its power laws are functions of.
    public var variables: Variables
    /// The peak learning rate `η_opt`.
    public var learningRate: PowerLaw
    /// Batch size in tokens.
    public var batchSize: PowerLaw?
    /// Where the law comes from.
    public var source: String

    /// A hyperparameter law.
    /// - Parameters:
    ///   - name: The law's name.
    ///   - variables: What its power laws are functions of.
    ///   - learningRate: The law of the peak learning rate.
    ///   - batchSize: The law of the batch size in tokens, or `nil`.
    ///   - source: Where the law comes from.
    public init(name: String, variables: Variables, learningRate: PowerLaw, batchSize: PowerLaw?, source: String) {
        self.name = name
        self.variables = variables
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.source = source
    }

    /// DeepSeek LLM (DeepSeek-AI 2024, arXiv:2401.02954, Sec. 3.1, Eq. 1), fitted on their
    /// budgets 1e17–2e19 with C in FLOP counted as M·D (M = non-embedding FLOP per token,
    /// attention included) and B in tokens:
    ///
    /// ```
    /// η_opt = 0.3118 · C^(−0.1250)
    /// B_opt = 0.2920 · C^(0.3271)
    /// ```
    public static let deepseek2024 = HyperparameterLaw(
        name: "deepseek2024", variables: .compute,
        learningRate: PowerLaw(coefficient: 0.3118, exponents: [-0.1250]),
        batchSize: PowerLaw(coefficient: 0.2920, exponents: [0.3271]),
        source: "DeepSeek-AI 2024 (arXiv:2401.02954), Sec. 3.1, Eq. 1: η = 0.3118·C^−0.1250, B = 0.2920·C^0.3271 (tokens)")

    /// Step Law (Li et al. 2025, arXiv:2503.04715, Sec. 3, the Step Law formula), with N the
    /// non-embedding parameters and D the training tokens; B in tokens:
    ///
    /// ```
    /// η(N, D) = 1.79 · N^(−0.713) · D^(0.307)
    /// B(D)    = 0.58 · D^(0.571)
    /// ```
    public static let steplaw2025 = HyperparameterLaw(
        name: "steplaw2025", variables: .sizeAndTokens,
        learningRate: PowerLaw(coefficient: 1.79, exponents: [-0.713, 0.307]),
        batchSize: PowerLaw(coefficient: 0.58, exponents: [0, 0.571]),
        source: "Li et al. 2025 (arXiv:2503.04715), Sec. 3: η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571 (tokens)")

    /// The presets by CLI name.
    public static let presets: [String: HyperparameterLaw] = ["deepseek2024": deepseek2024, "steplaw2025": steplaw2025]

    /// The preset called `name`.
    public static func preset(_ name: String) throws -> HyperparameterLaw {
        guard let law = presets[name.lowercased()] else {
            throw PlanningError.unknownPreset(name: name, known: presets.keys.sorted())
        }
        return law
    }

    /// The inputs of the law for a run of `n` parameters on `d` tokens costing `c` FLOP.
    func inputs(n: Double, d: Double, c: Double) -> [Double] {
        variables == .compute ? [c] : [n, d]
    }

    /// Optimal learning rate and batch size (tokens) for a run.
    ///
    /// - Throws: `PlanningError.invalidValue` for a non-positive N, D or C the law needs.
    public func recommend(n: Double, d: Double, c: Double) throws -> (learningRate: Double, batchSize: Double?) {
        if variables == .compute {
            guard c > 0, c.isFinite else { throw PlanningError.invalidValue(what: "compute C", value: c) }
        } else {
            guard n > 0, n.isFinite else { throw PlanningError.invalidValue(what: "parameters N", value: n) }
            guard d > 0, d.isFinite else { throw PlanningError.invalidValue(what: "tokens D", value: d) }
        }
        let x = inputs(n: n, d: d, c: c)
        return (learningRate.value(x), batchSize?.value(x))
    }
}
