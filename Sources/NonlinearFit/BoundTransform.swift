import Foundation

/// The reparameterisation that enforces a parameter's bounds, mapping an unconstrained
/// internal variable `u` to the external value `p` (as MINUIT and lmfit do):
///
/// ```
/// both bounds:  p = lo + (hi − lo)·(sin u + 1)/2,    u = asin(2(p − lo)/(hi − lo) − 1)
/// lower only:   p = lo − 1 + √(u² + 1),              u = √((p − lo + 1)² − 1)
/// upper only:   p = hi + 1 − √(u² + 1),              u = √((hi − p + 1)² − 1)
/// none:         p = u
/// ```
enum BoundTransform: Sendable, Equatable {
    case none
    case lower(Double)
    case upper(Double)
    case both(Double, Double)

    init(lower: Double, upper: Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): self = .both(lower, upper)
        case (true, false): self = .lower(lower)
        case (false, true): self = .upper(upper)
        case (false, false): self = .none
        }
    }

    /// External value for internal variable `u`.
    @inline(__always)
    func external(_ u: Double) -> Double {
        switch self {
        case .none: return u
        case let .lower(lo): return lo - 1 + (u * u + 1).squareRoot()
        case let .upper(hi): return hi + 1 - (u * u + 1).squareRoot()
        case let .both(lo, hi): return lo + (hi - lo) * (sin(u) + 1) / 2
        }
    }

    /// dp/du at internal variable `u`.
    @inline(__always)
    func derivative(_ u: Double) -> Double {
        switch self {
        case .none: return 1
        case .lower: return u / (u * u + 1).squareRoot()
        case .upper: return -u / (u * u + 1).squareRoot()
        case let .both(lo, hi): return (hi - lo) * cos(u) / 2
        }
    }

    /// Internal variable for external value `p` (clamped into the bounds first).
    func internalValue(_ p: Double) -> Double {
        switch self {
        case .none: return p
        case let .lower(lo):
            let t = Swift.max(p, lo) - lo + 1
            return (t * t - 1).squareRoot()
        case let .upper(hi):
            let t = hi - Swift.min(p, hi) + 1
            return (t * t - 1).squareRoot()
        case let .both(lo, hi):
            if hi == lo { return 0 }
            let s = 2 * (Swift.min(Swift.max(p, lo), hi) - lo) / (hi - lo) - 1
            return asin(Swift.min(1, Swift.max(-1, s)))
        }
    }
}
