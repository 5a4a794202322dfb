/// A learning-rate schedule step by step: `rates[s]` is the rate η_s used at optimizer step `s`,
/// for `s = 0…T` (`T = lastStep`).
///
/// Built from a specification (``ScheduleSpecification/schedule(steps:)``), reconstructed from a
/// log that records the rate only at evaluation steps (`StepSchedule/interpolating(steps:rates:source:)`),
/// or continued from a constant-rate run for a WSD decay branch
/// (``StepSchedule/continuing(_:branchSteps:branchRates:source:)``). The curve laws read it
/// through ``ScheduleAreas`` and ``MultiPowerTerms``, computed once per schedule.
public struct StepSchedule: Sendable, Equatable, Codable {
    /// η_s for s = 0…T.
    public let rates: [Double]
    /// Steps `1…warmupSteps` are the warm-up: the rate rises to its first maximum there. Drops
    /// of the rate count towards annealing only after it (Tissue et al. 2024 and Luo et al. 2025
    /// both treat the warm-up apart).
    public let warmupSteps: Int

    /// - Parameters:
    ///   - rates: η_s for s = 0…T; at least one value.
    ///   - warmupSteps: The warm-up length, or `nil` to take the first step where the rate
    ///     reaches 99.9% of its maximum over the rising prefix.
    public init(rates: [Double], warmupSteps: Int? = nil) {
        self.rates = rates
        self.warmupSteps = warmupSteps ?? StepSchedule.warmupEnd(of: rates)
    }

    /// The last step T.
    public var lastStep: Int { rates.count - 1 }

    /// The peak rate.
    public var peak: Double { rates.max() ?? 0 }

    /// The rate at step `s` (clamped to 0…T).
    public func rate(at s: Int) -> Double { rates[Swift.min(Swift.max(s, 0), lastStep)] }

    /// The end of the rising prefix: the first step where the rate reaches 99.9% of the largest
    /// rate seen before it first falls.
    static func warmupEnd(of rates: [Double]) -> Int {
        guard rates.count > 1 else { return 0 }
        var top = 0
        while top + 1 < rates.count, rates[top + 1] >= rates[top] { top += 1 }
        let peak = rates[top]
        guard peak > 0, rates[0] < 0.999 * peak else { return 0 }
        return rates.firstIndex { $0 >= 0.999 * peak } ?? top
    }

    /// The first `count` steps' rates as a schedule (`0…count−1`), same warm-up.
    public func prefix(through step: Int) -> StepSchedule {
        let end = Swift.min(Swift.max(step, 0), lastStep)
        return StepSchedule(rates: Array(rates[0...end]), warmupSteps: Swift.min(warmupSteps, end))
    }
}
