internal import CLAPACKE

/// The minimum-norm least-squares solution of `A x ≈ b` with its diagnostics.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// `x`, one value per column of `A`.
    public let solution: [Double]
    /// The effective rank of `A`: singular values `σᵢ > rcond · σ₁` are kept.
    public let rank: Int
    /// The singular values of `A` in descending order (`min(m, n)` values).
    public let singularValues: [Double]
    /// `‖b − A x‖²`, computed from the original `A` and `b`.
    public let residualSumOfSquares: Double
}

/// Linear least squares: unconstrained (``solve(_:_:rcond:)``), non-negative
/// (``nonNegative(_:_:maxIterations:)``) and bounded (``bounded(_:_:lower:upper:maxIterations:)``).
public enum LinearLeastSquares {
    /// The minimum-norm solution of the linear least-squares problem, with rank detection.
    ///
    /// ```
    /// x = argmin ‖x‖₂  over  argmin_x ‖A x − b‖₂
    ///   = V₁ Σ₁⁻¹ U₁ᵀ b,   keeping σᵢ > rcond · σ₁
    /// ```
    ///
    /// Computed by LAPACK `dgelsd` (SVD by divide and conquer), the routine behind
    /// `numpy.linalg.lstsq` and `scipy.linalg.lstsq`. It handles over- and under-determined and
    /// rank-deficient problems. `residualSumOfSquares` is recomputed from the original `A`
    /// and `b` (the value LAPACK leaves in `b` is only valid for full-rank `m > n`).
    ///
    /// - Parameters:
    ///   - a: The `m × n` design matrix (`m, n ≥ 1`, finite).
    ///   - b: The observations, `m` finite values.
    ///   - rcond: Relative threshold for the rank; a negative value (the default) means
    ///     machine precision, as in LAPACK.
    /// - Returns: The solution, rank, singular values and residual sum of squares.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `b.count != m` or `A` is
    ///   empty, `.nonFinite` for NaN or infinite `A`, `b` or `rcond`,
    ///   `.lapack(routine: "dgelsd", info:)` if the SVD fails to converge.
    public static func solve(_ a: Matrix, _ b: [Double], rcond: Double = -1) throws -> LeastSquaresSolution {
        try InputValidation.requireNonEmpty(a, "A")
        try InputValidation.requireRightHandSide(b, rowsOf: a)
        try InputValidation.requireFinite(a, "A")
        try InputValidation.requireFinite(b, "b")
        guard rcond.isFinite else { throw LinearAlgebraError.nonFinite("rcond = \(rcond)") }
        let m = a.rows
        let n = a.columns
        let ldb = max(m, n)
        var factored = a.elements
        var rhs = [Double](repeating: 0, count: ldb)
        for i in 0..<m { rhs[i] = b[i] }
        var s = [Double](repeating: 0, count: min(m, n))
        var rank: LAPACKInt = 0
        let info = LAPACKE_dgelsd(
            LAPACKBridge.columnMajor,
            try LAPACKBridge.integer(m, "rows"), try LAPACKBridge.integer(n, "columns"), 1,
            &factored, try LAPACKBridge.integer(m, "lda"),
            &rhs, try LAPACKBridge.integer(ldb, "ldb"), &s, rcond, &rank)
        try LAPACKBridge.check(info, "dgelsd")
        let x = Array(rhs[0..<n])
        return LeastSquaresSolution(
            solution: x,
            rank: Int(rank),
            singularValues: s,
            residualSumOfSquares: a.residualSumOfSquares(x, b))
    }
}
