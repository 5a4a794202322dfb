import Foundation
import LinearAlgebra

/// A basis `Φ(θ)` whose columns each depend on only some of the nonlinear parameters θ: for
/// `L = E + A·N^−α + B·D^−β` the columns `1`, `N^−α` and `D^−β` depend on nothing, on α only and
/// on β only. Over a grid of θ the distinct columns are few (30 + 30 + 1 for a 30 × 30 grid, not
/// 900 × 3), so ``SeparableLeastSquares/gridSearch(_:factorisedBasis:keep:accepting:deadline:)``
/// computes each once.
public struct FactorisedBasis: Sendable {
    /// Fills one column of the basis: `column(k, θ, &out)` sets `out[i] = φ_k(x_i; θ)`, reading
    /// only the entries of θ listed in `dependencies[k]`.
    public typealias Column = @Sendable (_ k: Int, _ theta: [Double], _ out: inout [Double]) -> Void

    /// For every basis column, the indices into θ of the nonlinear parameters it depends on.
    public var dependencies: [[Int]]
    /// Fills one column.
    public var column: Column

    /// A basis whose column `k` depends only on `θ[dependencies[k]]`.
    /// - Parameters:
    ///   - dependencies: For every column, the indices into θ it depends on (empty: a constant column).
    ///   - column: Fills column `k` at θ.
    public init(dependencies: [[Int]], column: @escaping Column) {
        self.dependencies = dependencies
        self.column = column
    }
}

extension SeparableLeastSquares {
    /// The first points of ``gridSearch(_:keep:deadline:)``'s list, found without solving every
    /// grid point: every point is screened through normal equations built from cached columns
    /// (each distinct column of `factorisedBasis` computed once, each grid point one dot product
    /// per pair of columns and a bounded solve of at most 4 unknowns), and only the best points
    /// are solved exactly with ``profile(_:)``, in order of the screen, until no point left
    /// unsolved can rank before the `keep`-th solved point that `accepting` accepts.
    ///
    /// The exact solves use ``basis``, so the points returned are bit for bit those the
    /// exhaustive search lists first, in the same order: filtering them with `accepting` and
    /// keeping `keep` gives what filtering the exhaustive list gives: a point left unsolved
    /// screens above the `keep`-th accepted exact value by more than the margin (1e-9 `Σ w y²`,
    /// far above the screen's rounding of about 1e-13 `Σ w y²`), and the screen is the true
    /// bounded minimum, which no exact solve reports lower (an unbounded solve that truncates
    /// tiny singular values reports more). Falls back to the exhaustive search when the basis
    /// has more than 4 columns.
    /// - Parameters:
    ///   - grid: The grid points θ.
    ///   - factorisedBasis: The same basis as ``basis``, column by column.
    ///   - keep: How many accepted points the caller needs.
    ///   - accepting: Which exactly solved points the caller can use (default all).
    ///   - deadline: Checked before the screen (a passed deadline returns the exhaustive search's
    ///     answer) and before each exact solve after the first (the points solved so far are returned).
    public func gridSearch(
        _ grid: [[Double]], factorisedBasis: FactorisedBasis, keep: Int,
        accepting: (ProfilePoint) -> Bool = { _ in true }, deadline: FitDeadline? = nil
    ) throws -> [ProfilePoint] {
        let columnCount = linearNames.count
        guard columnCount <= 4, factorisedBasis.dependencies.count == columnCount, !grid.isEmpty, keep > 0 else {
            return try gridSearch(grid, deadline: deadline)
        }
        if let deadline, deadline.hasPassed() { return try gridSearch(grid, deadline: deadline) }
        let screen = GridScreen(problem: self, grid: grid, basis: factorisedBasis)
        let order = grid.indices.sorted { screen.rss[$0] < screen.rss[$1] || (screen.rss[$0] == screen.rss[$1] && $0 < $1) }
        var solved: [(index: Int, point: ProfilePoint)] = []
        // Exact value, then grid order: the exhaustive search's order.
        func byValue(_ a: (index: Int, point: ProfilePoint), _ b: (index: Int, point: ProfilePoint)) -> Bool {
            a.point.residualSumOfSquares < b.point.residualSumOfSquares
                || (a.point.residualSumOfSquares == b.point.residualSumOfSquares && a.index < b.index)
        }
        var next = 0
        var batch = Swift.max(2 * keep, 8)
        while next < order.count {
            let end = Swift.min(order.count, next + batch)
            for position in next..<end {
                // As in the exhaustive search: points not reached before the deadline are left
                // out (the first is always solved).
                if position > 0, let deadline, deadline.hasPassed() {
                    solved.sort(by: byValue)
                    return solved.map(\.point)
                }
                solved.append((order[position], try profile(grid[order[position]])))
            }
            next = end
            batch *= 2
            guard next < order.count else { break }
            solved.sort(by: byValue)
            var accepted = 0
            var threshold = Double.infinity
            for entry in solved where entry.point.residualSumOfSquares.isFinite && accepting(entry.point) {
                accepted += 1
                if accepted == keep { threshold = entry.point.residualSumOfSquares; break }
            }
            // Unsolved points screen at least as high as the next in order; one that could still
            // come before the keep-th accepted point (or tie with it) is solved too.
            let bound = screen.rss[order[next]]
            if accepted == keep, bound.isFinite, bound - screen.margin > threshold { break }
            if accepted == keep, bound == .infinity { break }
        }
        solved.sort(by: byValue)
        return solved.map(\.point)
    }
}

/// The screened residual sum of squares of every grid point of a separable problem with a
/// factorised basis (normal equations from cached columns; see
/// `SeparableLeastSquares.gridSearch(_:factorisedBasis:keep:accepting:deadline:)`).
struct GridScreen {
    /// Screened weighted residual sum of squares per grid point: `+infinity` where a column is
    /// not finite, `-infinity` where the normal equations are too ill-conditioned to rank the
    /// point (it is then always solved exactly).
    var rss: [Double]
    /// How far a screened value may be from the exact one (1e-9 `Σ w y²`, thousands of times
    /// the screen's rounding).
    var margin: Double

    init(problem: SeparableLeastSquares, grid: [[Double]], basis: FactorisedBasis) {
        let n = problem.observations.count
        let m = problem.linearNames.count
        let y = problem.observations
        let w = problem.weights ?? Array(repeating: 1, count: n)
        var yy = 0.0
        for i in 0..<n { yy += w[i] * y[i] * y[i] }
        margin = 1e-9 * yy
        // Distinct columns: instance[k][g] is grid point g's column k in columns[k].
        var columns: [[[Double]]] = Array(repeating: [], count: m)
        var instance: [[Int]] = Array(repeating: Array(repeating: 0, count: grid.count), count: m)
        var selfProduct: [[Double]] = Array(repeating: [], count: m)
        var responseProduct: [[Double]] = Array(repeating: [], count: m)
        var finite: [[Bool]] = Array(repeating: [], count: m)
        for k in 0..<m {
            var seen: [[Double]: Int] = [:]
            let dependencies = basis.dependencies[k]
            for (g, theta) in grid.enumerated() {
                let key = dependencies.map { theta[$0] }
                if let known = seen[key] { instance[k][g] = known; continue }
                var values = [Double](repeating: 0, count: n)
                basis.column(k, theta, &values)
                var ss = 0.0
                var sy = 0.0
                var ok = true
                for i in 0..<n {
                    let v = values[i]
                    if !v.isFinite { ok = false }
                    ss += w[i] * v * v
                    sy += w[i] * v * y[i]
                }
                let index = columns[k].count
                seen[key] = index
                instance[k][g] = index
                columns[k].append(values)
                selfProduct[k].append(ss)
                responseProduct[k].append(sy)
                finite[k].append(ok)
            }
        }
        // Cross products Σ w φ_j φ_k, one per distinct pair of columns.
        var cross: [[Int: Double]] = Array(repeating: [:], count: m * m)
        var rss = [Double](repeating: .infinity, count: grid.count)
        var gram = [Double](repeating: 0, count: m * m)
        var rhs = [Double](repeating: 0, count: m)
        for g in grid.indices {
            var ok = true
            for k in 0..<m where !finite[k][instance[k][g]] { ok = false }
            guard ok else { continue }
            for j in 0..<m {
                gram[j * m + j] = selfProduct[j][instance[j][g]]
                rhs[j] = responseProduct[j][instance[j][g]]
                for k in (j + 1)..<Swift.max(j + 1, m) {
                    let a = instance[j][g]
                    let b = instance[k][g]
                    let key = a * columns[k].count + b
                    let value: Double
                    if let known = cross[j * m + k][key] {
                        value = known
                    } else {
                        var s = 0.0
                        columns[j][a].withUnsafeBufferPointer { u in
                            columns[k][b].withUnsafeBufferPointer { v in
                                for i in 0..<n { s += w[i] * u[i] * v[i] }
                            }
                        }
                        cross[j * m + k][key] = s
                        value = s
                    }
                    gram[j * m + k] = value
                    gram[k * m + j] = value
                }
            }
            rss[g] = Self.boundedMinimum(
                gram: gram, rhs: rhs, yy: yy, lower: problem.linearLower, upper: problem.linearUpper, m: m)
        }
        self.rss = rss
    }

    /// `min ‖y − Φc‖²_W = yᵀWy − 2cᵀΦᵀWy + cᵀΦᵀWΦc` over `lower ≤ c ≤ upper` for `m ≤ 4`
    /// coefficients (`gram` = ΦᵀWΦ row-major, `rhs` = ΦᵀWy, `yy` = yᵀWy). The unconstrained
    /// minimum when it lies in the box; else every assignment of each coefficient to free, lower
    /// or upper (at most 3⁴ = 81), keeping the best feasible one (the box-constrained minimum of
    /// a convex quadratic is one of them). `-infinity` when the Jacobi-scaled Gram matrix has a
    /// Cholesky pivot below 1e-12: too ill-conditioned to screen. No allocation.
    static func boundedMinimum(gram: [Double], rhs: [Double], yy: Double, lower: [Double], upper: [Double], m: Int) -> Double {
        guard m >= 1, m <= 4 else { return -.infinity }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 80) { buffer -> Double in
            guard let base = buffer.baseAddress else { return -.infinity }
            let g = base          // 16: scaled Gram
            let b = base + 16     // 4: scaled right-hand side
            let lo = base + 20    // 4: scaled bounds
            let hi = base + 24    // 4
            let c = base + 28     // 4: candidate
            let l = base + 32     // 16: Cholesky factor
            let r = base + 48     // 4: free right-hand side / solution
            let scale = base + 52 // 4
            for k in 0..<m {
                let d = gram[k * m + k]
                guard d > 0, d.isFinite else { return -.infinity }
                scale[k] = 1 / d.squareRoot()
            }
            // Scaled problem: G̃ = S G S, b̃ = S b, c = S c̃.
            for j in 0..<m {
                b[j] = rhs[j] * scale[j]
                lo[j] = lower[j] / scale[j]
                hi[j] = upper[j] / scale[j]
                for k in 0..<m { g[j * m + k] = gram[j * m + k] * scale[j] * scale[k] }
            }
            func value() -> Double {
                var q = yy
                for j in 0..<m {
                    var gc = 0.0
                    for k in 0..<m { gc += g[j * m + k] * c[k] }
                    q += c[j] * (gc - 2 * b[j])
                }
                return q
            }
            // The free coefficients (bit k of `free`) solved with the others as they are in `c`;
            // `false` when a pivot is below `tiny`.
            func solve(free: Int, tiny: Double) -> Bool {
                var f = 0
                var index = (0, 0, 0, 0)
                for k in 0..<m where free & (1 << k) != 0 {
                    switch f { case 0: index.0 = k; case 1: index.1 = k; case 2: index.2 = k; default: index.3 = k }
                    f += 1
                }
                func at(_ p: Int) -> Int {
                    switch p { case 0: return index.0; case 1: return index.1; case 2: return index.2; default: return index.3 }
                }
                for p in 0..<f {
                    let j = at(p)
                    var s = b[j]
                    for k in 0..<m where free & (1 << k) == 0 { s -= g[j * m + k] * c[k] }
                    r[p] = s
                    for q in 0..<f { l[p * 4 + q] = g[j * m + at(q)] }
                }
                for j in 0..<f {
                    var d = l[j * 4 + j]
                    for p in 0..<j { d -= l[j * 4 + p] * l[j * 4 + p] }
                    guard d > tiny else { return false }
                    let root = d.squareRoot()
                    l[j * 4 + j] = root
                    for i in (j + 1)..<Swift.max(j + 1, f) {
                        var s = l[i * 4 + j]
                        for p in 0..<j { s -= l[i * 4 + p] * l[j * 4 + p] }
                        l[i * 4 + j] = s / root
                    }
                }
                for i in 0..<f {
                    var s = r[i]
                    for p in 0..<i { s -= l[i * 4 + p] * r[p] }
                    r[i] = s / l[i * 4 + i]
                }
                for i in stride(from: f - 1, through: 0, by: -1) {
                    var s = r[i]
                    for p in (i + 1)..<Swift.max(i + 1, f) { s -= l[p * 4 + i] * r[p] }
                    r[i] = s / l[i * 4 + i]
                }
                for p in 0..<f { c[at(p)] = r[p] }
                return true
            }
            // The whole matrix (its principal submatrices are no worse conditioned).
            let all = (1 << m) - 1
            guard solve(free: all, tiny: 1e-12) else { return -.infinity }
            var inside = true
            for k in 0..<m where !(c[k] >= lo[k] && c[k] <= hi[k]) { inside = false }
            if inside { return Swift.max(value(), 0) }
            var best = Double.infinity
            var total = 1
            for _ in 0..<m { total *= 3 }
            for code in 0..<total {
                var rest = code
                var free = 0
                var valid = true
                for k in 0..<m {
                    switch rest % 3 {
                    case 0: free |= 1 << k
                    case 1: if lo[k].isFinite { c[k] = lo[k] } else { valid = false }
                    default: if hi[k].isFinite { c[k] = hi[k] } else { valid = false }
                    }
                    rest /= 3
                }
                guard valid, free != all else { continue }
                if free != 0 {
                    guard solve(free: free, tiny: 0) else { continue }
                    var feasible = true
                    for k in 0..<m where free & (1 << k) != 0 && !(c[k] >= lo[k] && c[k] <= hi[k]) { feasible = false }
                    guard feasible else { continue }
                }
                best = Swift.min(best, value())
            }
            return Swift.max(best, 0)
        }
    }
}
