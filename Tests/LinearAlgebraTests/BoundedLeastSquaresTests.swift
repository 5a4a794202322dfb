import LinearAlgebra
import TestSupport
import Testing

@Suite("Bounded-variable least squares (Stark–Parker)")
struct BoundedLeastSquaresTests {
    static let design = Matrix([
        [1, 2, 0.5, 0, 1], [0, 1, 1, 2, 0], [1, 0, 1, 1, 3], [2, 1, 0, 1, 1],
        [1, 1, 1, 1, 1], [0, 3, 1, 0, 2], [1, 0, 2, 1, 0], [3, 1, 0, 0, 1],
    ])
    static let target: [Double] = [4, -2, 3, 5, 1, -3, 2, 6]

    @Test("Identity design: x = clamp(b, l, u) with one-sided, two-sided and fixed bounds")
    func identityClamps() throws {
        let fit = try LinearLeastSquares.bounded(
            .identity(4), [5, -5, 0.5, 2],
            lower: [-.infinity, -1, 0, 3], upper: [1, .infinity, 1, 3])
        #expect(isClose(fit.solution, [1, -1, 0.5, 3], rel: 1e-15))
        #expect(isClose(fit.residualSumOfSquares, 16 + 16 + 0 + 1, rel: 1e-15))
        #expect(fit.activeAtLower == [false, true, false, true])
        #expect(fit.activeAtUpper == [true, false, false, true])  // l = u = 3 is active at both
    }

    @Test("Mixed finite and infinite bounds match scipy lsq_linear(method='bvls')")
    func mixedBounds() throws {
        // python3: from scipy.optimize import lsq_linear
        //   r = lsq_linear(A, b, bounds=([-inf, 0, -0.1, -inf, -0.5], [2, 1, inf, 0.5, 0.5]),
        //                  method='bvls', tol=1e-15, lsq_solver='exact')
        //   r.x, np.sum((A@r.x - b)**2), r.active_mask -> [1, -1, -1, 0, 0]
        let lower: [Double] = [-.infinity, 0, -0.1, -.infinity, -0.5]
        let upper: [Double] = [2, 1, .infinity, 0.5, 0.5]
        let fit = try LinearLeastSquares.bounded(Self.design, Self.target, lower: lower, upper: upper)
        #expect(isClose(fit.solution, [2.0, 0.0, -0.1, -0.3518018018018018, 0.08288288288288306], rel: 1e-12))
        #expect(isClose(fit.residualSumOfSquares, 18.46718468468469, rel: 1e-12))
        #expect(fit.activeAtUpper == [true, false, false, false, false])
        #expect(fit.activeAtLower == [false, true, true, false, false])
        // scipy: w = Aᵀ(b − A x) = [5.380180180180179, −5.904504504504507, −1.6029279279279287, ≈0, ≈0]
        let w = negativeGradient(Self.design, fit.solution, Self.target)
        #expect(isClose(Array(w[0..<3]), [5.380180180180179, -5.904504504504507, -1.6029279279279287], rel: 1e-11))
        #expect(satisfiesKKT(Self.design, fit.solution, Self.target, lower: lower, upper: upper, tolerance: 1e-12))
    }

    @Test("Infinite bounds everywhere reproduce the unconstrained numpy.linalg.lstsq solution")
    func unbounded() throws {
        // python3: np.linalg.lstsq(A, b, rcond=None)[0]; np.sum((A@x - b)**2)
        let fit = try LinearLeastSquares.bounded(
            Self.design, Self.target,
            lower: [Double](repeating: -.infinity, count: 5), upper: [Double](repeating: .infinity, count: 5))
        let expected = [2.5890778871978526, -0.6650466811612739, -0.21460544826704167, -0.38790126614656617, 0.22112802148612382]
        #expect(isClose(fit.solution, expected, rel: 1e-12))
        #expect(isClose(fit.residualSumOfSquares, 11.187364113057939, rel: 1e-12))
        #expect(fit.activeAtLower.allSatisfy { !$0 } && fit.activeAtUpper.allSatisfy { !$0 })
    }

    @Test("240×3 scaling-law design with a capped intercept matches scipy BVLS")
    func scalingLawDesign() throws {
        // python3: same LCG data as the NNLS test, then
        //   lsq_linear(A, b, bounds=([-inf, 0, -100], [1.65, inf, inf]), method='bvls', tol=1e-15, lsq_solver='exact')
        let (a, b) = scalingLawProblem()
        let fit = try LinearLeastSquares.bounded(a, b, lower: [-.infinity, 0, -100], upper: [1.65, .infinity, .infinity])
        #expect(fit.solution[0] == 1.65)  // pinned exactly to its upper bound by the algorithm
        #expect(isClose(fit.solution[1], 408.1977861457888, rel: 1e-9))
        #expect(isClose(fit.solution[2], -26.99709635911362, rel: 1e-9))
        #expect(isClose(fit.residualSumOfSquares, 0.1076783345141665, rel: 1e-10))
        #expect(fit.activeAtUpper == [true, false, false])
    }

    @Test("Dependent columns with infinite bounds: minimum-norm split, optimum as unconstrained lstsq")
    func rankDeficientFreeSet() throws {
        // Analytic: columns 0 and 1 are equal and unbounded; column 2 (t = 1…4) is bounded
        // above by 0. The unconstrained slope on t is Σ(t − 2.5)(b − 2) / Σ(t − 2.5)² = 5/5 = 1 > 0,
        // so the bound binds; with x₂ = 0 the best constant is mean(b) = 2, RSS = Σ(b − 2)² = 6,
        // w₂ = Σ t (b − 2) = 5 ≥ 0 (KKT at an upper bound), and the minimum-norm split is 1 / 1.
        let a = Matrix([[1, 1, 1], [1, 1, 2], [1, 1, 3], [1, 1, 4]])
        let fit = try LinearLeastSquares.bounded(
            a, [1, 1, 2, 4], lower: [-.infinity, -.infinity, -.infinity], upper: [.infinity, .infinity, 0])
        #expect(isClose(fit.solution, [1, 1, 0], rel: 1e-12, abs: 1e-14))
        #expect(isClose(fit.residualSumOfSquares, 6, rel: 1e-12))
        #expect(fit.activeAtUpper == [false, false, true])
    }

    @Test("Errors: lower > upper, impossible infinite bounds, NaN bound, wrong lengths")
    func errors() {
        let a = Matrix([[1, 0], [0, 1], [1, 1]])
        let b: [Double] = [1, 2, 3]
        #expect(throws: LinearAlgebraError.invalidArgument("lower[1] = 2.0 exceeds upper[1] = 1.0")) {
            try LinearLeastSquares.bounded(a, b, lower: [0, 2], upper: [1, 1])
        }
        #expect(throws: LinearAlgebraError.invalidArgument("lower[0] = inf leaves no feasible value")) {
            try LinearLeastSquares.bounded(a, b, lower: [.infinity, 0], upper: [.infinity, 1])
        }
        #expect(throws: LinearAlgebraError.invalidArgument("upper[1] = -inf leaves no feasible value")) {
            try LinearLeastSquares.bounded(a, b, lower: [0, -.infinity], upper: [1, -.infinity])
        }
        #expect(throws: LinearAlgebraError.nonFinite("upper[0] = nan")) {
            try LinearLeastSquares.bounded(a, b, lower: [0, 0], upper: [.nan, 1])
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch("lower has 3 elements but A has 2 columns")) {
            try LinearLeastSquares.bounded(a, b, lower: [0, 0, 0], upper: [1, 1])
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch("upper has 1 elements but A has 2 columns")) {
            try LinearLeastSquares.bounded(a, b, lower: [0, 0], upper: [1])
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch("b has 2 elements but A has 3 rows")) {
            try LinearLeastSquares.bounded(a, [1, 2], lower: [0, 0], upper: [1, 1])
        }
        #expect(throws: LinearAlgebraError.iterationLimitReached(routine: "bvls", iterations: 0)) {
            try LinearLeastSquares.bounded(a, b, lower: [0, 0], upper: [10, 10], maxIterations: 0)
        }
    }
}
