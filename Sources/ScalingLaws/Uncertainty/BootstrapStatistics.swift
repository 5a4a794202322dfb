import Foundation
import NonlinearFit

/// Summary statistics of bootstrap draws: quantiles, standard deviation, percentile and BCa
/// intervals. Sums are plain loops in index order, so results are reproducible bit for bit.
enum BootstrapStatistics {
    /// The `p`-quantile of `values` by linear interpolation between order statistics
    /// (Hyndman–Fan type 7, numpy's default): `h = (n − 1)p`, `q = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)`.
    static func quantile(sorted x: [Double], _ p: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let h = Double(x.count - 1) * Swift.min(Swift.max(p, 0), 1)
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }

    static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        return s / Double(x.count)
    }

    /// Sample standard deviation (divisor `n − 1`).
    static func standardDeviation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let m = mean(x)
        var s = 0.0
        for v in x { s += (v - m) * (v - m) }
        return (s / Double(x.count - 1)).squareRoot()
    }

    /// The percentile interval at `level`.
    static func percentile(sorted x: [Double], level: Double) -> BootstrapInterval {
        let tail = (1 - level) / 2
        return BootstrapInterval(lower: quantile(sorted: x, tail), upper: quantile(sorted: x, 1 - tail))
    }

    /// Bias correction `z0 = Φ⁻¹(#{θ* < θ̂}/B + ½·#{θ* = θ̂}/B)`, clamped to |z0| ≤ 8 when every
    /// draw lies on one side.
    static func biasCorrection(sorted x: [Double], estimate: Double) -> Double {
        var below = 0.0
        for v in x {
            if v < estimate { below += 1 } else if v == estimate { below += 0.5 }
        }
        let share = below / Double(x.count)
        let z = Distributions.normalQuantile(Swift.min(Swift.max(share, 1e-15), 1 - 1e-15))
        return Swift.min(Swift.max(z, -8), 8)
    }

    /// Acceleration from jackknife values `θ₍ᵢ₎`:
    /// ```
    /// a = Σ (θ̄ − θ₍ᵢ₎)³ / (6 [Σ (θ̄ − θ₍ᵢ₎)²]^{3/2})
    /// ```
    /// (0 when the jackknife values do not vary).
    static func acceleration(jackknife: [Double]) -> Double {
        let m = mean(jackknife)
        var s2 = 0.0
        var s3 = 0.0
        for v in jackknife {
            let d = m - v
            s2 += d * d
            s3 += d * d * d
        }
        guard s2 > 0 else { return 0 }
        return s3 / (6 * pow(s2, 1.5))
    }

    /// The BCa interval (Efron 1987; Efron & Tibshirani 1993, §14.3): quantiles of the draws at
    /// ```
    /// α₁ = Φ(z0 + (z0 + z_{α/2}) / (1 − a(z0 + z_{α/2}))),  α₂ = Φ(z0 + (z0 + z_{1−α/2}) / (1 − a(z0 + z_{1−α/2})))
    /// ```
    static func bca(sorted x: [Double], estimate: Double, jackknife: [Double], level: Double) -> BootstrapInterval {
        let z0 = biasCorrection(sorted: x, estimate: estimate)
        let a = acceleration(jackknife: jackknife)
        let tail = (1 - level) / 2
        func adjusted(_ p: Double) -> Double {
            let z = Distributions.normalQuantile(p)
            let shifted = z0 + z
            return Distributions.normalCDF(z0 + shifted / (1 - a * shifted))
        }
        return BootstrapInterval(lower: quantile(sorted: x, adjusted(tail)), upper: quantile(sorted: x, adjusted(1 - tail)))
    }
}
