import Foundation
import LinearAlgebra
import TestSupport

/// Whether two matrices have the same shape and elementwise close entries.
func isClose(_ actual: Matrix, _ expected: Matrix, rel: Double = 1e-9, abs: Double = 0) -> Bool {
    actual.rows == expected.rows && actual.columns == expected.columns
        && isClose(actual.elements, expected.elements, rel: rel, abs: abs)
}

/// The largest absolute entry of `actual − expected` (shapes must match).
func maxAbsDifference(_ actual: Matrix, _ expected: Matrix) -> Double {
    precondition(actual.rows == expected.rows && actual.columns == expected.columns)
    var largest = 0.0
    for (x, y) in zip(actual.elements, expected.elements) { largest = max(largest, Swift.abs(x - y)) }
    return largest
}

/// `Aᵀ(b − A x)`, the negative gradient of `½‖A x − b‖²`.
func negativeGradient(_ a: Matrix, _ x: [Double], _ b: [Double]) -> [Double] {
    let fitted = a * x
    let residual = zip(b, fitted).map { $0 - $1 }
    return a.transposed * residual
}

/// Whether `x` satisfies the KKT conditions of `min ½‖A x − b‖²` s.t. `l ≤ x ≤ u` within
/// `tolerance` (absolute, on the gradient components): interior ⇒ `wⱼ ≈ 0`, at a lower bound
/// ⇒ `wⱼ ≤ tol`, at an upper bound ⇒ `wⱼ ≥ −tol`; and `x` is feasible.
func satisfiesKKT(
    _ a: Matrix, _ x: [Double], _ b: [Double], lower: [Double], upper: [Double], tolerance: Double
) -> Bool {
    let w = negativeGradient(a, x, b)
    for j in 0..<x.count {
        guard x[j] >= lower[j], x[j] <= upper[j] else { return false }
        let atLower = x[j] == lower[j]
        let atUpper = x[j] == upper[j]
        if atLower && atUpper { continue }
        if atLower { if w[j] > tolerance { return false } }
        else if atUpper { if w[j] < -tolerance { return false } }
        else if Swift.abs(w[j]) > tolerance { return false }
    }
    return true
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants), reimplemented in the
/// Python scripts that produced the reference values:
///
/// ```python
/// state = (state * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
/// u = (state >> 11) * 2.0**-53
/// ```
struct LCG {
    var state: UInt64

    mutating func nextUniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) * 0x1p-53
    }
}

/// The 240 × 3 scaling-law-shaped design used by the NNLS and BVLS tests.
///
/// Row i: `N = 10^(7 + 4u)`, `D = 10^(9 + 3u)`, columns `[1, N^−0.34, D^−0.28]`, and
/// `b = 1.7 + 400 N^−0.34 − 50 D^−0.28 + 0.01 (u − 0.5)`, with `u` drawn from ``LCG`` seeded
/// 20240601 in the order N, D, noise. The true third coefficient is negative, so NNLS
/// must clamp it.
func scalingLawProblem() -> (Matrix, [Double]) {
    var generator = LCG(state: 20_240_601)
    let m = 240
    var a = Matrix(rows: m, columns: 3)
    var b = [Double](repeating: 0, count: m)
    for i in 0..<m {
        let n = pow(10.0, 7.0 + 4.0 * generator.nextUniform())
        let d = pow(10.0, 9.0 + 3.0 * generator.nextUniform())
        let c1 = pow(n, -0.34)
        let c2 = pow(d, -0.28)
        a[i, 0] = 1
        a[i, 1] = c1
        a[i, 2] = c2
        b[i] = 1.7 + 400.0 * c1 - 50.0 * c2 + 0.01 * (generator.nextUniform() - 0.5)
    }
    return (a, b)
}
