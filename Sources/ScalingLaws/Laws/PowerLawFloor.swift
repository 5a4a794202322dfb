import Foundation

/// A power law with an irreducible floor, in one variable:
///
/// ```
/// y = E + A · x^(−α)
/// ```
/// - `x`: any positive input (usually training compute `C` in FLOP), role `x`;
///   `y`: the response (loss, error), role `y` (map columns with `--x x=C --x y=loss`).
/// - `E ≥ 0`: the floor `y` approaches as `x → ∞` (irreducible loss), in units of `y`.
/// - `A ≥ 0`: coefficient, in units of `y·x^α`.
/// - `α ∈ [0, 10]`: the decay exponent (positive: a floor is approached from above).
/// - `E` and `A` are linear (solved exactly by variable projection over `α` in the default
///   start) and fitted as logarithms under log-space objectives.
///
/// The compute law with floor `L(C) = E + A·C^(−α)` (the offset variant of the
/// compute law of Liang et al. 2024, "Scaling Laws For Diffusion Transformers",
/// arXiv:2410.08184, and the one-variable form of Hoffmann et al. 2022's `E + A/N^α`).
public struct PowerLawFloor: ScalingLaw, Equatable, Hashable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "power-law-floor" }
    public var title: String { "Power law with a floor (irreducible term) in one variable" }
    public var formula: String { "y = E + A·x^(−α)" }
    public var citation: String {
        "Compute law with an irreducible floor, L(C) = E + A·C^(−α); cf. Hoffmann et al. 2022 (arXiv:2203.15556) eq. (2) in one variable and Liang et al. 2024 (arXiv:2410.08184)"
    }

    public var inputs: [LawVariable] {
        [LawVariable("x", symbol: "x", unit: "", summary: "input (compute, parameters, tokens, …)")]
    }

    public var response: LawVariable {
        LawVariable("y", symbol: "y", unit: "", summary: "response (loss, error, …)")
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("E", symbol: "E", unit: "y", summary: "irreducible floor",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("A", symbol: "A", unit: "y·x^α", summary: "coefficient",
                         lowerBound: 0, isLinear: true, fitsInLogSpace: true),
            LawParameter("alpha", symbol: "α", summary: "decay exponent", lowerBound: 0, upperBound: 10),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] + p[1] * pow(x[0], -p[2])
    }

    /// `∂y/∂E = 1`, `∂y/∂A = x^−α`, `∂y/∂α = −A·x^−α·log x`.
    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let term = pow(x[0], -p[2])
        g[0] = 1
        g[1] = term
        g[2] = -p[1] * term * log(x[0])
    }

    /// For each `α` on a log-spaced grid over [0.005, 3], `E` and `A` by non-negative least
    /// squares (2×2 normal equations); the grid point with the smallest residual sum of squares
    /// wins. A zero `E` or `A` is lifted to a small positive value so log-space fits can start.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let x = inputs[0]
        let y = response
        let ones = [Double](repeating: 1, count: y.count)
        let yMin = y.filter { $0 > 0 }.min() ?? 1
        var best = [0.5 * yMin, PowerLawGuess.geometricMean(y), 0.3]
        var bestRSS = Double.infinity
        let logX = x.map { log($0) }
        var phi = [Double](repeating: 0, count: y.count)
        for alpha in PowerLawGuess.logSpaced(0.005, 3, count: 60) {
            for i in y.indices { phi[i] = exp(-alpha * logX[i]) }
            let fit = PowerLawGuess.nonNegativeTwoTerm(ones, phi, y)
            if fit.residualSumOfSquares < bestRSS {
                bestRSS = fit.residualSumOfSquares
                best = [fit.c1, fit.c2, alpha]
            }
        }
        if !(best[0] > 0) { best[0] = 1e-3 * yMin }
        if !(best[1] > 0) { best[1] = 1e-3 * yMin * pow(PowerLawGuess.geometricMean(x), best[2]) }
        return best
    }
}
