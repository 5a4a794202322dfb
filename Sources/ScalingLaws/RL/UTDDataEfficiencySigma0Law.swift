import Foundation

/// Data efficiency of value-based RL against the updates-to-data ratio in the σ0 form the authors
/// print (Rybkin et al. 2025, "Value-Based Deep RL Scales Predictably", arXiv:2502.04327; their
/// code prints each fit as `D_J = D_min·(1 + (σ/σ0)^(−α))`):
///
/// ```
/// D_J(σ) = D_min · (1 + (σ / σ0)^(−α))
/// ```
/// - `σ`: updates-to-data ratio (> 0); `D_J`: environment steps to reach threshold `J`.
/// - `D_min`: the asymptote at many updates per step; `σ0`: the UTD ratio at which twice
///   `D_min` steps are needed; `α`: the exponent.
///
/// It is ``UTDDataEfficiencyLaw`` (`D_min + (β/σ)^α`) reparameterised, the same curve:
/// ```
/// β  = σ0 · D_min^(1/α)            σ0 = β · D_min^(−1/α)
/// ```
/// (``UTDDataEfficiencyLaw/sigma0Form(_:)`` and ``UTDDataEfficiencyLaw/betaForm(_:)``). The σ0
/// form keeps the parameters on comparable scales (β of the Gym fit is about 1e8), so its
/// standard errors read directly.
///
/// The authors' code fits `c + (σ/b)^(−a)` to step counts normalised by their median `m` and
/// prints `D_J = c·m·(1 + (σ/b)^(−a))`, which drops a factor `1/c` from the second term; the exact
/// σ0 form of that fit is `D_min = c·m`, `σ0 = b·c^(−1/a)`. For the Gym J = 800 fit
/// (`c = 1.03082`, `b = 2.28952`, `a = 0.70038`, `c·m = 2.17e5`) the printed σ0 is 2.29 and
/// the exact one 2.192 (``gymJ800``).
public struct UTDDataEfficiencySigma0Law: ScalingLaw, Equatable {
    /// The law (it has no settings).
    public init() {}

    public var name: String { "utd-data-sigma0" }
    public var family: LawFamily { .reinforcementLearning }
    /// Step counts vary multiplicatively across seeds: least squares on log residuals.
    public var defaultObjective: LawObjective { .logLeastSquares }
    public var title: String { "Data efficiency vs updates-to-data ratio, σ0 form (Rybkin et al. 2025)" }
    public var formula: String { "D_J(σ) = D_min·(1 + (σ/σ0)^(−α))" }
    public var citation: String {
        "Rybkin et al. 2025, Value-Based Deep RL Scales Predictably, arXiv:2502.04327, data-efficiency law D_J(σ) as the authors print it"
    }

    public var inputs: [LawVariable] {
        [LawVariable("sigma", symbol: "σ", unit: "updates/step", summary: "updates-to-data ratio")]
    }

    public var response: LawVariable {
        LawVariable("steps", symbol: "D_J", unit: "environment steps", summary: "environment steps to reach the threshold J")
    }

    public var parameters: [LawParameter] {
        [
            LawParameter("D_min", symbol: "D_min", unit: "steps", summary: "steps needed at any UTD", lowerBound: 0),
            LawParameter("sigma0", symbol: "σ0", unit: "updates/step", summary: "UTD at which D_J = 2·D_min",
                         lowerBound: 0, fitsInLogSpace: true),
            LawParameter("alpha", symbol: "α", summary: "exponent", lowerBound: 0, upperBound: 10),
        ]
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        p[0] * (1 + pow(p[1] / x[0], p[2]))
    }

    public func gradient(_ x: [Double], _ p: [Double], into g: inout [Double]) {
        let ratio = p[1] / x[0]
        let term = pow(ratio, p[2])
        g[0] = 1 + term
        g[1] = p[0] * p[2] * term / p[1]
        g[2] = p[0] * term * log(ratio)
    }

    /// The β-form guess of ``UTDDataEfficiencyLaw`` converted to the σ0 form.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        UTDDataEfficiencyLaw.sigma0Form(UTDDataEfficiencyLaw().initialGuess(inputs: inputs, response: response))
    }

    /// The Gym (SAC) fit at J = 800 in the σ0 form: `[D_min, σ0, α]` =
    /// `[2.17e5, 2.28952·1.03082^(−1/0.70038), 0.70038]` (``UTDDataEfficiencyLaw/gymJ800`` converted).
    public static let gymJ800: [Double] = UTDDataEfficiencyLaw.sigma0Form(UTDDataEfficiencyLaw.gymJ800)
}

extension UTDDataEfficiencyLaw {
    /// `[D_min, β, α]` → `[D_min, σ0, α]` with `σ0 = β·D_min^(−1/α)`.
    ///
    /// - Parameter p: Parameters of ``UTDDataEfficiencyLaw``.
    /// - Returns: Parameters of ``UTDDataEfficiencySigma0Law`` describing the same curve.
    public static func sigma0Form(_ p: [Double]) -> [Double] {
        [p[0], p[1] * pow(p[0], -1 / p[2]), p[2]]
    }

    /// `[D_min, σ0, α]` → `[D_min, β, α]` with `β = σ0·D_min^(1/α)`.
    ///
    /// - Parameter p: Parameters of ``UTDDataEfficiencySigma0Law``.
    /// - Returns: Parameters of ``UTDDataEfficiencyLaw`` describing the same curve.
    public static func betaForm(_ p: [Double]) -> [Double] {
        [p[0], p[1] * pow(p[0], 1 / p[2]), p[2]]
    }
}
