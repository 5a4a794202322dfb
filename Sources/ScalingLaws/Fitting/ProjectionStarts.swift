import Foundation
import LinearAlgebra
import NonlinearFit

/// The default start strategy for laws linear in some parameters: variable projection over a
/// grid of the nonlinear parameters (the linear coefficients solved exactly by bounded linear
/// least squares at each grid point), keeping the best few points as starts for the exact
/// objective.
///
/// The basis of the linear part is read from the law's own gradient: for a coefficient `c_k`
/// in which the law is linear, `φ_k(x; θ) = ∂f/∂c_k`, whatever the coefficients' values.
enum ProjectionStarts {
    /// Grid points per nonlinear parameter.
    static let gridSize = 30
    /// Starts kept for polishing.
    static let kept = 6

    static func points(
        law: any ScalingLaw, parameterization: LawParameterization, inputs: [[Double]], response: [Double],
        guess: [Double], options: LawFitOptions
    ) throws -> [[String: Double]]? {
        let specs = law.parameters
        let linear = specs.indices.filter { specs[$0].isLinear && options.fixed[specs[$0].name] == nil }
        let nonlinear = specs.indices.filter { !specs[$0].isLinear && options.fixed[specs[$0].name] == nil }
        guard !linear.isEmpty, !nonlinear.isEmpty, nonlinear.count <= 3 else {
            return nil
        }
        let n = response.count
        var start = guess
        for (name, value) in options.fixed { if let k = law.parameterIndex(name) { start[k] = value } }
        let base = start
        let axes: [[Double]] = nonlinear.map { k in
            let spec = specs[k]
            let lo = Swift.max(spec.lowerBound.isFinite ? spec.lowerBound : 0.01, 0.01)
            let hi = Swift.min(spec.upperBound.isFinite ? spec.upperBound : 1.5, 1.5)
            return (0..<gridSize).map { lo + (hi - lo) * Double($0) / Double(gridSize - 1) }
        }
        var grid: [[Double]] = [[]]
        for axis in axes { grid = grid.flatMap { point in axis.map { point + [$0] } } }

        let columns = inputs
        let separable = SeparableLeastSquares(
            nonlinearParameters: nonlinear.map { FitParameter(specs[$0].name, initialValue: base[$0]) },
            linearNames: linear.map { specs[$0].name },
            linearLower: linear.map { Swift.max(specs[$0].lowerBound, parameterization.logged[$0] ? 0 : -.infinity) },
            linearUpper: linear.map { specs[$0].upperBound },
            observations: response,
            basis: { theta, phi in
                var p = base
                for (j, k) in nonlinear.enumerated() { p[k] = theta[j] }
                var x = [Double](repeating: 0, count: columns.count)
                var g = [Double](repeating: 0, count: specs.count)
                for i in 0..<n {
                    for c in columns.indices { x[c] = columns[c][i] }
                    law.gradient(x, p, into: &g)
                    for (j, k) in linear.enumerated() { phi[i, j] = g[k] }
                }
            })
        let profile = try separable.gridSearch(grid)
        var starts: [[String: Double]] = []
        for point in profile where point.residualSumOfSquares.isFinite {
            // A log-space fit cannot start from a zero coefficient.
            if linear.indices.contains(where: { parameterization.logged[linear[$0]] && !(point.coefficients[$0] > 0) }) { continue }
            var start: [String: Double] = [:]
            for (j, k) in nonlinear.enumerated() { start[specs[k].name] = point.theta[j] }
            for (j, k) in linear.enumerated() { start[specs[k].name] = point.coefficients[j] }
            starts.append(parameterization.fittedStart(start, fixed: options.fixed))
            if starts.count == kept { break }
        }
        starts.append(parameterization.fittedStart(
            Dictionary(uniqueKeysWithValues: specs.indices.map { (specs[$0].name, base[$0]) }), fixed: options.fixed))
        return starts
    }
}
