internal import CLAPACKE

/// The thin QR decomposition of a tall or square matrix.
///
/// ```
/// A = Q · R,   A ∈ ℝ^{m×n}, m ≥ n
/// Q ∈ ℝ^{m×n}, QᵀQ = I_n
/// R ∈ ℝ^{n×n} upper triangular
/// ```
///
/// Computed by LAPACK `dgeqrf` (Householder reflections) followed by `dorgqr` (forming the
/// first `n` columns of Q). No column pivoting, so the diagonal of R is not sorted and
/// may contain zeros for rank-deficient `A`.
public struct QRDecomposition: Sendable {
    /// The orthonormal factor, `m × n`.
    public let q: Matrix
    /// The upper-triangular factor, `n × n` (entries below the diagonal are exactly zero).
    public let r: Matrix

    /// Decomposes `a`.
    ///
    /// - Parameter a: An `m × n` matrix with `m ≥ n ≥ 1` and finite elements.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `m < n` or `A` is empty,
    ///   `.nonFinite` for NaN or infinite elements, `.lapack(routine: "dgeqrf" | "dorgqr", info:)`
    ///   if LAPACK rejects the call.
    public init(_ a: Matrix) throws {
        try InputValidation.requireNonEmpty(a, "A")
        guard a.rows >= a.columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "QR decomposition needs rows >= columns, got \(a.rows)×\(a.columns)")
        }
        try InputValidation.requireFinite(a, "A")
        let m = a.rows
        let n = a.columns
        let m32 = try LAPACKBridge.integer(m, "rows")
        let n32 = try LAPACKBridge.integer(n, "columns")
        var factored = a.elements
        var tau = [Double](repeating: 0, count: n)
        try LAPACKBridge.check(
            LAPACKE_dgeqrf(LAPACKBridge.columnMajor, m32, n32, &factored, m32, &tau), "dgeqrf")

        var rMatrix = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0...j {
                rMatrix.elements[i + j * n] = factored[i + j * m]
            }
        }
        try LAPACKBridge.check(
            LAPACKE_dorgqr(LAPACKBridge.columnMajor, m32, n32, n32, &factored, m32, tau), "dorgqr")
        self.q = Matrix(rows: m, columns: n, columnMajor: factored)
        self.r = rMatrix
    }

    /// The least-squares solution of `A x ≈ b` from the factors.
    ///
    /// ```
    /// x = R⁻¹ Qᵀ b   minimises ‖A x − b‖₂ when R is non-singular
    /// ```
    ///
    /// The triangular solve is LAPACK `dtrtrs`.
    ///
    /// - Parameter b: The right-hand side, one value per row of `A` (`m` values), finite.
    /// - Returns: `x`, `n` values.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when `b.count != m`, `.nonFinite`
    ///   for NaN or infinite `b`, `.lapack(routine: "dtrtrs", info: i)` when `R[i−1, i−1]`
    ///   is exactly zero (A is rank-deficient; use ``LinearLeastSquares/solve(_:_:rcond:)``).
    public func solve(_ b: [Double]) throws -> [Double] {
        let m = q.rows
        let n = q.columns
        guard b.count == m else {
            throw LinearAlgebraError.dimensionMismatch("b has \(b.count) elements but A has \(m) rows")
        }
        try InputValidation.requireFinite(b, "b")
        var c = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var dot = 0.0
            let offset = j * m
            for i in 0..<m { dot += q.elements[offset + i] * b[i] }
            c[j] = dot
        }
        let n32 = try LAPACKBridge.integer(n, "columns")
        let info = LAPACKE_dtrtrs(
            LAPACKBridge.columnMajor, LAPACKBridge.option("U"), LAPACKBridge.option("N"),
            LAPACKBridge.option("N"), n32, 1, r.elements, n32, &c, n32)
        try LAPACKBridge.check(info, "dtrtrs")
        return c
    }
}
