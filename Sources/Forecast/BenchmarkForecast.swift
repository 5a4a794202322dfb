import Foundation
import ScalingLaws

/// How the interval of a forecast was obtained.
public enum ForecastIntervalMethod: String, Sendable, Equatable, Codable {
    /// Delta method on the fit's covariance (confidence interval of the mean curve, Student t).
    case deltaMethod
    /// Percentiles over the fit's bootstrap draws.
    case bootstrap
    /// Percentiles over seeded parameter draws (bootstrap draws when the fits carry them, else
    /// normal draws from each fit's covariance), propagated through every step.
    case parameterDraws

    /// A short label for reports.
    public var label: String {
        switch self {
        case .deltaMethod: return "delta method on the fit covariance"
        case .bootstrap: return "bootstrap percentile"
        case .parameterDraws: return "percentiles of seeded parameter draws"
        }
    }
}

/// A predicted benchmark score at one compute (or one model, through Owen's scaled compute).
public struct ScoreForecast: Sendable, Equatable, Codable {
    /// Model parameters `N`, when the forecast started from a model.
    public let parameters: Double?
    /// Training tokens `D`, when the forecast started from a model.
    public let tokens: Double?
    /// The model's loss under the loss law, when it started from a model (nats/token).
    public let loss: Double?
    /// The compute the score law was evaluated at: FLOP, or scaled compute `C_s` for a model.
    public let compute: Double
    /// The predicted normalised score.
    public let score: Double
    /// The interval of the mean score, or `nil` without parameter uncertainty.
    public let lower: Double?
    /// Upper end of the interval of the mean score, or `nil`.
    public let upper: Double?
    /// The prediction interval of a new model's score (mean-curve and residual scatter), inside
    /// `[chance, 1]` (`ScalingLaws/BoundedScoreInterval`), or `nil` without a fit.
    public var predictionLower: Double? = nil
    /// Upper end of the prediction interval of a new model's score, or `nil`.
    public var predictionUpper: Double? = nil

    /// A score forecast.
    /// - Parameters:
    ///   - parameters: Model parameters `N`, when forecast from `(N, D)`.
    ///   - tokens: Training tokens `D`, when forecast from `(N, D)`.
    ///   - loss: The loss law's loss at `(N, D)`, when forecast from them.
    ///   - compute: The compute the score law was evaluated at (FLOP, or scaled compute).
    ///   - score: The predicted normalised score.
    ///   - lower: Lower end of the interval of the mean score, or `nil`.
    ///   - upper: Upper end of the interval of the mean score, or `nil`.
    ///   - predictionLower: Lower end of the prediction interval of a new model, or `nil`.
    ///   - predictionUpper: Upper end of the prediction interval of a new model, or `nil`.
    public init(parameters: Double? = nil, tokens: Double? = nil, loss: Double? = nil, compute: Double, score: Double,
                lower: Double? = nil, upper: Double? = nil, predictionLower: Double? = nil, predictionUpper: Double? = nil) {
        self.predictionLower = predictionLower
        self.predictionUpper = predictionUpper
        self.parameters = parameters
        self.tokens = tokens
        self.loss = loss
        self.compute = compute
        self.score = score
        self.lower = lower
        self.upper = upper
    }
}

/// The least compute whose predicted score reaches a target.
public struct ComputeForScore: Sendable, Equatable, Codable {
    /// The target normalised score.
    public let target: Double
    /// FLOP (or scaled compute, when the law was fitted against it).
    public let compute: Double
    /// The interval of that compute, or `nil` without parameter uncertainty.
    public let lower: Double?
    /// Upper end of the compute's interval, or `nil`.
    public let upper: Double?
}

/// Benchmark-score forecasts from a score law in compute (Owen 2024, "How predictable is
/// language model benchmark performance?", arXiv:2401.04757):
///
/// ```
/// P(C) = 1/(1 + exp(−k(log10 C − x0)))              (sigmoid; or sigmoid-offset, clipped-linear)
/// C_s(N, D): L(N, D) = L(N_s, 20·N_s),  C_s = 120·N_s²  (step 1, ScaledCompute)
/// C(P)     = 10^(x0 + ln(P/(1 − P))/k)                (the compute to reach a score)
/// ```
/// - Compute in FLOP; scores normalised (chance 0, best 1).
/// - Intervals (when built from a `ScalingLaws/LawFit`): percentiles over the fit's
///   bootstrap draws when it carries them, else the delta method on its covariance. `lower` and
///   `upper` are intervals of the mean curve, for the parameter uncertainty of the score fit
///   only; `predictionLower` and `predictionUpper` add the residual scatter of the fit (where a
///   new model lands), on the logit scale so they stay inside `[chance, 1]`
///   (`ScalingLaws/BoundedScoreInterval`). The loss law that maps `(N, D)` to scaled compute
///   is taken as exact.
public struct BenchmarkForecaster: Sendable {
    /// The score law (sigmoid, sigmoid-offset or clipped-linear in compute).
    public let law: any ScalingLaw
    /// Its parameter values, in the law's order.
    public let values: [Double]
    /// The fit the law and values come from, when there is one.
    public let fit: LawFit?
    /// The Chinchilla loss law for forecasts from `(N, D)`.
    public let lossLaw: ChinchillaParameters?

    /// A forecaster for `law` at `values`.
    /// - Throws: ``DecisionError/wrongInputs(law:inputs:needed:)`` unless the law's one input is
    ///   compute `C`; ``DecisionError/parameterCount(law:expected:got:)``.
    public init(law: any ScalingLaw, values: [Double], fit: LawFit? = nil, lossLaw: ChinchillaParameters? = nil) throws {
        let inputs = law.inputs.map(\.role)
        guard inputs == [LawVariable.benchmarkCompute.role] else {
            throw DecisionError.wrongInputs(law: law.name, inputs: inputs, needed: "compute C")
        }
        guard values.count == law.parameters.count else {
            throw DecisionError.parameterCount(law: law.name, expected: law.parameters.count, got: values.count)
        }
        self.law = law
        self.values = values
        self.fit = fit
        self.lossLaw = lossLaw
    }

    /// A forecaster from a fit artifact of a score law in compute.
    /// - Throws: as ``init(law:values:fit:lossLaw:)``, or the fit's unknown-law error.
    public init(fit: LawFit, lossLaw: ChinchillaParameters? = nil) throws {
        try self.init(law: try fit.resolvedLaw(), values: fit.values, fit: fit, lossLaw: lossLaw)
    }

    /// How the intervals are made, or `nil` when there are none.
    public var intervalMethod: ForecastIntervalMethod? {
        guard let fit else { return nil }
        if let bootstrap = fit.bootstrap, bootstrap.draws.count >= 2 { return .bootstrap }
        return fit.covariance != nil && !fit.covarianceNames.isEmpty ? .deltaMethod : nil
    }

    /// The level of the intervals, when there are any.
    public var confidenceLevel: Double? {
        guard let method = intervalMethod, let fit else { return nil }
        return method == .bootstrap ? fit.bootstrap?.confidenceLevel : fit.confidenceLevel
    }

    /// The predicted score at `compute` FLOP.
    /// - Throws: ``DecisionError/invalidValue(what:value:)``; the fit's prediction errors.
    public func score(compute c: Double) throws -> ScoreForecast {
        try score(compute: c, parameters: nil, tokens: nil, loss: nil)
    }

    /// The predicted score of a model with `n` parameters trained on `d` tokens, at its scaled
    /// compute `C_s` (`ScalingLaws/ScaledCompute`) under ``lossLaw``.
    /// - Throws: ``DecisionError/missingLossLaw``, ``DecisionError/invalidValue(what:value:)``,
    ///   `ScalingLaws/ScaledComputeError`.
    public func score(parameters n: Double, tokens d: Double) throws -> ScoreForecast {
        guard let lossLaw else { throw DecisionError.missingLossLaw }
        guard n.isFinite, n > 0 else { throw DecisionError.invalidValue(what: "model size N", value: n) }
        guard d.isFinite, d > 0 else { throw DecisionError.invalidValue(what: "training tokens D", value: d) }
        let point = try ScaledCompute.point(parameters: n, tokens: d, law: lossLaw)
        return try score(compute: point.compute, parameters: n, tokens: d, loss: point.loss)
    }

    func score(compute c: Double, parameters n: Double?, tokens d: Double?, loss: Double?) throws -> ScoreForecast {
        guard c.isFinite, c > 0 else { throw DecisionError.invalidValue(what: "compute", value: c) }
        let value = law.evaluate([c], values)
        var lower: Double?, upper: Double?, newLower: Double?, newUpper: Double?
        switch intervalMethod {
        case .bootstrap:
            let interval = fit?.bootstrap?.percentileInterval { p in law.evaluate([c], p) }
            lower = interval?.lower
            upper = interval?.upper
            let prediction = try fit?.bootstrapPrediction([c])
            newLower = prediction?.prediction.lower
            newUpper = prediction?.prediction.upper
        case .deltaMethod:
            let prediction = try fit?.predict([c])
            lower = prediction?.lower
            upper = prediction?.upper
            newLower = prediction?.predictionLower
            newUpper = prediction?.predictionUpper
        case .parameterDraws, nil:
            break
        }
        return ScoreForecast(parameters: n, tokens: d, loss: loss, compute: c, score: value, lower: lower, upper: upper,
                             predictionLower: newLower, predictionUpper: newUpper)
    }

    /// The least compute at which the predicted score reaches `target`, with its interval
    /// (bootstrap percentiles, or the delta method in `log10 C`).
    ///
    /// - Throws: ``DecisionError/targetAboveCeiling(target:ceiling:law:attained:)`` when the law
    ///   never reaches `target` (for the sigmoids: `target ≥ 1`, the ceiling they approach
    ///   only as compute grows without bound), ``DecisionError/targetBelowFloor(target:floor:law:)``
    ///   when every compute scores above it, ``DecisionError/flatScoreLaw(law:)``.
    public func compute(toReach target: Double) throws -> ComputeForScore {
        guard target.isFinite else { throw DecisionError.invalidOption("target score must be a finite number, got \(target)") }
        let x = try Self.log10Compute(toReach: target, law: law, values: values)
        var lower: Double?, upper: Double?
        switch intervalMethod {
        case .bootstrap:
            let interval = fit?.bootstrap?.percentileInterval { p in
                (try? Self.log10Compute(toReach: target, law: law, values: p)) ?? .nan
            }
            lower = interval.map { pow(10, $0.lower) }
            upper = interval.map { pow(10, $0.upper) }
        case .deltaMethod:
            let estimate = fit?.derivedQuantity { p in
                (try? Self.log10Compute(toReach: target, law: law, values: p)) ?? .nan
            }
            lower = estimate?.lower.map { pow(10, $0) }
            upper = estimate?.upper.map { pow(10, $0) }
        case .parameterDraws, nil:
            break
        }
        return ComputeForScore(target: target, compute: pow(10, x), lower: lower, upper: upper)
    }

    /// `log10` of the least compute at which `law` at `values` reaches `target`.
    ///
    /// Closed forms: sigmoid `x = x0 + ln(P/(1 − P))/k`; sigmoid-offset
    /// `x = x0 + ln(s/(1 − s))/k` with `s = (P − y0)/(1 − y0)`; clipped-linear `x = (P − a)/b`.
    /// Any other non-decreasing law of `C` is inverted by bisection on `log10 C ∈ [−300, 300]`.
    static func log10Compute(toReach target: Double, law: any ScalingLaw, values p: [Double]) throws -> Double {
        switch law.name {
        case "sigmoid":
            return try logistic(target, floor: 0, slope: p[0], center: p[1], law: law.name)
        case "sigmoid-offset":
            return try logistic(target, floor: p[2], slope: p[0], center: p[1], law: law.name)
        case "clipped-linear":
            let a = p[0], b = p[1]
            guard b > 0 else { throw DecisionError.flatScoreLaw(law: law.name) }
            guard target > 0 else { throw DecisionError.targetBelowFloor(target: target, floor: 0, law: law.name) }
            guard target <= 1 else { throw DecisionError.targetAboveCeiling(target: target, ceiling: 1, law: law.name, attained: true) }
            return (target - a) / b
        default:
            return try bisection(target, law: law, values: p)
        }
    }

    static func logistic(_ target: Double, floor: Double, slope k: Double, center x0: Double, law: String) throws -> Double {
        guard k > 0 else { throw DecisionError.flatScoreLaw(law: law) }
        guard target < 1 else { throw DecisionError.targetAboveCeiling(target: target, ceiling: 1, law: law, attained: false) }
        guard target > floor else { throw DecisionError.targetBelowFloor(target: target, floor: floor, law: law) }
        let s = (target - floor) / (1 - floor)
        return x0 + log(s / (1 - s)) / k
    }

    static func bisection(_ target: Double, law: any ScalingLaw, values p: [Double]) throws -> Double {
        func f(_ x: Double) -> Double { law.evaluate([pow(10, x)], p) }
        var lo = -300.0, hi = 300.0
        let floor = f(lo), ceiling = f(hi)
        guard floor.isFinite, ceiling.isFinite, ceiling > floor else { throw DecisionError.flatScoreLaw(law: law.name) }
        guard target < ceiling else {
            throw DecisionError.targetAboveCeiling(target: target, ceiling: ceiling, law: law.name, attained: false)
        }
        guard target > floor else { throw DecisionError.targetBelowFloor(target: target, floor: floor, law: law.name) }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if f(mid) >= target { hi = mid } else { lo = mid }
        }
        return hi
    }
}
