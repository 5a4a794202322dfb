import Foundation
import NonlinearFit
import ScalingLaws

/// An ordinary least-squares line in log-log space, `log y = log k + a·log x`, i.e. the power
/// law `y = k·x^a`, with the standard error and confidence interval of the exponent.
///
/// ```
/// a = Σ (u_i − ū)(v_i − v̄) / Σ (u_i − ū)²,   u = log x, v = log y
/// s² = Σ r_i² / (n − 2),   SE(a) = s / √Σ (u_i − ū)²,   SE(log k) = s·√(1/n + ū²/Σ (u_i − ū)²)
/// interval  a ± t_{n−2, (1+level)/2}·SE(a)
/// ```
/// Used for `N* ∝ C^a` and `D* ∝ C^b` (Hoffmann et al. 2022, Approach 2). With two points the
/// line is exact and has no standard errors.
public struct LogLogRegression: Sendable, Equatable, Codable {
    /// The exponent `a` of `y = k·x^a`.
    public let exponent: Double
    /// The coefficient `k`.
    public let coefficient: Double
    /// Standard error of the exponent, `nil` with two points.
    public let exponentStandardError: Double?
    /// Standard error of `log k`, `nil` with two points.
    public let logCoefficientStandardError: Double?
    /// Confidence interval of the exponent at ``confidenceLevel`` (Student t, n − 2 dof).
    public let exponentLower: Double?
    public let exponentUpper: Double?
    public let confidenceLevel: Double
    /// Points in the regression.
    public let points: Int
    /// Coefficient of determination in log space.
    public let rSquared: Double?

    /// The power law `k·x^a` as ``ScalingLaws/PowerLawParameters`` (`A = k`, `α = −a`).
    public var powerLaw: PowerLawParameters { PowerLawParameters(a: coefficient, exponent: exponent) }

    /// `k·x^a`.
    public func callAsFunction(_ x: Double) -> Double { coefficient * pow(x, exponent) }

    /// Fits `y = k·x^a`; `nil` with fewer than two points, a non-positive value, or all `x` equal.
    public static func fit(x: [Double], y: [Double], confidenceLevel: Double = 0.95) -> LogLogRegression? {
        guard x.count == y.count, x.count >= 2 else { return nil }
        var u: [Double] = [], v: [Double] = []
        for k in x.indices {
            guard x[k] > 0, y[k] > 0, x[k].isFinite, y[k].isFinite else { return nil }
            u.append(log(x[k]))
            v.append(log(y[k]))
        }
        let n = Double(u.count)
        var uMean = 0.0, vMean = 0.0
        for k in u.indices { uMean += u[k]; vMean += v[k] }
        uMean /= n
        vMean /= n
        var suu = 0.0, suv = 0.0, svv = 0.0
        for k in u.indices {
            let du = u[k] - uMean, dv = v[k] - vMean
            suu += du * du
            suv += du * dv
            svv += dv * dv
        }
        guard suu > 0 else { return nil }
        let slope = suv / suu
        let intercept = vMean - slope * uMean
        var rss = 0.0
        for k in u.indices {
            let r = v[k] - intercept - slope * u[k]
            rss += r * r
        }
        let rSquared = svv > 0 ? 1 - rss / svv : nil
        guard u.count > 2 else {
            return LogLogRegression(
                exponent: slope, coefficient: exp(intercept), exponentStandardError: nil, logCoefficientStandardError: nil,
                exponentLower: nil, exponentUpper: nil, confidenceLevel: confidenceLevel, points: u.count, rSquared: rSquared)
        }
        let s2 = rss / (n - 2)
        let se = (s2 / suu).squareRoot()
        let seIntercept = (s2 * (1 / n + uMean * uMean / suu)).squareRoot()
        let t = Distributions.studentTQuantile((1 + confidenceLevel) / 2, degreesOfFreedom: n - 2)
        return LogLogRegression(
            exponent: slope, coefficient: exp(intercept), exponentStandardError: se, logCoefficientStandardError: seIntercept,
            exponentLower: slope - t * se, exponentUpper: slope + t * se, confidenceLevel: confidenceLevel,
            points: u.count, rSquared: rSquared)
    }
}
