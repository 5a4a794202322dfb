import Foundation
import NonlinearFit
import ScalingLaws

/// One budget of an iso-FLOP sweep design: the sizes to train and the Approach-2 estimate of
/// N* the design gives when the truth is the current fit.
public struct IsoFlopDesignBudget: Codable, Sendable, Equatable {
    /// The budget `C` in FLOP.
    public var budget: Double
    /// The current fit's compute-optimal size at this budget (C = 6ND).
    public var nStar: Double
    /// Sizes of the design, smallest first, and their tokens D = C/(6N).
    public var sizes: [Double]
    /// The tokens of each size, `D = C/(6N)`.
    public var tokens: [Double]
    /// N̂*/N* − 1 of the parabola vertex on noise-free losses: the design's own bias.
    public var noiseFreeBias: Double?
    /// Median and 5th–95th percentiles of N̂*/N* − 1 over the noisy simulations.
    public var medianBias: Double?
    /// 5th percentile of `N̂*/N* − 1` over the simulations.
    public var bias5: Double?
    /// 95th percentile of `N̂*/N* − 1` over the simulations.
    public var bias95: Double?
    /// Simulations whose parabola had no bracketed minimum.
    public var unbracketed: Int
}

/// An iso-FLOP sweep design for given budgets with its Approach-2 bias, estimated by simulation.
public struct IsoFlopSweepDesign: Codable, Sendable, Equatable {
    /// One design per budget, by increasing budget.
    public var budgets: [IsoFlopDesignBudget]
    /// The true N* ∝ C^a exponent of the fit, a = β/(α+β) (Hoffmann et al. 2022, Eq. 4).
    public var exponent: Double
    /// The exponent fitted through the noise-free and the median simulated vertices.
    public var noiseFreeExponent: Double?
    /// The exponent fitted through the median simulated vertices.
    public var medianExponent: Double?
    /// Noisy simulations run.
    public var simulations: Int
    /// Standard deviation of the Gaussian noise on each simulated loss.
    public var noise: Double
    /// The seed of the simulations.
    public var seed: UInt64
    /// Sizes per budget.
    public var perBudget: Int
    /// The ratio of the largest to the smallest size in each budget.
    public var span: Double
    /// The centre of the sizes as a multiple of `N*(C)`.
    public var centre: Double
}

extension IsoFlopSweepDesign {
    /// Designs `perBudget` sizes per budget, log-spaced and symmetric about `centre`·N*(C)
    /// over a factor `span` (largest/smallest), and estimates the bias of Chinchilla's
    /// Approach 2 (a parabola in log N fitted to each profile, its vertex as N̂*; Hoffmann et al.
    /// 2022, Sec. 3.2) on that design when the truth is `law`: once on noise-free losses (the
    /// design's deterministic bias — the profile L(N, C/6N) is not symmetric in log N) and over
    /// `simulations` draws with Gaussian noise of s.d. `noise` on each loss (seeded).
    ///
    /// - Throws: `PlanningError.invalidValue` for a non-positive budget, span below 1 or fewer
    ///   than three sizes per budget.
    public static func make(law p: ChinchillaParameters, budgets: [Double], perBudget: Int = 7, span: Double = 16,
                            centre: Double = 1, noise: Double = 0.01, simulations: Int = 200, seed: UInt64 = 0) throws -> IsoFlopSweepDesign {
        guard perBudget >= 3 else { throw PlanningError.invalidValue(what: "sizes per budget (at least 3)", value: Double(perBudget)) }
        guard span > 1, span.isFinite else { throw PlanningError.invalidValue(what: "span (above 1)", value: span) }
        guard centre > 0, centre.isFinite else { throw PlanningError.invalidValue(what: "centre", value: centre) }
        guard noise >= 0, noise.isFinite else { throw PlanningError.invalidValue(what: "noise", value: noise) }
        for c in budgets where !(c > 0 && c.isFinite) { throw PlanningError.invalidValue(what: "budget", value: c) }
        let sorted = budgets.sorted()
        var rows: [IsoFlopDesignBudget] = []
        var generator = SeededGenerator(seed: seed)
        var simulatedLogs: [[Double]] = Array(repeating: [], count: sorted.count)
        for (index, c) in sorted.enumerated() {
            let nStar = ChinchillaLaw.computeOptimal(budget: c, parameters: p).parameters
            let sizes = (0..<perBudget).map { i in
                nStar * centre * pow(span, Double(i) / Double(perBudget - 1) - 0.5)
            }
            let tokens = sizes.map { c / (6 * $0) }
            let clean = zip(sizes, tokens).map { ChinchillaLinearisation.loss(n: $0, d: $1, p) }
            let noiseFree = vertex(sizes: sizes, losses: clean).map { $0 / nStar - 1 }
            var biases: [Double] = []
            var unbracketed = 0
            for _ in 0..<simulations {
                let noisy = clean.map { $0 + noise * generator.nextNormal() }
                if let v = vertex(sizes: sizes, losses: noisy) {
                    biases.append(v / nStar - 1)
                    simulatedLogs[index].append(log(v))
                } else {
                    unbracketed += 1
                    simulatedLogs[index].append(.nan)
                }
            }
            biases.sort()
            rows.append(IsoFlopDesignBudget(
                budget: c, nStar: nStar, sizes: sizes, tokens: tokens, noiseFreeBias: noiseFree,
                medianBias: quantile(biases, 0.5), bias5: quantile(biases, 0.05), bias95: quantile(biases, 0.95),
                unbracketed: unbracketed))
        }
        let a = p.beta / (p.alpha + p.beta)
        var noiseFreeExponent: Double?
        var medianExponent: Double?
        if sorted.count >= 2 {
            let logC = sorted.map { log($0) }
            let clean = rows.compactMap { row in row.noiseFreeBias.map { log(row.nStar * (1 + $0)) } }
            if clean.count == sorted.count { noiseFreeExponent = slope(logC, clean) }
            var slopes: [Double] = []
            for s in 0..<simulations {
                let ys = simulatedLogs.map { $0[s] }
                if ys.allSatisfy({ $0.isFinite }) { slopes.append(slope(logC, ys)) }
            }
            slopes.sort()
            medianExponent = quantile(slopes, 0.5)
        }
        return IsoFlopSweepDesign(budgets: rows, exponent: a, noiseFreeExponent: noiseFreeExponent, medianExponent: medianExponent,
                                  simulations: simulations, noise: noise, seed: seed, perBudget: perBudget, span: span, centre: centre)
    }

    /// The vertex of a least-squares parabola in log N, or nil when it is not convex or falls
    /// outside the sizes.
    static func vertex(sizes: [Double], losses: [Double]) -> Double? {
        let xs = sizes.map { log($0) }
        guard let ls = SmallLinearSystem.leastSquares(xs.map { [1, $0, $0 * $0] }, losses, scaleByResiduals: false) else { return nil }
        let c = ls.beta[2], b = ls.beta[1]
        guard c > 0 else { return nil }
        let x = -b / (2 * c)
        guard let lo = xs.min(), let hi = xs.max(), x >= lo, x <= hi else { return nil }
        return exp(x)
    }

    static func slope(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
        return sxy / sxx
    }

    /// Linear-interpolated quantile of sorted values.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = q * Double(sorted.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
