import Foundation
import ScalingLaws

/// Something a reader of a compute-optimal allocation should know about the law itself, not
/// about one budget. Each prints as one line.
public enum AllocationNote: Sendable, Equatable, CustomStringConvertible {
    /// Kaplan et al. 2020's joint law (eq 1.5), `L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D`,
    /// minimised at fixed `C = 6ND`, gives `N_opt ∝ C^(α_D/(α_N+α_D))` (0.575 with the
    /// Table 2 exponents 0.076 and 0.103), while the paper's fitted compute-efficient frontier
    /// is `N ∝ C_min^0.73` (eq 1.7, Section 6.1), which counts compute at the critical batch
    /// size (`C_min`, eq 5.5) along their compute-efficient frontier, not along `C = 6ND`.
    case kaplanImpliedExponent(implied: Double, alphaN: Double, alphaD: Double, published: Double)

    /// The note for a law of (N, D) and its values, or `nil` when there is none.
    public static func notes(law: any ScalingLaw, values: [Double]) -> [AllocationNote] {
        guard law.name == KaplanJointLaw().name,
              let n = law.parameterIndex("alpha_N"), let d = law.parameterIndex("alpha_D"),
              n < values.count, d < values.count else { return [] }
        let alphaN = values[n], alphaD = values[d]
        guard alphaN > 0, alphaD > 0 else { return [] }
        return [.kaplanImpliedExponent(
            implied: KaplanConstants.jointParameterExponent(alphaN: alphaN, alphaD: alphaD),
            alphaN: alphaN, alphaD: alphaD, published: KaplanConstants.publishedParameterExponent)]
    }

    public var description: String {
        switch self {
        case let .kaplanImpliedExponent(implied, alphaN, alphaD, published):
            func g(_ x: Double) -> String { String(format: "%.4g", x) }
            return "under C = 6ND eq. 1.5 implies N_opt ∝ C^\(g(implied)) (α_D/(α_N+α_D) with α_N = \(g(alphaN)), α_D = \(g(alphaD))), "
                + "not Kaplan et al.'s fitted N ∝ C_min^\(g(published)) (eq. 1.7), which is measured at the critical batch size along their compute-efficient frontier"
        }
    }
}
