import Foundation
import LinearAlgebra
import TestSupport
import Testing

@Suite("Singular value decomposition")
struct SingularValueDecompositionTests {
    /// Reconstruction, orthogonality and shapes for any matrix.
    private func expectValid(_ svd: SingularValueDecomposition, reconstructs a: Matrix) {
        let k = min(a.rows, a.columns)
        #expect(svd.u.rows == a.rows && svd.u.columns == k)
        #expect(svd.vt.rows == k && svd.vt.columns == a.columns)
        #expect(svd.singularValues.count == k)
        let product = svd.u * Matrix.diagonal(svd.singularValues) * svd.vt
        #expect(maxAbsDifference(product, a) < 1e-13 * max(1, svd.singularValues[0]))
        #expect(maxAbsDifference(svd.u.transposed * svd.u, .identity(k)) < 1e-14)
        #expect(maxAbsDifference(svd.vt * svd.vt.transposed, .identity(k)) < 1e-14)
        for i in 1..<k { #expect(svd.singularValues[i - 1] >= svd.singularValues[i]) }
    }

    @Test("2×3 textbook matrix has σ = 5, 3")
    func textbookWide() throws {
        // A Aᵀ = [[17, 8], [8, 17]] has eigenvalues 25 and 9.
        let a = Matrix([[3, 2, 2], [2, 3, -2]])
        let svd = try SingularValueDecomposition(a)
        #expect(isClose(svd.singularValues, [5, 3], rel: 1e-14))
        #expect(svd.rank() == 2)
        expectValid(svd, reconstructs: a)
    }

    @Test("Tall matrix with scaled permutation structure: σ = 3, 2")
    func scaledPermutation() throws {
        let a = Matrix([[0, 2], [-3, 0], [0, 0]])
        let svd = try SingularValueDecomposition(a)
        #expect(isClose(svd.singularValues, [3, 2], rel: 1e-15))
        expectValid(svd, reconstructs: a)
    }

    @Test("All-ones 4×3 matrix: σ₁ = √12, rank 1")
    func allOnesRankOne() throws {
        let a = Matrix(rows: 4, columns: 3, repeating: 1)
        let svd = try SingularValueDecomposition(a)
        #expect(isClose(svd.singularValues[0], 12.0.squareRoot(), rel: 1e-14))
        #expect(svd.singularValues[1] < 1e-14 && svd.singularValues[2] < 1e-14)
        #expect(svd.rank() == 1)
        expectValid(svd, reconstructs: a)
    }

    @Test("Hilbert 4×4 singular values match NumPy")
    func hilbert() throws {
        // python3 -c "import numpy as np, scipy.linalg as s; print(np.linalg.svd(s.hilbert(4), compute_uv=False).tolist())"
        let expected = [1.500214280059243, 0.16914122022145, 0.006738273605760712, 9.670230402260777e-05]
        let a = Matrix((0..<4).map { i in (0..<4).map { j in 1.0 / Double(i + j + 1) } })
        let svd = try SingularValueDecomposition(a)
        #expect(isClose(svd.singularValues, expected, rel: 1e-11))
        expectValid(svd, reconstructs: a)
    }

    @Test("rank honours an explicit relative tolerance")
    func rankTolerance() throws {
        let svd = try SingularValueDecomposition(Matrix.diagonal([1, 1e-10, 0]))
        #expect(svd.rank() == 2)  // default τ = 3·eps ≈ 6.7e-16
        #expect(svd.rank(relativeTolerance: 1e-8) == 1)
        #expect(svd.rank(relativeTolerance: 1e-12) == 2)
    }

    @Test("Zero matrix has rank 0")
    func zeroMatrix() throws {
        let svd = try SingularValueDecomposition(Matrix(rows: 2, columns: 3))
        #expect(svd.rank() == 0)
        #expect(isClose(svd.singularValues, [0, 0], abs: 1e-300))
    }

    @Test("Errors: empty and non-finite input")
    func errors() {
        #expect(throws: LinearAlgebraError.dimensionMismatch("A is empty (0×3)")) {
            try SingularValueDecomposition(Matrix(rows: 0, columns: 3))
        }
        #expect(throws: LinearAlgebraError.nonFinite("A[1, 0] = nan")) {
            try SingularValueDecomposition(Matrix([[1, 2], [.nan, 3]]))
        }
        #expect(throws: LinearAlgebraError.nonFinite("A[0, 1] = -inf")) {
            try SingularValueDecomposition(Matrix([[1, -.infinity], [2, 3]]))
        }
    }
}
