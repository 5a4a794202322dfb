import LinearAlgebra
import TestSupport
import Testing

@Suite("QR decomposition")
struct QRDecompositionTests {
    static let design = Matrix([[1, 2, 0], [0, 1, 1], [1, 0, 1], [2, 1, 1], [1, 1, 3]])

    @Test("Q R reconstructs A, QᵀQ = I, R upper triangular")
    func reconstruction() throws {
        let a = Self.design
        let qr = try QRDecomposition(a)
        #expect(qr.q.rows == 5 && qr.q.columns == 3)
        #expect(qr.r.rows == 3 && qr.r.columns == 3)
        #expect(maxAbsDifference(qr.q * qr.r, a) < 1e-14)
        #expect(maxAbsDifference(qr.q.transposed * qr.q, .identity(3)) < 1e-15)
        for j in 0..<3 {
            for i in (j + 1)..<3 { #expect(qr.r[i, j] == 0) }  // stored zeros, not computed
        }
        // |R_00| = ‖A_0‖ = √7: the first Householder reflection maps column 0 to ±‖A_0‖ e₁.
        #expect(isClose(Swift.abs(qr.r[0, 0]), 7.0.squareRoot(), rel: 1e-15))
    }

    @Test("solve matches numpy.linalg.lstsq")
    func solveMatchesNumPy() throws {
        // python3: A = [[1,2,0],[0,1,1],[1,0,1],[2,1,1],[1,1,3]]; b = [1,2,3,4,5]
        //          np.linalg.lstsq(A, b, rcond=None)[0].tolist()
        let expected = [1.2732919254658386, -0.03726708074534146, 1.3788819875776392]
        let x = try QRDecomposition(Self.design).solve([1, 2, 3, 4, 5])
        #expect(isClose(x, expected, rel: 1e-13))
    }

    @Test("Square system: solve returns the exact solution")
    func squareExact() throws {
        // A x = b with x = (1, −2, 3) by construction.
        let a = Matrix([[2, 1, 1], [1, 3, 2], [1, 0, 0]])
        let x = try QRDecomposition(a).solve([3, 1, 1])
        #expect(isClose(x, [1, -2, 3], rel: 1e-14))
    }

    @Test("Errors: wide matrix, wrong b length, NaN b, singular R")
    func errors() throws {
        #expect(throws: LinearAlgebraError.dimensionMismatch("QR decomposition needs rows >= columns, got 2×3")) {
            try QRDecomposition(Matrix([[1, 2, 3], [4, 5, 6]]))
        }
        let qr = try QRDecomposition(Self.design)
        #expect(throws: LinearAlgebraError.dimensionMismatch("b has 2 elements but A has 5 rows")) {
            try qr.solve([1, 2])
        }
        #expect(throws: LinearAlgebraError.nonFinite("b[2] = nan")) {
            try qr.solve([1, 2, .nan, 4, 5])
        }
        // A zero second column leaves R[1, 1] exactly zero: dtrtrs reports info = 2.
        let singular = try QRDecomposition(Matrix([[1, 0], [0, 0], [1, 0]]))
        #expect(throws: LinearAlgebraError.lapack(routine: "dtrtrs", info: 2)) {
            try singular.solve([1, 2, 3])
        }
    }
}
