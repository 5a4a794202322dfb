import Foundation

/// The data-constrained scaling law (Muennighoff et al. 2023, "Scaling Data-Constrained
/// Language Models", arXiv:2305.16264: the equations for effective data `D'`, effective
/// parameters `N'` and `L(N', D')`; constants as in the authors' repository
/// `huggingface/datablations`): the Chinchilla law with repeated data and excess parameters
/// replaced by their effective amounts.
///
/// ```
/// U_D = min(U, D)                          unique tokens seen
/// R_D = D/U_D − 1                          repetitions of the unique data
/// G   = (αA / (βB))^(1/(α+β))              Chinchilla's allocation coefficient (eq. 4)
/// U_N = min{ (U_D·G)^(β/α)·G, N }          parameters the unique data can use compute-optimally
/// R_N = max(N/U_N − 1, 0)                  excess parameters, in units of U_N
/// D'  = U_D + U_D·R_D*·(1 − exp(−R_D/R_D*))
/// N'  = U_N + U_N·R_N*·(1 − exp(−R_N/R_N*))
/// L(N, D, U) = E + A/N'^α + B/D'^β
/// ```
/// - `N`: model parameters (total), `D`: training tokens seen (all epochs), `U`: unique tokens
///   (column role `U`; `U = D / epochs`); `L`: final loss in nats/token.
/// - `E`, `A`, `B`, `α`, `β`: the Chinchilla base law; `R_D*`: the repetition "half-life" of data
///   (repeated tokens are worth `1 − exp(−R_D/R_D*)` fresh ones in total, at most `R_D*·U_D`);
///   `R_N*`: the same for excess parameters.
///
/// Domain: `N, D, U > 0`. The paper assumes `U ≤ D` (at least one epoch); a larger `U` means the
/// run saw only `D` distinct tokens, so `U_D = min(U, D)` (then `R_D = 0` and `D' = D`). Without
/// repetition or excess parameters (`R_D = R_N = 0`) the law is Chinchilla's. As `R_D* → ∞`,
/// `D' → D` (no penalty for repeating); as `R_D* → 0`, `D' → U_D` (repeats are worthless).
///
/// Fitting: Muennighoff et al. fit the base law to single-epoch runs, then `R_D*`, `R_N*` with the
/// base law held fixed (``LawFitOptions/fixed``, CLI `--fix`); both can also be fitted together.
/// Under a log-space objective `E`, `A`, `B`, `R_D*` and `R_N*` are fitted as logarithms. Only `E`
/// is linear: `A` and `B` also enter `U_N` through `G`.
///
/// Gradient: exact on each branch of `U_N = min{…}`. With excess parameters
/// (`U_N⁰ = (U_D·G)^(β/α)·G < N`), `N'` depends on `A`, `B`, `α`, `β` through
/// `log U_N = (β log U_D + log(αA/(βB)))/α` and on `R_N*`; otherwise `N' = N`. At the kink
/// `U_N⁰ = N` the convention is the no-excess branch (`U_N = N`, `∂L/∂R_N* = 0`), but there both
/// one-sided gradients coincide: `∂N'/∂U_N = (1 + R_N*)(1 − e^{−R_N/R_N*}) − R_N e^{−R_N/R_N*}`
/// and `∂N'/∂R_N*` both vanish at `R_N = 0`, so `L` is continuously differentiable in the
/// parameters and only its second derivatives jump.
public struct DataConstrainedLaw: ScalingLaw, Equatable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "data-constrained" }
    public var title: String { "Data-constrained scaling (Muennighoff et al. 2023)" }
    public var formula: String { "L(N, D, U) = E + A/N'^α + B/D'^β,  D' = U + U·R_D*·(1 − e^(−R_D/R_D*)),  N' = U_N + U_N·R_N*·(1 − e^(−R_N/R_N*))" }
    public var citation: String {
        "Muennighoff et al. 2023, Scaling Data-Constrained Language Models, arXiv:2305.16264 (effective data D', effective parameters N', L(N', D'))"
    }

    public var inputs: [LawVariable] {
        [
            .modelParameters,
            LawVariable("D", symbol: "D", unit: "tokens", summary: "training tokens seen, all epochs"),
            LawVariable("U", symbol: "U_D", unit: "tokens", summary: "unique training tokens (D / epochs)"),
        ]
    }

    public var response: LawVariable {
        .trainingLoss
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("E", symbol: "E", unit: "nats/token", summary: "irreducible loss",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("A", symbol: "A", unit: "nats/token·N^α", summary: "model-size coefficient",
                         lowerBound: 0, fitsInLogSpace: true),
            LawParameter("B", symbol: "B", unit: "nats/token·D^β", summary: "data coefficient",
                         lowerBound: 0, fitsInLogSpace: true),
            LawParameter("alpha", symbol: "α", summary: "model-size exponent", lowerBound: 0, upperBound: 5),
            LawParameter("beta", symbol: "β", summary: "data exponent", lowerBound: 0, upperBound: 5),
            LawParameter("R_D_star", symbol: "R_D*", unit: "epochs", summary: "repetition half-life of unique data",
                         lowerBound: 0, fitsInLogSpace: true),
            LawParameter("R_N_star", symbol: "R_N*", unit: "multiples of U_N", summary: "decay constant of excess parameters",
                         lowerBound: 0, fitsInLogSpace: true),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        let s = Terms(x, p)
        return p[0] + p[1] * pow(s.nPrime, -p[3]) + p[2] * pow(s.dPrime, -p[4])
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let s = Terms(x, p)
        let a = p[1], b = p[2], alpha = p[3], beta = p[4]
        let nPow = pow(s.nPrime, -alpha)
        let dPow = pow(s.dPrime, -beta)
        let tN = a * nPow
        let tD = b * dPow
        g[0] = 1
        g[1] = nPow
        g[2] = dPow
        g[3] = -tN * log(s.nPrime)
        g[4] = -tD * log(s.dPrime)
        g[5] = -beta * tD / s.dPrime * s.dPrimeByRD
        g[6] = 0
        if s.excess {
            // ∂L/∂N' and ∂L/∂(log U_N) = ∂L/∂N' · ∂N'/∂U_N · U_N.
            let byNPrime = -alpha * tN / s.nPrime
            let byLogUN = byNPrime * s.nPrimeByUN * s.uN
            g[1] += byLogUN / (alpha * a)
            g[2] -= byLogUN / (alpha * b)
            g[3] += byLogUN * (1 - alpha * s.logUN) / (alpha * alpha)
            g[4] += byLogUN * (s.logUD - 1 / beta) / alpha
            g[6] = byNPrime * s.nPrimeByRN
        }
    }

    /// A rough start from the Chinchilla heuristics: E just under the smallest loss, exponents 0.3,
    /// A and B set so each power term explains half of the mean excess loss at the geometric-mean
    /// N and D; `R_D* = 15`, `R_N* = 5`, the magnitudes Muennighoff et al. found on C4.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        ChinchillaLaw().initialGuess(inputs: Array(inputs.prefix(2)), response: response) + [15, 5]
    }

    // MARK: - Effective data and parameters

    /// Chinchilla's allocation coefficient `G = (αA/(βB))^(1/(α+β))` (Hoffmann et al. 2022,
    /// eq. 4): `N_opt = G·(C/6)^(β/(α+β))`.
    public static func allocationCoefficient(_ base: ChinchillaParameters) -> Double {
        pow(base.alpha * base.a / (base.beta * base.b), 1 / (base.alpha + base.beta))
    }

    /// The parameters the unique data support compute-optimally, `(U_D·G)^(β/α)·G` (before the
    /// `min` with `N`): the model size for which `U_D` tokens would be the Chinchilla-optimal
    /// amount of data. For the Muennighoff C4 base fit (`α = β`) it is `0.0510·U_D`.
    ///
    /// - Parameters:
    ///   - u: unique tokens `U_D`.
    ///   - base: the Chinchilla base law.
    public static func uniqueParameters(uniqueTokens u: Double, base: ChinchillaParameters) -> Double {
        let logRatio = log(base.alpha) + log(base.a) - log(base.beta) - log(base.b)
        return exp((base.beta * log(u) + logRatio) / base.alpha)
    }

    /// Effective data `D' = U_D + U_D·R_D*·(1 − exp(−R_D/R_D*))` with `R_D = D/U_D − 1` and
    /// `U_D = min(U, D)`: the number of fresh tokens that would be worth as much as `D` tokens
    /// drawn from `U` unique ones. Bounded by `U_D·(1 + R_D*)`; `R_D* = ∞` gives `D' = D`.
    ///
    /// - Parameters:
    ///   - u: unique tokens `U` (tokens).
    ///   - d: tokens seen over all epochs `D` (tokens).
    ///   - rDStar: `R_D*` (epochs).
    public static func effectiveData(uniqueTokens u: Double, tokens d: Double, rDStar: Double) -> Double {
        let uD = Swift.min(u, d)
        let r = d / uD - 1
        if rDStar.isInfinite || r == 0 { return uD + uD * r }
        return uD + uD * rDStar * -expm1(-r / rDStar)
    }

    /// Effective parameters `N' = U_N + U_N·R_N*·(1 − exp(−R_N/R_N*))` with
    /// `U_N = min{(U_D·G)^(β/α)·G, N}` and `R_N = max(N/U_N − 1, 0)`: the size of a model
    /// trained on `U` unique tokens that would be worth as much as `N` parameters.
    ///
    /// - Parameters:
    ///   - n: model parameters `N`.
    ///   - u: unique tokens `U_D` (use `min(U, D)` when the run saw fewer tokens than the pool).
    ///   - rNStar: `R_N*`.
    ///   - base: the Chinchilla base law, which sets `G`.
    public static func effectiveParameters(parameters n: Double, uniqueTokens u: Double, rNStar: Double,
                                           base: ChinchillaParameters) -> Double {
        let uN = Swift.min(uniqueParameters(uniqueTokens: u, base: base), n)
        let r = Swift.max(n / uN - 1, 0)
        if rNStar.isInfinite || r == 0 { return uN + uN * r }
        return uN + uN * rNStar * -expm1(-r / rNStar)
    }

    /// The intermediate quantities of one evaluation, shared by the value and the gradient.
    struct Terms {
        /// `log U_D`, `D'` and `∂D'/∂R_D*`.
        var logUD: Double
        var dPrime: Double
        var dPrimeByRD: Double
        /// Whether `U_N⁰ < N` (excess parameters); then `U_N`, `log U_N`, `N'`, `∂N'/∂U_N`,
        /// `∂N'/∂R_N*` below are those of the excess branch.
        var excess: Bool
        var uN: Double
        var logUN: Double
        var nPrime: Double
        var nPrimeByUN: Double
        var nPrimeByRN: Double

        @inline(__always)
        init(_ x: [Double], _ p: [Double]) {
            let n = x[0], d = x[1]
            let a = p[1], b = p[2], alpha = p[3], beta = p[4], rDStar = p[5], rNStar = p[6]
            let uD = Swift.min(x[2], d)
            logUD = log(uD)
            let rD = d / uD - 1
            if rDStar.isInfinite {
                dPrime = d
                dPrimeByRD = 0
            } else {
                let z = rD / rDStar
                let decay = exp(-z)
                let gained = -expm1(-z)
                dPrime = uD + uD * rDStar * gained
                dPrimeByRD = uD * (gained - decay * z)
            }
            // log U_N⁰ = (β log U_D + log(αA/(βB)))/α, i.e. U_N⁰ = (U_D·G)^(β/α)·G.
            let logRatio = log(alpha) + log(a) - log(beta) - log(b)
            logUN = (beta * logUD + logRatio) / alpha
            excess = logUN < log(n)
            if excess {
                uN = exp(logUN)
                let rN = n / uN - 1
                if rNStar.isInfinite {
                    nPrime = n
                    nPrimeByUN = 0
                    nPrimeByRN = 0
                } else {
                    let z = rN / rNStar
                    let decay = exp(-z)
                    let gained = -expm1(-z)
                    nPrime = uN + uN * rNStar * gained
                    // d/dU_N of U_N(1 + R*(1 − e^{−(N/U_N − 1)/R*})) = (1 + R*)(1 − e) − R_N·e
                    nPrimeByUN = (1 + rNStar) * gained - rN * decay
                    nPrimeByRN = uN * (gained - decay * z)
                }
            } else {
                uN = n
                logUN = log(n)
                nPrime = n
                nPrimeByUN = 0
                nPrimeByRN = 0
            }
        }
    }
}

/// Named constants of the data-constrained law, kept at full precision.
public struct DataConstrainedParameters: Sendable, Equatable, Codable {
    /// The Chinchilla base law `E + A/N^α + B/D^β`.
    public var base: ChinchillaParameters
    /// `R_D*`, the repetition half-life of data (epochs).
    public var rDStar: Double
    /// `R_N*`, the decay constant of excess parameters.
    public var rNStar: Double

    /// Constants of the data-constrained law (Muennighoff et al. 2023, arXiv:2305.16264).
    /// - Parameters:
    ///   - base: The Chinchilla base law `E + A/N^α + B/D^β`.
    ///   - rDStar: `R_D*`, the repetition half-life of data (epochs).
    ///   - rNStar: `R_N*`, the decay constant of excess parameters.
    public init(base: ChinchillaParameters, rDStar: Double, rNStar: Double) {
        self.base = base
        self.rDStar = rDStar
        self.rNStar = rNStar
    }

    /// In the law's parameter order `[E, A, B, alpha, beta, R_D_star, R_N_star]`.
    public var vector: [Double] { base.vector + [rDStar, rNStar] }

    /// Chinchilla's allocation coefficient `G` of the base law.
    public var allocationCoefficient: Double { DataConstrainedLaw.allocationCoefficient(base) }

    /// Effective data `D'` for `d` tokens drawn from `u` unique ones.
    public func effectiveData(uniqueTokens u: Double, tokens d: Double) -> Double {
        DataConstrainedLaw.effectiveData(uniqueTokens: u, tokens: d, rDStar: rDStar)
    }

    /// Effective parameters `N'` for a model of `n` parameters trained on `u` unique tokens.
    public func effectiveParameters(parameters n: Double, uniqueTokens u: Double) -> Double {
        DataConstrainedLaw.effectiveParameters(parameters: n, uniqueTokens: u, rNStar: rNStar, base: base)
    }

    /// The predicted loss of `n` parameters trained on `d` tokens drawn from `u` unique ones.
    public func loss(parameters n: Double, tokens d: Double, uniqueTokens u: Double) -> Double {
        DataConstrainedLaw().evaluate([n, d, u], vector)
    }

    /// Muennighoff et al. 2023, C4: base fit with α = β, log-space (a, b, e, α) =
    /// (6.255414, 7.3049974, 0.6254804, 0.3526596) (L = 1.87 + 521/N^0.353 + 1488/D^0.353), and
    /// decay fit R_N* = 5.309743, R_D* = 15.387756.
    public static let muennighoffC4 = DataConstrainedParameters(
        base: .muennighoffC4, rDStar: 15.387756, rNStar: 5.309743)

    /// Presets by command-line name.
    public static let presets: [(name: String, parameters: DataConstrainedParameters, source: String)] = [
        ("muennighoff-c4", muennighoffC4, "Muennighoff et al. 2023, C4 fit (α = β, R_D* = 15.39, R_N* = 5.31)"),
    ]

    /// The preset named `name`, or `nil`.
    public static func preset(named name: String) -> DataConstrainedParameters? {
        presets.first { $0.name == name.lowercased() }?.parameters
    }
}
