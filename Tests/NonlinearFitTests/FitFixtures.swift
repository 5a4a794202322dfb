import Foundation
import NonlinearFit

/// Shared data and models for the NonlinearFit unit tests. Every data set is written out
/// literally (rounded to 6 decimals, so the decimal literals are exact inputs for both this
/// code and the scipy scripts quoted beside the expected values) together with the Python that
/// generated it.
enum Fixtures {
    // MARK: - Exponential decay  y = a·exp(−b·x) + c

    /// `x_i = 0.2·i`, `i = 0..<50`.
    static let decayX: [Double] = (0..<50).map { 0.2 * Double($0) }

    /// ```python
    /// import numpy as np
    /// rng = np.random.default_rng(20240611)
    /// x = 0.2 * np.arange(50)
    /// y = np.round(5 * np.exp(-0.4 * x) + 1 + 0.1 * rng.standard_normal(50), 6)
    /// ```
    /// (truth a = 5, b = 0.4, c = 1, σ = 0.1)
    static let decayY: [Double] = [
        5.978881, 5.563808, 5.275679, 4.754150, 4.659190, 4.319431, 4.021312, 3.865899, 3.441315, 3.417920,
        3.173516, 3.114884, 2.958709, 2.674487, 2.538082, 2.358967, 2.311418, 2.315245, 2.270366, 2.116439,
        2.012963, 1.845125, 1.879801, 1.712518, 1.756998, 1.656417, 1.710253, 1.596873, 1.669175, 1.450546,
        1.529184, 1.441232, 1.556179, 1.160601, 1.416800, 1.201685, 1.193809, 1.257258, 1.088119, 1.101328,
        1.153257, 1.155893, 0.983308, 1.072960, 1.133406, 1.123426, 1.059884, 1.116010, 1.056131, 1.216555,
    ]

    @Sendable static func decay(_ x: Double, _ p: [Double]) -> Double {
        p[0] * exp(-p[1] * x) + p[2]
    }

    @Sendable static func decayGradient(_ x: Double, _ p: [Double], _ g: inout [Double]) {
        let e = exp(-p[1] * x)
        g[0] = e
        g[1] = -p[0] * x * e
        g[2] = 1
    }

    /// The decay problem on `x`, `y` with parameters a, b, c (starting at 4, 0.3, 0.5 unless given).
    static func decayProblem(
        x: [Double] = decayX, y: [Double] = decayY,
        a: FitParameter = FitParameter("a", initialValue: 4),
        b: FitParameter = FitParameter("b", initialValue: 0.3),
        c: FitParameter = FitParameter("c", initialValue: 0.5),
        analyticJacobian: Bool = true
    ) -> LeastSquaresProblem {
        .curve(x: x, y: y, parameters: [a, b, c], value: decay, gradient: analyticJacobian ? decayGradient : nil)
    }

    // MARK: - Two exponentials with a tie  y = a·exp(−b1·x) + c·exp(−b2·x),  c = k·a + o

    /// `x_i = 0.25·i`, `i = 0..<40`.
    static let twoExpX: [Double] = (0..<40).map { 0.25 * Double($0) }

    @Sendable static func twoExp(_ x: Double, _ p: [Double]) -> Double {
        p[0] * exp(-p[1] * x) + p[3] * exp(-p[2] * x)
    }

    @Sendable static func twoExpGradient(_ x: Double, _ p: [Double], _ g: inout [Double]) {
        let e1 = exp(-p[1] * x)
        let e2 = exp(-p[2] * x)
        g[0] = e1
        g[1] = -p[0] * x * e1
        g[2] = -p[3] * x * e2
        g[3] = e2
    }
}
