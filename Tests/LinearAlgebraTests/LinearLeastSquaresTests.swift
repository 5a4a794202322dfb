import LinearAlgebra
import TestSupport
import Testing

@Suite("Linear least squares (dgelsd)")
struct LinearLeastSquaresTests {
    @Test("Exact line through collinear points: intercept 2, slope −0.5, RSS 0")
    func exactLine() throws {
        let xs: [Double] = [0, 1, 2, 3, 4, 5]
        let a = Matrix(xs.map { [1, $0] })
        let b = xs.map { 2 - 0.5 * $0 }
        let fit = try LinearLeastSquares.solve(a, b)
        #expect(isClose(fit.solution, [2, -0.5], rel: 1e-14))
        #expect(fit.rank == 2)
        #expect(isClose(fit.residualSumOfSquares, 0, abs: 1e-28))
    }

    @Test("Full-rank overdetermined problem matches numpy.linalg.lstsq")
    func overdetermined() throws {
        // python3: A = [[1,2,0],[0,1,1],[1,0,1],[2,1,1],[1,1,3]]; b = [1,2,3,4,5]
        //          x, res, rank, sv = np.linalg.lstsq(A, b, rcond=None)
        let a = Matrix([[1, 2, 0], [0, 1, 1], [1, 0, 1], [2, 1, 1], [1, 1, 3]])
        let fit = try LinearLeastSquares.solve(a, [1, 2, 3, 4, 5])
        #expect(isClose(fit.solution, [1.2732919254658386, -0.03726708074534146, 1.3788819875776392], rel: 1e-13))
        #expect(fit.rank == 3)
        #expect(isClose(fit.singularValues, [4.448846856798187, 2.0804931828905358, 1.3708791925997348], rel: 1e-13))
        #expect(isClose(fit.residualSumOfSquares, 0.7453416149068329, rel: 1e-12))
    }

    @Test("Rank-deficient problem: rank 2 reported, minimum-norm solution as NumPy")
    func rankDeficient() throws {
        // Column 2 = column 0 + column 1.
        // python3: A = [[1,2,3],[4,5,9],[7,8,15],[1,0,1]]; b = [1,0,2,5]
        //          x, _, rank, sv = np.linalg.lstsq(A, b, rcond=None); np.sum((b - A@x)**2)
        let a = Matrix([[1, 2, 3], [4, 5, 9], [7, 8, 15], [1, 0, 1]])
        let b: [Double] = [1, 0, 2, 5]
        let fit = try LinearLeastSquares.solve(a, b)
        #expect(fit.rank == 2)
        #expect(isClose(fit.solution, [2.8707482993197218, -2.639455782312922, 0.23129251700680475], rel: 1e-11))
        #expect(isClose(Array(fit.singularValues[0..<2]), [21.796140004740867, 0.9634733487412135], rel: 1e-13))
        #expect(fit.singularValues[2] < 1e-13)
        // RSS from the original A and b (LAPACK's leftover b is not valid here).
        #expect(isClose(fit.residualSumOfSquares, 11.306122448979592, rel: 1e-11))
        // Minimum norm: the solution is orthogonal to the null vector (1, 1, −1).
        let s = fit.solution
        #expect(Swift.abs(s[0] + s[1] - s[2]) < 1e-12)
    }

    @Test("Underdetermined problem: minimum-norm exact solution")
    func underdetermined() throws {
        // python3: np.linalg.lstsq([[1,2,3],[4,5,6]], [1,2], rcond=None)
        let fit = try LinearLeastSquares.solve(Matrix([[1, 2, 3], [4, 5, 6]]), [1, 2])
        #expect(fit.rank == 2)
        #expect(isClose(fit.solution, [-0.05555555555555583, 0.11111111111111112, 0.277777777777778], rel: 1e-12))
        #expect(isClose(fit.singularValues, [9.508032000695724, 0.7728696356734843], rel: 1e-13))
        #expect(isClose(fit.residualSumOfSquares, 0, abs: 1e-28))
    }

    @Test("rcond truncates a tiny singular value (NumPy rcond=1e-6 vs default)")
    func rcondTruncation() throws {
        // python3: A = [[1,1],[1,1+1e-7],[1,1-1e-7]]; b = [1,2,0.5]
        //          np.linalg.lstsq(A, b, rcond=1e-6)  -> rank 1
        //          np.linalg.lstsq(A, b, rcond=None)  -> rank 2
        let a = Matrix([[1, 1], [1, 1 + 1e-7], [1, 1 - 1e-7]])
        let b: [Double] = [1, 2, 0.5]
        let truncated = try LinearLeastSquares.solve(a, b, rcond: 1e-6)
        #expect(truncated.rank == 1)
        #expect(isClose(truncated.solution, [0.5833333458333315, 0.5833333458333334], rel: 1e-9))
        #expect(isClose(truncated.residualSumOfSquares, 1.1666664916666716, rel: 1e-9))
        let full = try LinearLeastSquares.solve(a, b)
        #expect(full.rank == 2)
        #expect(isClose(full.singularValues, [2.44948974278318, 1.000000000028755e-07], rel: 1e-8))
        // Ill-conditioned (κ ≈ 2.4e7): agreement to ~7 digits is what the data supports.
        #expect(isClose(full.solution, [-7499998.833918899, 7500000.000585566], rel: 1e-6))
        #expect(isClose(full.residualSumOfSquares, 0.04166666651144624, rel: 1e-6))
    }

    @Test("Errors: shape, non-finite values, rcond")
    func errors() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        #expect(throws: LinearAlgebraError.dimensionMismatch("b has 2 elements but A has 3 rows")) {
            try LinearLeastSquares.solve(a, [1, 2])
        }
        #expect(throws: LinearAlgebraError.nonFinite("b[1] = nan")) {
            try LinearLeastSquares.solve(a, [1, .nan, 3])
        }
        #expect(throws: LinearAlgebraError.nonFinite("A[2, 1] = inf")) {
            try LinearLeastSquares.solve(Matrix([[1, 2], [3, 4], [5, .infinity]]), [1, 2, 3])
        }
        #expect(throws: LinearAlgebraError.nonFinite("rcond = nan")) {
            try LinearLeastSquares.solve(a, [1, 2, 3], rcond: .nan)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch("A is empty (3×0)")) {
            try LinearLeastSquares.solve(Matrix(rows: 3, columns: 0), [1, 2, 3])
        }
    }
}
