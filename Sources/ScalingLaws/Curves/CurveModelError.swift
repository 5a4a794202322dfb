import Foundation
import NonlinearFit

/// The model-error term of a curve fit's prediction interval, estimated from held-out run ends.
///
/// The delta-method prediction interval (``LawFit/predict(_:with:)``) assumes the law is exact
/// and a logged curve's residuals independent. On real logs neither holds (Tissue et al. 2024,
/// arXiv:2408.11029, and Luo et al. 2025, arXiv:2503.12811, fit curves whose residuals follow
/// the evaluation schedule), and predicting the end of a schedule the fit never saw errs by more
/// than that interval allows. The held-out-end calibration measures this error on the fitted
/// runs themselves: for each fitted run `r` and each cut `f` (``cuts``), the law is refitted on
/// the other runs and run `r`'s losses up to step `f·T_r` only (`T_r` its last logged step; for a
/// run that keeps fewer than 2 points that way, such as a decay branch logged only after its
/// branch point, up to `s_r + f·(T_r − s_r)`, `s_r` its first logged step; its schedule stays
/// whole; a cut keeping fewer than 2 of its points, or all of them, is skipped), and predicts run `r`'s last logged loss `y_r`. With the relative error `e_j = (y_r − ŷ_j)/ŷ_j`
/// and the relative variance the delta method gives that prediction,
/// `v_j = (SE_j² + s_j²)/ŷ_j²`, the model error is the excess of the held-out squared errors
/// over it (a method-of-moments estimate, zero when the law explains them):
/// ```
/// σ_m² = max(0, mean_j(e_j²) − mean_j(v_j))
/// ```
/// A prediction's interval then adds it, each term at its own quantile:
/// ```
/// PI = L̂ ± √( t²_{n−p}·(SE² + s²) + t²_k·(σ_m·L̂)² )
/// ```
/// with `k` the number of held-out ends (``CurveFit/predictions(_:at:observed:)``).
public struct CurveModelError: Sendable, Equatable, Codable {
    /// σ_m, the relative model error (a fraction of the predicted loss).
    public let relativeStandardDeviation: Double
    /// The cut fractions of each fitted run's logged steps.
    public let cuts: [Double]
    /// The relative errors `e_j` of the held-out ends, run by run, cut by cut (refits that fail
    /// are left out).
    public let heldOutErrors: [Double]
    /// The mean relative delta-method variance of those predictions, mean_j(v_j).
    public let meanDeltaVariance: Double

    /// Creates the term from its parts.
    ///
    /// - Parameters:
    ///   - relativeStandardDeviation: σ_m.
    ///   - cuts: The cut fractions.
    ///   - heldOutErrors: The held-out relative errors.
    ///   - meanDeltaVariance: mean_j(v_j).
    public init(relativeStandardDeviation: Double, cuts: [Double], heldOutErrors: [Double], meanDeltaVariance: Double) {
        self.relativeStandardDeviation = relativeStandardDeviation
        self.cuts = cuts
        self.heldOutErrors = heldOutErrors
        self.meanDeltaVariance = meanDeltaVariance
    }

    /// The default cuts: each fitted run held out after a quarter, half and three quarters of
    /// its logged steps.
    public static let defaultCuts = [0.25, 0.5, 0.75]

    /// The Student quantile of the model-error term at `level`, with as many degrees of freedom
    /// as held-out ends.
    ///
    /// - Parameter level: The interval's level, e.g. 0.95.
    /// - Returns: `t_k` at `0.5 + level/2`, or `nan` without held-out ends.
    public func quantile(level: Double) -> Double {
        guard !heldOutErrors.isEmpty else { return .nan }
        return Distributions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: Double(heldOutErrors.count))
    }
}

extension CurveFitter {
    /// Fits `law` to `curves` and estimates the model-error term of its prediction intervals by
    /// held-out run ends (``CurveModelError``); the returned fit's predictions use it.
    ///
    /// - Parameters:
    ///   - curves: Runs of one model size.
    ///   - law: The law.
    ///   - cuts: Fractions of each run's logged steps kept when its end is held out.
    ///   - options: Fit options (as ``fit(_:law:firstSteps:options:)``).
    /// - Returns: The fit of all curves with ``CurveFit/modelError`` set (left `nil` when no
    ///   held-out refit succeeds).
    /// - Throws: The errors of ``fit(_:law:firstSteps:options:)`` for the fit of all curves.
    public static func fitCalibrated(_ curves: [LossCurve], law: CurveLaw, cuts: [Double] = CurveModelError.defaultCuts,
                                     options: LawFitOptions = CurveFitter.defaultOptions) throws -> CurveFit {
        var full = try fit(curves, law: law, options: options)
        full.modelError = modelError(curves, law: law, cuts: cuts, options: options)
        return full
    }

    /// The held-out-end model error of `law` on `curves` (see ``CurveModelError``).
    ///
    /// - Parameters:
    ///   - curves: Runs of one model size.
    ///   - law: The law.
    ///   - cuts: Fractions of each run's logged steps kept when its end is held out.
    ///   - options: Fit options.
    /// - Returns: The term, or `nil` when no held-out refit succeeds.
    public static func modelError(_ curves: [LossCurve], law: CurveLaw, cuts: [Double] = CurveModelError.defaultCuts,
                                  options: LawFitOptions = CurveFitter.defaultOptions) -> CurveModelError? {
        var errors: [Double] = [], variances: [Double] = []
        for (r, curve) in curves.enumerated() {
            guard let firstStep = curve.steps.first, let lastStep = curve.finalStep, let observed = curve.finalLoss else { continue }
            for cut in cuts {
                // The cut is a fraction f of the run's steps, f·T; a decay branch logged only
                // after its branch point keeps nothing that way, so it is cut at the fraction f
                // of its logged span instead, s + f·(T − s).
                var limit = Int((cut * Double(lastStep)).rounded(.down))
                if curve.steps.filter({ $0 <= limit }).count < 2 {
                    limit = firstStep + Int((cut * Double(lastStep - firstStep)).rounded(.down))
                }
                let kept = curve.steps.indices.filter { curve.steps[$0] <= limit }
                // Held out whole, a run leaves a fit that may not identify the law (a constant
                // run alone has no annealing term): each held-out run keeps at least 2 points.
                guard kept.count >= 2, kept.count < curve.steps.count else { continue }
                let truncated = LossCurve(run: curve.run, schedule: curve.schedule, steps: kept.map { curve.steps[$0] },
                                          losses: kept.map { curve.losses[$0] })
                var sample = curves
                sample[r] = truncated
                guard let refit = try? fit(sample, law: law, options: options),
                      let p = refit.deltaPredictions(curve.schedule, at: [lastStep]).first,
                      p.predicted.isFinite, p.predicted > 0 else { continue }
                let e = (observed - p.predicted) / p.predicted
                guard e.isFinite else { continue }
                errors.append(e)
                // The refit's own delta-method variance (parameters and evaluation noise) is
                // what the delta method already expects of that error.
                if let hi = p.predictionUpper, let t = refit.deltaQuantile, t > 0 {
                    let relative = (hi - p.predicted) / t / p.predicted
                    variances.append(relative * relative)
                } else {
                    variances.append(0)
                }
            }
        }
        guard !errors.isEmpty else { return nil }
        let meanSquare = errors.map { $0 * $0 }.reduce(0, +) / Double(errors.count)
        let meanVariance = variances.reduce(0, +) / Double(variances.count)
        return CurveModelError(relativeStandardDeviation: Swift.max(0, meanSquare - meanVariance).squareRoot(), cuts: cuts,
                               heldOutErrors: errors, meanDeltaVariance: meanVariance)
    }
}
