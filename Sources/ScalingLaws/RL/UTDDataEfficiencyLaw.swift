import Foundation

/// Data efficiency of value-based RL against the updates-to-data ratio (Rybkin et al. 2025,
/// "Value-Based Deep RL Scales Predictably", arXiv:2502.04327, eq. for D_J):
///
/// ```
/// D_J(σ) = D_min + (β / σ)^α
/// ```
/// - `σ`: updates-to-data (UTD) ratio, gradient updates per environment step (> 0).
/// - `D_J`: environment steps to reach performance threshold `J`.
/// - `D_min`: steps needed however many updates are made; `β`: the UTD scale; `α`: exponent.
///
/// The paper's Gym fit at J = 800 prints as `2.17e5·[1.03082 + (σ/2.28952)^−0.70038]/1.03082`,
/// i.e. `D_min = 2.17e5`, `α = 0.70038`, `β = 2.28952·(2.17e5/1.03082)^(1/α)`
/// (``gymJ800``).
public struct UTDDataEfficiencyLaw: ScalingLaw, Equatable {
    /// The law. It holds no constants: they are fitted (`LawFitter`) or taken from a preset.
    public init() {}

    public var name: String { "utd-data" }
    public var family: LawFamily { .reinforcementLearning }
    /// Step counts vary multiplicatively across seeds: least squares on log residuals.
    public var defaultObjective: LawObjective { .logLeastSquares }
    public var title: String { "Data efficiency vs updates-to-data ratio (Rybkin et al. 2025)" }
    public var formula: String { "D_J(σ) = D_min + (β/σ)^α" }
    public var citation: String {
        "Rybkin et al. 2025, Value-Based Deep RL Scales Predictably, arXiv:2502.04327, data-efficiency law D_J(σ)"
    }

    public var inputs: [LawVariable] {
        [LawVariable("sigma", symbol: "σ", unit: "updates/step", summary: "updates-to-data ratio")]
    }

    public var response: LawVariable {
        LawVariable("steps", symbol: "D_J", unit: "environment steps", summary: "environment steps to reach the threshold J")
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("D_min", symbol: "D_min", unit: "steps", summary: "steps needed at any UTD",
                         lowerBound: 0, isLinear: true),
            LawParameter("beta", symbol: "β", unit: "updates/step", summary: "UTD scale", lowerBound: 0, fitsInLogSpace: true),
            LawParameter("alpha", symbol: "α", summary: "exponent", lowerBound: 0, upperBound: 10),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] + pow(p[1] / x[0], p[2])
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let ratio = p[1] / x[0]
        let term = pow(ratio, p[2])
        g[0] = 1
        g[1] = p[2] * term / p[1]
        g[2] = term * log(ratio)
    }

    /// `D_min` just below the smallest count, `α = 0.7`, and `β` so that the largest count is
    /// matched at the smallest σ.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        let sigma = inputs[0]
        let minSteps = response.min() ?? 1
        let dMin = 0.8 * minSteps
        guard let k = sigma.indices.min(by: { sigma[$0] < sigma[$1] }) else { return [dMin, 1, 0.7] }
        let excess = Swift.max(response[k] - dMin, 1e-9 * Swift.max(minSteps, 1))
        return [dMin, sigma[k] * pow(excess, 1 / 0.7), 0.7]
    }

    /// The Gym (SAC) fit at J = 800 as printed by the authors: `[D_min, β, α]`.
    public static let gymJ800: [Double] = {
        let dMin = 2.17e5
        let alpha = 0.70038
        let beta = 2.28952 * pow(dMin / 1.03082, 1 / alpha)
        return [dMin, beta, alpha]
    }()
}
