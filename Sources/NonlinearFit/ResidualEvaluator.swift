import LinearAlgebra

/// Evaluates the (robust-equivalent) residuals of a problem and their Jacobian with respect to
/// the solver's internal variables. One evaluator serves one thread: it owns scratch buffers
/// so the inner loop allocates nothing.
final class ResidualEvaluator {
    let problem: LeastSquaresProblem
    let mapping: ParameterMapping
    let loss: RobustLoss
    let n: Int
    let m: Int
    let q: Int
    let sqrtWeights: [Double]?
    let dependents: [[(parameter: Int, factor: Double)]]
    let finiteDifferenceStep: Double

    var external: [Double]
    var predictions: [Double]
    var fullJacobian: Matrix
    var rawResiduals: [Double]
    var slopes: [Double]
    var functionEvaluations = 0
    var jacobianEvaluations = 0
    /// The internal point at which `rawResiduals` and `slopes` were last computed by
    /// ``residuals(internal:into:stride:)`` (GSL asks for the Jacobian at the point it just
    /// evaluated, so the model need not run twice).
    private var cachedPoint: [Double] = []
    private var cacheValid = false

    init(problem: LeastSquaresProblem, mapping: ParameterMapping, loss: RobustLoss, finiteDifferenceStep: Double) {
        self.problem = problem
        self.mapping = mapping
        self.loss = loss
        self.n = problem.observations.count
        self.m = problem.parameters.count
        self.q = mapping.freeCount
        self.sqrtWeights = problem.weights.map { $0.map { $0.squareRoot() } }
        self.dependents = mapping.dependents
        self.finiteDifferenceStep = finiteDifferenceStep
        self.external = mapping.initialExternal
        self.predictions = [Double](repeating: 0, count: n)
        self.fullJacobian = Matrix(rows: n, columns: m)
        self.rawResiduals = [Double](repeating: 0, count: n)
        self.slopes = [Double](repeating: 1, count: n)
    }

    /// Computes raw residuals `√w(f − y)` at the current `external` into `rawResiduals`.
    @inline(__always)
    private func computeRawResiduals() {
        cacheValid = false
        functionEvaluations += 1
        let y = problem.observations
        if let residualFunction = problem.residualFunction {
            residualFunction(external, &rawResiduals)
            for i in 0..<n { predictions[i] = y[i] + rawResiduals[i] }
            if let sw = sqrtWeights {
                for i in 0..<n { rawResiduals[i] *= sw[i] }
            }
            return
        }
        problem.model(external, &predictions)
        let n = self.n
        predictions.withUnsafeBufferPointer { f in
            y.withUnsafeBufferPointer { y in
                rawResiduals.withUnsafeMutableBufferPointer { r in
                    if let sw = sqrtWeights {
                        for i in 0..<n { r[i] = sw[i] * (f[i] - y[i]) }
                    } else {
                        for i in 0..<n { r[i] = f[i] - y[i] }
                    }
                }
            }
        }
    }

    /// Fills `out` with the equivalent residuals `r̃_i` at internal variables `u`.
    /// Returns whether all are finite.
    @discardableResult
    func residuals(internal u: UnsafeBufferPointer<Double>, into out: UnsafeMutablePointer<Double>, stride: Int = 1) -> Bool {
        mapping.fillExternal(u, into: &external)
        computeRawResiduals()
        var finite = true
        let n = self.n
        let loss = self.loss
        rawResiduals.withUnsafeBufferPointer { r in
            slopes.withUnsafeMutableBufferPointer { slope in
                if case .linear = loss {
                    for i in 0..<n {
                        slope[i] = 1
                        out[i * stride] = r[i]
                        if !r[i].isFinite { finite = false }
                    }
                } else {
                    for i in 0..<n {
                        let t = loss.transformed(r[i])
                        slope[i] = t.slope
                        out[i * stride] = t.value
                        if !t.value.isFinite { finite = false }
                    }
                }
            }
        }
        remember(u)
        return finite
    }

    private func remember(_ u: UnsafeBufferPointer<Double>) {
        if cachedPoint.count != q { cachedPoint = [Double](repeating: .nan, count: q) }
        for k in 0..<q { cachedPoint[k] = u[k] }
        cacheValid = true
    }

    private func isCached(_ u: UnsafeBufferPointer<Double>) -> Bool {
        guard cacheValid, cachedPoint.count == q else { return false }
        for k in 0..<q where cachedPoint[k] != u[k] { return false }
        return true
    }

    /// Fills the row-major `n × q` Jacobian `∂r̃_i/∂u_k` at internal variables `u`
    /// (`out[i * rowStride + k]`). Uses the problem's analytic Jacobian when it has one,
    /// otherwise central differences in the external parameters.
    func jacobian(internal u: UnsafeBufferPointer<Double>, into out: UnsafeMutablePointer<Double>, rowStride: Int) {
        mapping.fillExternal(u, into: &external)
        if !isCached(u) {
            computeRawResiduals()
            for i in 0..<n { slopes[i] = loss.transformed(rawResiduals[i]).slope }
        }
        fillFullJacobian()
        let n = self.n
        fullJacobian.elements.withUnsafeBufferPointer { jac in
            slopes.withUnsafeBufferPointer { slope in
                for (slot, deps) in dependents.enumerated() {
                    let d = mapping.transforms[slot].derivative(u[slot])
                    if deps.count == 1 {
                        let base = deps[0].parameter * n
                        let factor = deps[0].factor * d
                        for i in 0..<n { out[i * rowStride + slot] = jac[base + i] * factor * slope[i] }
                    } else {
                        for i in 0..<n {
                            var s = 0.0
                            for dep in deps { s += jac[i + dep.parameter * n] * dep.factor }
                            out[i * rowStride + slot] = s * d * slope[i]
                        }
                    }
                }
            }
        }
    }

    /// Fills `fullJacobian` with `√w_i ∂f_i/∂p_j` at the current `external`.
    private func fillFullJacobian() {
        jacobianEvaluations += 1
        if let jac = problem.jacobian {
            jac(external, &fullJacobian)
        } else {
            finiteDifferenceJacobian()
        }
        if let sw = sqrtWeights {
            for j in 0..<m {
                for i in 0..<n { fullJacobian.elements[i + j * n] *= sw[i] }
            }
        }
    }

    /// Central differences of the model in the external parameters that can vary.
    private func finiteDifferenceJacobian() {
        let base = external
        var plus = [Double](repeating: 0, count: n)
        var minus = [Double](repeating: 0, count: n)
        var varying = Set<Int>()
        for deps in dependents { for dep in deps { varying.insert(dep.parameter) } }
        for j in 0..<m {
            guard varying.contains(j) else {
                for i in 0..<n { fullJacobian.elements[i + j * n] = 0 }
                continue
            }
            let h = finiteDifferenceStep * Swift.max(Swift.abs(base[j]), 1e-3)
            var p = base
            p[j] = base[j] + h
            problem.model(p, &plus)
            p[j] = base[j] - h
            problem.model(p, &minus)
            functionEvaluations += 2
            let inv = 1 / (2 * h)
            for i in 0..<n { fullJacobian.elements[i + j * n] = (plus[i] - minus[i]) * inv }
        }
        external = base
    }

    /// Raw residuals, equivalent residuals and the Jacobian of the equivalent residuals with
    /// respect to the free external parameters (column-major `n × q`), at internal `u`.
    func externalState(internal u: [Double]) -> (raw: [Double], equivalent: [Double], jacobian: Matrix) {
        external = mapping.external(u)
        computeRawResiduals()
        var equivalent = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let t = loss.transformed(rawResiduals[i])
            equivalent[i] = t.value
            slopes[i] = t.slope
        }
        fillFullJacobian()
        var jac = Matrix(rows: n, columns: q)
        for (slot, deps) in dependents.enumerated() {
            for i in 0..<n {
                var s = 0.0
                for dep in deps { s += fullJacobian.elements[i + dep.parameter * n] * dep.factor }
                jac.elements[i + slot * n] = s * slopes[i]
            }
        }
        return (rawResiduals, equivalent, jac)
    }

    /// The robust objective `Σρ(r_i)` at internal `u` (`+inf` when not finite).
    func objective(internal u: [Double]) -> Double {
        u.withUnsafeBufferPointer { mapping.fillExternal($0, into: &external) }
        computeRawResiduals()
        var s = 0.0
        for r in rawResiduals { s += loss.rho(r) }
        return s.isFinite ? s : .infinity
    }

    /// Objective and gradient with respect to internal variables: `Σρ(r_i)` and `Jᵀψ(r)`.
    func objectiveAndGradient(internal u: UnsafeBufferPointer<Double>, gradient g: UnsafeMutablePointer<Double>, gradientStride: Int) -> Double {
        mapping.fillExternal(u, into: &external)
        computeRawResiduals()
        var objective = 0.0
        for r in rawResiduals { objective += loss.rho(r) }
        fillFullJacobian()
        for (slot, deps) in dependents.enumerated() {
            let d = mapping.transforms[slot].derivative(u[slot])
            var s = 0.0
            for i in 0..<n {
                var jij = 0.0
                for dep in deps { jij += fullJacobian.elements[i + dep.parameter * n] * dep.factor }
                s += jij * loss.psi(rawResiduals[i])
            }
            g[slot * gradientStride] = s * d
        }
        return objective.isFinite ? objective : .infinity
    }
}
