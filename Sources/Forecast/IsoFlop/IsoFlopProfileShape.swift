import Foundation

/// The curve fitted to one budget's loss against `x = log N` to locate its minimum `N*`.
///
/// ```
/// parabola        L(x) = c0 + c1·x + c2·x²,            x* = −c1/(2c2)       (Hoffmann et al. 2022, Approach 2)
/// cubic           L(x) = c0 + c1·x + c2·x² + c3·x³,    L'(x*) = 0, L''(x*) > 0
/// huberParabola   the parabola fitted by iteratively reweighted least squares under a Huber
///                 loss, δ = tuning·1.4826·median|r| re-estimated from the residuals each round
///                 (robust to a diverged or badly tuned run)
/// interpolated    Akima spline of log L against log N through the sampled sizes (lowest loss per
///                 size), minimised on a grid of 25 points per sampled interval: the isoFLOP
///                 minimum of Porian et al. 2024 (arXiv:2406.19146, `analysis.py`), no intervals
/// ```
public enum IsoFlopProfileShape: Sendable, Equatable, Codable, CustomStringConvertible {
    /// `L(x) = c0 + c1·x + c2·x²`, least squares (Hoffmann et al. 2022, Approach 2).
    case parabola
    /// `L(x) = c0 + c1·x + c2·x² + c3·x³`, least squares; the minimum where `L' = 0`, `L'' > 0`.
    case cubic
    /// `tuning` multiplies the robust residual scale (1.345 gives 95% efficiency under normal noise).
    case huberParabola(tuning: Double)
    /// An Akima spline of `log L` in `log N`, minimised on a grid (Porian et al. 2024); no intervals.
    case interpolated

    /// The Huber parabola with the standard tuning constant 1.345.
    public static let huber = IsoFlopProfileShape.huberParabola(tuning: 1.345)

    /// The fewest distinct model sizes the shape needs in a budget.
    public var minimumSizes: Int {
        switch self {
        case .parabola, .interpolated: return 3
        case .cubic, .huberParabola: return 4
        }
    }

    /// `parabola`, `cubic`, `huber`, `interpolated`.
    public var name: String {
        switch self {
        case .parabola: return "parabola"
        case .cubic: return "cubic"
        case .huberParabola: return "huber"
        case .interpolated: return "interpolated"
        }
    }

    public var description: String {
        switch self {
        case .parabola: return "parabola of loss in log N (least squares)"
        case .cubic: return "cubic of loss in log N (least squares)"
        case let .huberParabola(tuning): return "parabola of loss in log N (Huber IRLS, δ = \(String(format: "%g", tuning))·robust scale)"
        case .interpolated: return "Akima interpolation of log loss in log N (Porian et al. 2024)"
        }
    }

    /// Parses `parabola`, `cubic`, `huber`, `interpolated` (also `akima`).
    public init?(name: String) {
        switch name.lowercased() {
        case "parabola": self = .parabola
        case "cubic": self = .cubic
        case "huber": self = .huber
        case "interpolated", "akima": self = .interpolated
        default: return nil
        }
    }
}
