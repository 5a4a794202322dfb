/// The solution of a bound-constrained linear least-squares problem.
public struct BoundedLeastSquaresSolution: Sendable, Equatable {
    /// `x`, one value per column of `A`; variables on a bound equal it exactly.
    public let solution: [Double]
    /// `‖b − A x‖²`, computed from the original `A` and `b`.
    public let residualSumOfSquares: Double
    /// `activeAtLower[j]` is true when `xⱼ` sits on its lower bound (`xⱼ == lⱼ`).
    public let activeAtLower: [Bool]
    /// `activeAtUpper[j]` is true when `xⱼ` sits on its upper bound (`xⱼ == uⱼ`). A variable
    /// with `lⱼ == uⱼ` is active at both.
    public let activeAtUpper: [Bool]
    /// The number of unconstrained least-squares subproblems solved (each one LAPACK `dgelsy`
    /// call on the free columns, including rejected candidate releases).
    public let iterations: Int
}

extension LinearLeastSquares {
    /// Non-negative least squares by the Lawson–Hanson active-set algorithm.
    ///
    /// ```
    /// x = argmin ‖A x − b‖₂   subject to  x ≥ 0
    /// ```
    ///
    /// Optimality (KKT): with `w = Aᵀ(b − A x)`, `wⱼ ≈ 0` where `xⱼ > 0` and `wⱼ ≤ 0` where
    /// `xⱼ = 0`. Each step solves an unconstrained problem on the positive ("passive") columns
    /// with LAPACK `dgelsy`; for `m > n` the problem is first reduced to `n × n` by one QR
    /// factorisation, so a 240 × 3 problem costs one `dgeqrf` plus a few 3 × 3 solves.
    /// When `A` has dependent columns the solution is not unique; a column that is
    /// numerically dependent on the passive ones is never made passive, and the fitted values
    /// `A x` and the residual are still the unique optimum. It is the special case
    /// `l = 0, u = +∞` of ``bounded(_:_:lower:upper:maxIterations:)``.
    ///
    /// Source: C. L. Lawson and R. J. Hanson, *Solving Least Squares Problems* (1974), ch. 23.
    ///
    /// - Parameters:
    ///   - a: The `m × n` design matrix (`m, n ≥ 1`, finite).
    ///   - b: The observations, `m` finite values.
    ///   - maxIterations: Cap on the number of least-squares subproblems; `nil` means
    ///     `3 · n + 30`. The algorithm is finite in exact arithmetic and well-posed problems
    ///     need about `n` to `2 n`; reaching the cap signals cycling under rounding.
    /// - Returns: The solution, residual sum of squares, active flags and iteration count.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` (`b.count != m`, empty `A`),
    ///   `.nonFinite` (NaN or ±∞ in `A` or `b`), `.invalidArgument` (negative
    ///   `maxIterations`), `.iterationLimitReached(routine: "nnls", iterations:)` when the cap
    ///   is hit (no partial solution is returned), `.lapack` on LAPACK failure.
    public static func nonNegative(_ a: Matrix, _ b: [Double], maxIterations: Int? = nil) throws
        -> BoundedLeastSquaresSolution
    {
        let n = a.columns
        return try boundedSolve(
            a, b,
            lower: [Double](repeating: 0, count: n),
            upper: [Double](repeating: .infinity, count: n),
            maxIterations: maxIterations, routine: "nnls")
    }

    /// Bounded-variable least squares by the Stark–Parker active-set algorithm.
    ///
    /// ```
    /// x = argmin ‖A x − b‖₂   subject to  lⱼ ≤ xⱼ ≤ uⱼ,   lⱼ ∈ [−∞, ∞), uⱼ ∈ (−∞, +∞]
    /// ```
    ///
    /// Optimality (KKT): with `w = Aᵀ(b − A x)`, `wⱼ ≈ 0` for interior `xⱼ`, `wⱼ ≤ 0` at a
    /// lower bound and `wⱼ ≥ 0` at an upper bound. Variables start on a finite bound (the
    /// lower one when both are finite) or free when both bounds are infinite; the most
    /// violating bound variable is released, the free set is solved with LAPACK `dgelsy`,
    /// and the step is cut back at the first bound crossed. `lⱼ == uⱼ` fixes `xⱼ`.
    /// Rank-deficient free sets (dependent columns with infinite bounds) get the
    /// minimum-norm solution on those columns.
    ///
    /// Source: P. B. Stark and R. L. Parker, "Bounded-Variable Least-Squares: an Algorithm
    /// and Applications", *Computational Statistics* 10 (1995) 129–141.
    ///
    /// - Parameters:
    ///   - a: The `m × n` design matrix (`m, n ≥ 1`, finite).
    ///   - b: The observations, `m` finite values.
    ///   - lower: `n` lower bounds; `-Double.infinity` for none.
    ///   - upper: `n` upper bounds; `Double.infinity` for none.
    ///   - maxIterations: Cap on the number of least-squares subproblems; `nil` means
    ///     `3 · n + 30`.
    /// - Returns: The solution, residual sum of squares, active flags and iteration count.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` (`b.count != m`, bounds not of
    ///   length `n`, empty `A`), `.nonFinite` (NaN or ±∞ in `A` or `b`, NaN in a bound),
    ///   `.invalidArgument` (`"lower[j] = … exceeds upper[j] = …"`, a lower bound of +∞, an
    ///   upper bound of −∞, negative `maxIterations`),
    ///   `.iterationLimitReached(routine: "bvls", iterations:)` when the cap is hit (no
    ///   partial solution is returned), `.lapack` on LAPACK failure.
    public static func bounded(
        _ a: Matrix, _ b: [Double], lower: [Double], upper: [Double], maxIterations: Int? = nil
    ) throws -> BoundedLeastSquaresSolution {
        try boundedSolve(a, b, lower: lower, upper: upper, maxIterations: maxIterations, routine: "bvls")
    }

    /// Validation shared by the two public entry points, then the active-set engine.
    private static func boundedSolve(
        _ a: Matrix, _ b: [Double], lower: [Double], upper: [Double], maxIterations: Int?, routine: String
    ) throws -> BoundedLeastSquaresSolution {
        try InputValidation.requireNonEmpty(a, "A")
        try InputValidation.requireRightHandSide(b, rowsOf: a)
        let n = a.columns
        guard lower.count == n else {
            throw LinearAlgebraError.dimensionMismatch("lower has \(lower.count) elements but A has \(n) columns")
        }
        guard upper.count == n else {
            throw LinearAlgebraError.dimensionMismatch("upper has \(upper.count) elements but A has \(n) columns")
        }
        try InputValidation.requireFinite(a, "A")
        try InputValidation.requireFinite(b, "b")
        for j in 0..<n {
            if lower[j].isNaN { throw LinearAlgebraError.nonFinite("lower[\(j)] = \(lower[j])") }
            if upper[j].isNaN { throw LinearAlgebraError.nonFinite("upper[\(j)] = \(upper[j])") }
            if lower[j] > upper[j] {
                throw LinearAlgebraError.invalidArgument(
                    "lower[\(j)] = \(lower[j]) exceeds upper[\(j)] = \(upper[j])")
            }
            if lower[j] == .infinity {
                throw LinearAlgebraError.invalidArgument("lower[\(j)] = inf leaves no feasible value")
            }
            if upper[j] == -.infinity {
                throw LinearAlgebraError.invalidArgument("upper[\(j)] = -inf leaves no feasible value")
            }
        }
        let cap = maxIterations ?? (3 * n + 30)
        guard cap >= 0 else {
            throw LinearAlgebraError.invalidArgument("maxIterations must be non-negative, got \(cap)")
        }

        var engine = try ActiveSetLeastSquares(a, b, lower: lower, upper: upper, maxIterations: cap, routine: routine)
        try engine.run()
        let x = engine.x
        var atLower = [Bool](repeating: false, count: n)
        var atUpper = [Bool](repeating: false, count: n)
        for j in 0..<n {
            atLower[j] = x[j] == lower[j]
            atUpper[j] = x[j] == upper[j]
        }
        return BoundedLeastSquaresSolution(
            solution: x,
            residualSumOfSquares: a.residualSumOfSquares(x, b),
            activeAtLower: atLower,
            activeAtUpper: atUpper,
            iterations: engine.iterations)
    }
}
