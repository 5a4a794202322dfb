import Foundation

/// The loss `ρ` applied to each residual; a fit minimises `Σ_i ρ(r_i)`.
///
/// ```
/// linear   ρ(r) = r²/2
/// huber    ρ(r) = r²/2                     if |r| ≤ δ,   δ(|r| − δ/2)  otherwise
/// softL1   ρ(r) = δ²(√(1 + (r/δ)²) − 1)
/// cauchy   ρ(r) = (δ²/2)·log(1 + (r/δ)²)
/// ```
/// All behave as `r²/2` for `|r| ≪ δ`, so the scale of the objective matches scipy's
/// `least_squares` cost and the Huber objective of Hoffmann et al. (2022) and Besiroglu et al.
/// (2024), which sum (not average) `huber_δ` over the points.
public enum RobustLoss: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// Ordinary least squares, `ρ(r) = r²/2`.
    case linear
    /// Huber's loss with threshold `δ`: quadratic for `|r| ≤ δ`, linear beyond (Huber 1964; the
    /// objective of Hoffmann et al. 2022, eq. 3, with δ = 10⁻³ on log residuals).
    case huber(delta: Double)
    /// The smooth approximation of the absolute value, `δ²(√(1 + (r/δ)²) − 1)` (scipy's `soft_l1`).
    case softL1(delta: Double)
    /// Cauchy's loss, `(δ²/2)·log(1 + (r/δ)²)`: grows logarithmically, so gross outliers barely pull.
    case cauchy(delta: Double)

    /// `ρ(r)`.
    @inline(__always)
    public func rho(_ r: Double) -> Double {
        switch self {
        case .linear: return 0.5 * r * r
        case let .huber(d):
            let a = Swift.abs(r)
            return a <= d ? 0.5 * r * r : d * (a - 0.5 * d)
        case let .softL1(d):
            let z = r / d
            // d²(√(1+z²) − 1) written without cancellation for small z.
            return d * d * z * z / ((1 + z * z).squareRoot() + 1)
        case let .cauchy(d):
            let z = r / d
            return 0.5 * d * d * log1p(z * z)
        }
    }

    /// `ψ(r) = ρ'(r)`.
    @inline(__always)
    public func psi(_ r: Double) -> Double {
        switch self {
        case .linear: return r
        case let .huber(d):
            return Swift.abs(r) <= d ? r : (r > 0 ? d : -d)
        case let .softL1(d):
            let z = r / d
            return r / (1 + z * z).squareRoot()
        case let .cauchy(d):
            let z = r / d
            return r / (1 + z * z)
        }
    }

    /// The scale `δ` below which the loss is quadratic, or `nil` for the linear loss.
    public var delta: Double? {
        switch self {
        case .linear: return nil
        case let .huber(d), let .softL1(d), let .cauchy(d): return d
        }
    }

    /// The equivalent residual `r̃ = sign(r)·√(2ρ(r))`, so that `Σ r̃²/2 = Σ ρ(r)` exactly,
    /// and its derivative `dr̃/dr = |ψ(r)|/|r̃|` (→ 1 as r → 0).
    ///
    /// Minimising `Σ r̃²` with a trust-region least-squares solver minimises the robust objective
    /// itself (not an iteratively reweighted approximation of it).
    @inline(__always)
    func transformed(_ r: Double) -> (value: Double, slope: Double) {
        if case .linear = self { return (r, 1) }
        let rho = self.rho(r)
        let t = (2 * rho).squareRoot()
        if t == 0 || !t.isFinite { return (r, 1) }
        let psi = self.psi(r)
        return (r < 0 ? -t : t, Swift.abs(psi) / t)
    }

    public var description: String {
        switch self {
        case .linear: return "linear"
        case let .huber(d): return "huber(δ=\(d))"
        case let .softL1(d): return "soft-L1(δ=\(d))"
        case let .cauchy(d): return "cauchy(δ=\(d))"
        }
    }
}
