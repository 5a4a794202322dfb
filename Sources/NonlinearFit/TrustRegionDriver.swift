internal import CGSL
import Foundation

/// The outcome of one run of a local solver from one starting point.
struct LocalSolution: Sendable {
    /// Internal variables at the end point.
    var internalValues: [Double]
    /// The robust objective `Σρ(r_i)` there (`+inf` when not finite).
    var objective: Double
    var iterations: Int
    var functionEvaluations: Int
    var jacobianEvaluations: Int
    var termination: Termination
    /// Whether the end point is accepted as a local optimum.
    var converged: Bool
    /// A description of the attempt (method and scaling), for the record.
    var attempt: String
}

/// Turns GSL's error handler off once per process: its default aborts.
enum GSLSetup {
    static let once: Void = {
        _ = gsl_set_error_handler_off()
    }()
}

/// GSL status codes as `Int32` (they import as `Int`).
enum GSL {
    static let success = Int32(GSL_SUCCESS)
    static let noProgress = Int32(GSL_ENOPROG)
    static let maxIterations = Int32(GSL_EMAXITER)
    static let badFunction = Int32(GSL_EBADFUNC)
    static let continueIterating = Int32(GSL_CONTINUE)
    /// The residual written for every observation at a non-finite trial point (its square
    /// summed over 10^9 observations still fits in a double).
    static let rejectedResidual = 1e140
}

/// Runs GSL's trust-region nonlinear least-squares driver (`gsl_multifit_nlinear`) on the
/// equivalent residuals of a ``ResidualEvaluator``.
enum TrustRegionDriver {
    private static func trs(_ method: FitOptions.Method) -> UnsafePointer<gsl_multifit_nlinear_trs>? {
        switch method {
        case .levenbergMarquardtGeodesic: return cgsl_trs_lmaccel()
        case .levenbergMarquardt: return cgsl_trs_lm()
        case .dogleg: return cgsl_trs_dogleg()
        case .doubleDogleg: return cgsl_trs_ddogleg()
        case .subspace2D: return cgsl_trs_subspace2D()
        }
    }

    private static func scale(_ scaling: FitOptions.Scaling) -> UnsafePointer<gsl_multifit_nlinear_scale>? {
        switch scaling {
        case .more: return cgsl_scale_more()
        case .levenberg: return cgsl_scale_levenberg()
        case .marquardt: return cgsl_scale_marquardt()
        }
    }

    private static func solver(_ solver: FitOptions.Solver) -> UnsafePointer<gsl_multifit_nlinear_solver>? {
        switch solver {
        case .qr: return cgsl_solver_qr()
        case .cholesky: return cgsl_solver_cholesky()
        case .svd: return cgsl_solver_svd()
        }
    }

    /// Minimises `Σ r̃²` from internal start `u0`.
    static func solve(
        evaluator: ResidualEvaluator,
        start u0: [Double],
        options: FitOptions,
        method: FitOptions.Method,
        scaling: FitOptions.Scaling,
        deadline: FitDeadline? = nil
    ) throws -> LocalSolution {
        _ = GSLSetup.once
        let n = evaluator.n
        let q = evaluator.q
        let attempt = "\(method.rawValue)/\(scaling.rawValue)"
        var params = gsl_multifit_nlinear_default_parameters()
        params.trs = trs(method)
        params.scale = scale(scaling)
        params.solver = solver(options.solver)
        params.avmax = options.geodesicMaxRatio

        guard let workspace = gsl_multifit_nlinear_alloc(cgsl_nlinear_trust(), &params, n, q) else {
            throw FitError.library("GSL could not allocate a workspace for \(n) observations and \(q) parameters")
        }
        defer { gsl_multifit_nlinear_free(workspace) }
        guard let x0 = gsl_vector_alloc(q) else { throw FitError.library("GSL could not allocate a vector") }
        defer { gsl_vector_free(x0) }
        for k in 0..<q { x0.pointee.data[k * x0.pointee.stride] = u0[k] }

        let context = Unmanaged.passRetained(evaluator)
        defer { context.release() }
        let fdf = UnsafeMutablePointer<gsl_multifit_nlinear_fdf>.allocate(capacity: 1)
        defer { fdf.deallocate() }
        fdf.initialize(to: gsl_multifit_nlinear_fdf())
        fdf.pointee.f = residualCallback
        fdf.pointee.df = jacobianCallback
        fdf.pointee.fvv = nil
        fdf.pointee.n = n
        fdf.pointee.p = q
        fdf.pointee.params = context.toOpaque()

        let startF = evaluator.functionEvaluations
        let startJ = evaluator.jacobianEvaluations
        var status = gsl_multifit_nlinear_init(x0, fdf, workspace)
        var info: Int32 = 0
        var iterations = 0
        if status == GSL.success {
            status = iterate(workspace: workspace, options: options, deadline: deadline, info: &info, iterations: &iterations)
        }
        let position = gsl_multifit_nlinear_position(workspace)
        var u = [Double](repeating: .nan, count: q)
        if let position {
            for k in 0..<q { u[k] = position.pointee.data[k * position.pointee.stride] }
        }
        let objective = u.allSatisfy(\.isFinite) ? evaluator.objective(internal: u) : .infinity
        let (termination, converged) = classify(
            status: status, info: info, objective: objective, evaluator: evaluator, internalValues: u, options: options)
        return LocalSolution(
            internalValues: u,
            objective: objective,
            iterations: iterations,
            functionEvaluations: evaluator.functionEvaluations - startF,
            jacobianEvaluations: evaluator.jacobianEvaluations - startJ,
            termination: termination,
            converged: converged,
            attempt: attempt)
    }

    /// GSL's iterate/test loop, run by hand so that a time limit and a relative objective-change
    /// test (`ftol`, which GSL 2.7 does not apply) can stop it. Each `iterate` returns after an
    /// accepted step (or fails), so the change test compares successive accepted points.
    private static func iterate(
        workspace: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>,
        options: FitOptions, deadline: FitDeadline?, info: inout Int32, iterations: inout Int
    ) -> Int32 {
        var previous = squaredNorm(gsl_multifit_nlinear_residual(workspace))
        while iterations < options.maxIterations {
            if let deadline, deadline.hasPassed() { return GSL_ETIMEOUT_SENTINEL }
            let status = gsl_multifit_nlinear_iterate(workspace)
            iterations += 1
            if status != GSL.success { return status }
            let test = gsl_multifit_nlinear_test(options.xtol, options.gtol, 0, &info, workspace)
            if test == GSL.success { return GSL.success }
            let current = squaredNorm(gsl_multifit_nlinear_residual(workspace))
            if options.ftol > 0, current <= previous, previous - current <= options.ftol * previous {
                info = 3
                return GSL.success
            }
            previous = current
        }
        return GSL.maxIterations
    }

    private static func squaredNorm(_ v: UnsafeMutablePointer<gsl_vector>?) -> Double {
        guard let v else { return .nan }
        var s = 0.0
        for i in 0..<v.pointee.size {
            let x = v.pointee.data[i * v.pointee.stride]
            s += x * x
        }
        return s
    }

    /// A status outside GSL's range marking a time-out of the hand-driven loop.
    static let GSL_ETIMEOUT_SENTINEL: Int32 = -9999

    /// Maps GSL's status and `info` to the termination vocabulary, and decides convergence.
    private static func classify(
        status: Int32, info: Int32, objective: Double, evaluator: ResidualEvaluator,
        internalValues u: [Double], options: FitOptions
    ) -> (Termination, Bool) {
        guard objective.isFinite else { return (.nonFinite, false) }
        if objective <= 1e-28 * Double(evaluator.n) { return (.exactFit, true) }
        if status == GSL.success {
            switch info {
            case 1:
                // GSL's step test also fires when the trust region has collapsed far from an
                // optimum: accept it only at a stationary point.
                return (.smallStep, Stationarity.isStationary(evaluator: evaluator, internalValues: u))
            case 2: return (.smallGradient, true)
            default: return (.smallObjectiveChange, true)
            }
        }
        if status == GSL_ETIMEOUT_SENTINEL {
            return (.timeLimit, Stationarity.isStationary(evaluator: evaluator, internalValues: u))
        }
        if status == GSL.noProgress || status == GSL.maxIterations {
            let stationary = Stationarity.isStationary(evaluator: evaluator, internalValues: u)
            if status == GSL.noProgress { return (.noFurtherProgress, stationary) }
            return (.maxIterations, false)
        }
        return (.failed, false)
    }
}

/// Whether a point is stationary to working precision: for every free parameter, the cosine
/// of the angle between the residual vector and the parameter's Jacobian column is below
/// `1e-6` (a parameter at one of its bounds is exempt: its gradient need not vanish).
enum Stationarity {
    static let cosineTolerance = 1e-6

    static func isStationary(evaluator: ResidualEvaluator, internalValues u: [Double]) -> Bool {
        guard u.allSatisfy(\.isFinite) else { return false }
        let state = evaluator.externalState(internal: u)
        let n = evaluator.n
        var residualNorm = 0.0
        for r in state.equivalent { residualNorm += r * r }
        residualNorm = residualNorm.squareRoot()
        if residualNorm == 0 { return true }
        // Residuals at the rounding floor of the predictions carry no direction to descend.
        var predictionNorm = 0.0
        for f in evaluator.predictions { predictionNorm += f * f }
        if residualNorm <= 64 * Double.ulpOfOne * predictionNorm.squareRoot() { return true }
        let mapping = evaluator.mapping
        for k in 0..<evaluator.q {
            if mapping.isAtBound(free: k, internal: u[k]) { continue }
            var g = 0.0
            var columnNorm = 0.0
            for i in 0..<n {
                let jik = state.jacobian.elements[i + k * n]
                g += jik * state.equivalent[i]
                columnNorm += jik * jik
            }
            columnNorm = columnNorm.squareRoot()
            if columnNorm == 0 { continue }
            if Swift.abs(g) / (columnNorm * residualNorm) > cosineTolerance { return false }
        }
        return true
    }
}

// MARK: - C callbacks

private let residualCallback: @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?
) -> Int32 = { x, params, f in
    guard let x, let params, let f else { return GSL.badFunction }
    let evaluator = Unmanaged<ResidualEvaluator>.fromOpaque(params).takeUnretainedValue()
    let finite = withInternalPoint(x, count: evaluator.q) {
        evaluator.residuals(internal: $0, into: f.pointee.data, stride: f.pointee.stride)
    }
    if !finite {
        // GSL's step test (`normf_trial < normf`, `rho > 0`) is false for NaN, so a NaN trial
        // point would be accepted. A huge finite norm makes GSL reject the step and shrink the
        // trust region instead.
        for i in 0..<evaluator.n { f.pointee.data[i * f.pointee.stride] = GSL.rejectedResidual }
    }
    return GSL.success
}

/// Calls `body` with the solver's point as a buffer, without copying when the vector is contiguous.
@inline(__always)
private func withInternalPoint<R>(_ x: UnsafePointer<gsl_vector>, count q: Int, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
    if x.pointee.stride == 1 {
        return body(UnsafeBufferPointer(start: x.pointee.data, count: q))
    }
    let copy: [Double] = (0..<q).map { x.pointee.data[$0 * x.pointee.stride] }
    return copy.withUnsafeBufferPointer(body)
}

private let jacobianCallback: @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_matrix>?
) -> Int32 = { x, params, jac in
    guard let x, let params, let jac else { return GSL.badFunction }
    let evaluator = Unmanaged<ResidualEvaluator>.fromOpaque(params).takeUnretainedValue()
    withInternalPoint(x, count: evaluator.q) {
        evaluator.jacobian(internal: $0, into: jac.pointee.data, rowStride: jac.pointee.tda)
    }
    return GSL.success
}
