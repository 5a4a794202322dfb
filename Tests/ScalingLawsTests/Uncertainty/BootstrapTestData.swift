import Foundation
import NonlinearFit
import ScalingLaws

/// Synthetic data for the bootstrap tests: a power law `y = A·x^(−α)·exp(σ·z)` with standard
/// normal `z`, and the ordinary-least-squares slope and its standard error in log–log space.
enum BootstrapTestData {
    static let a = 2.0
    static let alpha = 0.3

    /// `n` rows with `log10 x` uniform on [0, 4], noise σ on log y (seeded).
    static func powerLaw(rows n: Int, sigma: Double = 0.1, seed: UInt64 = 11) throws -> Dataset {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<n {
            let xi = pow(10, 4 * rng.nextUniform())
            x.append(xi)
            y.append(a * pow(xi, -alpha) * exp(sigma * rng.nextNormal()))
        }
        return try Dataset(columns: ["x": x, "y": y])
    }

    /// The textbook OLS line of `log y` on `log x`: intercept, slope, mean of `log x`, `Sxx`,
    /// `s² = RSS/(n − 2)` and `n`.
    static func logLogLine(_ data: Dataset) throws
        -> (intercept: Double, slope: Double, meanLogX: Double, sxx: Double, s2: Double, n: Double) {
        let lx = try data.column("x").map { log($0) }
        let ly = try data.column("y").map { log($0) }
        let n = Double(lx.count)
        var mx = 0.0, my = 0.0
        for i in lx.indices { mx += lx[i]; my += ly[i] }
        mx /= n
        my /= n
        var sxx = 0.0, sxy = 0.0
        for i in lx.indices {
            sxx += (lx[i] - mx) * (lx[i] - mx)
            sxy += (lx[i] - mx) * (ly[i] - my)
        }
        let slope = sxy / sxx
        let intercept = my - slope * mx
        var rss = 0.0
        for i in lx.indices {
            let r = ly[i] - intercept - slope * lx[i]
            rss += r * r
        }
        return (intercept, slope, mx, sxx, rss / (n - 2), n)
    }

    /// OLS of `log y` on `log x`: the exponent `α = −slope` and its textbook standard error
    /// `s/√Sxx`, `s² = RSS/(n − 2)`.
    static func olsExponent(_ data: Dataset) throws -> (alpha: Double, standardError: Double) {
        let line = try logLogLine(data)
        return (-line.slope, (line.s2 / line.sxx).squareRoot())
    }

    /// Fit settings for the synthetic cases: log least squares from the OLS guess (exact).
    static var fitOptions: LawFitOptions {
        LawFitOptions(objective: .logLeastSquares, starts: .single)
    }
}
