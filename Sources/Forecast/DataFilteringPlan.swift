import Foundation
import ScalingLaws

/// A budget at which the best filtering level changes.
public struct FilteringCrossover: Sendable, Equatable, Codable {
    /// The sample budget `n*` where the two mixtures' errors are equal.
    public let samples: Double
    /// Pools in the best mixture just below `n*` (the more aggressive filter).
    public let poolsBefore: Int
    /// Pools in the best mixture just above `n*`.
    public let poolsAfter: Int
    /// The common error at `n*`.
    public let error: Double
}

/// The best data pool for each sample budget, and the budgets at which the choice changes
/// (Goyal et al. 2024, "Scaling Laws for Data Filtering — Data Curation cannot be Compute
/// Agnostic", arXiv:2404.07177: the quality–quantity trade-off).
///
/// ```
/// y_p(n)  = error of the mixture of the best p pools after n samples   (QQTMixture)
/// p*(n)   = argmin_p y_p(n)                                           (ties: fewer pools)
/// n*:       y_p(n*) = y_q(n*) where p*(n) changes from p to q
/// ```
/// Pools are taken best-first (most negative utility `b`), so for 10% buckets `p` pools is the
/// top `10·p`% of the data. Aggressive filtering (small `p`) wins at small budgets and loses at
/// large ones, once its few samples have been repeated often enough for their utility to decay.
public struct DataFilteringPlan: Sendable, Equatable {
    /// The QQT constants: the pools and the shared scale and floor.
    public let parameters: QQTParameters
    /// How a mixture's half-life is formed from its pools'.
    public let rule: QQTMixture.HalfLifeRule
    /// One choice per budget, in the order given.
    public let choices: [QQTPoolChoice]
    /// Where the best mixture changes within ``range``, in increasing order.
    public let crossovers: [FilteringCrossover]
    /// The budgets searched for crossovers.
    public let range: ClosedRange<Double>

    /// Plans `budgets` and finds the crossovers in `range` (default: the budgets' span).
    ///
    /// - Parameters:
    ///   - parameters: the shared constants and pools.
    ///   - budgets: sample budgets `n` (> 0).
    ///   - range: where to look for crossovers (`0 < lower < upper`).
    ///   - rule: how half-lives enter a mixture (default: the authors' script).
    /// - Throws: ``DecisionError/invalidValue(what:value:)``, ``DecisionError/invalidOption(_:)``.
    public static func make(
        parameters: QQTParameters, budgets: [Double], range: ClosedRange<Double>? = nil,
        rule: QQTMixture.HalfLifeRule = .scaledByPoolCount
    ) throws -> DataFilteringPlan {
        guard !parameters.pools.isEmpty else { throw DecisionError.invalidOption("the QQT parameters have no pools") }
        for n in budgets where !(n.isFinite && n > 0) {
            throw DecisionError.invalidValue(what: "sample budget", value: n)
        }
        let span = range ?? ((budgets.min() ?? 1)...(budgets.max() ?? 1))
        guard span.lowerBound > 0, span.upperBound.isFinite else {
            throw DecisionError.invalidOption("the crossover range must lie in (0, ∞), got [\(span.lowerBound), \(span.upperBound)]")
        }
        let choices = budgets.map { QQTMixture.bestPool(samples: $0, parameters: parameters, rule: rule) }
        let crossovers = span.upperBound > span.lowerBound ? crossovers(parameters: parameters, in: span, rule: rule) : []
        return DataFilteringPlan(parameters: parameters, rule: rule, choices: choices, crossovers: crossovers, range: span)
    }

    /// The budgets in `range` where the best mixture changes.
    ///
    /// A scan at 200 log-spaced points per decade finds each change of `p*`; between the two
    /// scan points Brent's method finds the root of `log y_p(n) − log y_q(n)` in `log n` to a
    /// relative 1e-12 (the errors are continuous in `n`, their slopes jump at epoch ends).
    public static func crossovers(
        parameters: QQTParameters, in range: ClosedRange<Double>, rule: QQTMixture.HalfLifeRule = .scaledByPoolCount
    ) -> [FilteringCrossover] {
        let lo = log(range.lowerBound), hi = log(range.upperBound)
        let steps = Swift.max(2, Int((200 * (hi - lo) / log(10.0)).rounded(.up)))
        func best(_ u: Double) -> Int { QQTMixture.bestPool(samples: exp(u), parameters: parameters, rule: rule).poolCount }
        func error(_ p: Int, _ u: Double) -> Double { QQTMixture.error(samples: exp(u), bestPools: p, of: parameters, rule: rule) }
        var found: [FilteringCrossover] = []
        var u0 = lo
        var p0 = best(u0)
        for i in 1...steps {
            let u1 = i == steps ? hi : lo + (hi - lo) * Double(i) / Double(steps)
            let p1 = best(u1)
            if p1 != p0 {
                let g: (Double) -> Double = { u in log(error(p0, u)) - log(error(p1, u)) }
                let root = ScalarRoot.brent(g, u0, u1, tolerance: 1e-12 * Swift.max(1, Swift.abs(u1))) ?? 0.5 * (u0 + u1)
                found.append(FilteringCrossover(samples: exp(root), poolsBefore: p0, poolsAfter: p1, error: error(p0, root)))
            }
            u0 = u1
            p0 = p1
        }
        return found
    }

    /// Names for the mixtures of the best `p` pools: `top 10%`, `top 20%`, … when the pools are
    /// named `top A–B%` (the cumulative upper ends), else `best 1 pool`, `best 2 pools`, ….
    public var mixtureNames: [String] {
        let sorted = QQTMixture.bestFirst(parameters.pools)
        var names: [String] = []
        for (i, pool) in sorted.enumerated() {
            if let upper = Self.upperPercent(pool.name) {
                names.append("top \(upper)%")
            } else {
                names.append(i == 0 ? "best 1 pool" : "best \(i + 1) pools")
            }
        }
        return names
    }

    /// `20` from `top 10–20%` (or `top 10-20%`), `nil` otherwise.
    static func upperPercent(_ name: String) -> String? {
        guard name.hasPrefix("top "), name.hasSuffix("%") else { return nil }
        let body = name.dropFirst(4).dropLast()
        let parts = body.split(whereSeparator: { $0 == "–" || $0 == "-" })
        guard parts.count == 2, Double(parts[1]) != nil else { return nil }
        return String(parts[1])
    }
}
