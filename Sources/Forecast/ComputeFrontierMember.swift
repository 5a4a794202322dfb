import Foundation
import ScalingLaws

extension ComputeFrontierSet.Member {
    /// A member from a fit of one variable (compute): `roleText` read by
    /// ``ComputeFrontierSet/role(_:)`` (`N` → `N_opt`, `D` → `D_opt`, any other a metric at the
    /// optimum), the unit `parameters` or `tokens` for those two roles, and the fitted range the
    /// range of the fit's input (when the artifact records it).
    /// - Parameters:
    ///   - roleText: the role as the user wrote it (`N`, `D`, `loss`, `FID`).
    ///   - source: a fit artifact's source.
    /// - Returns: the member.
    public static func fitted(role roleText: String, source: LawSource) -> ComputeFrontierSet.Member {
        let role = ComputeFrontierSet.role(roleText)
        var range: ClosedRange<Double>? = nil
        if let fit = source.fit, let input = fit.inputs.first, let r = fit.data.ranges[input], r.count == 2, r[0] <= r[1] {
            range = r[0]...r[1]
        }
        let unit = role == "N_opt" ? "parameters" : role == "D_opt" ? "tokens" : ""
        return ComputeFrontierSet.Member(role: role, unit: unit, source: source, fittedRange: range)
    }
}
