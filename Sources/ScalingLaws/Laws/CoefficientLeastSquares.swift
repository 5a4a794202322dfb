/// Small dense linear least squares by the normal equations (a handful of columns): the
/// linear coefficients of a law at fixed nonlinear parameters, for starting values.
enum CoefficientLeastSquares {
    /// Coefficients b minimising Σ_i (y_i − Σ_j b_j·X_j[i])² and that sum; `nil` when the
    /// normal equations are singular or a value is not finite.
    static func solve(columns: [[Double]], response: [Double]) -> ([Double], Double)? {
        let p = columns.count
        var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
        for j in 0..<p {
            for k in 0..<p {
                var sum = 0.0
                for i in response.indices { sum += columns[j][i] * columns[k][i] }
                a[j][k] = sum
            }
            var sum = 0.0
            for i in response.indices { sum += columns[j][i] * response[i] }
            a[j][p] = sum
        }
        // Gaussian elimination with partial pivoting.
        for c in 0..<p {
            guard let pivot = (c..<p).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[pivot][c]) > 1e-300 else { return nil }
            a.swapAt(c, pivot)
            for r in 0..<p where r != c {
                let f = a[r][c] / a[c][c]
                if f != 0 { for k in c...p { a[r][k] -= f * a[c][k] } }
            }
        }
        let b = (0..<p).map { a[$0][p] / a[$0][$0] }
        var sse = 0.0
        for i in response.indices {
            var fit = 0.0
            for j in 0..<p { fit += b[j] * columns[j][i] }
            sse += (response[i] - fit) * (response[i] - fit)
        }
        guard sse.isFinite, b.allSatisfy(\.isFinite) else { return nil }
        return (b, sse)
    }
}
