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
    /// Starts kept for polishing.
    static let kept = 6

    static func points(
        law: any ScalingLaw, parameterization: LawParameterization, inputs: [[Double]], response: [Double],
        guess: [Double], options: LawFitOptions, deadline: FitDeadline? = nil
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
        // Points per axis so the whole grid stays near 900 profile solves.
        let perAxis = Swift.max(4, Int(pow(900, 1 / Double(nonlinear.count)).rounded(.down)))
        let axes: [[Double]] = nonlinear.map { k in axis(for: specs[k], guess: base[k], count: perAxis) }
        var grid: [[Double]] = [[]]
        for axis in axes { grid = grid.flatMap { point in axis.map { point + [$0] } } }

        let columns = inputs
        // The law's fused response kernel, when it has one, gives the basis for a whole grid
        // point in one pass (for Chinchilla two exponentials a row, against two powers and two
        // logarithms a row through `gradient`): in the kernel's parameterization a logged linear
        // coefficient `c` set to 1 (fitted value log 1 = 0) has `∂f/∂log c = c·∂f/∂c = φ`, and
        // an unlogged one has `∂f/∂c = φ` whatever its value.
        // Used on large data only (as many rows as the start-search sample): on small data the
        // basis through `gradient` is kept, so small fits start, and end, exactly where they did.
        let kernel = n >= Swift.max(options.startSearchRows, 1) ? law.responseKernel(inputs: inputs) : nil
        let logged = parameterization.logged
        let m = specs.count
        let separable = SeparableLeastSquares(
            nonlinearParameters: nonlinear.map { FitParameter(specs[$0].name, initialValue: base[$0]) },
            linearNames: linear.map { specs[$0].name },
            linearLower: linear.map { Swift.max(specs[$0].lowerBound, parameterization.logged[$0] ? 0 : -.infinity) },
            linearUpper: linear.map { specs[$0].upperBound },
            observations: response,
            basis: { theta, phi in
                var p = base
                for (j, k) in nonlinear.enumerated() { p[k] = theta[j] }
                if let kernel, Self.fillBasis(
                    kernel: kernel, lawValues: p, logged: logged, linear: linear, rows: n, parameters: m, into: &phi) {
                    return
                }
                var x = [Double](repeating: 0, count: columns.count)
                var g = [Double](repeating: 0, count: specs.count)
                for i in 0..<n {
                    for c in columns.indices { x[c] = columns[c][i] }
                    law.gradient(x, p, into: &g)
                    for (j, k) in linear.enumerated() { phi[i, j] = g[k] }
                }
            })
        // A log-space fit cannot start from a zero coefficient.
        let usable: @Sendable (SeparableLeastSquares.ProfilePoint) -> Bool = { point in
            point.residualSumOfSquares.isFinite
                && !linear.indices.contains(where: { logged[linear[$0]] && !(point.coefficients[$0] > 0) })
        }
        let profile: [SeparableLeastSquares.ProfilePoint]
        if let factorised = factorisedBasis(
            law: law, linear: linear, nonlinear: nonlinear, base: base, inputs: columns, rows: n, logged: logged) {
            // Each distinct column once, every grid point screened by normal equations, the best
            // solved exactly as below: the same points in the same order as the full search.
            profile = try separable.gridSearch(grid, factorisedBasis: factorised, keep: kept, accepting: usable, deadline: deadline)
        } else {
            profile = try separable.gridSearch(grid, deadline: deadline)
        }
        var starts: [[String: Double]] = []
        for point in profile where usable(point) {
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

    /// The grid's basis column by column when the law declares what each linear coefficient's
    /// column depends on (``ScalingLaw/linearBasisDependencies``), at most 4 columns; else `nil`.
    /// Columns come from the law's fused response kernel when it has one (they only rank grid
    /// points for the exact solves, so rounding-level differences from `gradient` do not matter),
    /// else from `gradient`.
    static func factorisedBasis(
        law: any ScalingLaw, linear: [Int], nonlinear: [Int], base: [Double], inputs: [[Double]], rows n: Int,
        logged: [Bool]
    ) -> FactorisedBasis? {
        guard linear.count <= 4, let declared = law.linearBasisDependencies else { return nil }
        let specs = law.parameters
        var dependencies: [[Int]] = []
        for k in linear {
            guard let names = declared[specs[k].name] else { return nil }
            var indices: [Int] = []
            for name in names {
                guard let parameter = law.parameterIndex(name), !specs[parameter].isLinear else { return nil }
                // A fixed parameter is the same at every grid point.
                if let slot = nonlinear.firstIndex(of: parameter) { indices.append(slot) }
            }
            dependencies.append(indices)
        }
        let parameterCount = specs.count
        let kernel = law.responseKernel(inputs: inputs)
        return FactorisedBasis(dependencies: dependencies) { column, theta, out in
            var p = base
            for (j, k) in nonlinear.enumerated() { p[k] = theta[j] }
            if let kernel {
                // One fused pass (for Chinchilla three exponentials a row, against two powers and
                // two logarithms a row through `gradient`).
                var phi = Matrix(rows: n, columns: linear.count)
                if fillBasis(kernel: kernel, lawValues: p, logged: logged, linear: linear, rows: n, parameters: parameterCount, into: &phi) {
                    for i in 0..<n { out[i] = phi[i, column] }
                    return
                }
            }
            let target = linear[column]
            var x = [Double](repeating: 0, count: inputs.count)
            var g = [Double](repeating: 0, count: parameterCount)
            for i in 0..<n {
                for c in inputs.indices { x[c] = inputs[c][i] }
                law.gradient(x, p, into: &g)
                out[i] = g[target]
            }
        }
    }

    /// Fills the basis columns `φ_k = ∂f/∂c_k` of the `linear` coefficients from a response
    /// kernel's Jacobian at law values `lawValues` (linear coefficients set to 1). Returns
    /// `false`, leaving `phi` alone, when a logged parameter is not positive (no fitted value).
    static func fillBasis(
        kernel: LogSpaceKernel, lawValues: [Double], logged: [Bool], linear: [Int], rows n: Int, parameters m: Int,
        into phi: inout Matrix
    ) -> Bool {
        var fitted = lawValues
        for k in linear { fitted[k] = 1 }
        for k in 0..<m where logged[k] {
            guard fitted[k] > 0 else { return false }
            fitted[k] = log(fitted[k])
        }
        var jacobian = Matrix(rows: n, columns: m)
        kernel.jacobian(fitted, &jacobian)
        jacobian.elements.withUnsafeBufferPointer { jac in
            phi.elements.withUnsafeMutableBufferPointer { out in
                for (j, k) in linear.enumerated() {
                    for i in 0..<n { out[i + j * n] = jac[i + k * n] }
                }
            }
        }
        return true
    }

    /// Grid values for one nonlinear parameter: log-spaced over a decade either side of the
    /// guess (in magnitude, keeping its sign), cut to the bounds; linear over the bounds (or
    /// [−1, 1]) when the guess is zero.
    static func axis(for spec: LawParameter, guess: Double, count: Int) -> [Double] {
        let lower = spec.lowerBound
        let upper = spec.upperBound
        if guess != 0, guess.isFinite {
            let magnitude = Swift.abs(guess)
            var lo = magnitude / 10
            var hi = magnitude * 10
            if guess > 0 {
                if lower.isFinite { lo = Swift.max(lo, lower) }
                if upper.isFinite { hi = Swift.min(hi, upper) }
            } else {
                // values −hi…−lo must lie in [lower, upper]
                if upper.isFinite { lo = Swift.max(lo, -upper) }
                if lower.isFinite { hi = Swift.min(hi, -lower) }
            }
            lo = Swift.max(lo, magnitude * 1e-6)
            if lo < hi {
                let sign: Double = guess > 0 ? 1 : -1
                return (0..<count).map { i in sign * lo * pow(hi / lo, Double(i) / Double(count - 1)) }
            }
        }
        let lo = lower.isFinite ? lower : (upper.isFinite ? upper - 2 : -1)
        let hi = upper.isFinite ? upper : lo + 2
        return (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
    }
}
