import LinearAlgebra
import TestSupport
import Testing

@Suite("Condition number and pseudo-inverse")
struct MatrixPropertiesTests {
    @Test("Condition number of a diagonal matrix is max/min of |diagonal|")
    func diagonalCondition() throws {
        #expect(isClose(try Matrix.diagonal([10, -2, 0.5]).conditionNumber(), 20, rel: 1e-15))
    }

    @Test("Condition numbers match numpy.linalg.cond")
    func numpyCondition() throws {
        // python3: np.linalg.cond(scipy.linalg.hilbert(5)); np.linalg.cond([[1,2],[3,4],[5,6]])
        let hilbert = Matrix((0..<5).map { i in (0..<5).map { j in 1.0 / Double(i + j + 1) } })
        #expect(isClose(try hilbert.conditionNumber(), 476607.2502425855, rel: 1e-9))
        #expect(isClose(try Matrix([[1, 2], [3, 4], [5, 6]]).conditionNumber(), 18.521305341258135, rel: 1e-13))
    }

    @Test("Singular matrices have infinite condition number")
    func singularCondition() throws {
        #expect(try Matrix([[1, 2], [2, 4]]).conditionNumber() > 1e15)  // σ_min is rounding-level
        #expect(try Matrix(rows: 2, columns: 2).conditionNumber() == .infinity)
        #expect(try Matrix([[1, 0], [0, 0]]).conditionNumber() == .infinity)
    }

    @Test("Pseudo-inverse of a full-rank tall matrix matches numpy.linalg.pinv")
    func fullRankPseudoInverse() throws {
        // python3: np.linalg.pinv([[1,2],[3,4],[5,6]])
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let expected = Matrix([
            [-1.3333333333333337, -0.33333333333333287, 0.6666666666666665],
            [1.0833333333333335, 0.3333333333333329, -0.4166666666666665],
        ])
        let pinv = try a.pseudoInverse()
        #expect(isClose(pinv, expected, rel: 1e-12, abs: 1e-14))
        // Penrose: A A⁺ A = A and A⁺ A = I for full column rank.
        #expect(maxAbsDifference(a * pinv * a, a) < 1e-13)
        #expect(maxAbsDifference(pinv * a, .identity(2)) < 1e-13)
    }

    @Test("Pseudo-inverse of a rank-deficient matrix matches numpy.linalg.pinv and the Penrose conditions")
    func rankDeficientPseudoInverse() throws {
        // python3: np.linalg.pinv([[1,2,3],[2,4,6],[1,0,1]])
        let a = Matrix([[1, 2, 3], [2, 4, 6], [1, 0, 1]])
        let expected = Matrix([
            [-0.03333333333333385, -0.06666666666666661, 0.8333333333333339],
            [0.0666666666666671, 0.13333333333333325, -0.666666666666667],
            [0.033333333333333236, 0.06666666666666664, 0.16666666666666682],
        ])
        let pinv = try a.pseudoInverse()
        #expect(isClose(pinv, expected, rel: 1e-12, abs: 1e-14))
        #expect(maxAbsDifference(a * pinv * a, a) < 1e-13)
        #expect(maxAbsDifference(pinv * a * pinv, pinv) < 1e-13)
        let ap = a * pinv
        #expect(maxAbsDifference(ap, ap.transposed) < 1e-13)
    }

    @Test("rcond drops small singular values")
    func rcondCutoff() throws {
        let a = Matrix.diagonal([2, 1e-10])
        #expect(isClose(try a.pseudoInverse(), .diagonal([0.5, 1e10]), rel: 1e-14))
        #expect(isClose(try a.pseudoInverse(rcond: 1e-8), .diagonal([0.5, 0]), rel: 1e-14))
    }

    @Test("Errors: negative or NaN rcond, empty matrix")
    func errors() {
        #expect(throws: LinearAlgebraError.invalidArgument("rcond must be non-negative, got -1.0")) {
            try Matrix.identity(2).pseudoInverse(rcond: -1)
        }
        #expect(throws: LinearAlgebraError.nonFinite("rcond = nan")) {
            try Matrix.identity(2).pseudoInverse(rcond: .nan)
        }
        #expect(throws: LinearAlgebraError.dimensionMismatch("A is empty (0×0)")) {
            try Matrix(rows: 0, columns: 0).conditionNumber()
        }
    }
}
