/// Settings of a nonlinear fit. The defaults suit most problems: trust-region
/// Levenberg–Marquardt with geodesic acceleration, Moré scaling, QR linear solves, tight
/// tolerances, and the automatic fallbacks described in ``Fallbacks``.
public struct FitOptions: Sendable, Equatable {
    /// The trust-region subproblem method (GSL `gsl_multifit_nlinear_trs_*`).
    public enum Method: String, Sendable, Equatable, CaseIterable, Codable {
        /// Levenberg–Marquardt with geodesic acceleration (Transtrum & Sethna 2012).
        case levenbergMarquardtGeodesic = "lm-geodesic"
        /// Plain Levenberg–Marquardt.
        case levenbergMarquardt = "lm"
        /// Powell's dogleg.
        case dogleg
        /// Double dogleg.
        case doubleDogleg = "ddogleg"
        /// Two-dimensional subspace.
        case subspace2D = "subspace2d"
    }

    /// How the trust region is scaled (GSL `gsl_multifit_nlinear_scale_*`).
    public enum Scaling: String, Sendable, Equatable, CaseIterable, Codable {
        /// Moré's invariant scaling (default).
        case more
        /// Levenberg's identity scaling.
        case levenberg
        /// Marquardt's diagonal of JᵀJ.
        case marquardt
    }

    /// The linear solver used inside each step (GSL `gsl_multifit_nlinear_solver_*`).
    public enum Solver: String, Sendable, Equatable, CaseIterable, Codable {
        /// `qr`: QR decomposition of the scaled Jacobian (default; stable when JᵀJ is ill-conditioned).
        /// `cholesky`: Cholesky factorisation of the normal equations JᵀJ (fastest, but squares the
        /// condition number, so it loses accuracy first on nearly flat directions). `svd`: singular value
        /// decomposition (slowest; most robust when the Jacobian is rank-deficient).
        case qr, cholesky, svd
    }

    /// How the objective is minimised when the loss is robust.
    public enum RobustMethod: String, Sendable, Equatable, Codable {
        /// Trust-region least squares on the equivalent residuals `r̃ = sign(r)√(2ρ(r))`,
        /// whose sum of squares is exactly twice the robust objective.
        case equivalentResiduals = "trust-region"
        /// Direct minimisation of `Σρ(r_i)` with GSL's `multimin` BFGS2, gradient `Jᵀψ(r)`.
        case bfgs
    }

    /// What the engine tries when the first attempt does not converge cleanly.
    public enum Fallbacks: String, Sendable, Equatable, Codable {
        /// No second attempt.
        case none
        /// Restart from the end point; then other trust-region methods and scalings; keep the
        /// attempt with the lowest objective.
        case automatic
        /// `automatic`, and always also a multi-start (Latin hypercube in log-magnitude around
        /// the start) whose best optimum is kept: for problems with hard starting points.
        case thorough
    }

    /// The trust-region subproblem method (default Levenberg–Marquardt with geodesic acceleration).
    public var method: Method = .levenbergMarquardtGeodesic
    /// The trust-region scaling (default Moré's).
    public var scaling: Scaling = .more
    /// The linear solver inside each step (default QR).
    public var solver: Solver = .qr
    /// The robust loss (linear = ordinary least squares).
    public var loss: RobustLoss = .linear
    /// How a robust ``loss`` is minimised (default trust region on the equivalent residuals; ignored
    /// for the linear loss).
    public var robustMethod: RobustMethod = .equivalentResiduals
    /// Maximum trust-region iterations per attempt.
    public var maxIterations: Int = 1000
    /// Wall-clock limit in seconds for the whole fit (every start, attempt and fallback), or
    /// `nil` for none. The clock starts when ``NonlinearLeastSquares/fit(_:options:)`` is
    /// called and is checked before every iteration; when it runs out the best point reached
    /// is returned with termination ``Termination/timeLimit`` (converged only when that point is
    /// stationary). A limit of 0 returns the starting point.
    public var timeLimit: Double? = nil
    /// The clock ``timeLimit`` is measured on (the machine's, unless a test injects one).
    public var clock: FitClock = .system
    /// A deadline shared with other work (for example a start search and several fits run as
    /// one), used instead of ``timeLimit`` when set. When a stage finds it passed, the result
    /// reports termination ``Termination/timeLimit`` and is not converged.
    public var deadline: FitDeadline? = nil
    /// Where the fit records the time it spends building its result (phase
    /// ``FitPhaseClock/Phase/covariance``), or `nil` for no record. Records never change what a
    /// fit computes.
    public var phases: FitPhaseClock? = nil
    /// Whether the fallback ladder (polish, other methods) runs after an attempt that stopped at
    /// ``maxIterations``. `false` makes the iteration limit bound the whole fit: the attempt's
    /// end point is reported with termination ``Termination/maxIterations``.
    public var retryAfterIterationLimit: Bool = true
    /// Step tolerance: converged when `|δx_i| ≤ xtol(|x_i| + xtol)` for all i.
    public var xtol: Double = 1e-15
    /// Gradient tolerance: converged when `max |∇Φ_i · max(x_i, 1)| ≤ gtol · max(Φ, 1)`.
    public var gtol: Double = 1e-15
    /// Objective-change tolerance: converged when an accepted step lowers `Σr̃²` by less than
    /// `ftol` relative to its value (0 disables the test). Loose values (1e-9, as scipy's
    /// L-BFGS-B) make many-start searches cheap; the best start is then polished.
    public var ftol: Double = 0
    /// Scale the covariance by `χ²/dof` (default) or treat the weights as absolute `1/σ²`.
    public var absoluteSigma: Bool = false
    /// Relative step of the central-difference Jacobian used when the problem has none
    /// (default ∛ε ≈ 6.06e-6, the optimum for central differences).
    public var finiteDifferenceStep: Double = 6.055454452393343e-06
    /// Maximum allowed ratio |a|/|v| of the geodesic acceleration to the velocity.
    public var geodesicMaxRatio: Double = 0.75
    /// What is tried after an attempt that does not converge cleanly (default ``Fallbacks/automatic``).
    public var fallbacks: Fallbacks = .automatic
    /// Multi-start settings; `nil` for a single start at the initial values.
    public var multiStart: MultiStart? = nil
    /// Whether a large problem is fitted by the fused Levenberg–Marquardt solver
    /// (``FusedLevenbergMarquardt``) instead of GSL's trust region (default `false`). The fused
    /// solver forms `JᵀJ` and `Jᵀr` in the same pass over the rows as the residuals, on two
    /// threads, and takes the covariance from `JᵀJ`; it is used only when all of these hold:
    /// the problem has a ``LeastSquaresProblem/rowKernel`` and no `residualFunction`, the loss
    /// is ``RobustLoss/linear``, the method is ``Method/levenbergMarquardt``, there is no
    /// multi-start and no fallback ladder (``Fallbacks/none``), and the problem has at least
    /// ``FusedLevenbergMarquardt/minimumRows`` observations. Otherwise the fit runs on GSL as usual.
    public var fusedNormalEquations: Bool = false
    /// Level of the parameter intervals in the result (e.g. 0.95).
    public var confidenceLevel: Double = 0.95

    /// The default options: Levenberg–Marquardt with geodesic acceleration, Moré scaling, QR, the
    /// linear loss, automatic fallbacks, a single start and 95% intervals.
    public init() {}

    /// Options with the given fields changed.
    public func with(_ change: (inout FitOptions) -> Void) -> FitOptions {
        var copy = self
        change(&copy)
        return copy
    }
}
