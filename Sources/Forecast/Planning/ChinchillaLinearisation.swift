import Foundation
import ScalingLaws

/// The Chinchilla law L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq. 2) and its
/// gradient in θ = (E, ln A, ln B, α, β), the parameterisation in which the linearised
/// (Fisher) covariance of a least-squares fit is well conditioned.
enum ChinchillaLinearisation {
    static func loss(n: Double, d: Double, _ p: ChinchillaParameters) -> Double {
        p.e + p.a / pow(n, p.alpha) + p.b / pow(d, p.beta)
    }

    /// ∂L/∂θ at (N, D):
    /// `(1, A·N^−α, B·D^−β, −A·N^−α·ln N, −B·D^−β·ln D)`.
    static func gradient(n: Double, d: Double, _ p: ChinchillaParameters) -> [Double] {
        let tn = p.a / pow(n, p.alpha), td = p.b / pow(d, p.beta)
        return [1, tn, td, -tn * log(n), -td * log(d)]
    }

    static func theta(_ p: ChinchillaParameters) -> [Double] { [p.e, log(p.a), log(p.b), p.alpha, p.beta] }

    static func parameters(_ t: [Double]) -> ChinchillaParameters {
        ChinchillaParameters(e: t[0], a: exp(t[1]), b: exp(t[2]), alpha: t[3], beta: t[4])
    }
}
