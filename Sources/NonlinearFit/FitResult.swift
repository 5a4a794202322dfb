import LinearAlgebra

/// One parameter of a finished fit.
public struct FittedParameter: Sendable, Equatable, Codable {
    /// The parameter's name, as in the problem's ``FitParameter/name``.
    public let name: String
    /// The estimate.
    public let value: Double
    /// The standard error from the covariance (`nil` when fixed, or when the covariance could
    /// not be computed).
    public let standardError: Double?
    /// The confidence interval at ``FitResult/confidenceLevel`` (Student t with the fit's
    /// degrees of freedom), or `nil` with the standard error.
    public let interval: ClosedRange<Double>?
    /// The starting value.
    public let initialValue: Double
    /// Free, fixed or tied.
    public let constraint: FitParameter.Constraint
    /// Which bound the estimate sits on (within a relative 1e-6 of the bound's width or scale).
    public let atBound: BoundHit?

    /// Which bound an estimate sits on.
    public enum BoundHit: String, Sendable, Equatable, Codable {
        /// `lower`: the estimate sits on ``FitParameter/lowerBound``; `upper`: on
        /// ``FitParameter/upperBound``. Its interval is then one-sided in effect: the data would push it
        /// past the bound.
        case lower, upper
    }
}

/// Summary of a multi-start run.
public struct MultiStartSummary: Sendable, Equatable, Codable {
    /// Number of starting points run.
    public let starts: Int
    /// How many of them converged.
    public let converged: Int
    /// How many distinct optima the converged starts reached (end points whose objectives differ
    /// by more than a relative 1e-7, or whose parameters differ by more than 5%, count as distinct).
    public let distinctOptima: Int
    /// The best objective of each distinct optimum, ascending (at most 10).
    public let optimumObjectives: [Double]
    /// Index of the start that produced the reported optimum.
    public let bestStart: Int
}

/// The result of a nonlinear fit: estimates with uncertainty, fit statistics and how the
/// solver ended. Non-convergence is reported here (``converged``, ``termination``), not thrown.
public struct FitResult: Sendable, Equatable {
    /// Every parameter (free, fixed and tied), in the problem's order.
    public let parameters: [FittedParameter]
    /// Covariance of the free parameters (in the order of ``freeParameterNames``), or `nil` when
    /// the Jacobian at the optimum is rank deficient.
    public let covariance: Matrix?
    /// Correlations of the free parameters, or `nil` with the covariance.
    public let correlation: Matrix?
    /// Names of the free parameters, the rows and columns of the covariance.
    public let freeParameterNames: [String]
    /// Condition number of the Jacobian at the optimum after scaling each column to unit norm
    /// (independent of the parameters' units; above ``FitThresholds/illConditioned`` the fit is ill-conditioned).
    public let conditionNumber: Double
    /// Rank of the Jacobian at the optimum.
    public let jacobianRank: Int
    /// The minimised objective `Σρ(r_i)` (for plain least squares `χ²/2`).
    public let objective: Double
    /// The weighted residual sum of squares `Σ w_i (f_i − y_i)²`.
    public let chiSquare: Double
    /// Degrees of freedom `n − p_free`.
    public let degreesOfFreedom: Int
    /// `χ²/dof`.
    public let reducedChiSquare: Double
    /// Akaike information criterion `n·ln(χ²/n) + 2p`.
    public let aic: Double
    /// Bayesian information criterion `n·ln(χ²/n) + p·ln n`.
    public let bic: Double
    /// Coefficient of determination `1 − χ²/Σw(y − ȳ_w)²`.
    public let rSquared: Double
    /// Residuals `√w_i (f_i − y_i)` at the optimum.
    public let residuals: [Double]
    /// Model predictions `f_i` at the optimum.
    public let predictions: [Double]
    /// Trust-region iterations of the reported run (all attempts).
    public let iterations: Int
    /// Model evaluations (all attempts and starts).
    public let functionEvaluations: Int
    /// Jacobian evaluations (all attempts and starts).
    public let jacobianEvaluations: Int
    /// Why the reported run stopped.
    public let termination: Termination
    /// Whether the reported point is accepted as a local optimum.
    public let converged: Bool
    /// The loss that was minimised.
    public let loss: RobustLoss
    /// Level of the parameter intervals.
    public let confidenceLevel: Double
    /// The attempts made (method/scaling), the reported one last.
    public let attempts: [String]
    /// Multi-start summary, when several starts were run.
    public var multiStart: MultiStartSummary?
    /// Warnings: parameters at bounds, rank deficiency, a flat direction, ill-conditioning,
    /// non-convergence (thresholds in ``FitThresholds``).
    public let warnings: [FitWarning]

    /// The number of observations.
    public var observationCount: Int { residuals.count }

    /// The fitted parameter named `name`.
    public subscript(name: String) -> FittedParameter? {
        parameters.first { $0.name == name }
    }

    /// Values of all parameters, in order.
    public var values: [Double] { parameters.map(\.value) }

    /// Standard errors of all parameters, in order (`nil` where unavailable).
    public var standardErrors: [Double?] { parameters.map(\.standardError) }
}
