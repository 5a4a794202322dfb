import Foundation

/// Owen's scaled compute (Owen 2024, "How predictable is language model benchmark
/// performance?", arXiv:2401.04757, step 1): the training compute a model would have needed to
/// reach its loss had it been trained with 20 tokens per parameter.
///
/// ```
/// L   = E + A/N^α + B/D^β                       (Chinchilla law at the model's N and D)
/// L   = E + A/N_s^α + B/(r·N_s)^β,  r = 20      (solved for N_s)
/// C_s = 6·N_s·(r·N_s) = 120·N_s²
/// ```
/// The right-hand side falls strictly as `N_s` grows (for `A, B ≥ 0`, `A + B > 0`, `α, β > 0`),
/// so the root is unique; it exists when `L > E`. It is found by bisection on `log N_s`
/// (to a relative width of 1e-15), which cannot fail once bracketed.
///
/// A model trained at exactly `D = 20N` is a fixed point: `C_s = 6ND`. Test vectors
/// (Hoffmann et al. 2022's rounded constants E = 1.69, A = 406.4, B = 410.7, α = 0.34,
/// β = 0.28): GPT-3 175B/300B has `L = 2.0023` and
/// `C_s = 1.223e23`; Chinchilla 70B/1.4T has `L = 1.9366` and `C_s = 5.880e23`.
public enum ScaledCompute {
    /// Owen's reference allocation, `D = 20·N` (Hoffmann et al.'s rule of thumb).
    public static let referenceTokensPerParameter = 20.0

    /// The Chinchilla loss `E + A/N^α + B/D^β` of a model with `n` parameters trained on `d` tokens.
    public static func loss(parameters n: Double, tokens d: Double, law p: ChinchillaParameters) -> Double {
        p.e + p.a * pow(n, -p.alpha) + p.b * pow(d, -p.beta)
    }

    /// The scaled compute of a model with `n` parameters trained on `d` tokens.
    ///
    /// - Parameters:
    ///   - n: Parameters (total), `> 0`.
    ///   - d: Training tokens, `> 0`.
    ///   - law: The Chinchilla constants mapping `(N, D)` to loss.
    ///   - r: The reference ratio (tokens per parameter, default 20).
    /// - Returns: The loss and the reference-allocation model that reaches it.
    /// - Throws: ``ScaledComputeError``.
    public static func point(
        parameters n: Double, tokens d: Double, law: ChinchillaParameters,
        tokensPerParameter r: Double = referenceTokensPerParameter
    ) throws -> ScaledComputePoint {
        guard n.isFinite, n > 0 else { throw ScaledComputeError.invalidInput("N must be a positive number, got \(n)") }
        guard d.isFinite, d > 0 else { throw ScaledComputeError.invalidInput("D must be a positive number, got \(d)") }
        return try point(loss: loss(parameters: n, tokens: d, law: law), law: law, tokensPerParameter: r)
    }

    /// The model trained at `D = r·N` that reaches loss `l`, and its compute.
    ///
    /// - Parameters:
    ///   - l: The loss, `> E`.
    ///   - p: The Chinchilla constants.
    ///   - r: The reference ratio (tokens per parameter, default 20).
    /// - Throws: ``ScaledComputeError/lossNotAboveIrreducible(loss:irreducible:)`` when `l ≤ E`,
    ///   ``ScaledComputeError/invalidInput(_:)`` for a non-finite loss, a non-positive ratio, or
    ///   constants that do not make the loss fall with scale.
    public static func point(
        loss l: Double, law p: ChinchillaParameters, tokensPerParameter r: Double = referenceTokensPerParameter
    ) throws -> ScaledComputePoint {
        guard l.isFinite else { throw ScaledComputeError.invalidInput("the loss must be finite, got \(l)") }
        guard r.isFinite, r > 0 else { throw ScaledComputeError.invalidInput("tokens per parameter must be positive, got \(r)") }
        guard p.alpha > 0, p.beta > 0, p.a >= 0, p.b >= 0, p.a + p.b > 0, p.e.isFinite else {
            throw ScaledComputeError.invalidInput("the Chinchilla constants must have α, β > 0 and A, B ≥ 0 (not both 0)")
        }
        guard l > p.e else { throw ScaledComputeError.lossNotAboveIrreducible(loss: l, irreducible: p.e) }
        // h(u) = L(e^u, r e^u) − l falls strictly in u = log N_s.
        func h(_ u: Double) -> Double {
            p.a * exp(-p.alpha * u) + p.b * exp(-p.beta * (log(r) + u)) + p.e - l
        }
        var lo = 0.0, hi = 50.0
        while h(lo) <= 0 { lo -= 50 }
        var expansions = 0
        while h(hi) > 0 {
            hi += 50
            expansions += 1
            // The excess over E is below 1e-300 or so: the loss is not reachable in doubles.
            guard expansions < 40 else { throw ScaledComputeError.lossNotAboveIrreducible(loss: l, irreducible: p.e) }
        }
        while hi - lo > 1e-15 * Swift.max(1, Swift.abs(lo), Swift.abs(hi)) {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if h(mid) > 0 { lo = mid } else { hi = mid }
        }
        let n = exp(0.5 * (lo + hi))
        return ScaledComputePoint(loss: l, parameters: n, tokens: r * n, compute: 6 * r * n * n)
    }

    /// Owen's scaled compute `C_s` of a model with `n` parameters trained on `d` tokens.
    ///
    /// - Throws: as ``point(parameters:tokens:law:tokensPerParameter:)``.
    public static func compute(
        parameters n: Double, tokens d: Double, law: ChinchillaParameters,
        tokensPerParameter r: Double = referenceTokensPerParameter
    ) throws -> Double {
        try point(parameters: n, tokens: d, law: law, tokensPerParameter: r).compute
    }
}

/// A loss and the reference-allocation model (`D = r·N`) that reaches it.
public struct ScaledComputePoint: Sendable, Equatable, Codable {
    /// The loss, nats/token.
    public let loss: Double
    /// `N_s`, parameters of the reference model.
    public let parameters: Double
    /// `D_s = r·N_s`, its training tokens.
    public let tokens: Double
    /// `C_s = 6·N_s·D_s` FLOP (`120·N_s²` for `r = 20`).
    public let compute: Double

    /// A reference-allocation point.
    /// - Parameters:
    ///   - loss: The loss, nats/token.
    ///   - parameters: `N_s`, parameters of the reference model.
    ///   - tokens: `D_s = r·N_s`, its training tokens.
    ///   - compute: `C_s = 6·N_s·D_s` FLOP.
    public init(loss: Double, parameters: Double, tokens: Double, compute: Double) {
        self.loss = loss
        self.parameters = parameters
        self.tokens = tokens
        self.compute = compute
    }
}

/// Why a scaled compute cannot be computed.
public enum ScaledComputeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The loss is at or below the law's irreducible loss `E`: no model reaches it.
    case lossNotAboveIrreducible(loss: Double, irreducible: Double)
    /// A non-finite or non-positive input, or constants for which loss does not fall with scale.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .lossNotAboveIrreducible(loss, irreducible):
            return "loss \(loss) is not above the irreducible loss E = \(irreducible): no model reaches it"
        case let .invalidInput(message):
            return message
        }
    }
}
