internal import CGSL

/// Quantiles and tail probabilities of the distributions used for intervals and tests
/// (computed by GSL's `gsl_cdf_*`).
public enum Distributions {
    /// The `p`-quantile of Student's t with `dof` degrees of freedom (normal when `dof` is infinite).
    public static func studentTQuantile(_ p: Double, degreesOfFreedom dof: Double) -> Double {
        _ = GSLSetup.once
        if !dof.isFinite { return gsl_cdf_ugaussian_Pinv(p) }
        return gsl_cdf_tdist_Pinv(p, dof)
    }

    /// The `p`-quantile of the standard normal distribution.
    public static func normalQuantile(_ p: Double) -> Double {
        _ = GSLSetup.once
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// The standard normal cumulative distribution function.
    public static func normalCDF(_ x: Double) -> Double {
        gsl_cdf_ugaussian_P(x)
    }

    /// The `p`-quantile of the χ² distribution with `dof` degrees of freedom.
    public static func chiSquareQuantile(_ p: Double, degreesOfFreedom dof: Double) -> Double {
        _ = GSLSetup.once
        return gsl_cdf_chisq_Pinv(p, dof)
    }

    /// `P(X > x)` for `X ~ χ²(dof)`.
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom dof: Double) -> Double {
        _ = GSLSetup.once
        return gsl_cdf_chisq_Q(x, dof)
    }

    /// The `p`-quantile of the F distribution with `(d1, d2)` degrees of freedom.
    public static func fQuantile(_ p: Double, _ d1: Double, _ d2: Double) -> Double {
        _ = GSLSetup.once
        return gsl_cdf_fdist_Pinv(p, d1, d2)
    }
}
