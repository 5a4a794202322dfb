import Foundation

/// One training run of an iso-FLOP sweep: a model of `parameters` trained with `compute` FLOP,
/// reaching `loss`.
///
/// `compute` is the run's budget: the value of a budget column (runs are then grouped by exact
/// value), or the run's own training FLOP (`C = 6ND`, or a FLOP column), grouped by relative
/// tolerance (``IsoFlopGrouping``). `tokens` is the training tokens `D` when the data has them;
/// otherwise `D = C/(6N)` with the budget of the run's group.
public struct IsoFlopRun: Sendable, Equatable, Codable {
    /// Model parameters `N`.
    public var parameters: Double
    /// Training tokens `D`, when known.
    public var tokens: Double?
    /// The loss (or any metric minimised along the iso-FLOP curve).
    public var loss: Double
    /// The run's budget or training compute, in FLOP.
    public var compute: Double
    /// The line of the run in its source file, for messages.
    public var line: Int?

    /// A run.
    /// - Parameters:
    ///   - parameters: Model parameters `N`.
    ///   - tokens: Training tokens `D`, or `nil`.
    ///   - loss: The loss reached.
    ///   - compute: The run's budget or training compute, FLOP.
    ///   - line: The run's line in its file, or `nil`.
    public init(parameters: Double, tokens: Double? = nil, loss: Double, compute: Double, line: Int? = nil) {
        self.parameters = parameters
        self.tokens = tokens
        self.loss = loss
        self.compute = compute
        self.line = line
    }
}

/// How runs are gathered into iso-FLOP budgets.
public enum IsoFlopGrouping: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Runs with exactly the same ``IsoFlopRun/compute`` share a budget (a budget column).
    case exactBudget
    /// Runs sorted by compute; a budget starts at its smallest run and takes every following
    /// run within `(1 + tolerance)` of it. The budget's value is the geometric mean of its runs'
    /// compute. For `C = 6ND` computed from rounded `N` and `D`.
    case relativeTolerance(Double)

    public var description: String {
        switch self {
        case .exactBudget: return "runs grouped by exact budget"
        case let .relativeTolerance(t): return "runs grouped by compute within a relative tolerance of \(String(format: "%g", t))"
        }
    }

    /// Groups runs into budgets, sorted by increasing budget: `(budget, runs)` with the runs in
    /// input order.
    public func group(_ runs: [IsoFlopRun]) -> [(budget: Double, runs: [IsoFlopRun])] {
        let order = runs.indices.sorted { (runs[$0].compute, $0) < (runs[$1].compute, $1) }
        var groups: [[Int]] = []
        for index in order {
            let c = runs[index].compute
            if let first = groups.last?.first {
                let start = runs[first].compute
                let joins: Bool
                switch self {
                case .exactBudget: joins = c == start
                case let .relativeTolerance(t): joins = c <= start * (1 + t)
                }
                if joins {
                    groups[groups.count - 1].append(index)
                    continue
                }
            }
            groups.append([index])
        }
        return groups.map { members in
            let sorted = members.sorted()
            let budget: Double
            switch self {
            case .exactBudget:
                budget = runs[sorted[0]].compute
            case .relativeTolerance:
                var sum = 0.0
                for k in sorted { sum += log(runs[k].compute) }
                budget = exp(sum / Double(sorted.count))
            }
            return (budget, sorted.map { runs[$0] })
        }
    }
}
