import Foundation
import LinearAlgebra

/// Levenberg–Marquardt for large data on the normal equations, fused with the model: one pass
/// over the rows (a ``RowKernel``, a block of rows at a time, on two threads over fixed row
/// chunks) forms the residuals' sum of squares, `JᵀJ` and `Jᵀr` together, so an iteration costs
/// one model pass and `p×p` algebra, and no `n`-long Jacobian or residual vector is kept.
///
/// When it is used is the rule of ``FitOptions/fusedNormalEquations``. It runs the same method
/// as the GSL path's plain Levenberg–Marquardt with Moré scaling (a step solves
/// `(JᵀJ + μD²)δ = −Jᵀr`, accepted when it lowers the objective, `μ` updated from the ratio of
/// actual to predicted reduction as GSL's `lm` does) in the same internal variables
/// (`ParameterMapping`, `BoundTransform`), with the same stopping rules: the step test
/// `|δ_k| < xtol² + xtol·|u_k|`, the gradient test `max_k |g_k|·max(|u_k|, 1) ≤ gtol·max(Φ, 1)`,
/// the relative objective-change test `ftol`, the iteration limit and the deadline; 16
/// rejected steps in a row end it as "no further progress", and so does a Gauss–Newton step
/// whose predicted decrease is below the objective's rounding level (`ε·Φ`), where every
/// further trial would be decided by rounding (GSL spends those 16 passes rejecting them).
///
/// The sums are deterministic: the rows are cut into chunks of ``chunkRows`` whatever the
/// machine, each chunk is summed in row order, and the chunks' sums are added in chunk order,
/// so the same input gives the same bits however the threads are scheduled.
///
/// The covariance comes from the Cholesky factor `R` of `JᵀJ` at the optimum (it has the
/// singular values and right singular vectors of `J`), unless `JᵀJ` is not positive definite
/// or the scaled condition number exceeds ``normalEquationsConditionLimit``: then from the SVD
/// of the full Jacobian, as on the GSL path.
public enum FusedLevenbergMarquardt {
    /// The fewest observations for which the fused solver is used.
    public static let minimumRows = 4096
    /// Rows per chunk (the unit of work of a thread and of the deterministic reduction).
    public static let chunkRows = 16_384
    /// The largest scaled condition number for which the covariance is taken from `JᵀJ`: its
    /// relative rounding error grows as `κ²ε`, `≤ 2e-8` here, far below the digits reported.
    public static let normalEquationsConditionLimit = 1e4

    /// Rows per block: the kernel's output for a block stays in the first-level cache.
    static let blockRows = 256

    /// Whether the fused solver applies to `problem` under `options` (the rule of
    /// ``FitOptions/fusedNormalEquations``).
    static func applies(to problem: LeastSquaresProblem, options: FitOptions) -> Bool {
        options.fusedNormalEquations && problem.rowKernel != nil && problem.residualFunction == nil
            && options.loss == .linear && options.method == .levenbergMarquardt && options.multiStart == nil
            && options.fallbacks == .none && problem.observations.count >= minimumRows
    }

    /// Fits `problem` (for which ``applies(to:options:)`` holds) from its initial values.
    /// - Throws: the errors of ``NonlinearLeastSquares/fit(_:options:)``.
    static func fit(_ problem: LeastSquaresProblem, mapping: ParameterMapping, options: FitOptions) throws -> FitResult {
        guard let kernel = problem.rowKernel else { throw FitError.library("the fused solver needs a row kernel") }
        let deadline: FitDeadline? = options.deadline ?? options.timeLimit.map { FitDeadline(seconds: $0, clock: options.clock) }
        let pass = Pass(problem: problem, kernel: kernel, mapping: mapping)
        let n = pass.n
        let q = pass.q
        var buffers = Buffers(n: n)
        var outcome = solve(pass: pass, start: mapping.initialInternal, options: options, deadline: deadline, buffers: &buffers)
        if outcome.solution.iterations == 0, outcome.solution.termination == .nonFinite {
            // The start itself is not finite: the GSL path's check gives the message.
            let evaluator = ResidualEvaluator(
                problem: problem, mapping: mapping, loss: options.loss, finiteDifferenceStep: options.finiteDifferenceStep)
            try NonlinearLeastSquares.checkStart(evaluator: evaluator, mapping: mapping)
        }
        if let deadline, deadline.wasReached {
            outcome.solution.termination = .timeLimit
            outcome.solution.converged = false
        }
        let solution = outcome.solution
        guard solution.internalValues.allSatisfy(\.isFinite), solution.objective.isFinite else {
            throw FitError.numericalBreakdown("every attempt ended at a point where the model is not finite (\(solution.attempt))")
        }
        let evaluations = outcome.functionEvaluations
        let scale = FitResultBuilder.varianceScale(outcome.sums.squares, dof: n - q, options: options)
        // The covariance from R, the Cholesky factor of JᵀJ (same singular values and right
        // singular vectors as J), unless JᵀJ is too ill-conditioned for that.
        if let r = SmallCholesky.upperFactor(outcome.sums.normal, order: q),
           let estimate = try? CovarianceEstimate(
               jacobian: Matrix(rows: q, columns: q, rowMajor: r), varianceScale: scale, observations: n),
           estimate.conditionNumber <= normalEquationsConditionLimit {
            return FitResultBuilder.assemble(
                problem: problem, mapping: mapping, external: mapping.external(solution.internalValues),
                predictions: buffers.predictions, residuals: buffers.residuals, chiSquare: outcome.sums.squares,
                objective: solution.objective, estimate: estimate, solution: solution, options: options,
                attempts: [solution.attempt], functionEvaluations: evaluations, jacobianEvaluations: evaluations,
                multiStart: nil)
        }
        let evaluator = ResidualEvaluator(
            problem: problem, mapping: mapping, loss: options.loss, finiteDifferenceStep: options.finiteDifferenceStep)
        return try FitResultBuilder.build(
            problem: problem, mapping: mapping, evaluator: evaluator, solution: solution, options: options,
            attempts: [solution.attempt], functionEvaluations: evaluations, jacobianEvaluations: evaluations, multiStart: nil)
    }

    /// The predictions and raw residuals at the current point and at the trial point.
    struct Buffers {
        var predictions: [Double]
        var residuals: [Double]
        var trialPredictions: [Double]
        var trialResiduals: [Double]

        init(n: Int) {
            predictions = [Double](repeating: 0, count: n)
            residuals = [Double](repeating: 0, count: n)
            trialPredictions = [Double](repeating: 0, count: n)
            trialResiduals = [Double](repeating: 0, count: n)
        }

        /// Makes the trial point's values the current ones.
        mutating func accept() {
            swap(&predictions, &trialPredictions)
            swap(&residuals, &trialResiduals)
        }
    }

    // MARK: - The fused pass

    /// Sums over every row at one point, in free external parameters (no bound transform).
    struct Sums {
        /// `Σr_i²`.
        var squares = 0.0
        /// `Σf_i²` (for the stationarity test's rounding floor).
        var predictionSquares = 0.0
        /// Whether every residual was finite.
        var finite = true
        /// `Jᵀr`, `q` values.
        var gradient: [Double]
        /// `JᵀJ`, `q×q`, row-major, both triangles filled.
        var normal: [Double]

        init(q: Int) {
            gradient = [Double](repeating: 0, count: q)
            normal = [Double](repeating: 0, count: q * q)
        }
    }

    /// The pass over the rows: a problem bound to its data, with its mapping.
    struct Pass: Sendable {
        let kernel: RowKernel
        let observations: [Double]
        let sqrtWeights: [Double]?
        let mapping: ParameterMapping
        /// For each free slot, the (parameter, factor) list of the parameters that move with it.
        let dependents: [[Dependent]]
        let n: Int
        let m: Int
        let q: Int

        struct Dependent: Sendable {
            let parameter: Int
            let factor: Double
        }

        init(problem: LeastSquaresProblem, kernel: RowKernel, mapping: ParameterMapping) {
            self.kernel = kernel
            observations = problem.observations
            sqrtWeights = problem.weights.map { $0.map { $0.squareRoot() } }
            self.mapping = mapping
            dependents = mapping.dependents.map { $0.map { Dependent(parameter: $0.parameter, factor: $0.factor) } }
            n = problem.observations.count
            m = problem.parameters.count
            q = mapping.freeCount
        }

        /// The sums at external parameters `external` (with `jacobian` false only the squares),
        /// writing every prediction and raw residual (`√w(f − y)`) into the buffers' trial arrays.
        func sums(external: [Double], jacobian: Bool, into buffers: inout Buffers) -> Sums {
            let chunks = (n + FusedLevenbergMarquardt.chunkRows - 1) / FusedLevenbergMarquardt.chunkRows
            let partial = buffers.trialPredictions.withUnsafeMutableBufferPointer { pb in
                buffers.trialResiduals.withUnsafeMutableBufferPointer { rb in
                    // Each chunk writes only its own rows of the two arrays.
                    let addresses = (Int(bitPattern: pb.baseAddress), Int(bitPattern: rb.baseAddress))
                    return ParallelMap.map(count: chunks, parallel: chunks > 1) { c -> Sums in
                        let lo = c * FusedLevenbergMarquardt.chunkRows
                        let hi = Swift.min(n, lo + FusedLevenbergMarquardt.chunkRows)
                        return chunkSums(external: external, rows: lo..<hi, jacobian: jacobian, store: addresses)
                    }
                }
            }
            var total = Sums(q: q)
            for s in partial {
                total.squares += s.squares
                total.predictionSquares += s.predictionSquares
                total.finite = total.finite && s.finite
                if jacobian {
                    for k in 0..<q { total.gradient[k] += s.gradient[k] }
                    for k in 0..<(q * q) { total.normal[k] += s.normal[k] }
                }
            }
            return total
        }

        /// One chunk's sums, in row order.
        private func chunkSums(external: [Double], rows: Range<Int>, jacobian wantJacobian: Bool, store: (Int, Int)) -> Sums {
            let q = self.q
            let m = self.m
            let blockRows = FusedLevenbergMarquardt.blockRows
            var sums = Sums(q: q)
            var predictions = [Double](repeating: 0, count: blockRows)
            var jac = [Double](repeating: 0, count: wantJacobian ? blockRows * m : 0)
            var row = [Double](repeating: 0, count: q)
            var normal = [Double](repeating: 0, count: q * q)
            var gradient = [Double](repeating: 0, count: q)
            // The common case: every free parameter is one model parameter with factor 1.
            let direct = dependents.allSatisfy { $0.count == 1 && $0[0].factor == 1 }
            let columns = dependents.map { $0[0].parameter }
            // Five free parameters (a Chinchilla fit): the sums in registers (accumulateFive).
            let fiveDirect = direct && q == 5
            var squares = 0.0
            var predictionSquares = 0.0
            var finite = true
            guard let storedPredictions = UnsafeMutablePointer<Double>(bitPattern: store.0),
                  let storedResiduals = UnsafeMutablePointer<Double>(bitPattern: store.1) else { return sums }
            external.withUnsafeBufferPointer { p in
                observations.withUnsafeBufferPointer { y in
                    predictions.withUnsafeMutableBufferPointer { f in
                        jac.withUnsafeMutableBufferPointer { jb in
                            row.withUnsafeMutableBufferPointer { jr in
                                normal.withUnsafeMutableBufferPointer { a in
                                    gradient.withUnsafeMutableBufferPointer { g in
                                        var start = rows.lowerBound
                                        while start < rows.upperBound {
                                            let end = Swift.min(rows.upperBound, start + blockRows)
                                            guard let fBase = f.baseAddress else { return }
                                            kernel.evaluate(p, start..<end, fBase, wantJacobian ? jb.baseAddress : nil)
                                            for b in 0..<(end - start) {
                                                let i = start + b
                                                let sw = sqrtWeights?[i] ?? 1
                                                let r = sw * (f[b] - y[i])
                                                if !r.isFinite { finite = false }
                                                squares += r * r
                                                predictionSquares += f[b] * f[b]
                                                storedPredictions[i] = f[b]
                                                storedResiduals[i] = r
                                                guard wantJacobian, !fiveDirect else { continue }
                                                let base = b * m
                                                if direct {
                                                    for k in 0..<q { jr[k] = jb[base + columns[k]] * sw }
                                                } else {
                                                    for k in 0..<q {
                                                        var s = 0.0
                                                        for dep in dependents[k] { s += jb[base + dep.parameter] * dep.factor }
                                                        jr[k] = s * sw
                                                    }
                                                }
                                                for k in 0..<q {
                                                    let jk = jr[k]
                                                    g[k] += jk * r
                                                    for l in k..<q { a[k * q + l] += jk * jr[l] }
                                                }
                                            }
                                            if wantJacobian, fiveDirect, let jBase = jb.baseAddress, let aBase = a.baseAddress,
                                               let gBase = g.baseAddress {
                                                FusedLevenbergMarquardt.accumulateFive(
                                                    jacobian: jBase, m: m, columns: columns, residuals: storedResiduals + start,
                                                    sqrtWeights: sqrtWeights, first: start, count: end - start, normal: aBase, gradient: gBase)
                                            }
                                            start = end
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            sums.squares = squares
            sums.predictionSquares = predictionSquares
            sums.finite = finite && squares.isFinite
            if wantJacobian {
                for k in 0..<q {
                    for l in k..<q {
                        sums.normal[k * q + l] = normal[k * q + l]
                        sums.normal[l * q + k] = normal[k * q + l]
                    }
                }
                sums.gradient = gradient
            }
            return sums
        }
    }

    /// Adds the `JᵀJ` and `Jᵀr` terms of `count` rows (rows `first…` of the data) for five free
    /// parameters that are model parameters `columns` with factor 1, in row order, with the
    /// fifteen products and five gradient terms in local variables.
    @inline(__always)
    static func accumulateFive(
        jacobian jb: UnsafeMutablePointer<Double>, m: Int, columns: [Int], residuals: UnsafeMutablePointer<Double>,
        sqrtWeights: [Double]?, first: Int, count: Int, normal a: UnsafeMutablePointer<Double>, gradient g: UnsafeMutablePointer<Double>
    ) {
        let (c0, c1, c2, c3, c4) = (columns[0], columns[1], columns[2], columns[3], columns[4])
        var (a00, a01, a02, a03, a04) = (a[0], a[1], a[2], a[3], a[4])
        var (a11, a12, a13, a14) = (a[6], a[7], a[8], a[9])
        var (a22, a23, a24) = (a[12], a[13], a[14])
        var (a33, a34, a44) = (a[18], a[19], a[24])
        var (g0, g1, g2, g3, g4) = (g[0], g[1], g[2], g[3], g[4])
        for b in 0..<count {
            let sw = sqrtWeights.map { $0[first + b] } ?? 1
            let row = jb + b * m
            let j0 = row[c0] * sw, j1 = row[c1] * sw, j2 = row[c2] * sw, j3 = row[c3] * sw, j4 = row[c4] * sw
            let r = residuals[b]
            g0 += j0 * r; g1 += j1 * r; g2 += j2 * r; g3 += j3 * r; g4 += j4 * r
            a00 += j0 * j0; a01 += j0 * j1; a02 += j0 * j2; a03 += j0 * j3; a04 += j0 * j4
            a11 += j1 * j1; a12 += j1 * j2; a13 += j1 * j3; a14 += j1 * j4
            a22 += j2 * j2; a23 += j2 * j3; a24 += j2 * j4
            a33 += j3 * j3; a34 += j3 * j4
            a44 += j4 * j4
        }
        (a[0], a[1], a[2], a[3], a[4]) = (a00, a01, a02, a03, a04)
        (a[6], a[7], a[8], a[9]) = (a11, a12, a13, a14)
        (a[12], a[13], a[14]) = (a22, a23, a24)
        (a[18], a[19], a[24]) = (a33, a34, a44)
        (g[0], g[1], g[2], g[3], g[4]) = (g0, g1, g2, g3, g4)
    }

    // MARK: - The solver

    /// The end of a run: the solution, and the sums at its end point.
    struct Outcome {
        var solution: LocalSolution
        var sums: Sums
        var functionEvaluations: Int
    }

    /// Runs Levenberg–Marquardt from internal start `u0`.
    static func solve(pass: Pass, start u0: [Double], options: FitOptions, deadline: FitDeadline?, buffers: inout Buffers) -> Outcome {
        let q = pass.q
        let mapping = pass.mapping
        var u = u0
        var evaluations = 1
        var sums = pass.sums(external: mapping.external(u), jacobian: true, into: &buffers)
        buffers.accept()
        var scale = [Double](repeating: 0, count: q)
        var mu = 1e-3
        var nu = 2.0
        var iterations = 0
        var rejected = 0
        var termination: Termination = .maxIterations
        var stationaryCheck = false

        // A rejected step: μ grows (GSL's lm); true after 16 rejections in a row, which end the
        // solve as "no further progress".
        func rejectStep() -> Bool {
            mu *= nu
            nu *= 2
            rejected += 1
            return rejected > 15
        }

        // Internal-coordinate normal equations from external sums: A = D·A_ext·D, g = D·g_ext.
        func internalSystem(_ s: Sums, at u: [Double]) -> (a: [Double], g: [Double]) {
            let d = (0..<q).map { mapping.transforms[$0].derivative(u[$0]) }
            var a = s.normal
            var g = s.gradient
            for k in 0..<q {
                g[k] *= d[k]
                for l in 0..<q { a[k * q + l] *= d[k] * d[l] }
            }
            return (a, g)
        }
        var (a, g) = internalSystem(sums, at: u)
        func updateScale() {
            for k in 0..<q {
                var norm = a[k * q + k].squareRoot()
                if norm == 0 { norm = 1 }
                scale[k] = Swift.max(scale[k], norm)
            }
        }
        updateScale()

        if !sums.finite {
            termination = .nonFinite
        } else {
            loop: while true {
                if iterations >= options.maxIterations {
                    termination = .maxIterations
                    break
                }
                if let deadline, deadline.hasPassed() {
                    termination = .timeLimit
                    stationaryCheck = true
                    break
                }
                let cost = 0.5 * sums.squares
                // Nothing left to gain: the Gauss–Newton step's predicted decrease is below
                // the objective's rounding level.
                if rejected == 0, let newton = solveShifted(a, g, shift: 0, scale: scale, q: q) {
                    let predicted = -(dot(g, newton) + 0.5 * quadratic(a, newton, q: q))
                    if predicted <= Double.ulpOfOne * cost {
                        termination = .noFurtherProgress
                        stationaryCheck = true
                        break
                    }
                }
                guard let step = solveShifted(a, g, shift: mu, scale: scale, q: q) else {
                    if rejectStep() {
                        termination = .noFurtherProgress
                        stationaryCheck = true
                        break
                    }
                    continue
                }
                let predicted = -(dot(g, step) + 0.5 * quadratic(a, step, q: q))
                let trial = (0..<q).map { u[$0] + step[$0] }
                var rho = -1.0
                var trialSums: Sums?
                if trial.allSatisfy(\.isFinite) {
                    let t = pass.sums(external: mapping.external(trial), jacobian: true, into: &buffers)
                    evaluations += 1
                    if t.finite, predicted > 0 {
                        rho = (cost - 0.5 * t.squares) / predicted
                        trialSums = t
                    }
                }
                if rho > 0, let t = trialSums {
                    let previous = sums.squares
                    u = trial
                    sums = t
                    buffers.accept()
                    (a, g) = internalSystem(sums, at: u)
                    updateScale()
                    let factor = 2 * rho - 1
                    mu *= Swift.max(1.0 / 3.0, 1 - factor * factor * factor)
                    nu = 2
                    rejected = 0
                    iterations += 1
                    // GSL's tests, in GSL's order: step, gradient; then the objective change.
                    var smallStep = true
                    for k in 0..<q where Swift.abs(step[k]) >= options.xtol * options.xtol + options.xtol * Swift.abs(u[k]) {
                        smallStep = false
                        break
                    }
                    if smallStep {
                        termination = .smallStep
                        stationaryCheck = true
                        break loop
                    }
                    var gnorm = 0.0
                    for k in 0..<q { gnorm = Swift.max(gnorm, Swift.abs(g[k] * Swift.max(Swift.abs(u[k]), 1))) }
                    if gnorm <= options.gtol * Swift.max(0.5 * sums.squares, 1) {
                        termination = .smallGradient
                        break loop
                    }
                    if options.ftol > 0, sums.squares <= previous, previous - sums.squares <= options.ftol * previous {
                        termination = .smallObjectiveChange
                        break loop
                    }
                } else if rejectStep() {
                    termination = .noFurtherProgress
                    stationaryCheck = true
                    break loop
                }
            }
        }

        let objective = sums.finite ? 0.5 * sums.squares : .infinity
        var converged: Bool
        switch termination {
        case .maxIterations, .nonFinite, .failed: converged = false
        case .smallGradient, .smallObjectiveChange: converged = true
        default: converged = stationaryCheck ? isStationary(sums, mapping: mapping, u: u) : true
        }
        if objective.isFinite, objective <= 1e-28 * Double(pass.n) {
            termination = .exactFit
            converged = true
        }
        if !objective.isFinite {
            termination = .nonFinite
            converged = false
        }
        let solution = LocalSolution(
            internalValues: u, objective: objective, iterations: iterations, functionEvaluations: evaluations,
            jacobianEvaluations: evaluations, termination: termination, converged: converged,
            attempt: "\(FitOptions.Method.levenbergMarquardt.rawValue)/\(FitOptions.Scaling.more.rawValue) fused")
        return Outcome(solution: solution, sums: sums, functionEvaluations: evaluations)
    }

    /// ``Stationarity/isStationary(evaluator:internalValues:)`` from the sums: the cosine of
    /// the angle between the residuals and each free parameter's Jacobian column is
    /// `|(Jᵀr)_k| / (√(JᵀJ)_kk · ‖r‖)`.
    static func isStationary(_ s: Sums, mapping: ParameterMapping, u: [Double]) -> Bool {
        guard u.allSatisfy(\.isFinite) else { return false }
        let residualNorm = s.squares.squareRoot()
        if residualNorm == 0 { return true }
        if residualNorm <= 64 * Double.ulpOfOne * s.predictionSquares.squareRoot() { return true }
        let q = mapping.freeCount
        for k in 0..<q {
            if mapping.isAtBound(free: k, internal: u[k]) { continue }
            let columnNorm = s.normal[k * q + k].squareRoot()
            if columnNorm == 0 { continue }
            if Swift.abs(s.gradient[k]) / (columnNorm * residualNorm) > Stationarity.cosineTolerance { return false }
        }
        return true
    }

    // MARK: - Small dense algebra

    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        var s = 0.0
        for k in x.indices { s += x[k] * y[k] }
        return s
    }

    /// `xᵀAx` for row-major `q×q` `a`.
    static func quadratic(_ a: [Double], _ x: [Double], q: Int) -> Double {
        var s = 0.0
        for k in 0..<q {
            var t = 0.0
            for l in 0..<q { t += a[k * q + l] * x[l] }
            s += x[k] * t
        }
        return s
    }

    /// Solves `(A + shift·diag(scale²)) x = −g`, or `nil` when the matrix is not positive definite.
    static func solveShifted(_ a: [Double], _ g: [Double], shift: Double, scale: [Double], q: Int) -> [Double]? {
        var m = a
        for k in 0..<q { m[k * q + k] += shift * scale[k] * scale[k] }
        guard let r = SmallCholesky.upperFactor(m, order: q) else { return nil }
        // Rᵀz = −g, then Rx = z.
        var z = [Double](repeating: 0, count: q)
        for k in 0..<q {
            var s = -g[k]
            for i in 0..<k { s -= r[i * q + k] * z[i] }
            z[k] = s / r[k * q + k]
        }
        var x = [Double](repeating: 0, count: q)
        for k in stride(from: q - 1, through: 0, by: -1) {
            var s = z[k]
            for l in (k + 1)..<Swift.max(q, k + 1) { s -= r[k * q + l] * x[l] }
            x[k] = s / r[k * q + k]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
