import LinearAlgebra
import Testing

@Suite("SmallCholesky")
struct SmallCholeskyTests {
    @Test("the upper factor of a known 3×3 matrix: R = [[2, 1, 1], [0, 3, 2], [0, 0, 1]], RᵀR = A exactly")
    func knownFactor() throws {
        // A = RᵀR for R = [[2, 1, 1], [0, 3, 2], [0, 0, 1]].
        let a: [Double] = [4, 2, 2, 2, 10, 7, 2, 7, 6]
        let r = try #require(SmallCholesky.upperFactor(a, order: 3))
        #expect(r == [2, 1, 1, 0, 3, 2, 0, 0, 1])
    }

    @Test("not positive definite, or not finite: nil")
    func refused() {
        #expect(SmallCholesky.upperFactor([1, 2, 2, 1], order: 2) == nil)
        #expect(SmallCholesky.upperFactor([0, 0, 0, 1], order: 2) == nil)
        #expect(SmallCholesky.upperFactor([.infinity, 0, 0, 1], order: 2) == nil)
    }
}
