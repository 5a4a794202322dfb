import Foundation

/// Prediction intervals for benchmark scores that stay inside the score's range
/// `[chance, 1]`, computed on the logit scale (Ruan et al. 2024, "Observational Scaling Laws",
/// arXiv:2405.10938, fit and predict normalised accuracies through a sigmoid link; Owen 2024,
/// arXiv:2401.04757, fits benchmark scores with a sigmoid in log compute):
///
/// ```
/// s = (ŷ − c)/(1 − c),   z = ln(s/(1 − s))                    (c: chance, the law's floor)
/// SE_z = √(SE(ŷ)² + s²_res) / ((1 − c)·s·(1 − s))               (delta method, dz/dŷ)
/// PI = c + (1 − c)·logistic(z ± t·SE_z)
/// ```
/// `SE(ŷ)` is the delta-method standard error of the mean curve, `s²_res` the fit's residual
/// variance on the score scale and `t` the Student quantile at the fit's level. The interval
/// equals the symmetric one to first order where the curve is far from its bounds and narrows
/// towards them, never leaving `(c, 1)`.
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

    /// The interval `c + (1 − c)·logistic(z ± t·SE_z)` around `value` with score-scale standard
    /// deviation `sd` (mean and residual combined), or `nil` when `value` is not strictly inside
    /// the domain or `sd`, `t` are not finite.
    public static func interval(value: Double, standardDeviation sd: Double, t: Double, domain: ClosedRange<Double>) -> (lower: Double, upper: Double)? {
        let c = domain.lowerBound, width = domain.upperBound - domain.lowerBound
        guard width > 0, sd.isFinite, sd >= 0, t.isFinite else { return nil }
        let s = (value - c) / width
        guard s > 0, s < 1 else { return nil }
        let z = log(s / (1 - s))
        let se = sd / (width * s * (1 - s))
        func back(_ z: Double) -> Double {
            let e = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
            return c + width * e
        }
        return (back(z - t * se), back(z + t * se))
    }
}
