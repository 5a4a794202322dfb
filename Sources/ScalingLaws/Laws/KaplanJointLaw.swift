import Foundation

/// The joint model-size and data law of Kaplan et al. 2020 ("Scaling Laws for Neural Language
/// Models", arXiv:2001.08361, eq 1.5 / 4.1):
///
/// ```
/// L(N, D) = [ (N_c / N)^(α_N/α_D) + D_c / D ]^α_D
/// ```
/// - `N`: non-embedding parameters, `D`: training tokens (early-stopped), `L`: test loss in
///   nats/token.
/// - `N_c` (parameters) and `D_c` (tokens): positive scales, fitted as logarithms under
///   log-space objectives; `α_N`, `α_D ∈ [0, 5]`: exponents.
/// - As `D → ∞` it reduces to `L(N) = (N_c/N)^α_N`, and as `N → ∞` to `L(D) = (D_c/D)^α_D`.
///
/// Kaplan et al.'s joint fit (Table 2): α_N = 0.076, α_D = 0.103, N_c = 6.4e13, D_c = 1.8e13
/// (``KaplanConstants/jointND``).
///
/// The law is linear in no parameter, so fits start from ``initialGuess(inputs:response:)``:
/// for each `(α_N, α_D)` on a grid, `L^(1/α_D) = N_c^(α_N/α_D)·N^(−α_N/α_D) + D_c·D^(−1)` is a
/// two-term linear fit (non-negative coefficients by the normal equations); the grid point
/// with the smallest squared log residual wins.
public struct KaplanJointLaw: ScalingLaw, Equatable, Hashable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "kaplan-nd" }
    /// Kaplan et al. fit in log space: least squares on log residuals.
    public var defaultObjective: LawObjective { .logLeastSquares }
    public var title: String { "Kaplan et al. 2020 joint loss vs parameters and tokens (eq 1.5)" }
    public var formula: String { "L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D" }
    public var citation: String {
        "Kaplan et al. 2020, Scaling Laws for Neural Language Models, arXiv:2001.08361, eq. (1.5); constants Table 2"
    }

    public var inputs: [LawVariable] {
        [
            LawVariable("N", symbol: "N", unit: "parameters", summary: "non-embedding model parameters"),
            .trainingTokens,
        ]
    }

    public var response: LawVariable {
        .kaplanTestLoss
    }

    public var parameters: [LawParameter] {
        [
            .kaplanCriticalModelSize,
            LawParameter("D_c", symbol: "D_c", unit: "tokens", summary: "critical dataset size",
                         lowerBound: 0, fitsInLogSpace: true),
            .kaplanModelSizeExponent,
            LawParameter("alpha_D", symbol: "α_D", summary: "data exponent", lowerBound: 0, upperBound: 5),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        let sizeTerm = pow(p[0] / x[0], p[2] / p[3])
        return pow(sizeTerm + p[1] / x[1], p[3])
    }

    /// With `a = (N_c/N)^(α_N/α_D)`, `T = a + D_c/D`, `L = T^α_D`:
    /// `∂L/∂N_c = α_N T^(α_D−1) a/N_c`, `∂L/∂D_c = α_D T^(α_D−1)/D`,
    /// `∂L/∂α_N = T^(α_D−1) a log(N_c/N)`, `∂L/∂α_D = L log T − (α_N/α_D) T^(α_D−1) a log(N_c/N)`.
    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let logRatio = log(p[0] / x[0])
        let r = p[2] / p[3]
        let a = exp(r * logRatio)
        let t = a + p[1] / x[1]
        let l = pow(t, p[3])
        let lOverT = l / t
        g[0] = p[2] * lOverT * a / p[0]
        g[1] = p[3] * lOverT / x[1]
        g[2] = lOverT * a * logRatio
        g[3] = l * log(t) - r * lOverT * a * logRatio
    }

    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let n = inputs[0]
        let d = inputs[1]
        let y = response
        let count = y.count
        let logSpace = y.allSatisfy { $0 > 0 }
        let logN = n.map { log($0) }
        let invD = d.map { 1 / $0 }
        var best = KaplanConstants.jointND.values
        var bestScore = Double.infinity
        let exponents = PowerLawGuess.logSpaced(0.02, 1.0, count: 18)
        var phi = [Double](repeating: 0, count: count)
        var transformed = [Double](repeating: 0, count: count)
        var prediction = [Double](repeating: 0, count: count)
        for alphaD in exponents {
            for i in 0..<count { transformed[i] = pow(Swift.max(y[i], 0), 1 / alphaD) }
            guard transformed.allSatisfy({ $0.isFinite }) else { continue }
            for alphaN in exponents {
                let r = alphaN / alphaD
                for i in 0..<count { phi[i] = exp(-r * logN[i]) }
                let fit = PowerLawGuess.nonNegativeTwoTerm(phi, invD, transformed)
                guard fit.c1 > 0, fit.c2 > 0 else { continue }
                for i in 0..<count { prediction[i] = pow(fit.c1 * phi[i] + fit.c2 * invD[i], alphaD) }
                let score = PowerLawGuess.score(prediction, y, logSpace: logSpace)
                if score < bestScore {
                    let nC = pow(fit.c1, 1 / r)
                    guard nC.isFinite, nC > 0 else { continue }
                    bestScore = score
                    best = [nC, fit.c2, alphaN, alphaD]
                }
            }
        }
        return best
    }
}
