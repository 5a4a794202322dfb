import Foundation
import LinearAlgebra
@testable import NonlinearFit
import Testing
import TestSupport

/// The factorised grid search against the exhaustive one, on a Chinchilla-shaped separable
/// model `y = c0 + c1·u^−a + c2·v^−b` (non-negative coefficients) over a 30 × 30 grid of (a, b).
@Suite("Variable projection: factorised grid")
struct VariableProjectionFactorisedGridTests {
    // 80 rows: u over 1e7…1e10 and v over 1e9…1e12 in two interleaved log patterns, y from
    // c = (1.8, 480, 2100), (a, b) = (0.35, 0.37), perturbed by 0.01·sin(3i).
    static let u: [Double] = (0..<80).map { pow(10, 7 + 3 * Double($0 % 20) / 19) }
    static let v: [Double] = (0..<80).map { pow(10, 9 + 3 * Double(($0 * 7) % 23) / 22) }
    static let y: [Double] = (0..<80).map { i in
        1.8 + 480 * pow(u[i], -0.35) + 2100 * pow(v[i], -0.37) + 0.01 * sin(3 * Double(i))
    }
    static let axis: [Double] = (0..<30).map { 0.03 * pow(100, Double($0) / 29) }
    static let grid: [[Double]] = axis.flatMap { a in axis.map { b in [a, b] } }

    static func column(_ k: Int, _ theta: [Double], _ i: Int) -> Double {
        switch k {
        case 0: return 1
        case 1: return pow(u[i], -theta[0])
        default: return pow(v[i], -theta[1])
        }
    }

    static func problem(lower: [Double]) -> SeparableLeastSquares {
        SeparableLeastSquares(
            nonlinearParameters: [FitParameter("a", initialValue: 0.3), FitParameter("b", initialValue: 0.3)],
            linearNames: ["c0", "c1", "c2"], linearLower: lower, observations: y,
            basis: { theta, phi in
                for i in 0..<80 { for k in 0..<3 { phi[i, k] = column(k, theta, i) } }
            })
    }

    /// Non-negative coefficients, and none bounded.
    static let lowerBounds: [[Double]] = [[0, 0, 0], [-.infinity, -.infinity, -.infinity]]

    static let factorised = FactorisedBasis(dependencies: [[], [0], [1]]) { k, theta, out in
        for i in 0..<80 { out[i] = column(k, theta, i) }
    }

    static func positive(_ point: SeparableLeastSquares.ProfilePoint) -> Bool {
        point.residualSumOfSquares.isFinite && point.coefficients.allSatisfy { $0 > 0 }
    }

    @Test("the same kept points, bit for bit and in the same order, as the exhaustive search")
    func sameKeptPoints() throws {
        for lower in Self.lowerBounds {
            let separable = Self.problem(lower: lower)
            let exhaustive = try separable.gridSearch(Self.grid)
            for keep in [1, 6, 40] {
                let fast = try separable.gridSearch(Self.grid, factorisedBasis: Self.factorised, keep: keep, accepting: Self.positive)
                #expect(Array(fast.filter(Self.positive).prefix(keep)) == Array(exhaustive.filter(Self.positive).prefix(keep)))
                let all = try separable.gridSearch(Self.grid, factorisedBasis: Self.factorised, keep: keep)
                #expect(Array(all.prefix(keep)) == Array(exhaustive.prefix(keep)))
                // Only a few points are solved exactly.
                #expect(all.count < Self.grid.count / 4)
            }
        }
    }

    @Test("the screen's residual sums: equal to the exact bounded solves, never above the unbounded ones")
    func screenAgreesWithExactSolves() throws {
        let yy = Self.y.reduce(0) { $0 + $1 * $1 }
        for lower in Self.lowerBounds {
            let separable = Self.problem(lower: lower)
            let screen = GridScreen(problem: separable, grid: Self.grid, basis: Self.factorised)
            #expect(screen.margin == 1e-9 * yy)
            let bounded = lower[0] == 0
            var screened = 0
            var agreeing = 0
            for (g, theta) in Self.grid.enumerated() where screen.rss[g].isFinite {
                let exact = try separable.profile(theta).residualSumOfSquares
                // The search relies on this side: a point is never screened above its exact value.
                #expect(screen.rss[g] <= exact + 1e-10 * yy)
                if Swift.abs(screen.rss[g] - exact) <= 1e-10 * yy { agreeing += 1 }
                screened += 1
            }
            // Ill-conditioned points (solved exactly instead) are the exception.
            #expect(screened > Self.grid.count * 9 / 10)
            if bounded {
                // Stark–Parker solves every point exactly: the same minimum.
                #expect(agreeing == screened)
            } else {
                // The unbounded exact solve (dgelsd) drops singular values below its rcond, so
                // where the `v^−b` column is ~1e-25 of the others (large b) it reports a larger
                // sum than the true minimum, which the Jacobi-scaled screen finds.
                #expect(agreeing > screened / 2)
            }
        }
    }

    @Test("the bounded 3×3 minimum equals Stark–Parker's bounded least squares on the rows")
    func boundedMinimumAgreesWithStarkParker() throws {
        // Φ rows (1, t, t²) on t = 0…1 in 11 steps; y = 1 − 2t + 0.3t²: the unconstrained optimum
        // has a negative coefficient, so c ≥ 0 leaves a bound active.
        let t = (0...10).map { Double($0) / 10 }
        var phi = Matrix(rows: t.count, columns: 3)
        var y = [Double](repeating: 0, count: t.count)
        var gram = [Double](repeating: 0, count: 9)
        var rhs = [Double](repeating: 0, count: 3)
        var yy = 0.0
        for (i, ti) in t.enumerated() {
            let row = [1, ti, ti * ti]
            y[i] = 1 - 2 * ti + 0.3 * ti * ti
            yy += y[i] * y[i]
            for j in 0..<3 {
                phi[i, j] = row[j]
                rhs[j] += row[j] * y[i]
                for k in 0..<3 { gram[j * 3 + k] += row[j] * row[k] }
            }
        }
        let lower = [0.0, 0, 0]
        let upper = [Double.infinity, .infinity, .infinity]
        let reference = try LinearLeastSquares.bounded(phi, y, lower: lower, upper: upper)
        let value = GridScreen.boundedMinimum(gram: gram, rhs: rhs, yy: yy, lower: lower, upper: upper, m: 3)
        #expect(reference.residualSumOfSquares > 0.1)
        #expect(Swift.abs(value - reference.residualSumOfSquares) <= 1e-12 * yy)
        // Unbounded: the data are exactly quadratic, so the minimum is 0 to rounding.
        let unbounded = GridScreen.boundedMinimum(
            gram: gram, rhs: rhs, yy: yy, lower: [-.infinity, -.infinity, -.infinity], upper: upper, m: 3)
        #expect(Swift.abs(unbounded) <= 1e-12 * yy)
    }
}
