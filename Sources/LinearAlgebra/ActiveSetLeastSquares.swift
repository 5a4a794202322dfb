internal import CLAPACKE

/// The active-set engine behind ``LinearLeastSquares/nonNegative(_:_:maxIterations:)`` and
/// ``LinearLeastSquares/bounded(_:_:lower:upper:maxIterations:)``.
///
/// Solves
///
/// ```
/// minimise ½‖A x − b‖²   subject to  lⱼ ≤ xⱼ ≤ uⱼ   (lⱼ may be −∞, uⱼ may be +∞)
/// ```
///
/// by the Stark–Parker BVLS algorithm, which with `l = 0, u = +∞` is exactly Lawson–Hanson
/// NNLS:
///
/// 1. Start every variable at a finite bound (the lower one if both are finite); a variable
///    with two infinite bounds starts free.
/// 2. `w = Aᵀ(b − A x)`. Stop when no variable at a lower bound has `wⱼ > tolⱼ` and no
///    variable at an upper bound has `wⱼ < −tolⱼ` (the Karush–Kuhn–Tucker conditions).
/// 3. Free the most violating variable `t` (largest `±wⱼ / ‖Aⱼ‖`).
/// 4. Solve the unconstrained problem on the free set `F` with the bound variables held:
///    `z_F = argmin ‖A_F z − (b − A_B x_B)‖`, by LAPACK `dgelsy` on the free columns.
/// 5. If every `zⱼ` is strictly inside its bounds, `x_F = z_F` and go to 2. Otherwise move
///    `x ← x + α (z − x)` with the largest `α ∈ (0, 1]` that stays feasible, send the
///    variables that reached a bound to it, and go to 4.
///
/// Safeguards (Lawson & Hanson 1974, ch. 23; Stark & Parker 1995):
/// - If the solve in step 4 does not move `t` off its bound in the direction of `wₜ`, or the
///   column of `t` does not raise the numerical rank of `A_F` (it is numerically dependent
///   on the free columns), `t` is returned to its bound and the next candidate is tried.
///   This is what prevents rounding-driven cycling and keeps rank-deficient free sets out.
/// - Columns are scaled to unit 2-norm inside the solves, so rank decisions do not depend
///   on the units of the variables.
///
/// Speed: for `m > n` the problem is first reduced once by a Householder QR factorisation
/// of `[A | b]`, `A = Q R`, `c = Qᵀ b`, so that `‖A x − b‖² = ‖R x − c‖² + ‖b‖² − ‖c‖²`; every later
/// solve works on the `n × n` factor R. Workspaces are allocated once per problem; the
/// iteration loop allocates nothing.
///
/// Sources: C. L. Lawson and R. J. Hanson, *Solving Least Squares Problems* (1974), ch. 23;
/// P. B. Stark and R. L. Parker, "Bounded-Variable Least-Squares: an Algorithm and
/// Applications", *Computational Statistics* 10 (1995) 129–141.
struct ActiveSetLeastSquares {
    /// Where a variable currently sits.
    enum Status: UInt8 {
        case free, atLower, atUpper
    }

    /// Rows of the (possibly QR-reduced) working problem.
    private let rows: Int
    /// Number of variables.
    private let columns: Int
    /// The working matrix (`rows × columns`, column-major): R when reduced, else A.
    private let matrix: [Double]
    /// The working right-hand side (`rows` values): `Qᵀ b` when reduced, else b.
    private let target: [Double]
    private let lower: [Double]
    private let upper: [Double]
    /// `‖Aⱼ‖₂` for every column.
    private let columnNorms: [Double]
    /// `‖b‖₂` of the original problem (sets the scale of rounding in the residual).
    private let targetNorm: Double
    /// Multiplier of the KKT tolerance: `10 · max(m, n) · eps`.
    private let gradientTolerance: Double
    /// Relative condition threshold passed to `dgelsy`.
    private let rankTolerance: Double
    private let maxIterations: Int
    private let routine: String

    // State.
    private(set) var x: [Double]
    private(set) var status: [Status]
    private(set) var iterations = 0
    private var z: [Double]
    private var w: [Double]
    private var rejected: [Bool]
    private var freeRank = 0

    // LAPACK workspaces (sized once).
    private var freeIndices: [Int]
    private var packed: [Double]
    private var rhs: [Double]
    private var pivots: [LAPACKInt]
    private var work: [Double]

    /// Prepares the workspaces and, for `m > n`, the QR reduction.
    ///
    /// - Parameters:
    ///   - a: The validated `m × n` matrix (finite, non-empty).
    ///   - b: The validated right-hand side (`m` finite values).
    ///   - lower: Validated lower bounds (`n` values, none NaN or +∞, `lower ≤ upper`).
    ///   - upper: Validated upper bounds.
    ///   - maxIterations: Cap on the number of least-squares subproblems solved.
    ///   - routine: Name used in errors (`"nnls"` or `"bvls"`).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when a dimension or the workspace
    ///   length exceeds LAPACK's integer range (every later call then converts safely).
    init(_ a: Matrix, _ b: [Double], lower: [Double], upper: [Double], maxIterations: Int, routine: String) throws {
        let m = a.rows
        let n = a.columns
        self.columns = n
        self.lower = lower
        self.upper = upper
        self.maxIterations = maxIterations
        self.routine = routine
        let scale = Double(max(m, n)) * LAPACKBridge.epsilon
        self.gradientTolerance = 10 * scale
        self.rankTolerance = 10 * scale

        var bNormSquared = 0.0
        for value in b { bNormSquared += value * value }
        self.targetNorm = bNormSquared.squareRoot()

        if m > n {
            let (r, c) = Self.reduce(a, b)
            self.rows = n
            self.matrix = r
            self.target = c
        } else {
            self.rows = m
            self.matrix = a.elements
            self.target = b
        }
        // ‖Aⱼ‖ = ‖Rⱼ‖ because Q has orthonormal columns, so the reduced matrix serves.
        var norms = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var sum = 0.0
            let offset = j * rows
            for i in 0..<rows {
                let value = matrix[offset + i]
                sum += value * value
            }
            norms[j] = sum.squareRoot()
        }
        self.columnNorms = norms

        self.x = [Double](repeating: 0, count: n)
        self.status = [Status](repeating: .free, count: n)
        self.z = [Double](repeating: 0, count: n)
        self.w = [Double](repeating: 0, count: n)
        self.rejected = [Bool](repeating: false, count: n)
        self.freeIndices = [Int](repeating: 0, count: n)
        self.packed = [Double](repeating: 0, count: max(1, rows * n))
        self.rhs = [Double](repeating: 0, count: max(1, rows, n))
        self.pivots = [LAPACKInt](repeating: 0, count: max(1, n))
        let workLength = Self.workspaceLength(rows: rows, columns: n)
        _ = try LAPACKBridge.integer(max(rows, n, workLength), "dimension")
        self.work = [Double](repeating: 0, count: workLength)
    }

    /// `R` (`n × n`, upper triangular) and `c`, the first `n` entries of `Qᵀ b`, for `A = Q R`.
    ///
    /// Householder triangularisation of `[A | b]` (Golub & Van Loan, *Matrix Computations*,
    /// alg. 5.2.1), the same arithmetic as LAPACK `dgeqr2` followed by `dorm2r`:
    ///
    /// ```
    /// for k = 0 … n−1:  x = A[k…m−1, k],  α = −sign(x₀) ‖x‖,  v = x − α e₁
    ///                   y ← y − (2 vᵀy / vᵀv) v   for every later column y of [A | b]
    ///                   R[k, k] = α
    /// ```
    ///
    /// It is written out here rather than called through `dgeqrf` because on thin matrices
    /// (240 × 3 is the typical call) reference BLAS spends several times the arithmetic in
    /// per-call overhead (`dnrm2`, `dgemv`, `dger` on single columns), and this reduction
    /// runs once per NNLS call inside variable projection. Norms fall back to scaling by the
    /// largest magnitude, so values near the overflow or underflow thresholds are safe.
    private static func reduce(_ a: Matrix, _ b: [Double]) -> ([Double], [Double]) {
        let m = a.rows
        let n = a.columns
        var augmented = a.elements
        augmented.append(contentsOf: b)
        var r = [Double](repeating: 0, count: n * n)
        var c = [Double](repeating: 0, count: n)
        augmented.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for k in 0..<n {
                let x = base + (k * m + k)
                let length = m - k
                let norm = Self.norm(x, length)
                guard norm > 0 else { continue }
                let head = x[0]
                let alpha = head >= 0 ? -norm : norm
                // v = x − α e₁ overwrites x; vᵀv = 2‖x‖(‖x‖ + |x₀|).
                x[0] = head - alpha
                let vtv = 2 * norm * (norm + abs(head))
                for j in (k + 1)...n {
                    let y = base + (j * m + k)
                    let factor = 2 * Self.dot(x, y, length) / vtv
                    for i in 0..<length { y[i] -= factor * x[i] }
                }
                x[0] = alpha
            }
        }
        for j in 0..<n {
            for i in 0...j { r[i + j * n] = augmented[i + j * m] }
            c[j] = augmented[j + n * m]
        }
        return (r, c)
    }

    /// `Σ xᵢ yᵢ` with four partial sums (so the loop pipelines).
    private static func dot(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= count {
            s0 += x[i] * y[i]
            s1 += x[i + 1] * y[i + 1]
            s2 += x[i + 2] * y[i + 2]
            s3 += x[i + 3] * y[i + 3]
            i += 4
        }
        while i < count {
            s0 += x[i] * y[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// `‖x‖₂`: the plain sum of squares when it is safely inside the floating-point range,
    /// otherwise a second pass scaled by the largest magnitude (as `dnrm2` guarantees).
    private static func norm(_ x: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
        let sum = dot(x, x, count)
        if sum > 0x1p-1000 && sum < 0x1p1000 { return sum.squareRoot() }
        var largest = 0.0
        for i in 0..<count { largest = max(largest, abs(x[i])) }
        guard largest > 0 else { return 0 }
        let inverse = 1 / largest
        var scaledSum = 0.0
        for i in 0..<count {
            let scaled = x[i] * inverse
            scaledSum += scaled * scaled
        }
        return largest * scaledSum.squareRoot()
    }

    /// A `dgelsy` workspace large enough for every subproblem (at most `columns` free).
    ///
    /// LAPACK documents the minimum `max(mn + 3n + 1, 2mn + nrhs)` and the optimum
    /// `max(mn + 2n + nb(n + 1), 2mn + nb·nrhs)` with `mn = min(m, n)` and block size `nb`
    /// (32 in reference LAPACK). Taking the larger of both with `nb = 32` avoids a workspace
    /// query per problem; a library with a larger `nb` just runs with smaller blocks.
    private static func workspaceLength(rows: Int, columns: Int) -> Int {
        let mn = min(rows, columns)
        let blockSize = 32
        return max(1, mn + 3 * columns + 1, 2 * mn + blockSize, mn + 2 * columns + blockSize * (columns + 1))
    }

    /// `1 / ‖Aⱼ‖₂`, or 1 for a zero column: the scaling applied to column `j` in the solves.
    private func columnScale(_ j: Int) -> Double {
        let norm = columnNorms[j]
        return norm > 0 ? 1 / norm : 1
    }

    /// Runs the algorithm to the KKT point.
    ///
    /// - Throws: `LinearAlgebraError.iterationLimitReached` when more than `maxIterations`
    ///   subproblems would be needed; `.lapack(routine: "dgelsy", info:)` on LAPACK failure.
    mutating func run() throws {
        var anyFree = false
        for j in 0..<columns {
            if lower[j].isFinite {
                x[j] = lower[j]
                status[j] = .atLower
            } else if upper[j].isFinite {
                x[j] = upper[j]
                status[j] = .atUpper
            } else {
                x[j] = 0
                status[j] = .free
                anyFree = true
            }
        }
        if anyFree {
            try solveFreeSet()
            try stepTowardSubproblemSolution()
        }

        while true {
            computeGradient()
            for j in 0..<columns { rejected[j] = false }
            var accepted = false
            while !accepted {
                guard let t = bestCandidate() else { return }
                let previousStatus = status[t]
                let previousRank = freeRank
                status[t] = .free
                try solveFreeSet()
                let movesInward = previousStatus == .atLower ? z[t] > x[t] : z[t] < x[t]
                if movesInward && freeRank > previousRank {
                    accepted = true
                } else {
                    status[t] = previousStatus
                    freeRank = previousRank
                    rejected[t] = true
                }
            }
            try stepTowardSubproblemSolution()
        }
    }

    /// Step 5: move from `x` toward the subproblem solution `z`, pinning variables that hit a
    /// bound and re-solving, until `z` is strictly feasible on the free set.
    private mutating func stepTowardSubproblemSolution() throws {
        while true {
            var alpha = Double.infinity
            var blocking = -1
            var blockingStatus = Status.free
            for j in 0..<columns where status[j] == .free {
                let zj = z[j]
                let xj = x[j]
                if zj <= lower[j] {
                    let step = zj == xj ? 0 : (lower[j] - xj) / (zj - xj)
                    if step < alpha { alpha = step; blocking = j; blockingStatus = .atLower }
                } else if zj >= upper[j] {
                    let step = zj == xj ? 0 : (upper[j] - xj) / (zj - xj)
                    if step < alpha { alpha = step; blocking = j; blockingStatus = .atUpper }
                }
            }
            if blocking < 0 {
                for j in 0..<columns where status[j] == .free { x[j] = z[j] }
                return
            }
            // The blocking variable is interior (or, for the variable just freed, on its
            // bound moving inward), so 0 ≤ α ≤ 1 up to rounding.
            alpha = min(max(alpha, 0), 1)
            for j in 0..<columns where status[j] == .free {
                let slack = 10 * LAPACKBridge.epsilon * (abs(x[j]) + abs(z[j]))
                x[j] += alpha * (z[j] - x[j])
                if j == blocking {
                    status[j] = blockingStatus
                    x[j] = blockingStatus == .atLower ? lower[j] : upper[j]
                } else if x[j] - lower[j] <= slack {
                    status[j] = .atLower
                    x[j] = lower[j]
                } else if upper[j] - x[j] <= slack {
                    status[j] = .atUpper
                    x[j] = upper[j]
                }
            }
            try solveFreeSet()
        }
    }

    /// Step 2: `w = Aᵀ (b − A x)` on the working problem (the residual is formed in `rhs`,
    /// which is free between solves).
    private mutating func computeGradient() {
        for i in 0..<rows { rhs[i] = target[i] }
        for j in 0..<columns where x[j] != 0 {
            let xj = x[j]
            let offset = j * rows
            for i in 0..<rows { rhs[i] -= matrix[offset + i] * xj }
        }
        for j in 0..<columns {
            var dot = 0.0
            let offset = j * rows
            for i in 0..<rows { dot += matrix[offset + i] * rhs[i] }
            w[j] = dot
        }
    }

    /// Step 3: the bound variable whose release most decreases the objective, if any exceeds
    /// the tolerance `10 · max(m, n) · eps · ‖Aⱼ‖ · (‖b‖ + Σₖ ‖Aₖ‖ |xₖ|)`.
    private func bestCandidate() -> Int? {
        var scale = targetNorm
        for j in 0..<columns { scale += columnNorms[j] * abs(x[j]) }
        let tolerance = gradientTolerance * scale
        var best = -1
        var bestScore = 0.0
        for j in 0..<columns where status[j] != .free && !rejected[j] && lower[j] != upper[j] {
            let directional = status[j] == .atLower ? w[j] : -w[j]
            guard directional > tolerance * columnNorms[j] else { continue }
            let score = directional * columnScale(j)
            if score > bestScore {
                bestScore = score
                best = j
            }
        }
        return best >= 0 ? best : nil
    }

    /// Step 4: `z_F = argmin ‖A_F z − (b − A_B x_B)‖` by `dgelsy` on the unit-scaled free
    /// columns; sets `freeRank`. Counts one iteration.
    private mutating func solveFreeSet() throws {
        var p = 0
        for j in 0..<columns where status[j] == .free {
            freeIndices[p] = j
            p += 1
        }
        guard p > 0 else {
            freeRank = 0
            return
        }
        guard iterations < maxIterations else {
            throw LinearAlgebraError.iterationLimitReached(routine: routine, iterations: maxIterations)
        }
        iterations += 1

        for k in 0..<p {
            let j = freeIndices[k]
            let s = columnScale(j)
            let source = j * rows
            let destination = k * rows
            for i in 0..<rows { packed[destination + i] = matrix[source + i] * s }
        }
        for i in 0..<rows { rhs[i] = target[i] }
        for j in 0..<columns where status[j] != .free && x[j] != 0 {
            let xj = x[j]
            let offset = j * rows
            for i in 0..<rows { rhs[i] -= matrix[offset + i] * xj }
        }
        for k in 0..<p { pivots[k] = 0 }

        // All of these were range-checked against LAPACKInt in init.
        let rows32 = LAPACKInt(truncatingIfNeeded: rows)
        let p32 = LAPACKInt(truncatingIfNeeded: p)
        let lda = LAPACKInt(truncatingIfNeeded: max(1, rows))
        let ldb = LAPACKInt(truncatingIfNeeded: max(1, rows, p))
        let lwork = LAPACKInt(truncatingIfNeeded: work.count)
        var rank: LAPACKInt = 0
        let info = LAPACKE_dgelsy_work(
            LAPACKBridge.columnMajor, rows32, p32, 1, &packed, lda, &rhs, ldb,
            &pivots, rankTolerance, &rank, &work, lwork)
        try LAPACKBridge.check(info, "dgelsy")
        freeRank = Int(rank)
        for k in 0..<p {
            let j = freeIndices[k]
            z[j] = rhs[k] * columnScale(j)
        }
    }
}
