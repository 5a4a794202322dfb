/// Which runs a backtest holds out (``Backtest/run(law:data:rule:fitOptions:)``).
///
/// Distances are measured in orders of magnitude of the rule's variable beyond the largest
/// training value: `log10(x / max_train x)`. The variable is a named column, or for
/// ``largest(count:)`` the training compute `C = 6ND` (a law of `N` and `D`), else the column
/// `C` when present, else the law's first input.
public enum HoldoutRule: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Hold out the `count` rows with the largest compute (ties broken by row order).
    case largest(count: Int)
    /// Hold out the rows whose `column` exceeds `value`; fit on the rest.
    case above(column: String, value: Double)
    /// Rolling origin along `column`: with its distinct values `v_1 < … < v_m`, fold `k`
    /// fits the rows with `column ≤ v_k` and predicts the rows with `column = v_{k+1}`, for
    /// every `k ≥ 3` whose training rows outnumber the free parameters.
    case rollout(column: String)
    /// Right-censoring at several cut-offs (Owen 2024, arXiv:2401.04757, §3): for each fraction
    /// `f` in `(0, 1)`, one fold holds out the `⌈f·n⌉` rows with the largest compute (ties broken
    /// by row order) and fits the rest; the folds' predictions are pooled by distance.
    case rightCensored(fractions: [Double])
    /// Hold out the rows whose date `column` (decimal years, or ISO dates read as decimal years)
    /// is after `year`; distances are then in years beyond the last training date.
    case after(column: String, year: Double)

    /// Whether distances are in years (a date rule) rather than orders of magnitude.
    public var measuresYears: Bool {
        if case .after = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .largest(count): return "hold out the \(count) largest by compute"
        case let .above(column, value): return "hold out \(column) > \(String(format: "%g", value))"
        case let .rollout(column): return "rolling origin along \(column)"
        case let .after(column, year): return "hold out \(column) after \(String(format: "%.2f", year))"
        case let .rightCensored(fractions):
            return "hold out the largest " + fractions.map { String(format: "%g%%", 100 * $0) }.joined(separator: ", ") + " by compute"
        }
    }
}
