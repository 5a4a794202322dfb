import LinearAlgebra
import TestSupport
import Testing

@Suite("Non-negative least squares (Lawson–Hanson)")
struct NonNegativeLeastSquaresTests {
    @Test("Identity design: x = max(b, 0), RSS = Σ min(b, 0)²")
    func identityClamps() throws {
        let fit = try LinearLeastSquares.nonNegative(.identity(4), [1, -2, 3, -4])
        #expect(isClose(fit.solution, [1, 0, 3, 0], rel: 1e-15))
        #expect(isClose(fit.residualSumOfSquares, 20, rel: 1e-15))
        #expect(fit.activeAtLower == [false, true, false, true])
        #expect(fit.activeAtUpper == [false, false, false, false])
        #expect(fit.iterations == 2)  // one solve per variable made positive
    }

    @Test("A genuine component 1e-9 times the scale of b is not cut off by the KKT tolerance")
    func smallComponentsSurvive() throws {
        // Analytic: orthogonal columns of norms 1 and 2, so x = (1, 1e-9 / 2) exactly solves A x = b.
        let a = Matrix([[1, 0], [0, 2], [0, 0]])
        let fit = try LinearLeastSquares.nonNegative(a, [1, 1e-9, 0])
        #expect(isClose(fit.solution, [1, 5e-10], rel: 1e-14))
        #expect(fit.activeAtLower == [false, false])
        #expect(isClose(fit.residualSumOfSquares, 0, abs: 1e-40))
    }

    @Test("Several active constraints match scipy.optimize.nnls")
    func severalActive() throws {
        // python3: from scipy.optimize import nnls
        //   A = [[1,.5,.2,0,1],[.3,1,0,.4,.1],[0,.2,1,.5,.3],[.7,0,.3,1,.2],[.2,.6,.1,.3,1],[1,1,1,1,1],[.5,.1,.9,.2,.4]]
        //   b = [1.66,-0.29,1.93,1.1,0.5,2.72,2.39]; x, rnorm = nnls(A, b); rnorm**2
        let a = Matrix([
            [1, 0.5, 0.2, 0, 1], [0.3, 1, 0, 0.4, 0.1], [0, 0.2, 1, 0.5, 0.3], [0.7, 0, 0.3, 1, 0.2],
            [0.2, 0.6, 0.1, 0.3, 1], [1, 1, 1, 1, 1], [0.5, 0.1, 0.9, 0.2, 0.4],
        ])
        let b = [1.66, -0.29, 1.93, 1.1, 0.5, 2.72, 2.39]
        let fit = try LinearLeastSquares.nonNegative(a, b)
        #expect(isClose(fit.solution, [0.7277293603956712, 0, 1.8943658702053805, 0, 0.2754898442328052], rel: 1e-12))
        #expect(isClose(fit.residualSumOfSquares, 0.4559400327493901, rel: 1e-12))
        #expect(fit.activeAtLower == [false, true, false, true, false])
        // scipy: w = Aᵀ(b − A x) = [≈0, −0.629083993512726, ≈0, −0.43919655698830884, ≈0]
        let w = negativeGradient(a, fit.solution, b)
        #expect(isClose(w[1], -0.629083993512726, rel: 1e-11))
        #expect(isClose(w[3], -0.43919655698830884, rel: 1e-11))
        #expect(satisfiesKKT(a, fit.solution, b, lower: [0, 0, 0, 0, 0], upper: [Double](repeating: .infinity, count: 5), tolerance: 1e-13))
    }

    @Test("240×3 scaling-law design from a seeded LCG matches scipy.optimize.nnls")
    func scalingLawDesign() throws {
        // python3: the LCG of Helpers.swift seeded 20240601, same row recipe, then
        //   x, rnorm = scipy.optimize.nnls(A, b); rnorm**2
        //   (first row [1.0, 0.00027576915644417785, 0.0005611149194210001], b[0] = 1.7827907896692472,
        //    b[239] = 1.8052539980347968; unconstrained lstsq gives [1.6996…, 400.110…, −49.938…])
        let (a, b) = scalingLawProblem()
        #expect(isClose(a.row(0), [1.0, 0.00027576915644417785, 0.0005611149194210001], rel: 1e-14))
        #expect(isClose(b[0], 1.7827907896692472, rel: 1e-14))
        #expect(isClose(b[239], 1.8052539980347968, rel: 1e-14))
        let fit = try LinearLeastSquares.nonNegative(a, b)
        #expect(isClose(fit.solution[0], 1.6332025153234844, rel: 1e-10))
        #expect(isClose(fit.solution[1], 398.78958689554145, rel: 1e-10))
        #expect(fit.solution[2] == 0)  // pinned exactly to its bound by the algorithm
        #expect(fit.activeAtLower == [false, false, true])
        #expect(isClose(fit.residualSumOfSquares, 0.30958648178735365, rel: 1e-10))
        #expect(fit.iterations >= 2)  // at least one solve per positive variable
    }

    @Test("A variable that enters and is pushed back by the step-length rule ends exactly at 0")
    func backtracking() throws {
        // Column 2 has the largest scaled gradient at x = 0, enters, and the next solve drives it
        // negative, so the interpolation step stops at x₂ = 0 and returns it to the active set.
        // python3: A = [[4,3,4],[1,0,4],[4,3,2],[2,4,0],[1,1,1]]; b = [-1,2,5,3,1]
        //          x, rnorm = nnls(A, b) -> [0.20746887966805017, 0.518672199170124, 0.0], rnorm**2
        let a = Matrix([[4, 3, 4], [1, 0, 4], [4, 3, 2], [2, 4, 0], [1, 1, 1]])
        let b: [Double] = [-1, 2, 5, 3, 1]
        let fit = try LinearLeastSquares.nonNegative(a, b)
        #expect(isClose(Array(fit.solution[0..<2]), [0.20746887966805017, 0.518672199170124], rel: 1e-13))
        #expect(fit.solution[2] == 0)  // assigned from the bound, not computed
        #expect(fit.activeAtLower == [false, false, true])
        #expect(isClose(fit.residualSumOfSquares, 21.846473029045644, rel: 1e-13))
        #expect(fit.iterations > 3)  // the pushed-back variable costs an extra solve
    }

    @Test("Duplicate columns (rank-deficient): same optimum as scipy, dependent column stays at zero")
    func duplicateColumns() throws {
        // python3: A = [[1,1,0],[2,2,1],[3,3,0],[1,1,2],[0,0,1]]; b = [1,3,2,4,-1]
        //          x, rnorm = nnls(A, b) -> [0.8378378378378378, 0, 1.1081081081081081], rnorm**2
        let a = Matrix([[1, 1, 0], [2, 2, 1], [3, 3, 0], [1, 1, 2], [0, 0, 1]])
        let b: [Double] = [1, 3, 2, 4, -1]
        let fit = try LinearLeastSquares.nonNegative(a, b)
        #expect(isClose(fit.residualSumOfSquares, 5.6756756756756745, rel: 1e-12))
        // Columns 0 and 1 are identical, so only their sum is determined.
        #expect(isClose(fit.solution[0] + fit.solution[1], 0.8378378378378378, rel: 1e-12))
        #expect(isClose(fit.solution[2], 1.1081081081081081, rel: 1e-12))
        #expect(fit.solution.allSatisfy { $0 >= 0 })
        let fitted = a * fit.solution
        let expectedFit = [0.8378378378378378, 2.7837837837837838, 2.5135135135135136, 3.054054054054054, 1.1081081081081081]
        #expect(isClose(fitted, expectedFit, rel: 1e-12))
    }

    @Test("b = 0 returns x = 0 without any solve")
    func zeroTarget() throws {
        let fit = try LinearLeastSquares.nonNegative(Matrix([[1, 2], [3, 4], [5, 6]]), [0, 0, 0])
        #expect(fit.solution == [0, 0])  // the starting point, never computed
        #expect(fit.iterations == 0)
        #expect(fit.activeAtLower == [true, true])
    }

    @Test("Iteration cap: exceeding maxIterations throws iterationLimitReached")
    func iterationCap() throws {
        // Identity with two positive entries needs exactly two solves.
        #expect(throws: LinearAlgebraError.iterationLimitReached(routine: "nnls", iterations: 1)) {
            try LinearLeastSquares.nonNegative(.identity(3), [1, 2, -1], maxIterations: 1)
        }
        let fit = try LinearLeastSquares.nonNegative(.identity(3), [1, 2, -1], maxIterations: 2)
        #expect(isClose(fit.solution, [1, 2, 0], rel: 1e-15))
        #expect(throws: LinearAlgebraError.invalidArgument("maxIterations must be non-negative, got -1")) {
            try LinearLeastSquares.nonNegative(.identity(3), [1, 2, -1], maxIterations: -1)
        }
    }

    @Test("Errors: dimension mismatch and non-finite input")
    func errors() {
        #expect(throws: LinearAlgebraError.dimensionMismatch("b has 3 elements but A has 2 rows")) {
            try LinearLeastSquares.nonNegative(Matrix([[1, 2], [3, 4]]), [1, 2, 3])
        }
        #expect(throws: LinearAlgebraError.nonFinite("A[0, 1] = nan")) {
            try LinearLeastSquares.nonNegative(Matrix([[1, .nan], [3, 4]]), [1, 2])
        }
        #expect(throws: LinearAlgebraError.nonFinite("b[0] = -inf")) {
            try LinearLeastSquares.nonNegative(Matrix([[1, 2], [3, 4]]), [-.infinity, 2])
        }
    }
}
