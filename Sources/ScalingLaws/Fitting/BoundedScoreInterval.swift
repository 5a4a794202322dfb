import Foundation

/// Prediction intervals for benchmark scores that stay inside the score's range
/// `[chance, 1]`, computed on the logit scale (Ruan et al. 2024, "Observational Scaling Laws",
/// arXiv:2405.10938, map capabilities to benchmark scores through a sigmoid link; Owen 2024,
/// arXiv:2401.04757, fits benchmark scores with a sigmoid in log compute).
///
/// A new model's score is taken to scatter with constant variance `s_z²` on the logit scale
/// of the normalised score, so its scatter on the score scale is largest mid-curve and vanishes
/// at chance and at 1:
///
/// ```
/// s = (ŷ − c)/(1 − c),   z = ln(s/(1 − s)),   g(ŷ) = (1 − c)·s·(1 − s) = dŷ/dz
/// s_z² = s²_res / mean_x g(ŷ(x))²                 (x: log10 C over the fitted range)
/// SE_z = SE(ŷ)/g(ŷ)                               (delta method for the mean curve)
/// PI = c + (1 − c)·logistic(z ± t·√(SE_z² + s_z²))
/// ```
/// `s²_res = χ²/(n − p)` is the fit's residual variance on the score scale, which under this
/// model is `s_z²` times the mean of `g²` over the fitted models; the mean is taken over 101
/// points evenly spaced in `log10 C` across the fitted range (the fit artifact keeps the range,
/// not the points). `t` is the Student quantile at the fit's level. The interval never leaves
/// `(c, 1)`.
public enum BoundedScoreInterval {
    /// The range `[chance, 1]` of a benchmark-score law of compute, or `nil` when `law` is not one:
    /// `sigmoid` and `clipped-linear` (scores normalised so chance = 0) give `[0, 1]`;
    /// `sigmoid-offset` gives `[y0, 1]`.
    public static func domain(law: String, values: [Double]) -> ClosedRange<Double>? {
        switch law {
        case "sigmoid", "clipped-linear":
            return 0...1
        case "sigmoid-offset":
            guard values.count >= 3, values[2].isFinite, values[2] < 1 else { return nil }
            return values[2]...1
        default:
            return nil
        }
    }

    /// `g(ŷ) = (1 − c)·s·(1 − s)`, the slope of the score in the logit of the normalised score.
    public static func slope(_ value: Double, domain: ClosedRange<Double>) -> Double {
        let width = domain.upperBound - domain.lowerBound
        let s = (value - domain.lowerBound) / width
        return width * s * (1 - s)
    }

    /// `mean g(ŷ(x))²` over 101 points evenly spaced in `log10 C` across `range` (FLOP), for
    /// `law` at `values`; `nil` for an empty or non-positive range.
    public static func meanSquaredSlope(law: any ScalingLaw, values: [Double], range: ClosedRange<Double>, domain: ClosedRange<Double>) -> Double? {
        guard range.lowerBound > 0, range.upperBound.isFinite else { return nil }
        let lo = log10(range.lowerBound), hi = log10(range.upperBound)
        var sum = 0.0
        for i in 0...100 {
            let x = lo + (hi - lo) * Double(i) / 100
            let g = slope(law.evaluate([pow(10, x)], values), domain: domain)
            sum += g * g
        }
        let mean = sum / 101
        return mean.isFinite && mean > 0 ? mean : nil
    }

    /// The interval `c + (1 − c)·logistic(z ± t·√(SE_z² + s_z²))` around `value`, or `nil` when
    /// `value` is not strictly inside the domain or an input is not finite.
    /// - Parameters:
    ///   - value: The predicted score `ŷ` of the mean curve.
    ///   - standardError: `SE(ŷ)` of the mean curve on the score scale.
    ///   - logitResidualVariance: `s_z²`.
    ///   - t: The Student-t (or normal) quantile of the interval's level.
    ///   - domain: The scores' range `[c, 1]`: chance to the best score.
    public static func interval(
        value: Double, standardError: Double, logitResidualVariance: Double, t: Double, domain: ClosedRange<Double>
    ) -> (lower: Double, upper: Double)? {
        let c = domain.lowerBound, width = domain.upperBound - domain.lowerBound
        guard width > 0, standardError.isFinite, standardError >= 0, logitResidualVariance.isFinite, logitResidualVariance >= 0, t.isFinite else {
            return nil
        }
        let s = (value - c) / width
        guard s > 0, s < 1 else { return nil }
        let z = log(s / (1 - s))
        let seZ = standardError / (width * s * (1 - s))
        let total = (seZ * seZ + logitResidualVariance).squareRoot()
        func back(_ z: Double) -> Double {
            let e = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
            return c + width * e
        }
        return (back(z - t * total), back(z + t * total))
    }
}
