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
/// Cov(log k, a) = −s²·ū / Σ (u_i − ū)²
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
    /// Upper end of the exponent's interval, or `nil`.
    public let exponentUpper: Double?
    /// Level of the exponent's interval.
    public let confidenceLevel: Double
    /// Points in the regression.
    public let points: Int
    /// Coefficient of determination in log space.
    public let rSquared: Double?
    /// The residual variance `s²` in log space, `nil` with two points (absent in older artifacts).
    public var residualVariance: Double? = nil
    /// `Cov(log k, a)`, `nil` with two points (absent in older artifacts). With the two
    /// standard errors it is the covariance matrix of `(log k, a)` used by
    /// ``prediction(at:confidenceLevel:)``.
    public var logCoefficientExponentCovariance: Double? = nil

    /// The covariance matrix of `(log k, a)`, 2×2, or `nil` with two points.
    public var covariance: [[Double]]? {
        guard let seK = logCoefficientStandardError, let seA = exponentStandardError, let c = logCoefficientExponentCovariance else {
            return nil
        }
        return [[seK * seK, c], [c, seA * seA]]
    }

    /// Residual degrees of freedom, `n − 2`.
    public var degreesOfFreedom: Int { points - 2 }

    /// The power law `k·x^a` as `ScalingLaws/PowerLawParameters` (`A = k`, `α = −a`).
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
        var line = LogLogRegression(
            exponent: slope, coefficient: exp(intercept), exponentStandardError: se, logCoefficientStandardError: seIntercept,
            exponentLower: slope - t * se, exponentUpper: slope + t * se, confidenceLevel: confidenceLevel,
            points: u.count, rSquared: rSquared)
        line.residualVariance = s2
        line.logCoefficientExponentCovariance = -s2 * uMean / suu
        return line
    }

    /// The line's value `k·x^a` at `x` with the confidence interval of the mean line,
    ///
    /// ```
    /// Var(log ŷ(x)) = Var(log k) + u²·Var(a) + 2u·Cov(log k, a),   u = log x
    ///              = s²·(1/n + (u − ū)²/Σ (u_i − ū)²)
    /// ŷ·exp(± t_{n−2, (1+level)/2}·√Var)
    /// ```
    /// the exact OLS interval for the mean of `log y` at `x` under independent normal errors of
    /// constant variance (Student t with `n − 2` degrees of freedom, not the normal quantile:
    /// with 4–8 budgets `t` is 2.4–4.3 where the normal gives 1.96). No interval with two points.
    public func prediction(at x: Double, confidenceLevel level: Double? = nil) -> FrontierPrediction {
        let level = level ?? confidenceLevel
        let value = callAsFunction(x)
        guard let seK = logCoefficientStandardError, let seA = exponentStandardError,
              let cov = logCoefficientExponentCovariance, points > 2, x > 0 else {
            return FrontierPrediction(at: x, value: value, logStandardError: nil, lower: nil, upper: nil, confidenceLevel: level)
        }
        let u = log(x)
        let variance = seK * seK + u * u * seA * seA + 2 * u * cov
        let se = Swift.max(variance, 0).squareRoot()
        let t = Distributions.studentTQuantile((1 + level) / 2, degreesOfFreedom: Double(degreesOfFreedom))
        return FrontierPrediction(
            at: x, value: value, logStandardError: se, lower: value * exp(-t * se), upper: value * exp(t * se),
            confidenceLevel: level)
    }
}
