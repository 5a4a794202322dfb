import Foundation
import LinearAlgebra
import NonlinearFit

/// A prediction of a fitted law at one point, with the confidence interval of the mean curve
/// from the delta method (`Var f = ∇fᵀ C ∇f` over the fitted parameters) and the prediction
/// interval of a new run.
///
/// The prediction interval adds the residual scatter `s² = χ²/(n − p)` of the fit (in the
/// objective's space) to the variance of the mean: for log-space objectives
/// ```
/// PI = f · exp(± t · √(SE(log f)² + s²)),   SE(log f) = SE(f)/f
/// ```
/// and `f ± t·√(SE(f)² + s²)` otherwise, with `t` the Student quantile at the fit's level and
/// `n − p` degrees of freedom.
public struct LawPrediction: Sendable, Equatable, Codable {
    /// The point predicted at, in the law's input order (e.g. `[N, D]`).
    public let inputs: [Double]
    /// The law's value `f(x)` at the fitted parameters.
    public let value: Double
    /// Standard error of the predicted mean, or `nil` without a covariance.
    public let standardError: Double?
    /// Confidence interval of the mean at the fit's level (in log space for log-space
    /// objectives, so it stays positive), or `nil`.
    public let lower: Double?
    /// Upper end of the confidence interval of the mean, or `nil`.
    public let upper: Double?
    /// Prediction interval of a new run at the fit's level, or `nil` without a covariance.
    public var predictionLower: Double? = nil
    /// Upper end of the prediction interval of a new run, or `nil`.
    public var predictionUpper: Double? = nil

    init(inputs: [Double], value: Double, standardError: Double?, lower: Double?, upper: Double?,
         predictionLower: Double? = nil, predictionUpper: Double? = nil) {
        self.inputs = inputs
        self.value = value
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
        self.predictionLower = predictionLower
        self.predictionUpper = predictionUpper
    }
}

/// Intervals of a prediction from the bootstrap draws of a fit (``LawFit/bootstrapPrediction(_:)``).
public struct BootstrapPrediction: Sendable, Equatable, Codable {
    /// The point predicted at, in the law's input order.
    public let inputs: [Double]
    /// The prediction of the full-data fit.
    public let value: Double
    /// Percentile interval of the mean curve: quantiles of `f(x; θ*_j)` over the draws `θ*_j`.
    public let confidence: BootstrapInterval
    /// Percentile interval of a new run: quantiles of `f(x; θ*_j)` with a residual `ε_j` of the
    /// full-data fit added in the objective's space (`f·exp(ε_j)` for log-space objectives),
    /// the residual drawn for draw `j` from `SeededGenerator.stream(seed:index: j)` of the
    /// bootstrap's seed (a normal residual of scale `s` when the artifact stores no residuals).
    public let prediction: BootstrapInterval
    /// Level of both percentile intervals.
    public let confidenceLevel: Double
    /// Draws with a finite prediction.
    public let draws: Int
}

extension LawFit {
    /// The law this fit was made with: a catalog law by name, or a user-written formula (named
    /// or not) rebuilt from the saved formula text, inputs and response.
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` for a law this version does not know, or the
    ///   formula's own error when its text no longer reads.
    public func resolvedLaw() throws -> any ScalingLaw {
        if let law = LawRegistry.law(named: self.law) { return law }
        if self.law == "formula" {
            return try FormulaLaw(formula, inputs: inputs, response: response)
        }
        // A formula law the user named (`--law 'NAME: FORMULA'`): the artifact records the name
        // as its law and the formula text beside it.
        if (try? FormulaLawDefinition.lawName(self.law)) != nil, let law = try? FormulaLaw(formula, inputs: inputs, response: response, name: self.law) {
            return law
        }
        throw LawFitError.invalidOption("the fit was made with law '\(self.law)', which this version does not know")
    }

    /// Predicts the response at `inputs` (in the order of the law's inputs).
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` when the artifact names a law this build
    ///   does not know.
    public func predict(_ inputs: [Double]) throws -> LawPrediction {
        let law = try resolvedLaw()
        guard inputs.count == law.inputs.count else {
            throw LawFitError.invalidOption("law '\(law.name)' takes \(law.inputs.count) inputs (\(law.inputs.map(\.role).joined(separator: ", "))), got \(inputs.count)")
        }
        return predict(inputs, with: law)
    }

    /// Predicts the response of `law` (the law this fit was made with, or one built over other
    /// data such as a curve law over a new schedule) at `inputs`, with the same intervals.
    public func predict(_ inputs: [Double], with law: any ScalingLaw) -> LawPrediction {
        var gradient = [Double](repeating: 0, count: values.count)
        if covariance != nil, !covarianceNames.isEmpty { law.gradient(inputs, values, into: &gradient) }
        return prediction(inputs, value: law.evaluate(inputs, values), gradient: gradient, law: law)
    }

    /// Predicts `law`'s response at each row of `rows` (each in the order of the law's inputs)
    /// with the intervals of ``predict(_:with:)``: the same numbers, but the values and
    /// gradients of all rows come from one call of the law's fused evaluator when it has one
    /// (``ScalingLaw/responseKernel(inputs:)``), which a curve law needs to predict a whole
    /// curve in O(T·log T) rather than re-deriving its tables at every step.
    public func predict(rows: [[Double]], with law: any ScalingLaw) -> [LawPrediction] {
        let n = rows.count, m = values.count
        guard n > 0, let inputCount = rows.first?.count, rows.allSatisfy({ $0.count == inputCount }),
              let kernel = law.responseKernel(inputs: (0..<inputCount).map { k in rows.map { $0[k] } }) else {
            return rows.map { predict($0, with: law) }
        }
        var predicted = [Double](repeating: 0, count: n)
        kernel.model(values, &predicted)
        var jacobian = Matrix(rows: n, columns: m)
        if covariance != nil, !covarianceNames.isEmpty { kernel.jacobian(values, &jacobian) }
        return (0..<n).map { i in
            prediction(rows[i], value: predicted[i], gradient: (0..<m).map { jacobian.elements[i + $0 * n] }, law: law)
        }
    }

    /// The prediction at `inputs` from the law's value and gradient there (without a covariance,
    /// the value alone; the gradient is then not read).
    private func prediction(_ inputs: [Double], value: Double, gradient: [Double], law: any ScalingLaw) -> LawPrediction {
        let p = values
        guard let covariance, !covarianceNames.isEmpty else {
            return LawPrediction(inputs: inputs, value: value, standardError: nil, lower: nil, upper: nil)
        }
        // Gradient with respect to the fitted parameters (d/d log p = p·d/dp), free ones only.
        var g: [Double] = []
        for name in covarianceNames {
            guard let k = fittedNames.firstIndex(of: name) else { continue }
            g.append(name.hasPrefix("log_") ? gradient[k] * p[k] : gradient[k])
        }
        var variance = 0.0
        for a in g.indices {
            for b in g.indices { variance += g[a] * covariance[a][b] * g[b] }
        }
        guard variance.isFinite, variance >= 0 else {
            return LawPrediction(inputs: inputs, value: value, standardError: nil, lower: nil, upper: nil)
        }
        let se = variance.squareRoot()
        let dof = Double(statistics.degreesOfFreedom)
        let t = dof > 0 ? Distributions.studentTQuantile(0.5 + confidenceLevel / 2, degreesOfFreedom: dof) : .nan
        guard t.isFinite else {
            return LawPrediction(inputs: inputs, value: value, standardError: se, lower: nil, upper: nil)
        }
        let s2 = residualVariance
        if objective.isLogSpace, value > 0 {
            let logSE = se / value
            let total = (logSE * logSE + s2).squareRoot()
            return LawPrediction(inputs: inputs, value: value, standardError: se,
                                 lower: value * exp(-t * logSE), upper: value * exp(t * logSE),
                                 predictionLower: value * exp(-t * total), predictionUpper: value * exp(t * total))
        }
        let total = (se * se + s2).squareRoot()
        if let domain = BoundedScoreInterval.domain(law: law.name, values: p),
           let bounded = boundedInterval(law: law, value: value, standardError: se, t: t, domain: domain) {
            // A benchmark score: the prediction interval on the logit scale stays in [chance, 1].
            return LawPrediction(inputs: inputs, value: value, standardError: se, lower: value - t * se, upper: value + t * se,
                                 predictionLower: bounded.lower, predictionUpper: bounded.upper)
        }
        return LawPrediction(inputs: inputs, value: value, standardError: se, lower: value - t * se, upper: value + t * se,
                             predictionLower: value - t * total, predictionUpper: value + t * total)
    }

    /// The logit-scale prediction interval of a benchmark score (``BoundedScoreInterval``), the
    /// logit residual variance taken over the fitted compute range (or at `value` when the
    /// artifact has no range).
    func boundedInterval(law: any ScalingLaw, value: Double, standardError se: Double, t: Double, domain: ClosedRange<Double>) -> (lower: Double, upper: Double)? {
        let s2 = residualVariance
        guard !objective.isLogSpace, s2.isFinite else { return nil }
        var meanSlope: Double?
        if let role = law.inputs.first?.role, let range = data.ranges[role], range.count == 2, range[0] <= range[1] {
            meanSlope = BoundedScoreInterval.meanSquaredSlope(law: law, values: values, range: range[0]...range[1], domain: domain)
        }
        let local = BoundedScoreInterval.slope(value, domain: domain)
        guard let m = meanSlope ?? (local > 0 ? local * local : nil) else { return nil }
        return BoundedScoreInterval.interval(value: value, standardError: se, logitResidualVariance: s2 / m, t: t, domain: domain)
    }

    /// The residual variance `s² = χ²/(n − p)` in the objective's space (log space for
    /// log-space objectives).
    public var residualVariance: Double {
        let dof = statistics.degreesOfFreedom
        return dof > 0 ? statistics.chiSquare / Double(dof) : .nan
    }

    /// Confidence and prediction intervals at `inputs` from the fit's bootstrap draws, or `nil`
    /// when the fit carries no bootstrap (or fewer than 2 draws give a finite prediction).
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` for an unknown law or a wrong input count.
    public func bootstrapPrediction(_ inputs: [Double]) throws -> BootstrapPrediction? {
        guard let bootstrap else { return nil }
        let law = try resolvedLaw()
        guard inputs.count == law.inputs.count else {
            throw LawFitError.invalidOption("law '\(law.name)' takes \(law.inputs.count) inputs (\(law.inputs.map(\.role).joined(separator: ", "))), got \(inputs.count)")
        }
        let logSpace = objective.isLogSpace
        let scale = residualVariance.squareRoot()
        let domain = BoundedScoreInterval.domain(law: law.name, values: values)
        var means: [Double] = []
        var news: [Double] = []
        for (j, draw) in bootstrap.draws.enumerated() {
            let f = law.evaluate(inputs, draw)
            guard f.isFinite, !logSpace || f > 0 else { continue }
            var rng = SeededGenerator.stream(seed: bootstrap.seed, index: j)
            let epsilon: Double
            if let residuals = bootstrap.residuals, !residuals.isEmpty {
                epsilon = residuals[BootstrapResampler.index(residuals.count, &rng)]
            } else {
                epsilon = scale.isFinite ? scale * rng.nextNormal() : 0
            }
            means.append(f)
            var new = logSpace ? f * exp(epsilon) : f + epsilon
            // A benchmark score cannot leave [chance, 1]: a new run's draw is clamped to it.
            if let domain { new = Swift.min(Swift.max(new, domain.lowerBound), domain.upperBound) }
            news.append(new)
        }
        guard means.count >= 2 else { return nil }
        let level = bootstrap.confidenceLevel
        return BootstrapPrediction(
            inputs: inputs, value: law.evaluate(inputs, values),
            confidence: BootstrapStatistics.percentile(sorted: means.sorted(), level: level),
            prediction: BootstrapStatistics.percentile(sorted: news.sorted(), level: level),
            confidenceLevel: level, draws: means.count)
    }
}
