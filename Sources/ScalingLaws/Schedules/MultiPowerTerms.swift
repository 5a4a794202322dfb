import Foundation

/// The pieces of the multi-power law's loss drop for one schedule, computed once, so that the
/// law costs O(K + L) per evaluated step instead of O(t) (and a whole curve O(T·(K + L)), not
/// O(T²)).
///
/// The loss drop of Luo et al. 2025 (arXiv:2503.12811, the multi-power law):
/// ```
/// LD(t) = B·Σ_{k=W+1..t} Δ_k·G(η_k^(−γ)·S_k(t)),   Δ_k = η_{k−1} − η_k,
/// G(x) = 1 − (C·x + 1)^(−β),   S_k(t) = Σ_{τ=k..t} η_τ = F(t) − F(k−1),
/// ```
/// with F the forward area (``ScheduleAreas/forward``) and W the warm-up. Only steps whose rate
/// changes contribute. Consecutive changing steps with drops of one sign are grouped while the
/// group's total drop stays within `maximumGroupDrop` × the peak and its span within
/// `maximumGroupSpan` steps; a group whose steps all precede t contributes
/// D_g·G(η̄_g^(−γ)·(F(t) − F̄_g)), its total drop D_g at the drop-weighted means of ln η_k and
/// F(k−1), and the group containing t is summed step by step. With `maximumGroupDrop` = 0 every
/// step is its own group and the sum is the paper's exactly. Grouping error: G is smooth and
/// concave in x ≥ 0, and the weighted means cancel the first-order term, so a group's error is
/// at most ½·D_g·max|G''|·(spread of x within it)², second order in the group's size; on a
/// 3,000-step cosine to 0.1× the grouped LD/B differs from the exact one by 1.4e-5 of η_peak
/// (1.5e-5 of the total drop; tests). The number of groups is bounded by the total drop over
/// `maximumGroupDrop` plus T/`maximumGroupSpan`, not by T: about 1,000 for a cosine to 0.1×.
public struct MultiPowerTerms: Sendable, Equatable {
    /// F(s) = Σ_{i=1..s} η_i, s = 0…T (so S1(t) + S_W = F(t)).
    public let forward: [Double]
    /// The per-step rates η_s, s = 0…T.
    public let rates: [Double]
    /// ln η_s (the exact terms of the group containing t read it).
    let logRates: [Double]
    /// The schedule's warm-up steps (drops before it are not annealing).
    public let warmupSteps: Int
    /// Groups: first and last step, total drop, drop-weighted mean of ln η_k and of F(k−1).
    let groupFirst: [Int]
    let groupLast: [Int]
    let groupDrop: [Double]
    let groupLogRate: [Double]
    let groupArea: [Double]

    /// The default: groups of at most 0.1% of the peak and 1,024 steps.
    public static let defaultGroupDrop = 1e-3
    /// At most 1,024 steps per group by default.
    public static let defaultGroupSpan = 1024

    /// The terms of `schedule`, grouped. Cost O(T) time and memory; the groups make each later loss
    /// evaluation O(groups) instead of O(T).
    /// - Parameters:
    ///   - schedule: The run's per-step schedule.
    ///   - maximumGroupDrop: The largest total drop of a group as a fraction of the peak (0: every
    ///     step its own group, the paper's exact sum).
    ///   - maximumGroupSpan: The most steps in a group.
    public init(_ schedule: StepSchedule, maximumGroupDrop: Double = defaultGroupDrop, maximumGroupSpan: Int = defaultGroupSpan) {
        rates = schedule.rates
        logRates = schedule.rates.map { log($0) }
        warmupSteps = schedule.warmupSteps
        forward = ScheduleAreas.forwardArea(schedule)
        let limit = maximumGroupDrop * schedule.peak
        var first: [Int] = [], last: [Int] = [], drop: [Double] = [], logRate: [Double] = [], area: [Double] = []
        var open = false
        for k in Swift.max(warmupSteps + 1, 1)..<Swift.max(rates.count, 1) {
            let d = rates[k - 1] - rates[k]
            guard d != 0 else { continue }
            let g = drop.count - 1
            if open, (drop[g] > 0) == (d > 0), abs(drop[g] + d) <= limit, k - first[g] < maximumGroupSpan {
                drop[g] += d
                logRate[g] += d * log(rates[k])
                area[g] += d * forward[k - 1]
                last[g] = k
            } else {
                first.append(k)
                last.append(k)
                drop.append(d)
                logRate.append(d * log(rates[k]))
                area.append(d * forward[k - 1])
                open = true
            }
        }
        for g in drop.indices {
            logRate[g] /= drop[g]
            area[g] /= drop[g]
        }
        groupFirst = first
        groupLast = last
        groupDrop = drop
        groupLogRate = logRate
        groupArea = area
    }

    /// The number of groups.
    public var groupCount: Int { groupDrop.count }

    /// The last step T.
    public var lastStep: Int { rates.count - 1 }

    /// Σ Δ_k·G(η_k^(−γ)·S_k(t)) (LD(t)/B) and its derivatives in C, β and γ.
    public func lossDrop(at step: Int, c: Double, beta: Double, gamma: Double) -> (value: Double, dC: Double, dBeta: Double, dGamma: Double) {
        let t = Swift.min(Swift.max(step, 0), lastStep)
        let ft = forward[t]
        var value = 0.0, dC = 0.0, dBeta = 0.0, dGamma = 0.0
        @inline(__always) func add(_ d: Double, _ logRate: Double, _ s: Double) {
            let x = exp(-gamma * logRate) * s
            guard x.isFinite else {
                value += d
                return
            }
            let u = 1 + c * x
            let logU = log(u)
            let uBeta = exp(-beta * logU)
            value += d * (1 - uBeta)
            let common = d * beta * uBeta / u
            dC += common * x
            dBeta += d * uBeta * logU
            dGamma += common * c * (-logRate * x)
        }
        for g in groupDrop.indices {
            if groupFirst[g] > t { break }
            if groupLast[g] <= t {
                add(groupDrop[g], groupLogRate[g], ft - groupArea[g])
            } else {
                for k in groupFirst[g]...t {
                    let d = rates[k - 1] - rates[k]
                    if d != 0 { add(d, logRates[k], ft - forward[k - 1]) }
                }
            }
        }
        return (value, dC, dBeta, dGamma)
    }

    /// LD(t)/B at each of `steps` (clamped to 0…T), and with `derivatives` its derivatives in
    /// C, β and γ, written into `out` at `offset`, `offset + stride`, … (value, ∂C, ∂β, ∂γ in
    /// consecutive blocks of `stride`), the same sums as ``lossDrop(at:c:beta:gamma:)`` with each
    /// group's η̄_g^(−γ) computed once for all steps (two transcendental functions per step and
    /// group instead of three): the fast path of a fit.
    func lossDrops(at steps: [Int], c: Double, beta: Double, gamma: Double, derivatives: Bool,
                   into out: UnsafeMutableBufferPointer<Double>, rows: [Int], stride: Int) {
        let groups = groupDrop.count
        var scale = [Double](repeating: 0, count: groups)
        for g in 0..<groups { scale[g] = exp(-gamma * groupLogRate[g]) }
        scale.withUnsafeBufferPointer { r in
        groupDrop.withUnsafeBufferPointer { drop in
        groupArea.withUnsafeBufferPointer { area in
        groupLogRate.withUnsafeBufferPointer { logRate in
        groupFirst.withUnsafeBufferPointer { first in
        groupLast.withUnsafeBufferPointer { last in
        forward.withUnsafeBufferPointer { f in
            for (row, step) in zip(rows, steps) {
                let t = Swift.min(Swift.max(step, 0), lastStep)
                let ft = f[t]
                var sums = DropSums()
                var g = 0
                while g < groups, last[g] <= t {
                    sums.add(drop: drop[g], x: r[g] * (ft - area[g]), logRate: logRate[g], c: c, beta: beta, derivatives: derivatives)
                    g += 1
                }
                if g < groups, first[g] <= t {
                    // The group containing t, step by step.
                    for k in first[g]...t {
                        let d = rates[k - 1] - rates[k]
                        guard d != 0 else { continue }
                        let x = exp(-gamma * logRates[k]) * (ft - f[k - 1])
                        sums.add(drop: d, x: x, logRate: logRates[k], c: c, beta: beta, derivatives: derivatives)
                    }
                }
                out[row] = sums.value
                if derivatives {
                    out[row + stride] = sums.dC
                    out[row + 2 * stride] = sums.dBeta
                    out[row + 3 * stride] = sums.dGamma
                }
            }
        }}}}}}}
    }

    /// The sums over the terms of one step `t`: LD(t)/B = Σ d_k·(1 − (1 + C·x_k)^(−β)) and its
    /// derivatives in C, β and γ, with x_k = η_k^(−γ)·S_k(t) (a group's terms share one x).
    struct DropSums {
        var value = 0.0, dC = 0.0, dBeta = 0.0, dGamma = 0.0

        /// Adds the term of drop `d` at `x`, whose rate's logarithm is `logRate`.
        @inline(__always)
        mutating func add(drop d: Double, x: Double, logRate: Double, c: Double, beta: Double, derivatives: Bool) {
            let u = 1 + c * x
            let logU = log(u)
            let uBeta = exp(-beta * logU)
            value += d * (1 - uBeta)
            if derivatives {
                let common = d * beta * uBeta / u
                dC += common * x
                dBeta += d * uBeta * logU
                dGamma -= common * c * logRate * x
            }
        }
    }

    /// LD(t)/B summed as the paper writes it, O(t): for tests of the grouping.
    public static func lossDropNaive(_ schedule: StepSchedule, at t: Int, c: Double, beta: Double, gamma: Double) -> Double {
        let f = ScheduleAreas.forwardArea(schedule)
        var total = 0.0
        guard t > schedule.warmupSteps else { return 0 }
        for k in (schedule.warmupSteps + 1)...t where k >= 1 {
            let d = schedule.rates[k - 1] - schedule.rates[k]
            let x = pow(schedule.rates[k], -gamma) * (f[t] - f[k - 1])
            total += d * (1 - pow(c * x + 1, -beta))
        }
        return total
    }
}
