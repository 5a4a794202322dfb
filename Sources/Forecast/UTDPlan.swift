import Foundation
import ScalingLaws

/// The budget-optimal updates-to-data ratio at one performance threshold, and the data and
/// compute it implies (Rybkin et al. 2025, "Value-Based Deep RL Scales Predictably",
/// arXiv:2502.04327):
///
/// ```
/// σ*_J = argmin_σ F_J(σ),   F_J(σ) = C_J(σ) + δ·D_J(σ),   C_J(σ) = 10·N·B̄(σ)·σ·D_J(σ)
/// ```
/// `D_J` in environment steps, `C_J` and `F_J` in FLOP, `δ` FLOP per environment step.
public struct UTDOptimum: Sendable, Equatable, Codable {
    /// The threshold `J`, when known.
    public let threshold: Double?
    /// `σ*`, gradient updates per environment step.
    public let sigma: Double
    /// `D_J(σ*)`, environment steps.
    public let steps: Double
    /// `B̄(σ*)`, the mean best batch size.
    public let batchSize: Double
    /// `C_J(σ*)`, FLOP.
    public let compute: Double
    /// `F*_J = C_J(σ*) + δ·D_J(σ*)`, FLOP.
    public let budget: Double
    /// Whether `σ*` lies inside the searched range (not at an end).
    public let interior: Bool

    /// The optimum of `law` over UTD ratios in `range` (golden section on `log σ`, `ScalingLaws/UTDBudget/optimalSigma(in:)`).
    /// - Throws: ``DecisionError/invalidOption(_:)`` for a range outside (0, ∞).
    public static func find(_ law: UTDBudget, threshold: Double? = nil, in range: ClosedRange<Double> = 0.25...16) throws -> UTDOptimum {
        guard range.lowerBound > 0, range.upperBound.isFinite, range.upperBound > range.lowerBound else {
            throw DecisionError.invalidOption("the UTD range must satisfy 0 < low < high, got [\(range.lowerBound), \(range.upperBound)]")
        }
        let best = law.optimalSigma(in: range)
        return at(best.sigma, law: law, threshold: threshold, interior: best.interior)
    }

    /// The data, compute and budget of `law` at a given `σ`.
    public static func at(_ sigma: Double, law: UTDBudget, threshold: Double? = nil, interior: Bool = true) -> UTDOptimum {
        UTDOptimum(threshold: threshold, sigma: sigma, steps: law.steps(sigma), batchSize: law.meanBatchSize(sigma),
                   compute: law.compute(sigma), budget: law.budget(sigma), interior: interior)
    }
}

/// The budget-optimal UTD ratio as a power law of the budget, `σ* = c·F^k`, fitted by least
/// squares in log–log space (Rybkin et al. 2025 fit `log σ* = c0·log F* + c1` across
/// thresholds).
public struct UTDPowerLaw: Sendable, Equatable, Codable {
    /// `c`, the UTD ratio at `F = 1` FLOP.
    public let coefficient: Double
    /// `k`, the exponent.
    public let exponent: Double

    /// The law `σ*(F) = c·F^k`.
    /// - Parameters:
    ///   - coefficient: `c`, the UTD ratio at `F = 1` FLOP.
    ///   - exponent: `k`.
    public init(coefficient: Double, exponent: Double) {
        self.coefficient = coefficient
        self.exponent = exponent
    }

    /// `σ*(F) = c·F^k`.
    public func sigma(budget f: Double) -> Double { coefficient * pow(f, exponent) }

    /// Published, OpenAI Gym (SAC): `σ* = 2.62e-9·F^0.62`.
    public static let gym = UTDPowerLaw(coefficient: 2.62e-9, exponent: 0.62)
    /// Published, DeepMind Control: `σ* = 3.01e11·F^−0.74`.
    public static let deepMindControl = UTDPowerLaw(coefficient: 3.01e11, exponent: -0.74)

    /// Ordinary least squares of `log σ` on `log F`.
    /// - Throws: ``DecisionError/invalidOption(_:)`` for fewer than 2 points, non-positive
    ///   values or budgets that are all equal.
    public static func fit(budgets: [Double], sigmas: [Double]) throws -> UTDPowerLaw {
        guard budgets.count == sigmas.count, budgets.count >= 2 else {
            throw DecisionError.invalidOption("a power law σ* = c·F^k needs at least 2 (F, σ*) points, got \(Swift.min(budgets.count, sigmas.count))")
        }
        var mx = 0.0, my = 0.0
        for i in budgets.indices {
            guard budgets[i] > 0, sigmas[i] > 0, budgets[i].isFinite, sigmas[i].isFinite else {
                throw DecisionError.invalidOption("point \(i + 1): F and σ* must be positive finite numbers, got F = \(budgets[i]), σ* = \(sigmas[i])")
            }
            mx += log(budgets[i])
            my += log(sigmas[i])
        }
        let n = Double(budgets.count)
        mx /= n
        my /= n
        var sxx = 0.0, sxy = 0.0
        for i in budgets.indices {
            let dx = log(budgets[i]) - mx
            sxx += dx * dx
            sxy += dx * (log(sigmas[i]) - my)
        }
        guard sxx > 0 else { throw DecisionError.invalidOption("the budgets F* are all equal: the exponent is not identified") }
        let k = sxy / sxx
        return UTDPowerLaw(coefficient: exp(my - k * mx), exponent: k)
    }
}

/// `σ*_J` and `F*_J` for several thresholds, the power law `σ* = c·F^k` fitted on all but the
/// highest thresholds, and its extrapolation to the held-out ones (Rybkin et al. 2025 hold out
/// the two highest thresholds).
public struct UTDThresholdScaling: Sendable, Equatable, Codable {
    /// A held-out threshold: its optimum and the fitted law's prediction.
    public struct HeldOut: Sendable, Equatable, Codable {
        /// The held-out threshold's budget-optimal σ* and its budget `F*`.
        public let optimum: UTDOptimum
        /// `c·F*^k` at the held-out `F*`.
        public let predictedSigma: Double
        /// `predicted/actual − 1`.
        public let relativeError: Double
    }

    /// Optima in increasing threshold order.
    public let optima: [UTDOptimum]
    /// The law fitted on the lower thresholds.
    public let law: UTDPowerLaw
    /// The thresholds fitted.
    public let fitted: [Double]
    /// The highest thresholds, held out and predicted by the law.
    public let heldOut: [HeldOut]

    /// - Parameters:
    ///   - thresholds: `(J, law of that threshold)` pairs, in any order.
    ///   - range: UTD ratios searched for each `σ*_J`.
    ///   - heldOut: how many of the highest thresholds to hold out (default 2).
    /// - Throws: ``DecisionError/tooFewThresholds(got:heldOut:)``,
    ///   ``DecisionError/optimumAtRangeEdge(threshold:sigma:range:)`` when some `σ*_J` is not
    ///   interior, and the errors of ``UTDPowerLaw/fit(budgets:sigmas:)``.
    public static func make(
        thresholds: [(threshold: Double, law: UTDBudget)], range: ClosedRange<Double> = 0.25...16, heldOut: Int = 2
    ) throws -> UTDThresholdScaling {
        guard heldOut >= 0, thresholds.count >= heldOut + 2 else {
            throw DecisionError.tooFewThresholds(got: thresholds.count, heldOut: heldOut)
        }
        let sorted = thresholds.sorted { $0.threshold < $1.threshold }
        var optima: [UTDOptimum] = []
        for entry in sorted {
            let optimum = try UTDOptimum.find(entry.law, threshold: entry.threshold, in: range)
            guard optimum.interior else {
                throw DecisionError.optimumAtRangeEdge(threshold: entry.threshold, sigma: optimum.sigma, range: range)
            }
            optima.append(optimum)
        }
        let fitCount = optima.count - heldOut
        let fitted = Array(optima.prefix(fitCount))
        let law = try UTDPowerLaw.fit(budgets: fitted.map(\.budget), sigmas: fitted.map(\.sigma))
        let held = optima.suffix(heldOut).map { o in
            let predicted = law.sigma(budget: o.budget)
            return HeldOut(optimum: o, predictedSigma: predicted, relativeError: predicted / o.sigma - 1)
        }
        return UTDThresholdScaling(optima: optima, law: law, fitted: fitted.compactMap(\.threshold), heldOut: held)
    }
}
