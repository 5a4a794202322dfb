import Foundation

extension QQTMixture {
    /// The smallest sample budget in `range` at which the best filtering level stops being the
    /// top `count` pools (Goyal et al. 2024, arXiv:2404.07177: "aggressive filtering wins at small
    /// compute and loses at large compute"): the budget `n*` where
    ///
    /// ```
    /// bestPool(n).poolCount == count   for n just below n*
    /// bestPool(n).poolCount != count   at n*
    /// ```
    /// Found by scanning `scanPoints` log-spaced budgets for the first change, then bisecting in
    /// `log n` between the last budget where `count` pools win and the first where they do not,
    /// to a relative width of `relativeTolerance`.
    ///
    /// - Parameters:
    ///   - count: the number of best-first pools that wins at the low end (1 = the top bucket).
    ///   - parameters: shared constants and pools.
    ///   - range: the sample budgets searched, `0 < lower < upper`.
    ///   - rule: how half-lives enter a mixture (the authors' script by default).
    ///   - scanPoints: budgets in the initial scan (at least 2).
    ///   - relativeTolerance: the relative width of the final bracket.
    /// - Returns: the crossover budget (samples) and the pool count that wins there, or `nil`
    ///   when `count` pools do not win at `range.lowerBound` or keep winning across the range.
    public static func crossover(from count: Int, parameters: QQTParameters, in range: ClosedRange<Double>,
                                 rule: HalfLifeRule = .scaledByPoolCount, scanPoints: Int = 200,
                                 relativeTolerance: Double = 1e-9) -> (samples: Double, poolCount: Int)? {
        guard range.lowerBound > 0, range.upperBound > range.lowerBound, scanPoints >= 2 else { return nil }
        func winner(_ n: Double) -> Int { bestPool(samples: n, parameters: parameters, rule: rule).poolCount }
        guard winner(range.lowerBound) == count else { return nil }
        let logLow = log(range.lowerBound), logHigh = log(range.upperBound)
        var below = logLow
        var above: Double?
        for k in 1..<scanPoints {
            let x = logLow + (logHigh - logLow) * Double(k) / Double(scanPoints - 1)
            if winner(exp(x)) != count {
                above = x
                break
            }
            below = x
        }
        guard var high = above else { return nil }
        var low = below
        while high - low > relativeTolerance {
            let mid = 0.5 * (low + high)
            if winner(exp(mid)) == count { low = mid } else { high = mid }
        }
        let n = exp(high)
        return (n, winner(n))
    }
}
