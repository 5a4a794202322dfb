import Foundation

/// How one run's log of a metric becomes one point.
///
/// The final value is the default: a final-loss law (Hoffmann et al. 2022, §3; Porian et al.
/// 2024) describes the loss at the end of a run whose schedule was set for that length, so
/// intermediate checkpoints of a cosine run are not valid (N, D) points for it.
///
/// Text forms (``init(parsing:)`` reads what ``description`` prints): `final`, `mean-last:K`,
/// `min`, `step:S`, `tokens:T`, `fraction:F` (0 < F ≤ 1 of the last step), `ema:A`
/// (exponential moving average with weight 0 < A < 1 on the previous average).
public enum LogReduction: Sendable, Equatable, Hashable, TextCoded {
    /// The last evaluation.
    case final
    /// The mean of the last `k` evaluations.
    case meanOfLast(Int)
    /// The lowest value.
    case minimum
    /// The last evaluation at or before a step.
    case atStep(Double)
    /// The last evaluation at or before a number of tokens.
    case atTokens(Double)
    /// The last evaluation at or before a fraction of the last step.
    case atFraction(Double)
    /// The exponential moving average m_k = a·m_{k−1} + (1 − a)·x_k at the last evaluation.
    case exponentialAverage(Double)

    /// Whether the point is the end of the run (so the run's N and final D describe it).
    public var isRunEnd: Bool {
        switch self {
        case .final, .meanOfLast, .exponentialAverage: return true
        case .minimum, .atStep, .atTokens, .atFraction: return false
        }
    }

    public var description: String {
        switch self {
        case .final: return "final"
        case let .meanOfLast(k): return "mean-last:\(k)"
        case .minimum: return "min"
        case let .atStep(s): return "step:\(DataMessage.formatNumber(s))"
        case let .atTokens(t): return "tokens:\(DataMessage.formatNumber(t))"
        case let .atFraction(f): return "fraction:\(DataMessage.formatNumber(f))"
        case let .exponentialAverage(a): return "ema:\(DataMessage.formatNumber(a))"
        }
    }

    /// Reads `final`, `mean-last:K`, `min`, `step:S`, `tokens:T`, `fraction:F`, `ema:A`.
    /// - Throws: ``LogError/invalidReduction(text:reason:)``.
    public init(parsing text: String) throws {
        let expected = "expected final, mean-last:K, min, step:S, tokens:T, fraction:F or ema:A"
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let kind = parts[0].lowercased()
        let argument = parts.count > 1 ? String(parts[1]) : nil
        func number() throws -> Double {
            guard let argument, let value = NumericCell.parse(argument), value.isFinite else {
                throw LogError.invalidReduction(text: text, reason: "\(kind) needs a number, e.g. \(kind):\(kind == "fraction" ? "0.5" : "1000")")
            }
            return value
        }
        switch kind {
        case "final", "last":
            guard argument == nil else { throw LogError.invalidReduction(text: text, reason: expected) }
            self = .final
        case "min", "minimum":
            guard argument == nil else { throw LogError.invalidReduction(text: text, reason: expected) }
            self = .minimum
        case "mean-last":
            guard let argument, let k = Int(argument), k >= 1 else {
                throw LogError.invalidReduction(text: text, reason: "mean-last needs a whole number K >= 1, e.g. mean-last:5")
            }
            self = .meanOfLast(k)
        case "step":
            let s = try number()
            guard s >= 0 else { throw LogError.invalidReduction(text: text, reason: "the step must be zero or more") }
            self = .atStep(s)
        case "tokens":
            let t = try number()
            guard t > 0 else { throw LogError.invalidReduction(text: text, reason: "the tokens must be positive") }
            self = .atTokens(t)
        case "fraction":
            let f = try number()
            guard f > 0, f <= 1 else { throw LogError.invalidReduction(text: text, reason: "the fraction must be in (0, 1]") }
            self = .atFraction(f)
        case "ema":
            let a = try number()
            guard a > 0, a < 1 else { throw LogError.invalidReduction(text: text, reason: "the weight must be in (0, 1)") }
            self = .exponentialAverage(a)
        default:
            throw LogError.invalidReduction(text: text, reason: expected)
        }
    }

    /// The reduced value and the index of the evaluation it is taken at (the last one used).
    ///
    /// - Parameters:
    ///   - steps: Steps, strictly increasing.
    ///   - tokens: Tokens seen at each step (`nil` when unknown; needed for ``atTokens(_:)``).
    ///   - values: The metric, `nan` where not evaluated.
    /// - Returns: `nil` when no evaluation qualifies.
    public func reduce(steps: [Double], tokens: [Double]?, values: [Double]) -> (value: Double, index: Int)? {
        let evaluated = values.indices.filter { values[$0].isFinite }
        guard let last = evaluated.last else { return nil }
        func lastAtOrBefore(_ limit: Double, in axis: [Double]) -> (Double, Int)? {
            guard let k = evaluated.last(where: { axis[$0] <= limit * (1 + 1e-12) }) else { return nil }
            return (values[k], k)
        }
        switch self {
        case .final:
            return (values[last], last)
        case let .meanOfLast(k):
            let used = evaluated.suffix(k)
            var sum = 0.0
            for i in used { sum += values[i] }
            return (sum / Double(used.count), last)
        case .minimum:
            var best = evaluated[0]
            for i in evaluated where values[i] < values[best] { best = i }
            return (values[best], best)
        case let .atStep(s):
            return lastAtOrBefore(s, in: steps)
        case let .atTokens(t):
            guard let tokens else { return nil }
            return lastAtOrBefore(t, in: tokens)
        case let .atFraction(f):
            guard let end = steps.last else { return nil }
            return lastAtOrBefore(f * end, in: steps)
        case let .exponentialAverage(a):
            var average = values[evaluated[0]]
            for i in evaluated.dropFirst() { average = a * average + (1 - a) * values[i] }
            return (average, last)
        }
    }
}
