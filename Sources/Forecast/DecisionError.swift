import Foundation

/// Why a benchmark forecast, a data-filtering decision or an RL budget decision could not be
/// made. Every case prints as one exact sentence.
public enum DecisionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The law does not take the input the forecast needs (`C` for score laws, `loss` for
    /// loss-to-accuracy laws, `N, D` for loss laws).
    case wrongInputs(law: String, inputs: [String], needed: String)
    /// The parameter vector does not match the law.
    case parameterCount(law: String, expected: Int, got: Int)
    /// A compute, size or token count that is not a positive finite number.
    case invalidValue(what: String, value: Double)
    /// A target score at or above what the law reaches as compute grows without bound.
    case targetAboveCeiling(target: Double, ceiling: Double, law: String, attained: Bool)
    /// A target score at or below what the law gives as compute goes to zero.
    case targetBelowFloor(target: Double, floor: Double, law: String)
    /// A score law that does not change with compute.
    case flatScoreLaw(law: String)
    /// Inputs that are `(N, D)` need a loss law to reach scaled compute.
    case missingLossLaw
    /// Fewer thresholds than a fit with held-out points needs.
    case tooFewThresholds(got: Int, heldOut: Int)
    /// A budget-optimal UTD ratio at an end of the searched range.
    case optimumAtRangeEdge(threshold: Double, sigma: Double, range: ClosedRange<Double>)
    /// A law set mixing suites: a σ* law of `suite` with published Gym (SAC) laws (named in
    /// `gymLaws`: `D_J`, `batch-size`).
    case mixedSuites(option: String, suite: String, gymLaws: [String])
    /// A malformed range or option value.
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .wrongInputs(law, inputs, needed):
            return "law '\(law)' takes inputs (\(inputs.joined(separator: ", "))); this forecast needs a law of \(needed)"
        case let .parameterCount(law, expected, got):
            return "law '\(law)' has \(expected) parameters, got \(got) values"
        case let .invalidValue(what, value):
            return "\(what) must be a positive finite number, got \(Self.format(value))"
        case let .targetAboveCeiling(target, ceiling, law, attained):
            if attained {
                return "target score \(Self.format(target)) is above the ceiling \(Self.format(ceiling)) of the \(law) law: no compute reaches it"
            }
            return "target score \(Self.format(target)) is at or above the ceiling \(Self.format(ceiling)) of the \(law) law, which it approaches only as compute grows without bound: no finite compute reaches it"
        case let .targetBelowFloor(target, floor, law):
            return "target score \(Self.format(target)) is at or below the floor \(Self.format(floor)) of the \(law) law: any compute scores above it"
        case let .flatScoreLaw(law):
            return "the \(law) law does not change with compute (zero slope): no compute reaches a target"
        case .missingLossLaw:
            return "a score forecast from model size and tokens needs a Chinchilla loss law to map (N, D) to scaled compute"
        case let .tooFewThresholds(got, heldOut):
            return "fitting σ* = c·F^k with the \(heldOut) highest thresholds held out needs at least \(heldOut + 2) thresholds, got \(got)"
        case let .optimumAtRangeEdge(threshold, sigma, range):
            return "at threshold J = \(Self.format(threshold)) the budget is lowest at σ = \(Self.format(sigma)), an end of the searched range [\(Self.format(range.lowerBound)), \(Self.format(range.upperBound))]: widen the range"
        case let .mixedSuites(option, suite, gymLaws):
            var fixes: [String] = []
            if gymLaws.contains("D_J") { fixes.append("\(suite) utd-data fits with --threshold J=FILE") }
            if gymLaws.contains("batch-size") { fixes.append("its batch-size law with --batch-slope and --batch-intercepts") }
            let laws = gymLaws.joined(separator: " and ") + (gymLaws.count > 1 ? " laws" : " law")
            return "\(option) pairs the \(suite) σ* law with the published Gym (SAC) \(laws): give \(fixes.joined(separator: " and ")), or use --sigma-law gym"
        case let .invalidOption(message):
            return message
        }
    }

    /// `%g` with 4 significant digits.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        return String(format: "%.4g", value)
    }
}
