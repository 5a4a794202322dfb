import Foundation
import NonlinearFit

/// A curve law's prediction at one step of a schedule, with the confidence interval of the
/// mean curve and the prediction interval of a new evaluation at the fit's level, and the
/// observed loss when the run logged one.
///
/// The confidence interval is the delta method on the fit's covariance (``LawFit/predict(_:with:)``):
/// ```
/// Var L̂(t) = ∇_θ L(t)ᵀ · Cov(θ̂) · ∇_θ L(t),   CI = L̂ ± t_{n−p} · SE
/// ```
/// with ∇_θ L the law's exact gradient at the step's inputs (S1, S2 or the multi-power terms of
/// the predicted schedule). The prediction interval adds the residual scatter s² = χ²/(n − p)
/// and, when the fit carries one, the held-out-end model error σ_m (``CurveModelError``):
/// ```
/// PI = L̂ ± √( t²_{n−p}·(SE² + s²) + t²_k·(σ_m·L̂)² )
/// ```
/// Both contain the estimate by construction. Without σ_m the prediction interval assumes the
/// law exact and the residuals independent; a logged curve's residuals are correlated, and on
/// the OLMo ladder that interval held 9 of 36 run ends and the calibrated one 33 of 36
/// (measured in the curve command's documentation).
public struct CurvePrediction: Sendable, Equatable, Codable {
    /// The step `t` of the schedule.
    public let step: Int
    /// The law's loss `L̂(t)` at the fitted parameters.
    public let predicted: Double
    /// Confidence interval of the mean curve, or `nil` without a covariance.
    public let lower: Double?
    /// Upper end of the confidence interval, or `nil`.
    public let upper: Double?
    /// Prediction interval of a new evaluation, or `nil` without a covariance.
    public let predictionLower: Double?
    /// Upper end of the prediction interval, or `nil`.
    public let predictionUpper: Double?
    /// The loss the run logged at this step, when it did.
    public let observed: Double?

    /// A prediction.
    /// - Parameters:
    ///   - step: The step `t`.
    ///   - predicted: The law's loss there.
    ///   - lower: Lower end of the confidence interval, or `nil`.
    ///   - upper: Upper end of the confidence interval, or `nil`.
    ///   - predictionLower: Lower end of the prediction interval, or `nil`.
    ///   - predictionUpper: Upper end of the prediction interval, or `nil`.
    ///   - observed: The logged loss at the step, or `nil`.
    public init(step: Int, predicted: Double, lower: Double?, upper: Double?, predictionLower: Double?, predictionUpper: Double?,
                observed: Double?) {
        self.step = step
        self.predicted = predicted
        self.lower = lower
        self.upper = upper
        self.predictionLower = predictionLower
        self.predictionUpper = predictionUpper
        self.observed = observed
    }

    /// The observed loss relative to the prediction, (observed − predicted)/predicted.
    public var relativeError: Double? { observed.map { ($0 - predicted) / predicted } }
}

extension CurveFit {
    /// Predictions with intervals at `steps` (each clamped to 1…T) of `schedule`: the
    /// delta-method intervals, with the prediction interval widened by ``modelError`` when the
    /// fit carries one (see ``CurvePrediction``).
    ///
    /// The terms are computed once, O(T) (see ``predict(_:at:)``); each step then costs the
    /// law's gradient and a p × p quadratic form.
    ///
    /// - Parameters:
    ///   - schedule: The schedule predicted.
    ///   - steps: The steps.
    ///   - observed: Logged losses by step, shown beside the predictions.
    /// - Returns: One prediction per step, in order.
    public func predictions(_ schedule: StepSchedule, at steps: [Int], observed: [Int: Double] = [:]) -> [CurvePrediction] {
        let delta = deltaPredictions(schedule, at: steps, observed: observed)
        guard let modelError, let t = deltaQuantile, t > 0 else { return delta }
        let tk = modelError.quantile(level: fit.confidenceLevel)
        guard tk.isFinite else { return delta }
        return delta.map { p in
            guard let hi = p.predictionUpper else { return p }
            let m = tk * modelError.relativeStandardDeviation * p.predicted
            let half = ((hi - p.predicted) * (hi - p.predicted) + m * m).squareRoot()
            return CurvePrediction(step: p.step, predicted: p.predicted, lower: p.lower, upper: p.upper,
                                   predictionLower: p.predicted - half, predictionUpper: p.predicted + half, observed: p.observed)
        }
    }

    /// The Student quantile of the fit's delta-method intervals, t_{n−p} at its level, or `nil`
    /// without degrees of freedom.
    var deltaQuantile: Double? {
        let dof = Double(fit.statistics.degreesOfFreedom)
        guard dof > 0 else { return nil }
        let t = Distributions.studentTQuantile(0.5 + fit.confidenceLevel / 2, degreesOfFreedom: dof)
        return t.isFinite ? t : nil
    }

    /// The delta-method predictions alone (``LawFit/predict(_:with:)``), without the model
    /// error: the intervals that assume the law exact and the residuals independent.
    ///
    /// - Parameters:
    ///   - schedule: The schedule predicted.
    ///   - steps: The steps.
    ///   - observed: Logged losses by step, shown beside the predictions.
    /// - Returns: One prediction per step, in order.
    public func deltaPredictions(_ schedule: StepSchedule, at steps: [Int], observed: [Int: Double] = [:]) -> [CurvePrediction] {
        let clamped = steps.map { Swift.min(Swift.max($0, 1), schedule.lastStep) }
        let model: any ScalingLaw
        let inputs: [[Double]]
        switch law {
        case let .lrAnnealing(lambda):
            let areas = ScheduleAreas(schedule, lambda: lambda)
            model = LRAnnealingLaw(lambda: lambda)
            inputs = clamped.map { [areas.forward[$0], areas.annealing[$0]] }
        case .multiPower:
            model = MultiPowerLaw(curves: [MultiPowerTerms(schedule)])
            inputs = clamped.map { [0, Double($0)] }
        }
        return zip(steps, fit.predict(rows: inputs, with: model)).map { step, p in
            CurvePrediction(step: step, predicted: p.value, lower: p.lower, upper: p.upper,
                                   predictionLower: p.predictionLower, predictionUpper: p.predictionUpper, observed: observed[step])
        }
    }

    /// Predictions at every logged step of `curve`'s schedule beside its observed losses.
    public func predictions(_ curve: LossCurve) -> [CurvePrediction] {
        var observed: [Int: Double] = [:]
        for (s, y) in zip(curve.steps, curve.losses) { observed[s] = y }
        return predictions(curve.schedule, at: curve.steps, observed: observed)
    }
}
