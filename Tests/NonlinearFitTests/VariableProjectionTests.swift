import Foundation
import LinearAlgebra
import NonlinearFit
import Testing
import TestSupport

/// Variable projection on a separable model `y = c0 + c1·exp(−θ·x)`: the linear coefficients
/// are solved exactly for each θ, so only θ is searched.
@Suite("Variable projection")
struct VariableProjectionTests {
    // Data: c0 = 0.5, c1 = 2, θ = 0.7 on x = 0, 0.25, …, 7.75 with deterministic perturbations
    // 0.01·sin(3i) (no randomness needed for a reference).
    static let x: [Double] = (0..<32).map { Double($0) * 0.25 }
    static let y: [Double] = x.enumerated().map { i, x in 0.5 + 2 * exp(-0.7 * x) + 0.01 * sin(3 * Double(i)) }

    static func separable(lower: [Double]? = nil, upper: [Double]? = nil) -> SeparableLeastSquares {
        let x = Self.x
        return SeparableLeastSquares(
            nonlinearParameters: [FitParameter("theta", initialValue: 0.2, lowerBound: 0, upperBound: 10)],
            linearNames: ["c0", "c1"], linearLower: lower, linearUpper: upper,
            observations: y,
            basis: { theta, phi in
                for i in x.indices {
                    phi[i, 0] = 1
                    phi[i, 1] = exp(-theta[0] * x[i])
                }
            })
    }

    static func fullProblem() -> LeastSquaresProblem {
        LeastSquaresProblem.curve(
            x: x, y: y,
            parameters: [FitParameter("c0", initialValue: 0), FitParameter("c1", initialValue: 1),
                         FitParameter("theta", initialValue: 0.2)],
            value: { x, p in p[0] + p[1] * exp(-p[2] * x) },
            gradient: { x, p, g in
                let e = exp(-p[2] * x)
                g[0] = 1
                g[1] = e
                g[2] = -p[1] * x * e
            })
    }

    @Test("the projected search reaches the optimum of the full problem")
    func matchesFullFit() throws {
        let full = try NonlinearLeastSquares.fit(Self.fullProblem())
        let (profile, result) = try Self.separable().fit(start: [0.2])
        #expect(result.converged)
        #expect(isClose(profile.theta[0], full.values[2], rel: 1e-6))
        #expect(isClose(profile.coefficients[0], full.values[0], rel: 1e-6))
        #expect(isClose(profile.coefficients[1], full.values[1], rel: 1e-6))
        // The profile's residual sum of squares is the full problem's χ² at the optimum.
        #expect(isClose(profile.residualSumOfSquares, full.chiSquare, rel: 1e-6))
    }

    @Test("the profile at θ solves the linear part exactly (normal equations written out)")
    func profileIsLinearLeastSquares() throws {
        let theta = 0.55
        let point = try Self.separable().profile([theta])
        // Closed-form 2×2 least squares for y ≈ c0 + c1·e(x).
        let e = Self.x.map { exp(-theta * $0) }
        let n = Double(e.count)
        let se = e.reduce(0, +), see = e.reduce(0) { $0 + $1 * $1 }
        let sy = Self.y.reduce(0, +), sey = zip(e, Self.y).reduce(0) { $0 + $1.0 * $1.1 }
        let det = n * see - se * se
        let c0 = (see * sy - se * sey) / det
        let c1 = (n * sey - se * sy) / det
        #expect(isClose(point.coefficients[0], c0, rel: 1e-10))
        #expect(isClose(point.coefficients[1], c1, rel: 1e-10))
    }

    @Test("bounded coefficients: an upper bound below the free optimum is active")
    func boundedCoefficients() throws {
        let point = try Self.separable(lower: [0, 0], upper: [0.3, .infinity]).profile([0.7])
        #expect(isClose(point.coefficients[0], 0.3, rel: 1e-12))
        // With c0 fixed at 0.3, c1 solves a one-variable least squares: Σe(y − 0.3)/Σe².
        let e = Self.x.map { exp(-0.7 * $0) }
        let c1 = zip(e, Self.y).reduce(0) { $0 + $1.0 * ($1.1 - 0.3) } / e.reduce(0) { $0 + $1 * $1 }
        #expect(isClose(point.coefficients[1], c1, rel: 1e-10))
    }

    @Test("a grid search ranks profile points by residual sum of squares")
    func gridSearch() throws {
        let grid = stride(from: 0.1, through: 2.0, by: 0.1).map { [$0] }
        let points = try Self.separable().gridSearch(grid, keep: 3)
        #expect(points.count == 3)
        #expect(points[0].residualSumOfSquares <= points[1].residualSumOfSquares)
        #expect(abs(points[0].theta[0] - 0.7) < 0.051)
    }
}
