import Foundation

/// Reconstructing the per-step schedule of a run whose log records the learning rate only at
/// evaluation steps (every 50–1,000 steps in the OLMo ladder logs).
///
/// Method (``StepSchedule/interpolating(steps:rates:source:)``): η is interpolated linearly
/// between consecutive logged steps; before the first logged step it rises linearly from η = 0
/// at step 0 (a linear warm-up, as the OLMo runs and most LLM recipes use); missing (`nan`)
/// rates are skipped; when the first logged rate is inside the warm-up and the next past it,
/// the warm-up line is extended to its corner (``insertWarmupCorner(_:)``). On the 20 OLMo
/// cosine runs, whose generating schedule is known (linear warm-up over N/B steps, cosine to
/// 0.1× the peak 10 steps before the last logged step; it matches the logged rates to 3e-16 of
/// the peak), the rebuilt rates stay within 0.05% of the peak at every step after the warm-up
/// (notebook `tissue2024-lr-annealing`). A log whose first row is after the warm-up cannot show
/// where the warm-up ended; the rate is then taken to rise until the first logged step, which
/// changes the forward area S1(T) by up to 0.8% (190M-10xC); given the recipe's warm-up length
/// (`warmup:`), by at most 4e-6.
///
/// A WSD decay branch (``StepSchedule/continuing(_:branchSteps:branchRates:source:)``) uses its
/// constant run's schedule up to the branch and the branch's logged rates after it. The branch
/// log starts mid-decay (OLMo logs the first branch step after the decay began), so the decay
/// line through the branch's first two logged rates is extended back to where it meets the
/// constant run's rate, which is where the decay started for a linear decay.
extension StepSchedule {
    /// The per-step schedule through logged (step, rate) pairs; see the extension's comment.
    ///
    /// - Parameters:
    ///   - steps: Logged steps, increasing.
    ///   - rates: The rate at each (`nan` where not logged).
    ///   - source: The file named in errors.
    ///   - warmup: The warm-up length when known from the recipe (OLMo: N/B steps); used only
    ///     when the log starts after it, so that the warm-up ends there instead of at the first
    ///     logged step.
    /// - Throws: ``ScheduleError/badRate(source:step:value:)`` for a negative or infinite rate;
    ///   ``ScheduleError/tooFewRates(source:count:)`` with fewer than 2 logged rates.
    public static func interpolating(steps: [Double], rates: [Double], source: String, warmup: Int? = nil) throws -> StepSchedule {
        var knots: [(Double, Double)] = []
        for (s, r) in zip(steps, rates) where !r.isNaN {
            guard r.isFinite, r >= 0 else { throw ScheduleError.badRate(source: source, step: s, value: r) }
            knots.append((s, r))
        }
        guard knots.count >= 2, let last = knots.last?.0 else { throw ScheduleError.tooFewRates(source: source, count: knots.count) }
        if let warmup, warmup > 0, Double(warmup) < knots[0].0 { knots.insert((Double(warmup), knots[0].1), at: 0) }
        if knots[0].0 > 0 { knots.insert((0, 0), at: 0) }
        insertWarmupCorner(&knots)
        return StepSchedule(rates: piecewiseLinear(knots, through: Int(last.rounded())))
    }

    /// A WSD decay branch's schedule: the constant run's rates before the branch, the branch's
    /// logged rates after it (see the extension's comment for the decay start).
    ///
    /// - Parameters:
    ///   - constant: The constant run's logged steps and rates.
    ///   - branchSteps: The branch's logged steps (they start at the branch point).
    ///   - branchRates: The branch's logged rates.
    ///   - source: The branch file named in errors.
    /// - Throws: ``ScheduleError/branchOutsideRun(source:branchStep:runFirst:runLast:)`` when the
    ///   branch's first step is not within the constant run's logged steps; the errors of
    ///   `interpolating(steps:rates:source:)`.
    public static func continuing(_ constant: (steps: [Double], rates: [Double]), branchSteps: [Double], branchRates: [Double],
                                  source: String) throws -> StepSchedule {
        var branch: [(Double, Double)] = []
        for (s, r) in zip(branchSteps, branchRates) where !r.isNaN {
            guard r.isFinite, r >= 0 else { throw ScheduleError.badRate(source: source, step: s, value: r) }
            branch.append((s, r))
        }
        guard branch.count >= 2, let end = branch.last?.0 else { throw ScheduleError.tooFewRates(source: source, count: branch.count) }
        let from = branch[0].0
        guard let runFirst = constant.steps.first, let runLast = constant.steps.last, from >= runFirst, from <= runLast else {
            throw ScheduleError.branchOutsideRun(source: source, branchStep: from, runFirst: constant.steps.first ?? .nan,
                                                 runLast: constant.steps.last ?? .nan)
        }
        var knots: [(Double, Double)] = [(0, 0)]
        for (s, r) in zip(constant.steps, constant.rates) where s < from && r.isFinite && r >= 0 && s > 0 { knots.append((s, r)) }
        if let (lastStep, lastRate) = knots.last, knots.count > 1 {
            let slope = (branch[1].1 - branch[0].1) / (branch[1].0 - branch[0].0)
            if branch[0].1 < lastRate, slope < 0 {
                let start = branch[0].0 - (lastRate - branch[0].1) / -slope
                if start > lastStep { knots.append((start, lastRate)) }
            }
        }
        knots += branch
        return StepSchedule(rates: piecewiseLinear(knots, through: Int(end.rounded())))
    }

    /// The warm-up corner: the logged points on the line from (0, 0) through the first logged
    /// rate are the linear warm-up; that line is extended to the level of the next logged rate
    /// (the peak, just after a warm-up), and that corner is added when it lies between
    /// the last warm-up point and the next. A straight line between those two points would cut
    /// the corner (up to 14% of the peak on the OLMo logs).
    static func insertWarmupCorner(_ knots: inout [(Double, Double)]) {
        guard knots.count >= 3, knots[0] == (0, 0), knots[1].0 > 0, knots[1].1 > 0 else { return }
        let slope = knots[1].1 / knots[1].0
        var k = 1
        while k + 1 < knots.count, abs(knots[k + 1].1 - slope * knots[k + 1].0) <= 1e-6 * knots[k + 1].1 { k += 1 }
        guard k + 1 < knots.count else { return }
        let (s1, r1) = knots[k + 1]
        let corner = r1 / slope
        if corner > knots[k].0, corner < s1 { knots.insert((corner, slope * corner), at: k + 1) }
    }

    /// η_s for s = 0…T on straight lines through `knots` (steps increasing), flat beyond them.
    static func piecewiseLinear(_ knots: [(Double, Double)], through last: Int) -> [Double] {
        var rates = [Double](repeating: 0, count: Swift.max(last, 0) + 1)
        var k = 0
        for s in rates.indices {
            let x = Double(s)
            while k + 1 < knots.count, knots[k + 1].0 < x { k += 1 }
            if x <= knots[0].0 {
                rates[s] = knots[0].1
            } else if k + 1 >= knots.count {
                rates[s] = knots[knots.count - 1].1
            } else {
                let (x0, y0) = knots[k], (x1, y1) = knots[k + 1]
                rates[s] = x1 > x0 ? y0 + (y1 - y0) * (x - x0) / (x1 - x0) : y1
            }
        }
        return rates
    }
}
