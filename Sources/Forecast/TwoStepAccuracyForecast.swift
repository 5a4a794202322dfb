import Foundation
import ScalingLaws

/// One prediction of the two-step chain: the model, its predicted loss and accuracy, each with
/// an interval from the joint parameter draws.
public struct TwoStepAccuracyForecast: Sendable, Equatable, Codable {
    /// Parameters `N` of the model.
    public let parameters: Double
    /// Training tokens `D`.
    public let tokens: Double
    /// Step 1: the predicted loss at the fitted values.
    public let loss: Double
    /// Lower end of the loss's interval, or `nil`.
    public let lossLower: Double?
    /// Upper end of the loss's interval, or `nil`.
    public let lossUpper: Double?
    /// Step 2 at step 1's loss, at the fitted values.
    public let accuracy: Double
    /// The interval of the accuracy, propagating both fits' uncertainty.
    public let lower: Double?
    /// Upper end of the accuracy's interval, or `nil`.
    public let upper: Double?
    /// Draws that gave a finite accuracy (of ``TwoStepAccuracyForecaster/drawCount``).
    public let finiteDraws: Int
}

/// The two-step task scaling law of Bhagia et al. 2024, "Establishing Task Scaling Laws via
/// Compute-Efficient Model Ladders" (arXiv:2412.04403; Owen 2024 §2 chains compute to score
/// the same way):
///
/// ```
/// step 1:  L(N, D)  = E + A/N^α + B/D^β            (a loss law of N, D: chinchilla or any)
/// step 2:  Acc(L)   = a/(1 + exp(−k(L − L0))) + b  (loss-to-accuracy, or any law of the loss)
/// chain:   Acc(N, D) = Acc(L(N, D))
/// ```
/// Uncertainty propagates through both steps by Monte Carlo: draw `i` takes parameters
/// `θ₁⁽ⁱ⁾` of the loss fit and `θ₂⁽ⁱ⁾` of the accuracy fit (`ScalingLaws/LawParameterDraws`:
/// bootstrap draws when the fit carries them, else normal draws from its covariance; the two
/// fits are drawn independently, from seeds `seed` and `seed + 1`), and the interval is the
/// percentile interval of `Acc(L(N, D; θ₁⁽ⁱ⁾); θ₂⁽ⁱ⁾)` at the level asked for, widened to hold
/// the estimate (``PropagatedInterval``). Point values use
/// the fitted parameters. Same seed, same draws, bit-identical intervals.
public struct TwoStepAccuracyForecaster: Sendable {
    /// Step 1: the loss law of `(N, D)`.
    public let lossLaw: any ScalingLaw
    /// Step 2: the law of accuracy in the loss.
    public let accuracyLaw: any ScalingLaw
    /// The loss fit's parameter values.
    public let lossValues: [Double]
    /// The accuracy fit's parameter values.
    public let accuracyValues: [Double]
    /// Parameter draws of the loss fit (seed `seed`).
    public let lossDraws: LawParameterDraws
    /// Parameter draws of the accuracy fit (seed `seed + 1`).
    public let accuracyDraws: LawParameterDraws
    /// Level of the intervals.
    public let confidenceLevel: Double
    /// Warnings about the propagation: an input fit with a parameter it does not identify, flat
    /// directions left out of normal draws.
    public let warnings: [PropagationWarning]

    /// Draws from both fits.
    ///
    /// - Parameters:
    ///   - lossFit: a fit of a law of `(N, D)`.
    ///   - accuracyFit: a fit of a law of one input, the loss.
    ///   - draws: joint draws (≥ 2).
    ///   - seed: the random seed.
    ///   - confidenceLevel: the level of the intervals, in (0, 1).
    /// - Throws: ``DecisionError/wrongInputs(law:inputs:needed:)``, ``DecisionError/invalidOption(_:)``,
    ///   and the errors of `ScalingLaws/LawParameterDraws/make(_:count:seed:)` (a fit without
    ///   bootstrap draws or covariance).
    public init(lossFit: LawFit, accuracyFit: LawFit, draws: Int = 4000, seed: UInt64 = 0, confidenceLevel: Double = 0.95) throws {
        let lossLaw = try lossFit.resolvedLaw()
        let accuracyLaw = try accuracyFit.resolvedLaw()
        let lossInputs = lossLaw.inputs.map(\.role)
        guard lossInputs == ["N", "D"] else {
            throw DecisionError.wrongInputs(law: lossLaw.name, inputs: lossInputs, needed: "model parameters N and training tokens D (step 1)")
        }
        let accuracyInputs = accuracyLaw.inputs.map(\.role)
        guard accuracyInputs == ["loss"] else {
            throw DecisionError.wrongInputs(law: accuracyLaw.name, inputs: accuracyInputs, needed: "the loss (step 2)")
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw DecisionError.invalidOption("confidence level must be in (0, 1), got \(confidenceLevel)")
        }
        self.lossLaw = lossLaw
        self.accuracyLaw = accuracyLaw
        self.lossValues = lossFit.values
        self.accuracyValues = accuracyFit.values
        self.lossDraws = try LawParameterDraws.make(lossFit, count: draws, seed: seed)
        self.accuracyDraws = try LawParameterDraws.make(accuracyFit, count: draws, seed: seed &+ 1)
        self.confidenceLevel = confidenceLevel
        self.warnings = PropagationWarning.of(fit: lossFit, label: "the step-1 loss fit", draws: lossDraws)
            + PropagationWarning.of(fit: accuracyFit, label: "the step-2 accuracy fit", draws: accuracyDraws)
    }

    /// The number of joint draws.
    public var drawCount: Int { lossDraws.draws.count }

    /// The chained forecast for a model of `n` parameters trained on `d` tokens.
    /// - Throws: ``DecisionError/invalidValue(what:value:)``.
    public func forecast(parameters n: Double, tokens d: Double) throws -> TwoStepAccuracyForecast {
        guard n.isFinite, n > 0 else { throw DecisionError.invalidValue(what: "model size N", value: n) }
        guard d.isFinite, d > 0 else { throw DecisionError.invalidValue(what: "training tokens D", value: d) }
        let loss = lossLaw.evaluate([n, d], lossValues)
        let accuracy = accuracyLaw.evaluate([loss], accuracyValues)
        var losses: [Double] = []
        var accuracies: [Double] = []
        losses.reserveCapacity(drawCount)
        accuracies.reserveCapacity(drawCount)
        for i in 0..<drawCount {
            let l = lossLaw.evaluate([n, d], lossDraws.draws[i])
            losses.append(l)
            accuracies.append(accuracyLaw.evaluate([l], accuracyDraws.draws[i]))
        }
        let lossInterval = PropagatedInterval.make(estimate: loss, values: losses, level: confidenceLevel)
        let interval = PropagatedInterval.make(estimate: accuracy, values: accuracies, level: confidenceLevel)
        return TwoStepAccuracyForecast(
            parameters: n, tokens: d, loss: loss, lossLower: lossInterval?.lower, lossUpper: lossInterval?.upper,
            accuracy: accuracy, lower: interval?.lower, upper: interval?.upper,
            finiteDraws: accuracies.filter(\.isFinite).count)
    }
}
