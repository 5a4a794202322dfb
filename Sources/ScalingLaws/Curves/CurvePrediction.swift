import Foundation

/// A curve law's prediction at one step of a schedule, with the confidence interval of the
/// mean curve and the prediction interval of a new evaluation at the fit's level, and the
/// observed loss when the run logged one.
///
/// The intervals are the delta method on the fit's covariance (``LawFit/predict(_:with:)``):
/// ```
/// Var L̂(t) = ∇_θ L(t)ᵀ · Cov(θ̂) · ∇_θ L(t),   CI = L̂ ± t_{n−p} · SE,   PI = L̂ ± t_{n−p} · √(SE² + s²)
/// ```
/// with ∇_θ L the law's exact gradient at the step's inputs (S1, S2 or the multi-power terms of
/// the predicted schedule) and s² = χ²/(n − p). Both contain the estimate by construction. They
/// assume independent residuals; the residuals of one logged curve are correlated, so on real
/// logs they are narrower than the error of predicting another schedule (measured in the
/// curve command's documentation).
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
    /// Predictions with intervals at `steps` (each clamped to 1…T) of `schedule`.
    ///
    /// The terms are computed once, O(T) (see ``predict(_:at:)``); each step then costs the
    /// law's gradient and a p × p quadratic form.
    ///
    /// - Parameters:
    ///   - schedule: The schedule predicted.
    ///   - steps: The steps.
    ///   - observed: Logged losses by step, shown beside the predictions.
    public func predictions(_ schedule: StepSchedule, at steps: [Int], observed: [Int: Double] = [:]) -> [CurvePrediction] {
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
        return zip(steps, inputs).map { step, x in
            let p = fit.predict(x, with: model)
            return CurvePrediction(step: step, predicted: p.value, lower: p.lower, upper: p.upper,
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
