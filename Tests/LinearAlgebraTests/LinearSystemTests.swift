import LinearAlgebra
import TestSupport
import Testing

@Suite("Square linear systems")
struct LinearSystemTests {
    @Test("dgesv solves a general system with a known integer solution")
    func general() throws {
        // b = A (1, −2, 3) computed by hand.
        let a = Matrix([[0, 2, 1], [1, 1, 1], [4, -1, 2]])
        let x = try LinearSystem.solve(a, [-1, 2, 12])
        #expect(isClose(x, [1, -2, 3], rel: 1e-14))
    }

    @Test("dposv solves an SPD system with a known solution")
    func symmetricPositiveDefinite() throws {
        // [[4, 2], [2, 3]] (1, −1) = (2, −1).
        let x = try LinearSystem.solveSymmetricPositiveDefinite(Matrix([[4, 2], [2, 3]]), [2, -1])
        #expect(isClose(x, [1, -1], rel: 1e-15))
    }

    @Test("SPD inverse: closed form for 2×2, numpy.linalg.inv for 3×3, exactly symmetric")
    func inverse() throws {
        // [[4, 2], [2, 3]]⁻¹ = (1/8) [[3, −2], [−2, 4]].
        let small = try LinearSystem.inverseSymmetricPositiveDefinite(Matrix([[4, 2], [2, 3]]))
        #expect(isClose(small, Matrix([[0.375, -0.25], [-0.25, 0.5]]), rel: 1e-15))
        // python3: np.linalg.inv([[4,2,0.6],[2,5,1],[0.6,1,3]])
        let s = Matrix([[4, 2, 0.6], [2, 5, 1], [0.6, 1, 3]])
        let inverse = try LinearSystem.inverseSymmetricPositiveDefinite(s)
        let expected = Matrix([
            [0.31390134529147984, -0.1210762331838565, -0.022421524663677132],
            [-0.1210762331838565, 0.2609865470852018, -0.06278026905829595],
            [-0.02242152466367713, -0.06278026905829595, 0.35874439461883406],
        ])
        #expect(isClose(inverse, expected, rel: 1e-13))
        #expect(maxAbsDifference(inverse, inverse.transposed) == 0)  // lower triangle copied from upper
        #expect(maxAbsDifference(s * inverse, .identity(3)) < 1e-14)
    }

    @Test("LAPACK failures carry routine and info")
    func lapackErrors() {
        // Exactly singular: partial pivoting leaves U[1, 1] = 0 → dgesv info 2.
        #expect(throws: LinearAlgebraError.lapack(routine: "dgesv", info: 2)) {
            try LinearSystem.solve(Matrix([[1, 2], [2, 4]]), [1, 2])
        }
        // [[1, 2], [2, 1]] is indefinite: the order-2 leading minor fails (1 − 4 < 0).
        #expect(throws: LinearAlgebraError.lapack(routine: "dposv", info: 2)) {
            try LinearSystem.solveSymmetricPositiveDefinite(Matrix([[1, 2], [2, 1]]), [1, 1])
        }
        #expect(throws: LinearAlgebraError.lapack(routine: "dpotrf", info: 1)) {
            try LinearSystem.inverseSymmetricPositiveDefinite(Matrix([[-1, 0], [0, 1]]))
        }
    }

    @Test("Shape and finiteness errors")
    func inputErrors() {
        #expect(throws: LinearAlgebraError.dimensionMismatch("A must be square, got 2×3")) {
            try LinearSystem.solve(Matrix([[1, 2, 3], [4, 5, 6]]), [1, 2])
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch("b has 3 elements but A has 2 rows")) {
            try LinearSystem.solveSymmetricPositiveDefinite(.identity(2), [1, 2, 3])
        }
        #expect(throws: LinearAlgebraError.nonFinite("A[1, 1] = nan")) {
            try LinearSystem.inverseSymmetricPositiveDefinite(Matrix([[1, 0], [0, .nan]]))
        }
    }
}
