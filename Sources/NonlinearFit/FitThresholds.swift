/// The one table of thresholds at which a fit is warned about (``FitWarning``) or diagnosed;
/// every check reads its limit here.
///
/// | check | rule |
/// |---|---|
/// | flat direction | `s_min/s_max < 1e-3` for the column-scaled Jacobian `J·diag(1/‖J_k‖)` at the optimum: the objective changes `(s_min/s_max)² < 1e-6` times less along that direction than along the best-determined one |
/// | ill-conditioned | scaled condition number `κ = s_max/s_min > 1e8` |
/// | strongly correlated pair | `|r| > 0.95` |
/// | parameter at bound | within a relative `1e-6` of the bound's width (or of the value's scale) |
/// | multi-start disagreement | distinct optima whose objectives differ by less than a relative `1e-3` |
///
/// Why `κ > 1e8` for ill-conditioned: the covariance `(JᵀJ)⁻¹` has condition number `κ²`, and
/// at `κ² > 1e16 ≈ 1/ε` (double precision) it carries no correct digit, so standard errors
/// computed from it cannot be trusted; below that, a poorly determined combination of
/// parameters is reported by the flat-direction check (`κ > 1e3`), which names it, and by the
/// correlation check. (Earlier versions used `1e8` for the fit's warning and `1e6` for the
/// diagnostic; the diagnostic now uses this table too.)
public enum FitThresholds {
    /// Relative smallest scaled singular value below which a direction counts as flat.
    public static let flatDirection = 1e-3
    /// Scaled condition number above which the fit counts as ill-conditioned.
    public static let illConditioned = 1e8
    /// Correlation magnitude above which a pair counts as strongly correlated.
    public static let correlation = 0.95
    /// Relative distance to a bound within which a parameter counts as at the bound.
    public static let atBound = 1e-6
    /// Relative objective gap within which distinct optima count as disagreeing.
    public static let optimumGap = 1e-3
}
