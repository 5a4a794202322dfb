import LinearAlgebra

/// The covariance of the free parameters from the Jacobian `J` of the residuals at the optimum,
/// through its singular value decomposition `J = U S Vᵀ`:
///
/// ```
/// C = s² · V S⁻² Vᵀ,    s² = χ²/dof   (or 1 with absolute sigma)
/// ```
/// Columns are scaled to unit norm before the decomposition (and unscaled after) so the
/// rank decision and the condition number do not depend on the parameters' units. Singular
/// values below `max(n, p)·ε·s_max` count as zero: the Jacobian is then rank deficient and no
/// covariance is returned.
struct CovarianceEstimate {
    let covariance: Matrix?
    let correlation: Matrix?
    let conditionNumber: Double
    let rank: Int
    /// The right singular vector of the smallest scaled singular value (in the scaled
    /// parameters): the direction the data determine least; empty without a decomposition.
    var weakestDirection: [Double] = []

    /// - Parameters:
    ///   - jacobian: `J`, or any matrix with the same singular values and right singular vectors
    ///     (such as the Cholesky factor `R` of `JᵀJ`).
    ///   - varianceScale: `s²`.
    ///   - observations: The rows of `J`, for the rank tolerance; `nil` when `jacobian` is `J`.
    init(jacobian: Matrix, varianceScale: Double, observations: Int? = nil) throws {
        let n = observations ?? jacobian.rows
        let q = jacobian.columns
        guard q > 0 else {
            covariance = Matrix(rows: 0, columns: 0)
            correlation = Matrix(rows: 0, columns: 0)
            conditionNumber = 1
            rank = 0
            return
        }
        var scaled = jacobian
        var norms = [Double](repeating: 0, count: q)
        for k in 0..<q {
            var s = 0.0
            for i in 0..<jacobian.rows { s += jacobian[i, k] * jacobian[i, k] }
            norms[k] = s.squareRoot()
            let inv = norms[k] > 0 ? 1 / norms[k] : 0
            for i in 0..<jacobian.rows { scaled[i, k] = jacobian[i, k] * inv }
        }
        guard scaled.isFinite else {
            covariance = nil
            correlation = nil
            conditionNumber = .infinity
            rank = 0
            return
        }
        let svd = try SingularValueDecomposition(scaled)
        let s = svd.singularValues
        let smax = s.first ?? 0
        let tolerance = Double(Swift.max(n, q)) * Double.ulpOfOne * smax
        let rank = s.filter { $0 > tolerance }.count
        self.rank = rank
        let smin = s.last ?? 0
        conditionNumber = smin > 0 ? smax / smin : .infinity
        if let last = s.indices.last { weakestDirection = (0..<q).map { svd.vt[last, $0] } }
        guard rank == q, norms.allSatisfy({ $0 > 0 }), varianceScale.isFinite else {
            covariance = nil
            correlation = nil
            return
        }
        // C_scaled = V S^-2 V^T ; C = D^-1 C_scaled D^-1 with D = diag(norms)
        var cov = Matrix(rows: q, columns: q)
        for a in 0..<q {
            for b in a..<q {
                var sum = 0.0
                for k in 0..<q {
                    let inv = 1 / (s[k] * s[k])
                    sum += svd.vt[k, a] * svd.vt[k, b] * inv
                }
                let value = sum * varianceScale / (norms[a] * norms[b])
                cov[a, b] = value
                cov[b, a] = value
            }
        }
        var corr = Matrix(rows: q, columns: q)
        for a in 0..<q {
            for b in 0..<q {
                corr[a, b] = cov[a, b] / (cov[a, a] * cov[b, b]).squareRoot()
            }
        }
        covariance = cov
        correlation = corr
    }
}
