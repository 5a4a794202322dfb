import Foundation

/// The shape of a WSD decay phase: the fraction g(x) of the way from the peak to the final
/// rate still left at progress x ∈ [0, 1] through the decay.
///
/// - `linear`: g = 1 − x (Hu et al. 2024, MiniCPM, §4).
/// - `cosine`: g = (1 + cos πx)/2.
/// - `oneMinusSqrt`: g = 1 − √x (Hägele et al. 2024, arXiv:2405.18392: the "1-sqrt" cooldown).
public enum DecayShape: String, Sendable, Equatable, Codable, CaseIterable {
    /// g = 1 − x.
    case linear
    /// g = (1 + cos πx)/2.
    case cosine
    /// g = 1 − √x (Hägele et al. 2024's "1-sqrt" cooldown).
    case oneMinusSqrt = "1-sqrt"

    /// g(x) for x ∈ [0, 1].
    public func remaining(_ x: Double) -> Double {
        let t = Swift.min(Swift.max(x, 0), 1)
        switch self {
        case .linear: return 1 - t
        case .cosine: return (1 + cos(Double.pi * t)) / 2
        case .oneMinusSqrt: return 1 - t.squareRoot()
        }
    }
}
