/// The Cholesky factorisation of a small symmetric positive definite matrix in plain Swift, for
/// the `p × p` normal equations of a fit (a handful of parameters), where a LAPACK call's
/// overhead exceeds the arithmetic.
public enum SmallCholesky {
    /// The upper factor `R` (row-major, `a = RᵀR`) of the symmetric `q × q` matrix `a`
    /// (row-major; only its upper triangle is read), or `nil` when `a` is not positive
    /// definite or a pivot is not finite.
    /// - Parameters:
    ///   - a: `q × q` values, row-major.
    ///   - q: The order.
    /// - Returns: `R`, row-major, zeros below the diagonal.
    public static func upperFactor(_ a: [Double], order q: Int) -> [Double]? {
        var r = [Double](repeating: 0, count: q * q)
        for k in 0..<q {
            var d = a[k * q + k]
            for i in 0..<k { d -= r[i * q + k] * r[i * q + k] }
            guard d > 0, d.isFinite else { return nil }
            let rkk = d.squareRoot()
            r[k * q + k] = rkk
            for l in (k + 1)..<Swift.max(q, k + 1) {
                var s = a[k * q + l]
                for i in 0..<k { s -= r[i * q + k] * r[i * q + l] }
                r[k * q + l] = s / rkk
            }
        }
        return r
    }
}
