import Foundation
import LinearAlgebra
import NonlinearFit

/// The sigmoid link from capabilities to one benchmark (Ruan, Maddison and Hashimoto 2024,
/// arXiv:2405.10938, Sec. 3.1: a downstream metric `E_m` is a sigmoid of a linear function of
/// the capabilities, `σ⁻¹(E_m) ≈ βᵀ S_m + α`), with the benchmark's chance level as the floor:
/// ```
/// E(S) = c + (1 − c) · σ(b + wᵀS),   σ(t) = 1 / (1 + e^(−t))
/// ```
/// `c` is given (chance accuracy; 0 for generation tasks), `b` and `w` are fitted by least
/// squares on the score scale (Levenberg–Marquardt; started from ordinary least squares on the
/// logit of the clipped, chance-normalised scores), as the authors' code fits its sigmoid.
///
/// Intervals are built on the linear-predictor (logit) scale and mapped through the link, so
/// they stay inside `[c, 1]`. The score-scale residual scatter `s_E` is carried to that scale by
/// the link's slope at the prediction (the delta method), so near the middle of the sigmoid the
/// new-model interval matches the usual score-scale prediction interval, and near chance or
/// saturation it widens on the logit scale instead of leaving `[c, 1]`:
/// ```
/// η̂ = b + wᵀS,  g = (1, S),  E'(η̂) = (1 − c)·σ(η̂)·(1 − σ(η̂))
/// mean curve:  η̂ ± t_{n−K−1} · √(gᵀ Σ g)                          Σ: covariance of (b, w)
/// new model:   η̂ ± t_{n−K−1} · √(gᵀ Σ g + (s_E / E'(η̂))²)
/// ```
/// Logit-scale residuals (`logit((E − c)/(1 − c))`) were tried first: scores at or below chance
/// make them unbounded, and on the ObsScaling table they gave 100% coverage for MMLU with
/// intervals spanning most of `[c, 1]`.
public struct CapabilityLink: Sendable, Equatable, Codable {
    /// The benchmark predicted.
    public let target: String
    /// Its chance level `c`.
    public let chance: Double
    /// The intercept `b`.
    public let intercept: Double
    /// The weights `w`, one per capability.
    public let weights: [Double]
    /// The covariance of `(b, w)`, row-major, `(K + 1)²` values.
    public let covariance: [Double]
    /// The residual standard deviation `s_E = √(Σ_i (E_i − Ê_i)² / (n − K − 1))` on the score scale.
    public let residualSD: Double
    /// Residual degrees of freedom `n − K − 1`.
    public let degreesOfFreedom: Int
    /// Root-mean-square residual on the score scale.
    public let rmse: Double
    /// Models the link was fitted to.
    public let models: Int
    /// Whether the solver reported convergence.
    public let converged: Bool

    /// The clipping `ε` of the logit transform of the starting values.
    public static let clip = 0.005

    /// Fits the link.
    ///
    /// - Parameters:
    ///   - target: The benchmark's name.
    ///   - capabilities: The capability scores `S` of each model (`K` values).
    ///   - scores: The observed benchmark score of each model.
    ///   - chance: The chance level `c`, in `[0, 1)`.
    /// - Throws: ``ObservationalScalingError/invalidChance(target:value:)``,
    ///   ``ObservationalScalingError/tooFewLinkModels(target:models:needed:)`` with fewer than
    ///   `K + 3` models, and the errors of the least-squares solvers.
    public init(target: String, capabilities: [[Double]], scores: [Double], chance: Double) throws {
        guard chance >= 0, chance < 1, chance.isFinite else {
            throw ObservationalScalingError.invalidChance(target: target, value: chance)
        }
        let n = scores.count
        let k = capabilities.first?.count ?? 0
        guard n >= k + 3 else {
            throw ObservationalScalingError.tooFewLinkModels(target: target, models: n, needed: k + 3)
        }
        let z = scores.map { Self.logit(($0 - chance) / (1 - chance)) }  // the start only
        var design = Matrix(rows: n, columns: k + 1)
        for i in 0..<n {
            design[i, 0] = 1
            for j in 0..<k { design[i, j + 1] = capabilities[i][j] }
        }
        let start = try LinearLeastSquares.solve(design, z).solution
        let parameters = start.enumerated().map { j, v in FitParameter(j == 0 ? "b" : "w\(j)", initialValue: v) }
        let rows = capabilities
        let c = chance
        let problem = LeastSquaresProblem(
            parameters: parameters, observations: scores,
            model: { p, out in
                for i in 0..<n {
                    var eta = p[0]
                    for j in 0..<k { eta += p[j + 1] * rows[i][j] }
                    out[i] = c + (1 - c) / (1 + exp(-eta))
                }
            },
            jacobian: { p, jac in
                for i in 0..<n {
                    var eta = p[0]
                    for j in 0..<k { eta += p[j + 1] * rows[i][j] }
                    let s = 1 / (1 + exp(-eta))
                    let d = (1 - c) * s * (1 - s)
                    jac.elements[i] = d
                    for j in 0..<k { jac.elements[i + (j + 1) * n] = d * rows[i][j] }
                }
            })
        let fit = try NonlinearLeastSquares.fit(problem)
        let values = fit.values
        var covariance = [Double](repeating: 0, count: (k + 1) * (k + 1))
        if let cov = fit.covariance, cov.rows == k + 1 {
            for a in 0...k { for b in 0...k { covariance[a * (k + 1) + b] = cov[a, b] } }
        }
        let dof = n - k - 1
        var ss = 0.0
        for i in 0..<n {
            var eta = values[0]
            for j in 0..<k { eta += values[j + 1] * capabilities[i][j] }
            let e = scores[i] - (chance + (1 - chance) / (1 + exp(-eta)))
            ss += e * e
        }
        self.target = target
        self.chance = chance
        self.intercept = values[0]
        self.weights = Array(values.dropFirst())
        self.covariance = covariance
        self.residualSD = (ss / Double(dof)).squareRoot()
        self.degreesOfFreedom = dof
        self.rmse = (ss / Double(n)).squareRoot()
        self.models = n
        self.converged = fit.converged
    }

    /// `logit(clip(u, ε, 1 − ε))`.
    static func logit(_ u: Double) -> Double {
        let v = Swift.min(Swift.max(u, clip), 1 - clip)
        return log(v / (1 - v))
    }

    /// The link's value `c + (1 − c)·σ(η)` at a linear predictor `η`.
    ///
    /// - Parameter eta: The linear predictor `b + wᵀS`.
    /// - Returns: The predicted score, in `(c, 1)`.
    public func score(eta: Double) -> Double { chance + (1 - chance) / (1 + exp(-eta)) }

    /// The prediction for a model with capabilities `S`, with the interval of the mean curve and
    /// the interval for a new model at `level`.
    ///
    /// - Parameters:
    ///   - capabilities: `K` capability scores.
    ///   - level: Confidence level in `(0, 1)`.
    /// - Returns: The prediction.
    public func predict(capabilities: [Double], level: Double) -> CapabilityPrediction {
        let k = weights.count
        var eta = intercept
        for j in 0..<k { eta += weights[j] * capabilities[j] }
        let g = [1.0] + capabilities
        var v = 0.0
        for a in 0...k { for b in 0...k { v += g[a] * covariance[a * (k + 1) + b] * g[b] } }
        let t = Distributions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: Double(degreesOfFreedom))
        let meanHalf = t * Swift.max(v, 0).squareRoot()
        let slope = Swift.max((1 - chance) * exp(-Swift.abs(eta)) / ((1 + exp(-Swift.abs(eta))) * (1 + exp(-Swift.abs(eta)))), 1e-12)
        let scatter = residualSD / slope
        let newHalf = t * (Swift.max(v, 0) + scatter * scatter).squareRoot()
        return CapabilityPrediction(
            score: score(eta: eta), eta: eta,
            meanInterval: score(eta: eta - meanHalf)...score(eta: eta + meanHalf),
            newModelInterval: score(eta: eta - newHalf)...score(eta: eta + newHalf),
            level: level)
    }
}

/// One prediction of a ``CapabilityLink``.
public struct CapabilityPrediction: Sendable, Equatable, Codable {
    /// The predicted score `c + (1 − c)·σ(η̂)`.
    public let score: Double
    /// The linear predictor `η̂ = b + wᵀS`.
    public let eta: Double
    /// The interval of the mean curve at these capabilities.
    public let meanInterval: ClosedRange<Double>
    /// The interval for a new model (residual scatter added on the logit scale), inside `[c, 1]`.
    public let newModelInterval: ClosedRange<Double>
    /// The confidence level of both intervals.
    public let level: Double
}
