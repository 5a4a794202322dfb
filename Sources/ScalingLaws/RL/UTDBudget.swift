import Foundation

/// The compute and budget side of value-based RL scaling (Rybkin et al. 2025, arXiv:2502.04327):
///
/// ```
/// C_J(σ) = 10 · N · B̄(σ) · σ · D_J(σ)          (FLOP to reach J)
/// F_J(σ) = C_J(σ) + δ · D_J(σ)                 (budget: compute plus data at δ FLOP per step)
/// σ*_J  = argmin_σ F_J(σ)
/// ```
/// `N` is the critic's parameter count, `B̄(σ)` the best batch size averaged over environments
/// (a ``SharedSlopePowerLaw`` in σ), `D_J` the data-efficiency law (``UTDDataEfficiencyLaw``).
/// The data–compute Pareto frontier is `{(D_J(σ), C_J(σ))}` over σ.
public struct UTDBudget: Sendable, Equatable {
    /// `[D_min, β, α]` of ``UTDDataEfficiencyLaw``.
    public var dataEfficiency: [Double]
    /// Shared exponent of the batch-size law `B*(σ) = 10^c_g σ^s`.
    public var batchSlope: Double
    /// Per-environment log10 intercepts of the batch-size law.
    public var batchIntercepts: [Double]
    /// Critic parameters `N`.
    public var criticParameters: Double
    /// Cost of one environment step in FLOP, `δ`.
    public var stepCost: Double

    /// The budget model of Rybkin et al. 2025 (arXiv:2502.04327).
    /// - Parameters:
    ///   - dataEfficiency: `[D_min, β, α]` of ``UTDDataEfficiencyLaw``.
    ///   - batchSlope: The shared exponent `s` of the batch-size law `B*(σ) = 10^c_g σ^s`.
    ///   - batchIntercepts: The per-environment log10 intercepts `c_g` (averaged into `B̄(σ)`).
    ///   - criticParameters: The critic's parameters `N`.
    ///   - stepCost: The cost `δ` of one environment step in FLOP.
    public init(dataEfficiency: [Double], batchSlope: Double, batchIntercepts: [Double], criticParameters: Double, stepCost: Double) {
        self.dataEfficiency = dataEfficiency
        self.batchSlope = batchSlope
        self.batchIntercepts = batchIntercepts
        self.criticParameters = criticParameters
        self.stepCost = stepCost
    }

    /// The Gym (SAC) setting published by the authors: N = 1.5e5, δ = 4e9, the J = 800 data law,
    /// batch slope −0.3096 with intercepts (Ant, HalfCheetah, Humanoid, Walker2d) 2.6189, 2.6149,
    /// 2.4958, 2.5089.
    public static let gymJ800 = UTDBudget(
        dataEfficiency: UTDDataEfficiencyLaw.gymJ800, batchSlope: -0.3096,
        batchIntercepts: [2.6189, 2.6149, 2.4958, 2.5089], criticParameters: 1.5e5, stepCost: 4e9)

    /// Environment steps to reach J, `D_J(σ)`.
    public func steps(_ sigma: Double) -> Double {
        UTDDataEfficiencyLaw().evaluate([sigma], dataEfficiency)
    }

    /// Mean best batch size over environments, `B̄(σ)`.
    public func meanBatchSize(_ sigma: Double) -> Double {
        guard !batchIntercepts.isEmpty else { return .nan }
        var sum = 0.0
        for c in batchIntercepts { sum += pow(10, c) * pow(sigma, batchSlope) }
        return sum / Double(batchIntercepts.count)
    }

    /// FLOP to reach J, `C_J(σ) = 10·N·B̄(σ)·σ·D_J(σ)`.
    public func compute(_ sigma: Double) -> Double {
        10 * criticParameters * meanBatchSize(sigma) * sigma * steps(sigma)
    }

    /// Budget `F_J(σ) = C_J(σ) + δ·D_J(σ)`.
    public func budget(_ sigma: Double) -> Double {
        compute(sigma) + stepCost * steps(sigma)
    }

    /// The budget-optimal UTD ratio in `range`, by golden-section search on log σ (the budget is
    /// unimodal in log σ for these laws), to a relative tolerance of 1e-10 in σ.
    ///
    /// - Returns: σ*, and whether it is interior (not at an end of `range`).
    public func optimalSigma(in range: ClosedRange<Double>) -> (sigma: Double, budget: Double, interior: Bool) {
        var lo = log(range.lowerBound)
        var hi = log(range.upperBound)
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = hi - ratio * (hi - lo)
        var b = lo + ratio * (hi - lo)
        var fa = budget(exp(a))
        var fb = budget(exp(b))
        while hi - lo > 1e-10 {
            if fa < fb {
                hi = b
                b = a
                fb = fa
                a = hi - ratio * (hi - lo)
                fa = budget(exp(a))
            } else {
                lo = a
                a = b
                fa = fb
                b = lo + ratio * (hi - lo)
                fb = budget(exp(b))
            }
        }
        let sigma = exp((lo + hi) / 2)
        let edge = 1e-6
        let interior = log(sigma) - log(range.lowerBound) > edge && log(range.upperBound) - log(sigma) > edge
        return (sigma, budget(sigma), interior)
    }

    /// One point of the data–compute Pareto frontier.
    public struct FrontierPoint: Sendable, Equatable {
        /// The updates-to-data ratio σ.
        public let sigma: Double
        /// `D_J(σ)`, environment steps to reach the target return.
        public let steps: Double
        /// `C_J(σ)`, FLOP to reach it.
        public let compute: Double
    }

    /// The frontier `{(D_J(σ), C_J(σ))}` at `count` log-spaced σ in `range`.
    public func paretoFrontier(in range: ClosedRange<Double>, count: Int) -> [FrontierPoint] {
        (0..<count).map { i in
            let t = count > 1 ? Double(i) / Double(count - 1) : 0
            let sigma = range.lowerBound * pow(range.upperBound / range.lowerBound, t)
            return FrontierPoint(sigma: sigma, steps: steps(sigma), compute: compute(sigma))
        }
    }
}
