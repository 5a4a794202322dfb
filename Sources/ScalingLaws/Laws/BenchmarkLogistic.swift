import Foundation

/// The logistic function and the start-value search shared by the benchmark laws
/// (``SigmoidLaw``, ``SigmoidOffsetLaw``, ``LossToAccuracyLaw``).
///
/// ```
/// σ(z) = 1 / (1 + e^(−z)),   σ'(z) = σ(z)·(1 − σ(z)) = e^(−|z|) / (1 + e^(−|z|))²
/// ```
enum BenchmarkLogistic {
    /// `σ(z)`, without overflow for large `|z|`.
    @inline(__always)
    static func value(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }

    /// `σ'(z) = σ(z)(1 − σ(z))`, accurate in both tails (no cancellation in `1 − σ`).
    @inline(__always)
    static func derivative(_ z: Double) -> Double {
        let e = exp(-Swift.abs(z))
        let d = 1 + e
        return e / (d * d)
    }

    /// A point of ``gridSearch(x:y:coefficients:)``: the slope `k`, the centre `x0`, the
    /// coefficients solved at that point, and the residual sum of squares.
    struct GridPoint {
        var slope: Double
        var center: Double
        var coefficients: [Double]
        var residualSumOfSquares: Double
    }

    /// What a law does with the curve `s_i = σ(k(x_i − x0))` at one grid point: solve its
    /// coefficients (if any) and return them with the residual sum of squares.
    struct Projection {
        var coefficients: [Double]
        var residualSumOfSquares: Double
    }

    /// Searches a grid of logistic slopes and centres scaled to the data: `k·(max x − min x)`
    /// log-spaced over [0.5, 60] (31 values) and `x0` over the data range widened by half its
    /// width on each side (41 values). Returns the best point, or `nil` for empty or constant `x`.
    ///
    /// - Parameters:
    ///   - x: The abscissae (`log10 C`, or a loss).
    ///   - y: The responses.
    ///   - coefficients: Solves the law's remaining coefficients for one curve `s`.
    static func gridSearch(x: [Double], y: [Double], coefficients: ([Double]) -> Projection) -> GridPoint? {
        guard let lo = x.min(), let hi = x.max(), hi > lo, x.count == y.count else { return nil }
        let width = hi - lo
        var best: GridPoint?
        var s = [Double](repeating: 0, count: x.count)
        for i in 0..<31 {
            let k = 0.5 * pow(120, Double(i) / 30) / width
            for j in 0..<41 {
                let center = lo - 0.5 * width + 2 * width * Double(j) / 40
                for r in x.indices { s[r] = value(k * (x[r] - center)) }
                let projection = coefficients(s)
                guard projection.residualSumOfSquares.isFinite else { continue }
                if projection.residualSumOfSquares < best?.residualSumOfSquares ?? .infinity {
                    best = GridPoint(
                        slope: k, center: center, coefficients: projection.coefficients,
                        residualSumOfSquares: projection.residualSumOfSquares)
                }
            }
        }
        return best
    }

    /// The straight line `y ≈ c0 + c1·x` by ordinary least squares, or `nil` when `x` is
    /// constant or there are fewer than two points.
    static func line(x: [Double], y: [Double]) -> Line? {
        let n = Double(x.count)
        guard x.count >= 2, x.count == y.count else { return nil }
        var mx = 0.0, my = 0.0
        for i in x.indices {
            mx += x[i]
            my += y[i]
        }
        mx /= n
        my /= n
        var sxx = 0.0, sxy = 0.0
        for i in x.indices {
            sxx += (x[i] - mx) * (x[i] - mx)
            sxy += (x[i] - mx) * (y[i] - my)
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return Line(intercept: my - slope * mx, slope: slope)
    }

    /// A fitted straight line.
    struct Line {
        var intercept: Double
        var slope: Double
    }
}
