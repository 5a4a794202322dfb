import Foundation
import LinearAlgebra
import ScalingLaws

/// A training-cost law fitted to measured FLOP, for use as a ``CostModel``:
///
/// ```
/// C = k·N^p·D^q,   log C = log k + p·log N + q·log D     (ordinary least squares in log space)
/// ```
/// `C = 6ND` is `k = 6, p = q = 1`. Standard errors are `s·√diag((XᵀX)⁻¹)`, `s² = RSS/(n − 3)`.
public struct CostLaw: Sendable, Equatable, Codable, CustomStringConvertible {
    /// `k`, FLOP at `N = D = 1`.
    public let coefficient: Double
    /// `p`, the exponent of `N`.
    public let parameterExponent: Double
    /// `q`, the exponent of `D`.
    public let tokenExponent: Double
    /// Standard errors of `log k`, `p`, `q` (`nil` with 3 rows).
    public let standardErrors: [Double]?
    /// Rows fitted.
    public let rows: Int
    /// `R²` of `log C`.
    public let rSquared: Double?

    /// A cost law `C = k·N^p·D^q`.
    /// - Parameters:
    ///   - coefficient: `k`.
    ///   - parameterExponent: `p`.
    ///   - tokenExponent: `q`.
    ///   - standardErrors: Standard errors of `log k`, `p`, `q`, or `nil`.
    ///   - rows: Rows fitted (0 for a law not fitted).
    ///   - rSquared: `R²` of `log C`, or `nil`.
    public init(coefficient: Double, parameterExponent: Double, tokenExponent: Double,
                standardErrors: [Double]? = nil, rows: Int = 0, rSquared: Double? = nil) {
        self.coefficient = coefficient
        self.parameterExponent = parameterExponent
        self.tokenExponent = tokenExponent
        self.standardErrors = standardErrors
        self.rows = rows
        self.rSquared = rSquared
    }

    /// `C = 5.98·N^1.001·D^0.9995`.
    public var description: String {
        "C = \(String(format: "%.4g", coefficient))·N^\(String(format: "%.4g", parameterExponent))·D^\(String(format: "%.4g", tokenExponent))"
    }

    /// `k·n^p·d^q`.
    public func cost(parameters n: Double, tokens d: Double) -> Double {
        coefficient * pow(n, parameterExponent) * pow(d, tokenExponent)
    }

    /// Fits the law to runs with measured FLOP.
    /// - Throws: ``ForecastError/invalidCostModel(spec:reason:)`` with fewer than 3 rows, a
    ///   non-positive value, `N` and `D` collinear in log space, or a non-positive exponent.
    public static func fit(parameters n: [Double], tokens d: [Double], flops c: [Double], source: String = "cost data") throws -> CostLaw {
        func fail(_ reason: String) -> ForecastError { .invalidCostModel(spec: source, reason: reason) }
        guard n.count == d.count, d.count == c.count, n.count >= 3 else {
            throw fail("a cost law C = k·N^p·D^q needs at least 3 runs with N, D and FLOP, got \(Swift.min(n.count, d.count, c.count))")
        }
        var rows: [Double] = [], y: [Double] = []
        for k in n.indices {
            guard n[k] > 0, d[k] > 0, c[k] > 0, n[k].isFinite, d[k].isFinite, c[k].isFinite else {
                throw fail("row \(k + 1): N, D and FLOP must be positive finite numbers")
            }
            rows += [1, log(n[k]), log(d[k])]
            y.append(log(c[k]))
        }
        let x = Matrix(rows: n.count, columns: 3, rowMajor: rows)
        let solution = try LinearLeastSquares.solve(x, y)
        guard solution.rank == 3 else {
            throw fail("log N and log D are collinear in the data (e.g. a fixed tokens-per-parameter ratio): p and q cannot be separated")
        }
        let b = solution.solution
        guard b[1] > 0, b[2] > 0 else {
            throw fail("the fitted exponents p = \(String(format: "%.4g", b[1])), q = \(String(format: "%.4g", b[2])) must be positive for a cost that grows with N and D")
        }
        var mean = 0.0
        for v in y { mean += v }
        mean /= Double(y.count)
        var tss = 0.0
        for v in y { tss += (v - mean) * (v - mean) }
        var errors: [Double]? = nil
        if n.count > 3 {
            var xtx = [Double](repeating: 0, count: 9)
            for i in 0..<n.count {
                for j in 0..<3 { for k in 0..<3 { xtx[j * 3 + k] += rows[i * 3 + j] * rows[i * 3 + k] } }
            }
            if let inverse = try? LinearSystem.inverseSymmetricPositiveDefinite(Matrix(rows: 3, columns: 3, rowMajor: xtx)) {
                let s2 = solution.residualSumOfSquares / Double(n.count - 3)
                errors = (0..<3).map { (s2 * inverse[$0, $0]).squareRoot() }
            }
        }
        return CostLaw(
            coefficient: exp(b[0]), parameterExponent: b[1], tokenExponent: b[2], standardErrors: errors, rows: n.count,
            rSquared: tss > 0 ? 1 - solution.residualSumOfSquares / tss : nil)
    }
}
