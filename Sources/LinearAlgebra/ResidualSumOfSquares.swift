extension Matrix {
    /// `‖b − A x‖²` for this matrix `A`, accumulated from the original operands (never from
    /// a LAPACK by-product, which is only valid in special cases).
    ///
    /// ```
    /// RSS = Σᵢ (bᵢ − Σⱼ Aᵢⱼ xⱼ)²
    /// ```
    ///
    /// - Parameters:
    ///   - x: `columns` values.
    ///   - b: `rows` values.
    /// - Returns: The residual sum of squares.
    func residualSumOfSquares(_ x: [Double], _ b: [Double]) -> Double {
        let m = rows
        var residual = b
        residual.withUnsafeMutableBufferPointer { r in
            elements.withUnsafeBufferPointer { a in
                for j in 0..<columns where x[j] != 0 {
                    let xj = x[j]
                    let offset = j * m
                    for i in 0..<m { r[i] -= a[offset + i] * xj }
                }
            }
        }
        // Two partial sums let the loop pipeline; the order is fixed, so results are
        // deterministic.
        var even = 0.0
        var odd = 0.0
        var i = 0
        while i + 2 <= m {
            even += residual[i] * residual[i]
            odd += residual[i + 1] * residual[i + 1]
            i += 2
        }
        if i < m { even += residual[i] * residual[i] }
        return even + odd
    }
}
