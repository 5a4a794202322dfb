/// Which schedule-aware law a curve fit uses.
public enum CurveLaw: Sendable, Equatable, Codable, CustomStringConvertible {
    /// ``LRAnnealingLaw`` at momentum λ.
    case lrAnnealing(lambda: Double)
    /// ``MultiPowerLaw``.
    case multiPower

    /// The catalog name.
    public var name: String {
        switch self {
        case .lrAnnealing: return LRAnnealingLaw().name
        case .multiPower: return MultiPowerLaw().name
        }
    }

    public var description: String {
        switch self {
        case let .lrAnnealing(lambda): return "lr-annealing (λ = \(lambda))"
        case .multiPower: return "multi-power"
        }
    }

    /// The law by catalog name (`lr-annealing` at its default λ, `multi-power`).
    public init?(name: String) {
        switch name.lowercased() {
        case "lr-annealing": self = .lrAnnealing(lambda: LRAnnealingLaw.defaultLambda)
        case "multi-power": self = .multiPower
        default: return nil
        }
    }
}
