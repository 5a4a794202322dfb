import Foundation
import LinearAlgebra
import NonlinearFit

/// Power laws in one variable with an exponent shared across groups and one intercept per
/// group, fitted by ordinary least squares in log10 space (Rybkin et al. 2025 fit the best
/// batch size and learning rate against the UTD ratio this way, across environments):
///
/// ```
/// log10 y = c_g + s · log10 x        (y = 10^c_g · x^s)
/// ```
/// The design is `[log10 x, one-hot(group)]`, solved through LAPACK (`dgelsd`).
public struct SharedSlopePowerLaw: Sendable, Equatable, Codable {
    /// The shared slope `s` (the exponent; negative for laws that fall with x).
    public let slope: Double
    /// Standard error of the slope.
    public let slopeStandardError: Double
    /// Group names in first-seen order.
    public let groups: [String]
    /// `c_g = log10 y` at `x = 1` for each group.
    public let intercepts: [Double]
    /// Standard errors of the intercepts.
    public let interceptStandardErrors: [Double]
    /// Coefficient of determination in log10 space.
    public let rSquared: Double
    /// Residual standard deviation in log10 space.
    public let residualStandardDeviation: Double
    /// Observations fitted (all groups).
    public let observations: Int
    /// Covariance of `[s, c_1, …, c_G]` (log10 space), `σ̂²·(XᵀX)⁻¹`.
    public var covariance: [[Double]] = []

    /// The prediction for `group` at `x` with the confidence interval of the mean at `level`:
    /// `10^(c_g + s·l ± t·√(V_cc + l²·V_ss + 2l·V_sc))`, `l = log10 x`, `t` the Student quantile
    /// with `n − G − 1` degrees of freedom. `nil` for an unknown group or no covariance.
    public func interval(_ x: Double, group: String, level: Double = 0.95) -> (value: Double, lower: Double, upper: Double)? {
        guard let k = groups.firstIndex(of: group), covariance.count == groups.count + 1, x > 0 else { return nil }
        let l = log10(x)
        let mean = intercepts[k] + slope * l
        let variance = covariance[k + 1][k + 1] + l * l * covariance[0][0] + 2 * l * covariance[0][k + 1]
        let dof = Double(observations - groups.count - 1)
        guard variance >= 0, dof > 0 else { return nil }
        let t = Distributions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: dof)
        let half = t * variance.squareRoot()
        return (pow(10, mean), pow(10, mean - half), pow(10, mean + half))
    }

    /// The prediction for `group` at `x`, or `nil` for an unknown group.
    public func predict(_ x: Double, group: String) -> Double? {
        guard let k = groups.firstIndex(of: group) else { return nil }
        return pow(10, intercepts[k] + slope * log10(x))
    }

    /// The intercept of `group`, or `nil`.
    public func intercept(_ group: String) -> Double? {
        groups.firstIndex(of: group).map { intercepts[$0] }
    }

    /// Fits the shared slope and per-group intercepts.
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` for non-positive or non-finite values, a
    ///   length mismatch, or too few points (at least groups + 2).
    public static func fit(x: [Double], y: [Double], groups names: [String]) throws -> SharedSlopePowerLaw {
        guard x.count == y.count, x.count == names.count else {
            throw LawFitError.invalidOption("x, y and groups must have the same length (got \(x.count), \(y.count), \(names.count))")
        }
        for i in x.indices where !(x[i] > 0 && x[i].isFinite && y[i] > 0 && y[i].isFinite) {
            throw LawFitError.invalidOption("point \(i + 1): a power law needs positive finite x and y, got x = \(x[i]), y = \(y[i])")
        }
        var groups: [String] = []
        for name in names where !groups.contains(name) { groups.append(name) }
        let n = x.count
        let p = groups.count + 1
        guard n >= p + 1 else {
            throw LawFitError.invalidOption("\(n) points cannot fit a shared slope and \(groups.count) intercepts with a residual: at least \(p + 1) are needed")
        }
        var design = Matrix(rows: n, columns: p)
        var response = [Double](repeating: 0, count: n)
        for i in 0..<n {
            design[i, 0] = log10(x[i])
            if let g = groups.firstIndex(of: names[i]) { design[i, g + 1] = 1 }
            response[i] = log10(y[i])
        }
        let solution = try LinearLeastSquares.solve(design, response)
        guard solution.rank == p else {
            throw LawFitError.invalidOption("the slope is not identified: every group needs at least two distinct x values")
        }
        let dof = Double(n - p)
        let sigma2 = solution.residualSumOfSquares / dof
        let covariance = try LinearSystem.inverseSymmetricPositiveDefinite(design.transposed * design)
        let mean = response.reduce(0, +) / Double(n)
        var total = 0.0
        for r in response { total += (r - mean) * (r - mean) }
        var law = SharedSlopePowerLaw(
            slope: solution.solution[0],
            slopeStandardError: (sigma2 * covariance[0, 0]).squareRoot(),
            groups: groups,
            intercepts: Array(solution.solution[1...]),
            interceptStandardErrors: (1..<p).map { (sigma2 * covariance[$0, $0]).squareRoot() },
            rSquared: total > 0 ? 1 - solution.residualSumOfSquares / total : .nan,
            residualStandardDeviation: sigma2.squareRoot(),
            observations: n)
        law.covariance = (0..<p).map { a in (0..<p).map { b in sigma2 * covariance[a, b] } }
        return law
    }
}
