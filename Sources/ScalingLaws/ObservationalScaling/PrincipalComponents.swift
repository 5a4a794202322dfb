import LinearAlgebra

/// Principal components of a models × benchmarks score table (Ruan, Maddison and Hashimoto
/// 2024, "Observational Scaling Laws and the Predictability of Language Model Performance",
/// arXiv:2405.10938, Sec. 3.2: the low-dimensional capability measures `S_m` are the top
/// principal components of the benchmark scores `B_m`).
///
/// With the score matrix `X ∈ ℝ^{n×p}` (one row per model), column means `μ_j` and column
/// scales `s_j` (the population standard deviation when standardised, else 1):
/// ```
/// Z = (X − 1μᵀ) · diag(1/s)          centred (and scaled) scores
/// Z = U · diag(σ) · Vᵀ               thin SVD (LAPACK dgesdd)
/// loading of PC k    = row k of Vᵀ (unit length, sign chosen so its elements sum to ≥ 0)
/// variance of PC k   = σ_k² / (n − 1)
/// explained share k  = σ_k² / Σ_j σ_j²
/// score of a model x = Vᵀ_k · ((x − μ) / s)
/// ```
/// The authors' code centres but does not standardise before its PCA (scikit-learn `PCA`
/// after a standardised PCA imputation of missing cells, ``MissingScoreImputation``); both are
/// offered. The sign rule makes PC 1 grow with the scores (a "general capability").
public struct PrincipalComponents: Sendable, Equatable, Codable {
    /// Column means `μ_j`.
    public let means: [Double]
    /// Column scales `s_j` (population standard deviations, or 1 when not standardised).
    public let scales: [Double]
    /// Whether the columns were scaled to unit variance.
    public let standardized: Bool
    /// The loadings: `components` rows of `p` values each, unit length.
    public let loadings: [[Double]]
    /// The variance of every principal component, `σ_k² / (n − 1)`, all `min(n, p)` of them.
    public let variances: [Double]
    /// The share of the total variance each principal component explains (all of them).
    public let explainedShares: [Double]
    /// The number of models the components were computed from.
    public let models: Int

    /// The number of kept components.
    public var components: Int { loadings.count }

    /// Computes the top `components` principal components of `rows`.
    ///
    /// - Parameters:
    ///   - rows: One row of `p` finite scores per model.
    ///   - components: How many components to keep, `1 ≤ components ≤ p`.
    ///   - standardize: Whether to scale each column to unit (population) variance first.
    ///   - names: Column names for error messages.
    /// - Throws: ``ObservationalScalingError/tooManyComponents(components:benchmarks:)``,
    ///   ``ObservationalScalingError/tooFewModels(models:components:needed:)``,
    ///   ``ObservationalScalingError/constantBenchmark(name:)``, and `LinearAlgebraError` when the
    ///   decomposition fails.
    public init(rows: [[Double]], components: Int, standardize: Bool, names: [String]) throws {
        let n = rows.count
        let p = names.count
        guard components >= 1, components <= p else {
            throw ObservationalScalingError.tooManyComponents(components: components, benchmarks: p)
        }
        guard n >= components + 1 else {
            throw ObservationalScalingError.tooFewModels(models: n, components: components, needed: components + 1)
        }
        for (i, row) in rows.enumerated() where row.count != p {
            throw ObservationalScalingError.ragged(expected: p, got: row.count, row: i + 1)
        }
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        for j in 0..<p {
            var sum = 0.0
            for row in rows { sum += row[j] }
            means[j] = sum / Double(n)
            var squares = 0.0
            for row in rows { squares += (row[j] - means[j]) * (row[j] - means[j]) }
            let sd = (squares / Double(n)).squareRoot()
            guard sd > 0, sd.isFinite else { throw ObservationalScalingError.constantBenchmark(name: names[j]) }
            if standardize { scales[j] = sd }
        }
        var z = Matrix(rows: n, columns: p)
        for i in 0..<n {
            for j in 0..<p { z[i, j] = (rows[i][j] - means[j]) / scales[j] }
        }
        let svd = try SingularValueDecomposition(z)
        var total = 0.0
        for s in svd.singularValues { total += s * s }
        var loadings: [[Double]] = []
        for k in 0..<components {
            var v = svd.vt.row(k)
            var sum = 0.0
            for x in v { sum += x }
            if sum < 0 { v = v.map { -$0 } }
            loadings.append(v)
        }
        self.means = means
        self.scales = scales
        self.standardized = standardize
        self.loadings = loadings
        self.variances = svd.singularValues.map { $0 * $0 / Double(n - 1) }
        self.explainedShares = svd.singularValues.map { total > 0 ? $0 * $0 / total : 0 }
        self.models = n
    }

    /// The capability scores `S = Vᵀ_{1..K} · ((x − μ) / s)` of one model.
    ///
    /// - Parameter scores: The model's `p` benchmark scores, in column order.
    /// - Returns: `components` principal-component scores.
    public func scores(of scores: [Double]) -> [Double] {
        loadings.map { v in
            var s = 0.0
            for j in v.indices { s += v[j] * (scores[j] - means[j]) / scales[j] }
            return s
        }
    }

    /// The scores mapped back from `components` principal-component scores:
    /// `x̂ = μ + s ⊙ (V_{1..K} · S)`.
    ///
    /// - Parameter capabilities: `components` principal-component scores.
    /// - Returns: The `p` reconstructed benchmark scores.
    public func reconstruct(_ capabilities: [Double]) -> [Double] {
        var x = means
        for j in x.indices {
            var s = 0.0
            for k in loadings.indices { s += loadings[k][j] * capabilities[k] }
            x[j] += scales[j] * s
        }
        return x
    }
}
