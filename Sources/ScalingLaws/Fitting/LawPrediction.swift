import Foundation
import NonlinearFit

/// A prediction of a fitted law at one point, with the confidence interval of the mean curve
/// from the delta method (`Var f = ∇fᵀ C ∇f` over the fitted parameters).
public struct LawPrediction: Sendable, Equatable, Codable {
    public let inputs: [Double]
    public let value: Double
    /// Standard error of the predicted mean, or `nil` without a covariance.
    public let standardError: Double?
    /// Confidence interval of the mean at the fit's level (in log space for log-space
    /// objectives, so it stays positive), or `nil`.
    public let lower: Double?
    public let upper: Double?
}

extension LawFit {
    /// The law this fit was made with: a catalog law by name, or a user-written formula rebuilt
    /// from the saved formula text, inputs and response.
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` for a law this version does not know, or the
    ///   formula's own error when its text no longer reads.
    public func resolvedLaw() throws -> any ScalingLaw {
        if let law = LawRegistry.law(named: self.law) { return law }
        if self.law == "formula" {
            return try FormulaLaw(formula, inputs: inputs, response: response)
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
        let p = values
        let value = law.evaluate(inputs, p)
        guard let covariance, !covarianceNames.isEmpty else {
            return LawPrediction(inputs: inputs, value: value, standardError: nil, lower: nil, upper: nil)
        }
        var gradient = [Double](repeating: 0, count: p.count)
        law.gradient(inputs, p, into: &gradient)
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
        if objective.isLogSpace, value > 0 {
            let logSE = se / value
            return LawPrediction(inputs: inputs, value: value, standardError: se,
                                 lower: value * exp(-t * logSE), upper: value * exp(t * logSE))
        }
        return LawPrediction(inputs: inputs, value: value, standardError: se, lower: value - t * se, upper: value + t * se)
    }
}
