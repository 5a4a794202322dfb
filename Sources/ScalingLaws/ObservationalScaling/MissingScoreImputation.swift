/// Fills empty cells of a models × benchmarks score table the way the authors of
/// "Observational Scaling Laws" (Ruan, Maddison and Hashimoto 2024, arXiv:2405.10938; their
/// released `pca_impute`) do: iterative low-rank PCA imputation on standardised scores.
///
/// ```
/// z_ij = (x_ij − μ_j) / s_j          μ, s: mean and population s.d. of the observed cells
/// z_ij = 0 for a missing cell         (the column mean)
/// repeat: Ẑ = rank-r PCA reconstruction of Z;  stop when |Z − Ẑ| ≤ tol + rtol·|Ẑ| everywhere;
///         z_ij ← ẑ_ij for the missing cells only
/// x_ij = μ_j + s_j · z_ij
/// ```
/// The authors use `r = 1` component, `tol = 1e-4`, `rtol = 1e-5` (NumPy's `allclose`) and at
/// most 1000 rounds; rows to be predicted are imputed with the scaler and components of the
/// fitted rows. The rule compares every cell, observed ones included, so on real tables (not
/// exactly of rank `r`) it runs to the round limit.
public struct MissingScoreImputation: Sendable, Equatable {
    /// Column means of the observed cells of the fitted rows.
    public let means: [Double]
    /// Column population standard deviations of the observed cells of the fitted rows.
    public let scales: [Double]
    /// The components of the last round, on the standardised scale.
    public let components: PrincipalComponents
    /// The fitted rows with every cell filled.
    public let completed: [[Double]]
    /// How many cells were filled.
    public let filled: Int
    /// Rounds run.
    public let rounds: Int

    /// Imputes the missing (`nil`) cells of `rows`.
    ///
    /// - Parameters:
    ///   - rows: One row of `p` scores per model, `nil` for a missing cell.
    ///   - names: Column names for error messages.
    ///   - rank: Components of the reconstruction (the authors: 1).
    ///   - tolerance: Absolute tolerance of the stopping rule (the authors: 1e-4).
    ///   - relativeTolerance: Relative tolerance of the stopping rule (the authors: NumPy's
    ///     `allclose` default, 1e-5).
    ///   - maxRounds: Round limit (the authors: 1000).
    /// - Throws: ``ObservationalScalingError/constantBenchmark(name:)`` for a column with fewer
    ///   than two distinct observed values, and the errors of ``PrincipalComponents``.
    public init(rows: [[Double?]], names: [String], rank: Int = 1, tolerance: Double = 1e-4, relativeTolerance: Double = 1e-5, maxRounds: Int = 1000) throws {
        let p = names.count
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        for j in 0..<p {
            var sum = 0.0
            var count = 0
            for row in rows { if let x = row[j] { sum += x; count += 1 } }
            guard count > 0 else { throw ObservationalScalingError.constantBenchmark(name: names[j]) }
            means[j] = sum / Double(count)
            var squares = 0.0
            for row in rows { if let x = row[j] { squares += (x - means[j]) * (x - means[j]) } }
            let sd = (squares / Double(count)).squareRoot()
            guard sd > 0 else { throw ObservationalScalingError.constantBenchmark(name: names[j]) }
            scales[j] = sd
        }
        var z = rows.map { row in (0..<p).map { j in row[j].map { ($0 - means[j]) / scales[j] } ?? 0 } }
        var filled = 0
        for row in rows { for cell in row where cell == nil { filled += 1 } }
        var pca = try PrincipalComponents(rows: z, components: rank, standardize: false, names: names)
        var rounds = 0
        if filled > 0 {
            while rounds < maxRounds {
                rounds += 1
                pca = try PrincipalComponents(rows: z, components: rank, standardize: false, names: names)
                var converged = true
                var next = z
                for i in z.indices {
                    let back = pca.reconstruct(pca.scores(of: z[i]))
                    for j in 0..<p {
                        if Swift.abs(z[i][j] - back[j]) > tolerance + relativeTolerance * Swift.abs(back[j]) { converged = false }
                        if rows[i][j] == nil { next[i][j] = back[j] }
                    }
                }
                if converged { break }
                z = next
            }
        }
        self.means = means
        self.scales = scales
        self.components = pca
        self.filled = filled
        self.rounds = rounds
        self.completed = z.map { row in (0..<p).map { j in means[j] + scales[j] * row[j] } }
    }

    /// Fills the missing cells of a row not used in the fit, iterating its own reconstruction
    /// with the fitted scaler and components until it settles (as the authors do for test rows).
    ///
    /// - Parameters:
    ///   - row: `p` scores, `nil` for a missing cell.
    ///   - tolerance: Absolute tolerance of the stopping rule.
    ///   - relativeTolerance: Relative tolerance of the stopping rule.
    ///   - maxRounds: Round limit.
    /// - Returns: The row with every cell filled.
    public func complete(_ row: [Double?], tolerance: Double = 1e-4, relativeTolerance: Double = 1e-5, maxRounds: Int = 1000) -> [Double] {
        let p = means.count
        var z = (0..<p).map { j in row[j].map { ($0 - means[j]) / scales[j] } ?? 0 }
        if row.contains(where: { $0 == nil }) {
            for _ in 0..<maxRounds {
                let back = components.reconstruct(components.scores(of: z))
                var converged = true
                for j in 0..<p {
                    if Swift.abs(z[j] - back[j]) > tolerance + relativeTolerance * Swift.abs(back[j]) { converged = false }
                    if row[j] == nil { z[j] = back[j] }
                }
                if converged { break }
            }
        }
        return (0..<p).map { j in means[j] + scales[j] * z[j] }
    }
}
