import Foundation

/// Akima's piecewise-cubic interpolant (Akima 1970, J. ACM 17(4)), as scipy's
/// `Akima1DInterpolator` computes it: the slope at each knot is a weighted mean of the
/// neighbouring secant slopes,
///
/// ```
/// t_i = (|m_{i+1} − m_i|·m_{i−1} + |m_{i−1} − m_{i−2}|·m_i) / (|m_{i+1} − m_i| + |m_{i−1} − m_{i−2}|)
/// ```
/// with two secants extrapolated linearly past each end (`m_{−1} = 2m_0 − m_1`, …) and
/// `t_i = (m_{i−2} + m_{i+1})/2` where both weights vanish (below 1e-9 of the largest); each
/// interval is the cubic Hermite polynomial through its end values and slopes.
struct AkimaSpline {
    let x: [Double]
    let y: [Double]
    let slopes: [Double]

    /// `x` strictly increasing, at least 2 knots.
    init?(x: [Double], y: [Double]) {
        let n = x.count
        guard n >= 2, y.count == n else { return nil }
        for k in 1..<n where !(x[k] > x[k - 1]) { return nil }
        self.x = x
        self.y = y
        // m[2 ..< n+1] are the n − 1 secants; two extrapolated on each side.
        var m = [Double](repeating: 0, count: n + 3)
        for k in 0..<(n - 1) { m[k + 2] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]) }
        if n == 2 {
            m[1] = m[2]; m[0] = m[2]; m[3] = m[2]; m[4] = m[2]
        } else {
            m[1] = 2 * m[2] - m[3]
            m[0] = 2 * m[1] - m[2]
            m[n + 1] = 2 * m[n] - m[n - 1]
            m[n + 2] = 2 * m[n + 1] - m[n]
        }
        var dm = [Double](repeating: 0, count: n + 2)
        for k in 0..<(n + 2) { dm[k] = Swift.abs(m[k + 1] - m[k]) }
        var largest = 0.0
        for k in 0..<n { largest = Swift.max(largest, dm[k + 2] + dm[k]) }
        var t = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let f1 = dm[i + 2], f2 = dm[i]
            let f12 = f1 + f2
            if f12 > 1e-9 * largest {
                t[i] = (f1 * m[i + 1] + f2 * m[i + 2]) / f12
            } else {
                t[i] = 0.5 * (m[i + 3] + m[i])
            }
        }
        self.slopes = t
    }

    /// The interpolant at `u` (clamped to the knot range).
    func callAsFunction(_ u: Double) -> Double {
        let n = x.count
        var k = 0
        // Last knot index with x[k] <= u, at most n − 2.
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if x[mid] <= u { lo = mid } else { hi = mid }
        }
        k = lo
        let h = x[k + 1] - x[k]
        let s = Swift.min(Swift.max((u - x[k]) / h, 0), 1)
        let s2 = s * s, s3 = s2 * s
        let h00 = 2 * s3 - 3 * s2 + 1
        let h10 = s3 - 2 * s2 + s
        let h01 = -2 * s3 + 3 * s2
        let h11 = s3 - s2
        return h00 * y[k] + h10 * h * slopes[k] + h01 * y[k + 1] + h11 * h * slopes[k + 1]
    }
}
