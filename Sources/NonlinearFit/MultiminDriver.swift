internal import CGSL
import Foundation

/// Minimises the robust objective `Σρ(r_i)` directly with GSL's `multimin` vector BFGS2
/// (gradient `Jᵀψ(r)`): an independent route to the same optimum as the trust-region solver on
/// the equivalent residuals.
enum MultiminDriver {
    static func solve(
        evaluator: ResidualEvaluator, start u0: [Double], options: FitOptions, deadline: FitDeadline? = nil
    ) throws -> LocalSolution {
        _ = GSLSetup.once
        let q = evaluator.q
        guard let minimizer = gsl_multimin_fdfminimizer_alloc(cgsl_multimin_bfgs2(), q) else {
            throw FitError.library("GSL could not allocate a BFGS minimiser for \(q) parameters")
        }
        defer { gsl_multimin_fdfminimizer_free(minimizer) }
        guard let x0 = gsl_vector_alloc(q) else { throw FitError.library("GSL could not allocate a vector") }
        defer { gsl_vector_free(x0) }
        for k in 0..<q { x0.pointee.data[k * x0.pointee.stride] = u0[k] }

        let context = Unmanaged.passRetained(evaluator)
        defer { context.release() }
        let function = UnsafeMutablePointer<gsl_multimin_function_fdf>.allocate(capacity: 1)
        defer { function.deallocate() }
        function.initialize(to: gsl_multimin_function_fdf())
        function.pointee.f = objectiveCallback
        function.pointee.df = gradientCallback
        function.pointee.fdf = objectiveAndGradientCallback
        function.pointee.n = q
        function.pointee.params = context.toOpaque()

        let startF = evaluator.functionEvaluations
        let startJ = evaluator.jacobianEvaluations
        // Initial step 1% of the start's scale; line-search tolerance 0.1 as GSL recommends for BFGS2.
        var stepSize = 0.0
        for v in u0 { stepSize += v * v }
        stepSize = Swift.max(0.01 * stepSize.squareRoot(), 1e-4)
        var status = gsl_multimin_fdfminimizer_set(minimizer, function, x0, stepSize, 0.1)
        var iterations = 0
        var termination = Termination.maxIterations
        var converged = false
        if status == GSL.success {
            while iterations < options.maxIterations * 10 {
                if let deadline, deadline.hasPassed() {
                    termination = .timeLimit
                    break
                }
                iterations += 1
                status = gsl_multimin_fdfminimizer_iterate(minimizer)
                if status != GSL.success {
                    // GSL_ENOPROG: the line search cannot improve: judge by the gradient below.
                    termination = .noFurtherProgress
                    break
                }
                let f = minimizer.pointee.f
                let gtest = gsl_multimin_test_gradient(minimizer.pointee.gradient, 1e-12 * Swift.max(f, 1e-300).squareRoot())
                if gtest == GSL.success {
                    termination = .smallGradient
                    converged = true
                    break
                }
            }
        }
        var u = [Double](repeating: .nan, count: q)
        if let x = gsl_multimin_fdfminimizer_x(minimizer) {
            for k in 0..<q { u[k] = x.pointee.data[k * x.pointee.stride] }
        }
        let objective = u.allSatisfy(\.isFinite) ? evaluator.objective(internal: u) : .infinity
        if !objective.isFinite {
            termination = .nonFinite
            converged = false
        } else if termination == .noFurtherProgress || termination == .timeLimit {
            converged = gradientIsSmall(evaluator: evaluator, u: u)
        }
        return LocalSolution(
            internalValues: u, objective: objective, iterations: iterations,
            functionEvaluations: evaluator.functionEvaluations - startF,
            jacobianEvaluations: evaluator.jacobianEvaluations - startJ,
            termination: termination, converged: converged, attempt: "bfgs2")
    }

    /// Relative gradient test for a stalled line search: `|g_k|·max(|u_k|,1) ≤ 1e-6·max(Φ, tiny)`.
    private static func gradientIsSmall(evaluator: ResidualEvaluator, u: [Double]) -> Bool {
        var g = [Double](repeating: 0, count: evaluator.q)
        let f = u.withUnsafeBufferPointer { ub in
            g.withUnsafeMutableBufferPointer { gb -> Double in
                guard let base = gb.baseAddress else { return .nan }
                return evaluator.objectiveAndGradient(internal: ub, gradient: base, gradientStride: 1)
            }
        }
        guard f.isFinite else { return false }
        for k in 0..<evaluator.q where Swift.abs(g[k]) * Swift.max(Swift.abs(u[k]), 1) > 1e-6 * Swift.max(f, 1e-300) {
            return false
        }
        return true
    }
}

// MARK: - C callbacks

private func readVector(_ x: UnsafePointer<gsl_vector>, count q: Int) -> [Double] {
    (0..<q).map { x.pointee.data[$0 * x.pointee.stride] }
}

private let objectiveCallback: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?) -> Double = { x, params in
    guard let x, let params else { return .nan }
    let evaluator = Unmanaged<ResidualEvaluator>.fromOpaque(params).takeUnretainedValue()
    let value = evaluator.objective(internal: readVector(x, count: evaluator.q))
    return value.isFinite ? value : .nan
}

private let gradientCallback: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?) -> Void = { x, params, g in
    guard let x, let params, let g else { return }
    let evaluator = Unmanaged<ResidualEvaluator>.fromOpaque(params).takeUnretainedValue()
    let u = readVector(x, count: evaluator.q)
    _ = u.withUnsafeBufferPointer {
        evaluator.objectiveAndGradient(internal: $0, gradient: g.pointee.data, gradientStride: g.pointee.stride)
    }
}

private let objectiveAndGradientCallback: @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<gsl_vector>?
) -> Void = { x, params, f, g in
    guard let x, let params, let f, let g else { return }
    let evaluator = Unmanaged<ResidualEvaluator>.fromOpaque(params).takeUnretainedValue()
    let u = readVector(x, count: evaluator.q)
    let value = u.withUnsafeBufferPointer {
        evaluator.objectiveAndGradient(internal: $0, gradient: g.pointee.data, gradientStride: g.pointee.stride)
    }
    f.pointee = value.isFinite ? value : .nan
}
