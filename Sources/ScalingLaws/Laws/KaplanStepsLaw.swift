import Foundation

/// The model-size and training-steps law of Kaplan et al. 2020 ("Scaling Laws for Neural
/// Language Models", arXiv:2001.08361, eq 1.6 / 5.6):
///
/// ```
/// L(N, S_min) = (N_c / N)^α_N + (S_c / S_min)^α_S
/// ```
/// - `N`: non-embedding parameters; `S_min`: the minimum number of optimisation steps, i.e.
///   steps at a batch size far above the critical batch
///   (`S_min = S / (1 + B_crit(L)/B)`, `KaplanConstants/minimumSteps(steps:batchSize:loss:)`);
///   `L`: test loss in nats/token.
/// - `N_c` (parameters) and `S_c` (steps): positive scales, fitted as logarithms under
///   log-space objectives; `α_N`, `α_S ∈ [0, 5]`: exponents.
///
/// Kaplan et al.'s fit (Table 3): α_N = 0.077, α_S = 0.76, N_c = 6.5e13, S_c = 2.1e3
/// (``KaplanConstants/stepsNS``).
///
/// The law is linear in no parameter, so fits start from ``initialGuess(inputs:response:)``:
/// for each `(α_N, α_S)` on a grid, `L = A·N^(−α_N) + B·S^(−α_S)` is a two-term linear fit
/// with non-negative `A = N_c^α_N`, `B = S_c^α_S`; the best grid point wins.
public struct KaplanStepsLaw: ScalingLaw, Equatable, Hashable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "kaplan-ns" }
    /// Kaplan et al. fit in log space: least squares on log residuals.
    public var defaultObjective: LawObjective { .logLeastSquares }
    public var title: String { "Kaplan et al. 2020 loss vs parameters and minimum steps (eq 1.6)" }
    public var formula: String { "L(N, S_min) = (N_c/N)^α_N + (S_c/S_min)^α_S" }
    public var citation: String {
        "Kaplan et al. 2020, Scaling Laws for Neural Language Models, arXiv:2001.08361, eq. (1.6); constants Table 3"
    }

    public var inputs: [LawVariable] {
        [
            LawVariable("N", symbol: "N", unit: "parameters", summary: "non-embedding model parameters"),
            LawVariable("S_min", symbol: "S_min", unit: "steps",
                        summary: "minimum optimisation steps, S/(1 + B_crit(L)/B)"),
        ]
    }

    public var response: LawVariable {
        .kaplanTestLoss
    }

    public var parameters: [LawParameter] {
        [
            .kaplanCriticalModelSize,
            LawParameter("S_c", symbol: "S_c", unit: "steps", summary: "critical number of steps",
                         lowerBound: 0, fitsInLogSpace: true),
            .kaplanModelSizeExponent,
            LawParameter("alpha_S", symbol: "α_S", summary: "steps exponent", lowerBound: 0, upperBound: 5),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        pow(p[0] / x[0], p[2]) + pow(p[1] / x[1], p[3])
    }

    /// `∂L/∂N_c = α_N t_N/N_c`, `∂L/∂α_N = t_N log(N_c/N)` with `t_N = (N_c/N)^α_N`, and the
    /// same for the steps term.
    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let logN = log(p[0] / x[0])
        let logS = log(p[1] / x[1])
        let sizeTerm = exp(p[2] * logN)
        let stepsTerm = exp(p[3] * logS)
        g[0] = p[2] * sizeTerm / p[0]
        g[1] = p[3] * stepsTerm / p[1]
        g[2] = sizeTerm * logN
        g[3] = stepsTerm * logS
    }

    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let y = response
        let count = y.count
        let logSpace = y.allSatisfy { $0 > 0 }
        let logN = inputs[0].map { log($0) }
        let logS = inputs[1].map { log($0) }
        var best = KaplanConstants.stepsNS.values
        var bestScore = Double.infinity
        let exponents = PowerLawGuess.logSpaced(0.02, 2.0, count: 24)
        var phiN = [Double](repeating: 0, count: count)
        var phiS = [Double](repeating: 0, count: count)
        var prediction = [Double](repeating: 0, count: count)
        for alphaN in exponents {
            for i in 0..<count { phiN[i] = exp(-alphaN * logN[i]) }
            for alphaS in exponents {
                for i in 0..<count { phiS[i] = exp(-alphaS * logS[i]) }
                let fit = PowerLawGuess.nonNegativeTwoTerm(phiN, phiS, y)
                guard fit.c1 > 0, fit.c2 > 0 else { continue }
                for i in 0..<count { prediction[i] = fit.c1 * phiN[i] + fit.c2 * phiS[i] }
                let score = PowerLawGuess.score(prediction, y, logSpace: logSpace)
                if score < bestScore {
                    let nC = pow(fit.c1, 1 / alphaN)
                    let sC = pow(fit.c2, 1 / alphaS)
                    guard nC.isFinite, nC > 0, sC.isFinite, sC > 0 else { continue }
                    bestScore = score
                    best = [nC, sC, alphaN, alphaS]
                }
            }
        }
        return best
    }
}
