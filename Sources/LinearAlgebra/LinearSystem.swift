internal import CLAPACKE

/// Square linear systems: general (LU) and symmetric positive definite (Cholesky).
public enum LinearSystem {
    /// Solves `A x = b` for square `A` by LU factorisation with partial pivoting.
    ///
    /// ```
    /// P A = L U,   x = U⁻¹ L⁻¹ P b
    /// ```
    ///
    /// LAPACK `dgesv`.
    ///
    /// - Parameters:
    ///   - a: An `n × n` finite matrix, `n ≥ 1`.
    ///   - b: `n` finite values.
    /// - Returns: `x`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` (non-square or empty `A`,
    ///   `b.count != n`), `.nonFinite`, `.lapack(routine: "dgesv", info: i)` with `i > 0`
    ///   when `U[i−1, i−1]` is exactly zero (singular `A`).
    public static func solve(_ a: Matrix, _ b: [Double]) throws -> [Double] {
        try validate(a, b)
        let n32 = try LAPACKBridge.integer(a.rows, "rows")
        var factored = a.elements
        var x = b
        var pivots = [LAPACKInt](repeating: 0, count: a.rows)
        try LAPACKBridge.check(
            LAPACKE_dgesv(LAPACKBridge.columnMajor, n32, 1, &factored, n32, &pivots, &x, n32), "dgesv")
        return x
    }

    /// Solves `A x = b` for symmetric positive definite `A` by Cholesky factorisation.
    ///
    /// ```
    /// A = Uᵀ U,   x = U⁻¹ U⁻ᵀ b
    /// ```
    ///
    /// LAPACK `dposv` with `uplo = 'U'`: only the upper triangle of `A` is read, and symmetry
    /// is not checked.
    ///
    /// - Parameters:
    ///   - a: An `n × n` symmetric positive definite finite matrix, `n ≥ 1`.
    ///   - b: `n` finite values.
    /// - Returns: `x`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` (non-square or empty `A`,
    ///   `b.count != n`), `.nonFinite`, `.lapack(routine: "dposv", info: i)` with `i > 0`
    ///   when the leading minor of order `i` is not positive definite.
    public static func solveSymmetricPositiveDefinite(_ a: Matrix, _ b: [Double]) throws -> [Double] {
        try validate(a, b)
        let n32 = try LAPACKBridge.integer(a.rows, "rows")
        var factored = a.elements
        var x = b
        try LAPACKBridge.check(
            LAPACKE_dposv(LAPACKBridge.columnMajor, LAPACKBridge.option("U"), n32, 1, &factored, n32, &x, n32),
            "dposv")
        return x
    }

    /// The inverse of a symmetric positive definite matrix, by Cholesky factorisation.
    ///
    /// ```
    /// A = Uᵀ U,   A⁻¹ = U⁻¹ U⁻ᵀ
    /// ```
    ///
    /// LAPACK `dpotrf` then `dpotri` with `uplo = 'U'`; only the upper triangle of `A` is
    /// read, and the result's lower triangle is copied from its upper one, so the returned
    /// matrix is exactly symmetric (what a covariance matrix `(JᵀJ)⁻¹` needs).
    ///
    /// - Parameter a: An `n × n` symmetric positive definite finite matrix, `n ≥ 1`.
    /// - Returns: `A⁻¹`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` (non-square or empty),
    ///   `.nonFinite`, `.lapack(routine: "dpotrf", info: i)` when the leading minor of order
    ///   `i` is not positive definite, `.lapack(routine: "dpotri", info: i)` when the Cholesky
    ///   factor has a zero diagonal element.
    public static func inverseSymmetricPositiveDefinite(_ a: Matrix) throws -> Matrix {
        try InputValidation.requireNonEmpty(a, "A")
        try InputValidation.requireSquare(a, "A")
        try InputValidation.requireFinite(a, "A")
        let n = a.rows
        let n32 = try LAPACKBridge.integer(n, "rows")
        var factored = a.elements
        try LAPACKBridge.check(
            LAPACKE_dpotrf(LAPACKBridge.columnMajor, LAPACKBridge.option("U"), n32, &factored, n32), "dpotrf")
        try LAPACKBridge.check(
            LAPACKE_dpotri(LAPACKBridge.columnMajor, LAPACKBridge.option("U"), n32, &factored, n32), "dpotri")
        for j in 0..<n {
            for i in (j + 1)..<n {
                factored[i + j * n] = factored[j + i * n]
            }
        }
        return Matrix(rows: n, columns: n, columnMajor: factored)
    }

    /// Shape and finiteness checks shared by the two solvers.
    private static func validate(_ a: Matrix, _ b: [Double]) throws {
        try InputValidation.requireNonEmpty(a, "A")
        try InputValidation.requireSquare(a, "A")
        try InputValidation.requireRightHandSide(b, rowsOf: a)
        try InputValidation.requireFinite(a, "A")
        try InputValidation.requireFinite(b, "b")
    }
}
