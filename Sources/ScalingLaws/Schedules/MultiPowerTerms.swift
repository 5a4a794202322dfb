import Foundation
import NonlinearFit

/// The pieces of the multi-power law's loss drop for one schedule, computed once, so that the
/// loss drop at a step costs O(log K) node expansions instead of a sum over all K earlier rate
/// changes (a whole T-step curve O(T·log K), not O(T²)), with no approximation beyond rounding.
///
/// The loss drop of Luo et al. 2025 (arXiv:2503.12811, the multi-power law):
/// ```
/// LD(t) = B·Σ_{k=W+1..t} Δ_k·G(η_k^(−γ)·S_k(t)),   Δ_k = η_{k−1} − η_k,
/// G(x) = 1 − (C·x + 1)^(−β),   S_k(t) = Σ_{τ=k..t} η_τ = F(t) − F(k−1),
/// ```
/// with F the forward area (``ScheduleAreas/forward``) and W the warm-up. Only steps whose rate
/// changes contribute. They are the leaves of a binary tree (`MultiPowerSourceTree`) whose
/// nodes carry moments Σ Δ_k·(ln η_k − l̄)^i·(F(k−1) − F̄)^j that do not depend on C, β, γ or t.
/// At step t the sources before it are covered by O(log K) nodes; a node far enough from t
/// (relative to its spread in ln η and F) contributes through a degree-11 expansion of
/// G in ln(C·η^(−γ)·S) built from its moments (`MultiPowerFarField`, which derives it and
/// bounds its error by about 8e-12 per unit of |Δ|), a node whose every term is saturated
/// (β·ln(1 + C·x) > 45) contributes its drops in full, and the few terms nearest t are summed
/// as the paper writes them. The value and its C, β and γ derivatives agree with the paper's
/// sum to 1e-10 of the peak rate on schedules of every kind and at the fits' optima (tests).
/// A step whose rate falls to exactly 0 has η_k^(−γ) = ∞, where the paper's G is undefined at
/// S_k(t) = 0; its drop counts in full (G = 1) from that step on.
public struct MultiPowerTerms: Sendable, Equatable {
    /// F(s) = Σ_{i=1..s} η_i, s = 0…T (so S1(t) + S_W = F(t)).
    public let forward: [Double]
    /// The per-step rates η_s, s = 0…T.
    public let rates: [Double]
    /// The schedule's warm-up steps (drops before it are not annealing).
    public let warmupSteps: Int
    /// The changing steps and their tree.
    let tree: MultiPowerSourceTree
    /// Σ of the drops of zero-rate sources up to each of them (index i: the first i).
    let zeroRatePrefix: [Double]

    /// The terms of `schedule`. Cost O(T + K·p²) time for K changing steps and the expansion
    /// degree p = 11.
    public init(_ schedule: StepSchedule) {
        rates = schedule.rates
        warmupSteps = schedule.warmupSteps
        forward = ScheduleAreas.forwardArea(schedule)
        tree = MultiPowerSourceTree(rates: rates, forward: forward, warmupSteps: warmupSteps)
        var prefix = [0.0]
        for d in tree.zeroRateDrop { prefix.append((prefix.last ?? 0) + d) }
        zeroRatePrefix = prefix
    }

    /// The number of steps whose rate changes after the warm-up.
    public var changingSteps: Int { tree.step.count + tree.zeroRateStep.count }

    /// The last step T.
    public var lastStep: Int { rates.count - 1 }

    /// Σ Δ_k·G(η_k^(−γ)·S_k(t)) (LD(t)/B) and its derivatives in C, β and γ.
    public func lossDrop(at step: Int, c: Double, beta: Double, gamma: Double) -> (value: Double, dC: Double, dBeta: Double, dGamma: Double) {
        let sums = sums(at: step, c: c, beta: beta, gamma: gamma).sums
        return (sums.value, sums.dC, sums.dBeta, sums.dGamma)
    }

    /// The work of the loss drop at `step`: nodes expanded plus terms summed one by one (the
    /// cost measure of the tests).
    public func work(at step: Int, c: Double, beta: Double, gamma: Double) -> Int {
        sums(at: step, c: c, beta: beta, gamma: gamma).work
    }

    /// The sums and the work at one step, with the expansion's tables built for it alone.
    private func sums(at step: Int, c: Double, beta: Double, gamma: Double) -> (sums: DropSums, work: Int) {
        let far = MultiPowerFarField(c: c, beta: beta, gamma: gamma)
        var scratch = MultiPowerFarField.Scratch(), stack: [Int] = []
        var sums = DropSums()
        let work = accumulate(at: step, far: far, derivatives: true, into: &sums, scratch: &scratch, stack: &stack)
        return (sums, work)
    }

    /// LD(t)/B at each of `steps` (clamped to 0…T), and with `derivatives` its derivatives in
    /// C, β and γ, written into `out` at `offset`, `offset + stride`, … (value, ∂C, ∂β, ∂γ in
    /// consecutive blocks of `stride`): the sums of ``lossDrop(at:c:beta:gamma:)`` with the
    /// expansion's tables built once for all steps (the fast path of a fit).
    func lossDrops(at steps: [Int], c: Double, beta: Double, gamma: Double, derivatives: Bool,
                   into out: UnsafeMutableBufferPointer<Double>, rows: [Int], stride: Int) {
        let far = MultiPowerFarField(c: c, beta: beta, gamma: gamma)
        // Steps are independent: two halves on two cores when there are enough of them
        // (``ParallelMap``), each step's sums the same whatever the threads.
        let parts = steps.count >= Self.parallelSteps ? 2 : 1
        let halves = ParallelMap.map(count: parts, parallel: parts > 1) { part -> [DropSums] in
            var scratch = MultiPowerFarField.Scratch(), stack: [Int] = []
            return ((part * steps.count / parts)..<((part + 1) * steps.count / parts)).map { index in
                var sums = DropSums()
                _ = accumulate(at: steps[index], far: far, derivatives: derivatives, into: &sums, scratch: &scratch, stack: &stack)
                return sums
            }
        }
        for (row, sums) in zip(rows, halves.joined()) {
            out[row] = sums.value
            if derivatives {
                out[row + stride] = sums.dC
                out[row + 2 * stride] = sums.dBeta
                out[row + 3 * stride] = sums.dGamma
            }
        }
    }

    /// From this many steps on, ``lossDrops(at:c:beta:gamma:derivatives:into:rows:stride:)``
    /// splits them over two threads.
    static let parallelSteps = 64

    /// The number of elements of `sorted` at most `value`.
    private static func countAtMost(_ sorted: [Int], _ value: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Adds LD(t)/B (t clamped to 0…T) and its derivatives to `sums`: zero-rate drops in full,
    /// then the tree from the root, expanding each node wholly before t that `MultiPowerFarField`
    /// accepts and summing the leaves it does not term by term. Returns the work (nodes plus terms).
    private func accumulate(at t: Int, far: MultiPowerFarField, derivatives: Bool, into sums: inout DropSums,
                            scratch: inout MultiPowerFarField.Scratch, stack: inout [Int]) -> Int {
        let t = Swift.min(Swift.max(t, 0), lastStep)
        let z = forward[t]
        sums.value += zeroRatePrefix[Self.countAtMost(tree.zeroRateStep, t)]
        let n = Self.countAtMost(tree.step, t)
        guard n > 0 else { return 0 }
        var work = 0
        stack.removeAll(keepingCapacity: true)
        stack.append(0)
        while let node = stack.popLast() {
            guard tree.first[node] < n else { continue }
            if tree.end[node] <= n, far.add(node: node, tree: tree, z: z, derivatives: derivatives, into: &sums, scratch: &scratch) {
                work += 1
                continue
            }
            if tree.left[node] < 0 {
                for k in tree.first[node]..<Swift.min(tree.end[node], n) {
                    let x = exp(-far.gamma * tree.logRate[k]) * (z - tree.area[k])
                    sums.add(drop: tree.drop[k], x: x, logRate: tree.logRate[k], c: far.c, beta: far.beta, derivatives: derivatives)
                    work += 1
                }
            } else {
                stack.append(tree.right[node])
                stack.append(tree.left[node])
            }
        }
        return work
    }

    /// The sums over the terms of one step `t`: LD(t)/B = Σ d_k·(1 − (1 + C·x_k)^(−β)) and its
    /// derivatives in C, β and γ, with x_k = η_k^(−γ)·S_k(t).
    struct DropSums {
        var value = 0.0, dC = 0.0, dBeta = 0.0, dGamma = 0.0

        /// Adds the term of drop `d` at `x`, whose rate's logarithm is `logRate`.
        @inline(__always)
        mutating func add(drop d: Double, x: Double, logRate: Double, c: Double, beta: Double, derivatives: Bool) {
            guard x.isFinite else {
                // η_k^(−γ) overflowed: the term is saturated (G = 1).
                value += d
                return
            }
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

    /// LD(t)/B summed as the paper writes it, O(t): the reference of the tests.
    public static func lossDropNaive(_ schedule: StepSchedule, at t: Int, c: Double, beta: Double, gamma: Double) -> Double {
        let f = ScheduleAreas.forwardArea(schedule)
        var total = 0.0
        guard t > schedule.warmupSteps else { return 0 }
        for k in (schedule.warmupSteps + 1)...t where k >= 1 {
            let d = schedule.rates[k - 1] - schedule.rates[k]
            guard schedule.rates[k] > 0 else {
                total += d
                continue
            }
            let x = pow(schedule.rates[k], -gamma) * (f[t] - f[k - 1])
            total += d * (1 - pow(c * x + 1, -beta))
        }
        return total
    }
}
