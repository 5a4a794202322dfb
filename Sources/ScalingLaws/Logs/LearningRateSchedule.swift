import Foundation

/// The shape of a run's learning-rate schedule, recognised from its logged learning rates.
///
/// - `constant`: after any warm-up, the rate stays at its peak to the end.
/// - `cosine`: η(t) = η_min + (η_peak − η_min)·(1 + cos(π·(t − t_w)/(T − t_w)))/2 after warm-up
///   (Loshchilov & Hutter 2017).
/// - `linear`: η falls linearly from the peak to the end value.
/// - `wsd`: warm-up, a stable phase at the peak, then a decay starting at `decayStart`
///   (warmup–stable–decay; Hu et al. 2024, MiniCPM, §4).
/// - `decayBranch`: the log starts late, at `from`, and decays: the decay branch of a WSD run,
///   which continues a constant-rate run from its checkpoint at that step.
/// - `unknown`: none of these fits within 5% of the peak.
public enum LearningRateScheduleShape: Sendable, Equatable, Codable, CustomStringConvertible {
    /// A constant rate after the warm-up.
    case constant
    /// A cosine decay from the peak.
    case cosine
    /// A linear decay from the peak.
    case linear
    /// Warmup–stable–decay: constant at the peak until step `decayStart`, then a decay.
    case wsd(decayStart: Double)
    /// The decay branch of a WSD run, logged from step `from`.
    case decayBranch(from: Double)
    /// None of the shapes fits within 5% of the peak.
    case unknown

    public var description: String {
        switch self {
        case .constant: return "constant"
        case .cosine: return "cosine"
        case .linear: return "linear"
        case let .wsd(start): return "WSD (decay from step \(DataMessage.formatNumber(start)))"
        case let .decayBranch(from): return "WSD decay branch (from step \(DataMessage.formatNumber(from)))"
        case .unknown: return "unknown"
        }
    }
}

/// A run's schedule as recognised from its log: the warm-up seen, the shape, peak and end rates.
public struct RecognizedSchedule: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The step where the warm-up reaches the peak, when the log shows a warm-up.
    public let warmupEnd: Double?
    /// The recognised shape.
    public let shape: LearningRateScheduleShape
    /// The highest logged rate.
    public let peak: Double
    /// The last logged rate.
    public let final: Double

    public var description: String {
        var text = warmupEnd.map { "warm-up to step \(DataMessage.formatNumber($0)), " } ?? ""
        text += shape.description
        if shape != .constant, peak > 0 { text += ", end at \(String(format: "%.3g", final / peak))× peak" }
        return text
    }

    /// Recognises the schedule of a log.
    ///
    /// A log that starts after a quarter of its last step is a continuation (a WSD decay
    /// branch when its rate falls). Otherwise: a warm-up is the rising part before the rate
    /// first reaches 99% of its peak; a stable phase lasting at least a quarter of the
    /// post-warm-up steps followed by a fall is WSD; else the closer of cosine and linear
    /// decay (root-mean-square deviation relative to the peak, at most 5%) names the shape.
    ///
    /// - Parameters:
    ///   - allSteps: Steps, strictly increasing.
    ///   - allRates: The learning rate at each step (`nan` where not logged).
    ///   - loggedPeak: The peak rate when logged separately (else the largest rate seen).
    /// - Returns: `nil` when fewer than two rates are logged.
    public static func recognize(steps allSteps: [Double], rates allRates: [Double], peak loggedPeak: Double? = nil) -> RecognizedSchedule? {
        var steps: [Double] = [], rates: [Double] = []
        for (s, r) in zip(allSteps, allRates) where r.isFinite {
            steps.append(s)
            rates.append(r)
        }
        guard steps.count >= 2, let last = steps.last, let maxRate = rates.max(), maxRate > 0 else { return nil }
        let peak = Swift.max(loggedPeak ?? maxRate, maxRate)
        let final = rates[rates.count - 1]
        let atPeak = { (r: Double) in r >= 0.99 * peak }
        let falls = final < 0.95 * peak
        if steps[0] > 0.25 * last {
            return RecognizedSchedule(warmupEnd: nil, shape: falls ? .decayBranch(from: steps[0]) : .constant, peak: peak, final: final)
        }
        guard let top = rates.firstIndex(where: atPeak) else {
            return RecognizedSchedule(warmupEnd: nil, shape: .unknown, peak: peak, final: final)
        }
        let warmupEnd: Double? = top > 0 && rates[0] < 0.99 * peak ? steps[top] : nil
        guard falls else { return RecognizedSchedule(warmupEnd: warmupEnd, shape: .constant, peak: peak, final: final) }
        // The stable phase: the last step still at the peak, counting from the warm-up's end.
        var stableEnd = top
        while stableEnd + 1 < rates.count, atPeak(rates[stableEnd + 1]) { stableEnd += 1 }
        let start = steps[top], span = last - steps[top]
        guard span > 0 else { return RecognizedSchedule(warmupEnd: warmupEnd, shape: .unknown, peak: peak, final: final) }
        if steps[stableEnd] - start >= 0.25 * span, stableEnd + 1 < rates.count {
            return RecognizedSchedule(warmupEnd: warmupEnd, shape: .wsd(decayStart: steps[stableEnd]), peak: peak, final: final)
        }
        // Cosine or linear from the warm-up's end (or the first logged step) to the end value.
        let origin = warmupEnd ?? 0
        let length = last - origin
        var cosine = 0.0, linear = 0.0
        var count = 0.0
        for k in top..<rates.count {
            let x = (steps[k] - origin) / length
            let c = final + (peak - final) * (1 + cos(Double.pi * x)) / 2
            let l = peak - (peak - final) * x
            cosine += (rates[k] - c) * (rates[k] - c)
            linear += (rates[k] - l) * (rates[k] - l)
            count += 1
        }
        let cosineError = (cosine / count).squareRoot() / peak
        let linearError = (linear / count).squareRoot() / peak
        let shape: LearningRateScheduleShape
        if Swift.min(cosineError, linearError) > 0.05 {
            shape = .unknown
        } else {
            shape = cosineError <= linearError ? .cosine : .linear
        }
        return RecognizedSchedule(warmupEnd: warmupEnd, shape: shape, peak: peak, final: final)
    }
}
