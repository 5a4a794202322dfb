/// A schedule-aware law fitted to loss curves: the law, the fit, and predictions for any
/// schedule.
public struct CurveFit: Sendable, Equatable, Codable {
    /// The schedule-aware law fitted (multi-power or LR-annealing, with its fixed settings).
    public let law: CurveLaw
    /// The fit of the law's parameters (its inputs are the per-step terms of the runs).
    public let fit: LawFit
    /// The runs fitted and the first step used from each.
    public let runs: [String]
    /// The first step used from each run, in the order of ``runs`` (earlier steps, such as the
    /// warm-up, are left out of the fit).
    public let firstSteps: [Int]
    /// Points fitted.
    public let points: Int
    /// The logs fitted, as given (absent in fits made without logs): a prediction links a decay
    /// branch to the constant run among them.
    public var logs: [String]? = nil
    /// The loss, learning-rate and step columns read from the logs.
    public var metric: String? = nil
    /// The learning-rate column read from the logs, or `nil`.
    public var learningRateColumn: String? = nil
    /// The step column read from the logs, or `nil`.
    public var stepColumn: String? = nil
    /// The held-out-end model error its prediction intervals add (``CurveModelError``), or
    /// `nil` for the delta method alone (fits made with ``CurveFitter/fit(_:law:firstSteps:options:)``).
    public var modelError: CurveModelError? = nil

    /// The fitted parameter values in the law's order.
    public var parameters: [Double] { fit.values }

    /// Predicted loss at `steps` (each within 1…T) of `schedule`. The terms are computed once,
    /// O(T); each step then costs O(1) (lr-annealing) or O(log K) node expansions (multi-power).
    public func predict(_ schedule: StepSchedule, at steps: [Int]) -> [Double] {
        switch law {
        case let .lrAnnealing(lambda):
            let areas = ScheduleAreas(schedule, lambda: lambda)
            let model = LRAnnealingLaw(lambda: lambda)
            return steps.map { s in
                let t = Swift.min(Swift.max(s, 1), schedule.lastStep)
                return model.evaluate([areas.forward[t], areas.annealing[t]], parameters)
            }
        case .multiPower:
            let model = MultiPowerLaw(curves: [MultiPowerTerms(schedule)])
            // One call of the fused evaluator for all steps (nil when a step is outside 1…T).
            if !steps.isEmpty, let kernel = model.responseKernel(inputs: [steps.map { _ in 0 }, steps.map(Double.init)]) {
                var values = [Double](repeating: 0, count: steps.count)
                kernel.model(parameters, &values)
                return values
            }
            return steps.map { model.evaluate([0, Double($0)], parameters) }
        }
    }

    /// Predicted loss at the schedule's last step.
    public func predictFinal(_ schedule: StepSchedule) -> Double {
        predict(schedule, at: [schedule.lastStep])[0]
    }
}
