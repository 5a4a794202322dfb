internal import CLAPACKE

/// The thin singular value decomposition of a real matrix.
///
/// ```
/// A = U · diag(σ) · Vᵀ,   A ∈ ℝ^{m×n},  k = min(m, n)
/// U ∈ ℝ^{m×k},  UᵀU = I_k
/// Vᵀ ∈ ℝ^{k×n}, VᵀV = I_k (rows of Vᵀ orthonormal)
/// σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0
/// ```
///
/// Computed by LAPACK `dgesdd` (divide and conquer, `jobz = 'S'`), the routine NumPy uses.
/// The signs of matching singular-vector pairs are not unique; only `U · diag(σ) · Vᵀ` is.
public struct SingularValueDecomposition: Sendable {
    /// The left singular vectors, `m × k` with orthonormal columns.
    public let u: Matrix
    /// The singular values in descending order (`k = min(m, n)` values, all `≥ 0`).
    public let singularValues: [Double]
    /// The transposed right singular vectors, `k × n` with orthonormal rows.
    public let vt: Matrix

    /// Decomposes `a`.
    ///
    /// - Parameter a: Any `m × n` matrix with `m, n ≥ 1` and finite elements.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` for an empty matrix,
    ///   `.nonFinite` for NaN or infinite elements, and `.lapack(routine: "dgesdd", info:)`
    ///   when the bidiagonal divide and conquer fails to converge (`info > 0`).
    public init(_ a: Matrix) throws {
        try InputValidation.requireNonEmpty(a, "A")
        try InputValidation.requireFinite(a, "A")
        let m = a.rows
        let n = a.columns
        let k = min(m, n)
        var work = a.elements
        var s = [Double](repeating: 0, count: k)
        var uElements = [Double](repeating: 0, count: m * k)
        var vtElements = [Double](repeating: 0, count: k * n)
        let info = LAPACKE_dgesdd(
            LAPACKBridge.columnMajor, LAPACKBridge.option("S"),
            try LAPACKBridge.integer(m, "rows"), try LAPACKBridge.integer(n, "columns"),
            &work, try LAPACKBridge.integer(m, "lda"), &s,
            &uElements, try LAPACKBridge.integer(m, "ldu"),
            &vtElements, try LAPACKBridge.integer(k, "ldvt"))
        try LAPACKBridge.check(info, "dgesdd")
        self.u = Matrix(rows: m, columns: k, columnMajor: uElements)
        self.singularValues = s
        self.vt = Matrix(rows: k, columns: n, columnMajor: vtElements)
    }

    /// The numerical rank: the number of singular values above a threshold.
    ///
    /// ```
    /// rank = #{ i : σᵢ > τ · σ₁ },   τ = relativeTolerance ?? max(m, n) · eps
    /// ```
    ///
    /// The default matches `numpy.linalg.matrix_rank`. A zero matrix has rank 0.
    ///
    /// - Parameter relativeTolerance: `τ`, relative to the largest singular value; `nil`
    ///   selects `max(m, n) · eps` with `eps = 2⁻⁵²`.
    /// - Returns: The rank, between 0 and `min(m, n)`.
    public func rank(relativeTolerance: Double? = nil) -> Int {
        let m = u.rows
        let n = vt.columns
        let tau = relativeTolerance ?? Double(max(m, n)) * LAPACKBridge.epsilon
        guard let largest = singularValues.first, largest > 0 else { return 0 }
        let threshold = tau * largest
        var count = 0
        for sigma in singularValues where sigma > threshold { count += 1 }
        return count
    }

    /// The singular values alone (`dgesdd` with `jobz = 'N'`), cheaper than a full
    /// decomposition.
    ///
    /// - Parameter a: A non-empty matrix with finite elements.
    /// - Returns: `σ₁ ≥ … ≥ σ_k`, `k = min(m, n)`.
    /// - Throws: As ``init(_:)``.
    static func singularValues(of a: Matrix) throws -> [Double] {
        try InputValidation.requireNonEmpty(a, "A")
        try InputValidation.requireFinite(a, "A")
        let m = a.rows
        let n = a.columns
        var work = a.elements
        var s = [Double](repeating: 0, count: min(m, n))
        // U and Vᵀ are not referenced for jobz = 'N'; LAPACK still wants valid leading dimensions.
        var unusedU = [Double](repeating: 0, count: 1)
        var unusedVt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(
            LAPACKBridge.columnMajor, LAPACKBridge.option("N"),
            try LAPACKBridge.integer(m, "rows"), try LAPACKBridge.integer(n, "columns"),
            &work, try LAPACKBridge.integer(m, "lda"), &s,
            &unusedU, 1, &unusedVt, 1)
        try LAPACKBridge.check(info, "dgesdd")
        return s
    }
}
