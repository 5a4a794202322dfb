import Foundation

/// Closed-form pieces the power-law family uses to guess starting values from data: a
/// log-log line by ordinary least squares, and a two-term linear fit with non-negative
/// coefficients by the 2×2 normal equations.
enum PowerLawGuess {
    /// A straight line `v = intercept + slope·u`.
    struct Line: Equatable {
        let intercept: Double
        let slope: Double
    }

    /// Two non-negative coefficients `c1, c2` of `y ≈ c1·φ1 + c2·φ2` and the residual sum of
    /// squares.
    struct TwoTerm: Equatable {
        let c1: Double
        let c2: Double
        let residualSumOfSquares: Double
    }

    /// The ordinary least-squares line of `log y` on `log x` over the points where both are
    /// positive and finite, or `nil` with fewer than two such points or no spread in `x`.
    static func logLogLine(x: [Double], y: [Double]) -> Line? {
        var u: [Double] = []
        var v: [Double] = []
        for i in x.indices where i < y.count {
            if x[i] > 0, y[i] > 0, x[i].isFinite, y[i].isFinite {
                u.append(log(x[i]))
                v.append(log(y[i]))
            }
        }
        return line(u, v)
    }

    /// The ordinary least-squares line of `v` on `u`, or `nil` when it is not determined.
    static func line(_ u: [Double], _ v: [Double]) -> Line? {
        let n = Double(u.count)
        guard u.count >= 2 else { return nil }
        var mu = 0.0
        var mv = 0.0
        for i in u.indices {
            mu += u[i]
            mv += v[i]
        }
        mu /= n
        mv /= n
        var suu = 0.0
        var suv = 0.0
        for i in u.indices {
            suu += (u[i] - mu) * (u[i] - mu)
            suv += (u[i] - mu) * (v[i] - mv)
        }
        guard suu > 0 else { return nil }
        let slope = suv / suu
        let line = Line(intercept: mv - slope * mu, slope: slope)
        return line.intercept.isFinite && line.slope.isFinite ? line : nil
    }

    /// The least-squares `y ≈ c1·φ1 + c2·φ2` with `c1, c2 ≥ 0` (the best of the unconstrained
    /// solution, when feasible, and the two one-term fits).
    static func nonNegativeTwoTerm(_ phi1: [Double], _ phi2: [Double], _ y: [Double]) -> TwoTerm {
        var s11 = 0.0, s12 = 0.0, s22 = 0.0, s1y = 0.0, s2y = 0.0, syy = 0.0
        for i in y.indices {
            s11 += phi1[i] * phi1[i]
            s12 += phi1[i] * phi2[i]
            s22 += phi2[i] * phi2[i]
            s1y += phi1[i] * y[i]
            s2y += phi2[i] * y[i]
            syy += y[i] * y[i]
        }
        // RSS = yᵀy − 2cᵀΦᵀy + cᵀΦᵀΦc
        func rss(_ c1: Double, _ c2: Double) -> Double {
            let value = syy - 2 * (c1 * s1y + c2 * s2y) + c1 * c1 * s11 + 2 * c1 * c2 * s12 + c2 * c2 * s22
            return Swift.max(value, 0)
        }
        var best = TwoTerm(c1: 0, c2: 0, residualSumOfSquares: syy)
        func consider(_ c1: Double, _ c2: Double) {
            guard c1.isFinite, c2.isFinite, c1 >= 0, c2 >= 0 else { return }
            let r = rss(c1, c2)
            if r.isFinite, r < best.residualSumOfSquares { best = TwoTerm(c1: c1, c2: c2, residualSumOfSquares: r) }
        }
        let det = s11 * s22 - s12 * s12
        if det > 1e-14 * s11 * s22 {
            consider((s22 * s1y - s12 * s2y) / det, (s11 * s2y - s12 * s1y) / det)
        }
        if s11 > 0 { consider(s1y / s11, 0) }
        if s22 > 0 { consider(0, s2y / s22) }
        return best
    }

    /// The geometric mean of the positive values of `v` (1 when there are none).
    static func geometricMean(_ v: [Double]) -> Double {
        var s = 0.0
        var n = 0
        for x in v where x > 0 && x.isFinite {
            s += log(x)
            n += 1
        }
        return n > 0 ? exp(s / Double(n)) : 1
    }

    /// A score of predictions against observations: the sum of squared log residuals when all
    /// observations are positive (scale-free, as power laws span decades), else the sum of
    /// squared residuals. Non-finite or, in log space, non-positive predictions score `+inf`.
    static func score(_ prediction: [Double], _ y: [Double], logSpace: Bool) -> Double {
        var s = 0.0
        for i in y.indices {
            let f = prediction[i]
            if logSpace {
                guard f > 0, f.isFinite else { return .infinity }
                let r = log(f) - log(y[i])
                s += r * r
            } else {
                guard f.isFinite else { return .infinity }
                let r = f - y[i]
                s += r * r
            }
        }
        return s
    }

    /// `count` values log-spaced from `lower` to `upper`.
    static func logSpaced(_ lower: Double, _ upper: Double, count: Int) -> [Double] {
        (0..<count).map { i in lower * pow(upper / lower, Double(i) / Double(Swift.max(count - 1, 1))) }
    }
}
