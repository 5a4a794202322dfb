extension Matrix {
    /// The 2-norm condition number, from the singular values.
    ///
    /// ```
    /// κ₂(A) = σ_max / σ_min,   over the min(m, n) singular values
    /// ```
    ///
    /// Matches `numpy.linalg.cond(A)` (including for non-square `A`). A singular matrix
    /// (`σ_min = 0`, including the zero matrix) gives `+∞`.
    ///
    /// - Returns: `κ₂(A) ≥ 1`, or `+∞`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` for an empty matrix, `.nonFinite`
    ///   for NaN or infinite elements, `.lapack(routine: "dgesdd", info:)` if the SVD fails.
    public func conditionNumber() throws -> Double {
        let sigma = try SingularValueDecomposition.singularValues(of: self)
        guard let largest = sigma.first, let smallest = sigma.last, smallest > 0 else {
            return .infinity
        }
        return largest / smallest
    }

    /// The Moore–Penrose pseudo-inverse, via the SVD.
    ///
    /// ```
    /// A⁺ = V · diag(1/σᵢ if σᵢ > rcond · σ₁ else 0) · Uᵀ,   A⁺ ∈ ℝ^{n×m}
    /// ```
    ///
    /// The default cut-off is the one of ``SingularValueDecomposition/rank(relativeTolerance:)``
    /// and of `numpy.linalg.pinv(A, rtol=None)` in NumPy 2: `max(m, n) · eps`.
    ///
    /// - Parameter rcond: Relative cut-off for small singular values (`≥ 0`, finite);
    ///   `nil` means `max(m, n) · eps`.
    /// - Returns: The `n × m` pseudo-inverse.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` for an empty matrix, `.nonFinite`
    ///   for NaN or infinite elements or `rcond`, `.invalidArgument` for negative `rcond`,
    ///   `.lapack(routine: "dgesdd", info:)` if the SVD fails.
    public func pseudoInverse(rcond: Double? = nil) throws -> Matrix {
        if let rcond {
            guard rcond.isFinite else { throw LinearAlgebraError.nonFinite("rcond = \(rcond)") }
            guard rcond >= 0 else {
                throw LinearAlgebraError.invalidArgument("rcond must be non-negative, got \(rcond)")
            }
        }
        let svd = try SingularValueDecomposition(self)
        let m = rows
        let n = columns
        let k = svd.singularValues.count
        let tau = rcond ?? Double(max(m, n)) * LAPACKBridge.epsilon
        let cutoff = tau * (svd.singularValues.first ?? 0)
        var result = Matrix(rows: n, columns: m)
        for l in 0..<k {
            let sigma = svd.singularValues[l]
            guard sigma > cutoff else { continue }
            let inverse = 1 / sigma
            // result[j, i] += vt[l, j] · uᵢₗ / σₗ, column i of the result at a time.
            for i in 0..<m {
                let factor = svd.u.elements[i + l * m] * inverse
                if factor == 0 { continue }
                for j in 0..<n {
                    result.elements[j + i * n] += svd.vt.elements[l + j * k] * factor
                }
            }
        }
        return result
    }
}
