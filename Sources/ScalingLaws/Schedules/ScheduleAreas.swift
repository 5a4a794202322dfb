import Foundation

/// The areas of a schedule that the curve laws read, computed once per schedule in O(T).
///
/// - Forward area (Tissue et al. 2024): S1(s) = Σ_{i=1..s} η_i, the sum of the rates so far.
/// - Annealing area with momentum λ (Tissue et al. 2024, arXiv:2408.11029, the law's
///   definition): S2(s) = Σ_{i=1..s} Σ_{k=1..i} (η_{k−1} − η_k)·λ^(i−k). Naively O(s²); with the
///   momentum m_i = λ·m_{i−1} + (η_{i−1} − η_i) (m_0 = 0), S2(s) = Σ_{i=1..s} m_i, one pass.
///   (Σ_{k≤i} Δ_k λ^(i−k) = λ·Σ_{k≤i−1} Δ_k λ^(i−1−k) + Δ_i, so m_i is that inner sum.)
///
/// Drops η_{k−1} − η_k count only after the warm-up (k > ``StepSchedule/warmupSteps``): the
/// rising warm-up is not annealing.
public struct ScheduleAreas: Sendable, Equatable {
    /// S1(s) for s = 0…T.
    public let forward: [Double]
    /// S2(s) for s = 0…T at momentum ``lambda``.
    public let annealing: [Double]
    /// The momentum λ of the annealing area.
    public let lambda: Double

    /// The areas of `schedule`, in one O(T) pass each.
    /// - Parameters:
    ///   - schedule: The per-step schedule.
    ///   - lambda: The momentum λ of the annealing area, in [0, 1).
    public init(_ schedule: StepSchedule, lambda: Double) {
        self.lambda = lambda
        forward = ScheduleAreas.forwardArea(schedule)
        annealing = ScheduleAreas.annealingArea(schedule, lambda: lambda)
    }

    /// S1(s) = Σ_{i=1..s} η_i for s = 0…T.
    public static func forwardArea(_ schedule: StepSchedule) -> [Double] {
        var out = [Double](repeating: 0, count: schedule.rates.count)
        var sum = 0.0
        for s in 1..<Swift.max(schedule.rates.count, 1) {
            sum += schedule.rates[s]
            out[s] = sum
        }
        return out
    }

    /// The drop η_{k−1} − η_k at step k (0 in the warm-up and at step 0).
    @inline(__always)
    static func drop(_ schedule: StepSchedule, _ k: Int) -> Double {
        k > schedule.warmupSteps && k >= 1 ? schedule.rates[k - 1] - schedule.rates[k] : 0
    }

    /// S2(s) for s = 0…T by the momentum recurrence, O(T).
    public static func annealingArea(_ schedule: StepSchedule, lambda: Double) -> [Double] {
        var out = [Double](repeating: 0, count: schedule.rates.count)
        var m = 0.0, sum = 0.0
        for i in 1..<Swift.max(schedule.rates.count, 1) {
            m = lambda * m + drop(schedule, i)
            sum += m
            out[i] = sum
        }
        return out
    }

    /// S2(s) by the double sum as the paper writes it, O(s²): for tests of the recurrence.
    public static func annealingAreaNaive(_ schedule: StepSchedule, lambda: Double, at s: Int) -> Double {
        var total = 0.0
        guard s >= 1 else { return 0 }
        for i in 1...s {
            for k in 1...i {
                total += drop(schedule, k) * pow(lambda, Double(i - k))
            }
        }
        return total
    }
}
