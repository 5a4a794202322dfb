/// How the standard errors and intervals of a fit's parameters were computed; every report
/// names it beside the intervals, and artifacts record it (absent in older artifacts, which
/// used ``linearized``).
public enum LawIntervalMethod: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The linearised (Gauss–Newton) covariance `C = s²·(J̃ᵀJ̃)⁻¹` of the residuals' Jacobian at
    /// the optimum, `s² = Σ r̃²/(n − p)` (equivalent residuals `r̃` for a robust loss), and
    /// Student-t intervals `θ̂ ± t·SE`.
    case linearized
    /// The covariance of a row (pairs) bootstrap: `resamples` resamples of the rows drawn with
    /// replacement (seed `seed`), each refitted from the optimum; the sample covariance of the
    /// `converged` refits' fitted parameters, and Student-t intervals `θ̂ ± t·SE` (Efron &
    /// Tibshirani 1993, ch. 6; the resampling Besiroglu et al. 2024 used for Chinchilla).
    case rowBootstrap(resamples: Int, converged: Int, seed: UInt64)

    /// One line for reports: `row bootstrap (1000 resamples, seed 0)`.
    public var description: String {
        switch self {
        case .linearized:
            return "linearized covariance"
        case let .rowBootstrap(resamples, converged, seed):
            let refits = converged == resamples ? "\(resamples) resamples" : "\(converged) of \(resamples) resamples converged"
            return "row bootstrap (\(refits), seed \(seed))"
        }
    }

    /// A short machine name for CSV columns: `linearized` or `row-bootstrap`.
    public var name: String {
        switch self {
        case .linearized: return "linearized"
        case .rowBootstrap: return "row-bootstrap"
        }
    }
}

/// Which interval method a fit uses (``LawFitOptions/intervals``).
public enum LawIntervalChoice: Sendable, Equatable {
    /// A row bootstrap of `resamples` refits for a robust objective (summed Huber on log
    /// residuals) when the law has a refit for it (Chinchilla by exact Newton steps, a formula law
    /// by the general driver), the linearised covariance otherwise. See `RobustFitIntervals`.
    case automatic(resamples: Int = 1000)
    /// Always the linearised covariance (bootstrap refits use it: they need no intervals).
    case linearized
}
