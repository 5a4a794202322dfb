import Foundation
import NonlinearFit

/// The difference of two schedules' predicted losses at their last steps, with its interval:
/// how much one schedule is predicted to beat another under the same fitted law.
///
/// ```
/// Δ = L̂_a(T_a) − L̂_b(T_b),   Var Δ = (∇θL_a − ∇θL_b)ᵀ · Cov(θ̂) · (∇θL_a − ∇θL_b)
/// ```
/// (the delta method on the fit's covariance, with the law's exact gradients; the two
/// predictions share the parameters, so the interval of the difference is narrower than the
/// two intervals combined). The interval is `Δ ± t_{n−p}·SE` at the fit's level.
public struct CurveDifference: Sendable, Equatable, Codable {
    /// `Δ = L̂_a(T_a) − L̂_b(T_b)`, nats/token (negative: schedule a ends lower).
    public let value: Double
    /// `SE(Δ)` by the delta method, or `nil` without a covariance.
    public let standardError: Double?
    /// `Δ − t·SE`, or `nil`.
    public let lower: Double?
    /// `Δ + t·SE`, or `nil`.
    public let upper: Double?
}

extension CurveFit {
    /// The law and its inputs at `step` of `schedule`.
    func model(for schedule: StepSchedule, at step: Int) -> (any ScalingLaw, [Double]) {
        let t = Swift.min(Swift.max(step, 1), schedule.lastStep)
        switch law {
        case let .lrAnnealing(lambda):
            let areas = ScheduleAreas(schedule, lambda: lambda)
            return (LRAnnealingLaw(lambda: lambda), [areas.forward[t], areas.annealing[t]])
        case .multiPower:
            return (MultiPowerLaw(curves: [MultiPowerTerms(schedule)]), [0, Double(t)])
        }
    }

    /// The gradient of the predicted loss with respect to the fit's free fitted parameters (in
    /// ``LawFit/covarianceNames`` order).
    func fittedGradient(_ model: any ScalingLaw, _ x: [Double]) -> [Double] {
        let p = parameters
        var gradient = [Double](repeating: 0, count: p.count)
        model.gradient(x, p, into: &gradient)
        return fit.covarianceNames.compactMap { name in
            guard let k = fit.fittedNames.firstIndex(of: name) else { return nil }
            return name.hasPrefix("log_") ? gradient[k] * p[k] : gradient[k]
        }
    }

    /// L̂_a(T_a) − L̂_b(T_b) at the schedules' last steps, with its delta-method interval.
    public func difference(_ a: StepSchedule, _ b: StepSchedule) -> CurveDifference {
        let (lawA, xA) = model(for: a, at: a.lastStep)
        let (lawB, xB) = model(for: b, at: b.lastStep)
        let value = lawA.evaluate(xA, parameters) - lawB.evaluate(xB, parameters)
        guard let covariance = fit.covariance else { return CurveDifference(value: value, standardError: nil, lower: nil, upper: nil) }
        let gA = fittedGradient(lawA, xA), gB = fittedGradient(lawB, xB)
        let d = zip(gA, gB).map { $0 - $1 }
        var variance = 0.0
        for i in d.indices {
            for j in d.indices { variance += d[i] * covariance[i][j] * d[j] }
        }
        let dof = Double(fit.statistics.degreesOfFreedom)
        guard variance.isFinite, variance >= 0, dof > 0 else {
            return CurveDifference(value: value, standardError: nil, lower: nil, upper: nil)
        }
        let se = variance.squareRoot()
        let t = Distributions.studentTQuantile(0.5 + fit.confidenceLevel / 2, degreesOfFreedom: dof)
        return CurveDifference(value: value, standardError: se, lower: value - t * se, upper: value + t * se)
    }
}
