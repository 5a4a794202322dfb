/// What a law fit minimises.
public enum LawObjective: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Ordinary least squares on the response: `Σ (f(x_i) − y_i)²/2`.
    case leastSquares
    /// The objective of Hoffmann et al. (2022) and Besiroglu et al. (2024): residuals in log
    /// space, `r_i = log f(x_i) − log y_i`, under a Huber loss with threshold δ summed over the
    /// runs (`Σ huber_δ(r_i)`), with positive scale parameters fitted as logarithms.
    case logHuber(delta: Double)
    /// Least squares on log residuals `log f − log y`.
    case logLeastSquares

    /// Whether residuals are taken in log space.
    public var isLogSpace: Bool {
        switch self {
        case .leastSquares: return false
        case .logHuber, .logLeastSquares: return true
        }
    }

    public var description: String {
        switch self {
        case .leastSquares: return "least squares"
        case let .logHuber(delta): return "Huber (δ = \(delta)) on log residuals, summed"
        case .logLeastSquares: return "least squares on log residuals"
        }
    }
}

/// How starting points of a law fit are chosen.
public enum LawStartStrategy: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Variable projection over the nonlinear parameters (linear coefficients solved by
    /// non-negative least squares on a grid), then the best few points polished on the exact
    /// objective. The default: fast and global over the exponents.
    case automatic
    /// The law's published start grid (4,500 points for Chinchilla).
    case publishedGrid
    /// A Latin hypercube of `count` points around the initial guess.
    case latinHypercube(count: Int)
    /// The law's initial guess only.
    case single

    public var description: String {
        switch self {
        case .automatic: return "automatic (variable projection grid + polish)"
        case .publishedGrid: return "published grid"
        case let .latinHypercube(count): return "latin hypercube (\(count) points)"
        case .single: return "single start"
        }
    }
}
