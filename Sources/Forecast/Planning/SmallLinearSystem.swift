/// Dense linear algebra for the few-parameter regressions of planning (at most six unknowns):
/// Gauss–Jordan with partial pivoting. Kept in Swift because the systems are tiny and their
/// conditioning is checked by the caller (a singular system returns `nil`).
enum SmallLinearSystem {
    /// The inverse of a square matrix, or `nil` when a pivot is below `1e-300` relative to the
    /// largest entry (singular to working precision).
    static func inverse(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var m = a
        var inv = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        var scale = 0.0
        for row in a { for v in row { scale = max(scale, abs(v)) } }
        guard scale > 0 else { return nil }
        for col in 0..<n {
            var pivot = col
            for r in col..<n where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
            guard abs(m[pivot][col]) > 1e-13 * scale else { return nil }
            m.swapAt(col, pivot)
            inv.swapAt(col, pivot)
            let p = m[col][col]
            for j in 0..<n { m[col][j] /= p; inv[col][j] /= p }
            for r in 0..<n where r != col {
                let f = m[r][col]
                if f == 0 { continue }
                for j in 0..<n { m[r][j] -= f * m[col][j]; inv[r][j] -= f * inv[col][j] }
            }
        }
        return inv
    }

    /// Weighted least squares `min Σ w_i (y_i − x_i·β)²`: the coefficients, their covariance
    /// `s²·(XᵀWX)⁻¹` with `s² = Σ w r² / (n − p)` (or `(XᵀWX)⁻¹` alone when `n = p`), and the
    /// residual degrees of freedom.
    static func leastSquares(_ x: [[Double]], _ y: [Double], weights: [Double]? = nil, scaleByResiduals: Bool = true)
        -> (beta: [Double], covariance: [[Double]], dof: Int, rss: Double)? {
        let n = x.count
        guard n > 0 else { return nil }
        let p = x[0].count
        guard n >= p else { return nil }
        let w = weights ?? Array(repeating: 1, count: n)
        var xtx = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        var xty = Array(repeating: 0.0, count: p)
        for i in 0..<n {
            for j in 0..<p {
                xty[j] += w[i] * x[i][j] * y[i]
                for k in 0..<p { xtx[j][k] += w[i] * x[i][j] * x[i][k] }
            }
        }
        guard let inv = inverse(xtx) else { return nil }
        var beta = Array(repeating: 0.0, count: p)
        for j in 0..<p { for k in 0..<p { beta[j] += inv[j][k] * xty[k] } }
        var rss = 0.0
        for i in 0..<n {
            var fit = 0.0
            for j in 0..<p { fit += x[i][j] * beta[j] }
            rss += w[i] * (y[i] - fit) * (y[i] - fit)
        }
        let dof = n - p
        let s2 = (scaleByResiduals && dof > 0) ? rss / Double(dof) : 1
        let cov = inv.map { $0.map { $0 * s2 } }
        return (beta, cov, dof, rss)
    }

    /// `gᵀ Σ g`.
    static func quadraticForm(_ g: [Double], _ sigma: [[Double]]) -> Double {
        var total = 0.0
        for i in 0..<g.count { for j in 0..<g.count { total += g[i] * sigma[i][j] * g[j] } }
        return total
    }
}
