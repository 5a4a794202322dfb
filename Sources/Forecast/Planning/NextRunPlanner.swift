import Foundation
import NonlinearFit
import ScalingLaws

/// What a plan tries to sharpen: the loss forecast at a budget's compute-optimal allocation,
/// or the compute-optimal size N_opt itself (on a log scale).
public enum PlanTarget: Codable, Sendable, Equatable {
    /// The loss at the compute-optimal allocation of `budget`.
    case loss(budget: Double)
    /// `ln N_opt` at `budget`.
    case nOpt(budget: Double)

    /// The budget `C` in FLOP.
    public var budget: Double {
        switch self {
        case let .loss(c), let .nOpt(c): return c
        }
    }

    /// The target's value under `p`: the loss at (N*, D*), or ln N*.
    public func value(_ p: ChinchillaParameters) -> Double {
        let point = ChinchillaLaw.computeOptimal(budget: budget, parameters: p)
        switch self {
        case .loss: return point.loss
        case .nOpt: return log(point.parameters)
        }
    }

    /// The target in words, for reports.
    public var label: String {
        switch self {
        case let .loss(c): return "loss at the compute-optimal allocation of C = " + String(format: "%.3g", c)
        case let .nOpt(c): return "ln N_opt at C = " + String(format: "%.3g", c)
        }
    }
}

/// One candidate next run and how much it would sharpen the target.
public struct CandidateRun: Codable, Sendable, Equatable {
    /// Parameters `N` of the candidate.
    public var n: Double
    /// Tokens `D` of the candidate.
    public var d: Double
    /// Training compute 6ND (FLOP).
    public var compute: Double
    /// Linearised standard deviation of the target before and after adding the run.
    public var sdBefore: Double
    /// The standard deviation after adding the run.
    public var sdAfter: Double
    /// 1 − Var_after/Var_before.
    public var varianceReduction: Double
    /// Variance reduction per 1e18 FLOP spent.
    public var reductionPerExaFLOP: Double
}

/// Ranks candidate next runs by the expected reduction of the variance of a forecast.
///
/// With the current fit θ̂ of the Chinchilla law, existing runs x_i and loss noise σ, the
/// least-squares covariance of θ̂ is to first order `Σ = σ²·(Σ_i j_i j_iᵀ)⁻¹` with
/// `j = ∂L/∂θ` (the first-order term of the bootstrap variance of the refits), and the
/// forecast T(θ) has variance `gᵀΣg`, `g = ∂T/∂θ`. Adding a run x changes it to (Sherman–Morrison)
///
/// ```
/// Var_after = Var_before − (gᵀ Σ j_x)² / (σ² + j_xᵀ Σ j_x)
/// ```
/// Candidates are ranked by that reduction; `simulate` checks the ranking by refitting
/// simulated data sets (seeded).
public enum NextRunPlanner {
    /// Candidate runs with 6ND ≤ `cap`: sizes log-spaced from the smallest existing N to
    /// `cap`/(6·N·5) (`sizes` of them), each at `ratios` tokens per parameter.
    public static func candidates(existing: [(n: Double, d: Double)], cap: Double, sizes: Int = 16,
                                  ratios: [Double] = [5, 10, 20, 40, 80, 160]) throws -> [(n: Double, d: Double)] {
        guard cap > 0, cap.isFinite else { throw PlanningError.invalidValue(what: "compute cap", value: cap) }
        let smallest = existing.map { 6 * $0.n * $0.d }.min() ?? cap
        guard cap >= smallest else { throw PlanningError.budgetBelowRuns(budget: cap, smallest: smallest) }
        let nMin = existing.map(\.n).min() ?? 1e7
        let nMax = (cap / (6 * 5)).squareRoot()
        guard nMax > nMin else { return [] }
        var out: [(Double, Double)] = []
        for i in 0..<sizes {
            let n = nMin * pow(nMax / nMin, Double(i) / Double(max(sizes - 1, 1)))
            for r in ratios where 6 * n * (r * n) <= cap * (1 + 1e-12) {
                out.append((n, r * n))
            }
        }
        return out
    }

    /// The linearised covariance factor `(Σ_i j_i j_iᵀ)⁻¹` (multiply by σ²), or nil when the
    /// existing runs do not identify the five parameters.
    static func information(_ runs: [(n: Double, d: Double)], _ p: ChinchillaParameters) -> [[Double]]? {
        var f = Array(repeating: Array(repeating: 0.0, count: 5), count: 5)
        for r in runs {
            let j = ChinchillaLinearisation.gradient(n: r.n, d: r.d, p)
            for a in 0..<5 { for b in 0..<5 { f[a][b] += j[a] * j[b] } }
        }
        return SmallLinearSystem.inverse(f)
    }

    /// ∂T/∂θ by central differences.
    static func targetGradient(_ target: PlanTarget, _ p: ChinchillaParameters) -> [Double] {
        let t = ChinchillaLinearisation.theta(p)
        return (0..<5).map { k in
            let h = 1e-5 * max(1, abs(t[k]))
            var up = t, down = t
            up[k] += h
            down[k] -= h
            return (target.value(ChinchillaLinearisation.parameters(up)) - target.value(ChinchillaLinearisation.parameters(down))) / (2 * h)
        }
    }

    /// The candidates ranked by the variance reduction of `target`, best first.
    ///
    /// - Throws: `PlanningError.unsupportedLaw` when the existing runs do not identify the law
    ///   (fewer than five distinct (N, D) or a singular design).
    public static func rank(law p: ChinchillaParameters, existing: [(n: Double, d: Double)], noise: Double,
                            target: PlanTarget, candidates: [(n: Double, d: Double)]) throws -> [CandidateRun] {
        guard noise > 0, noise.isFinite else { throw PlanningError.invalidValue(what: "loss noise σ", value: noise) }
        guard let inv = information(existing, p) else {
            throw PlanningError.unsupportedLaw(law: "chinchilla", needed: "the existing runs do not identify its five parameters (too few distinct N and D)")
        }
        let sigma = inv.map { $0.map { $0 * noise * noise } }
        let g = targetGradient(target, p)
        let before = SmallLinearSystem.quadraticForm(g, sigma)
        var out: [CandidateRun] = []
        for c in candidates {
            let j = ChinchillaLinearisation.gradient(n: c.n, d: c.d, p)
            var gj = 0.0
            var sj = Array(repeating: 0.0, count: 5)
            for a in 0..<5 { for b in 0..<5 { sj[a] += sigma[a][b] * j[b] } }
            for a in 0..<5 { gj += g[a] * sj[a] }
            var jsj = 0.0
            for a in 0..<5 { jsj += j[a] * sj[a] }
            let after = max(0, before - gj * gj / (noise * noise + jsj))
            let reduction = before > 0 ? 1 - after / before : 0
            let compute = 6 * c.n * c.d
            out.append(CandidateRun(n: c.n, d: c.d, compute: compute, sdBefore: before.squareRoot(), sdAfter: after.squareRoot(),
                                    varianceReduction: reduction, reductionPerExaFLOP: reduction / (compute / 1e18)))
        }
        out.sort { $0.varianceReduction > $1.varianceReduction }
        return out
    }

    /// The run a ladder would train next without a plan: the next size up (2× the largest
    /// existing N) at the median tokens per parameter of the existing runs, shrunk to fit the
    /// cap if needed.
    public static func naive(existing: [(n: Double, d: Double)], cap: Double) -> (n: Double, d: Double) {
        let ratios = existing.map { $0.d / $0.n }.sorted()
        let ratio = ratios.isEmpty ? 20 : ratios[ratios.count / 2]
        var n = 2 * (existing.map(\.n).max() ?? 1e8)
        if 6 * n * ratio * n > cap { n = (cap / (6 * ratio)).squareRoot() }
        return (n, ratio * n)
    }
}

/// The spread of a forecast over simulated refits, before and after adding each of some runs.
public struct PlanSimulation: Codable, Sendable, Equatable {
    /// One column of the simulation: the existing runs alone, or with one added run.
    public struct Row: Codable, Sendable, Equatable {
        /// The column's label in reports (the existing runs, or the added run).
        public var label: String
        /// Parameters of the added run, or `nil` for the existing runs alone.
        public var n: Double?
        /// Tokens of the added run, or `nil`.
        public var d: Double?
        /// Width of the central 95% of the refitted target (2.5th to 97.5th percentile).
        public var width: Double
        /// Standard deviation of the refitted target.
        public var sd: Double
        /// Refits that converged.
        public var fits: Int
    }
    /// The columns: the existing runs alone first, then each added run.
    public var rows: [Row]
    /// Simulated data sets.
    public var simulations: Int
    /// The seed of the simulations.
    public var seed: UInt64
    /// Standard deviation σ of the noise on each loss.
    public var noise: Double
    /// The target whose refits are measured.
    public var target: PlanTarget
}

extension NextRunPlanner {
    /// Simulates `simulations` data sets from `law` at the existing runs (Gaussian noise σ on
    /// each loss, seeded), refits the Chinchilla law to each (least squares, started at the
    /// truth), and measures the central 95% width of the target's refits with the existing runs
    /// only and with each added run (the same draws for the existing runs in every column).
    public static func simulate(law p: ChinchillaParameters, existing: [(n: Double, d: Double)], noise: Double,
                                target: PlanTarget, added: [(label: String, n: Double, d: Double)],
                                simulations: Int = 100, seed: UInt64 = 0) -> PlanSimulation {
        var generator = SeededGenerator(seed: seed)
        var values: [[Double]] = Array(repeating: [], count: added.count + 1)
        let law = ChinchillaLaw()
        var options = LawFitOptions(objective: .leastSquares, starts: .single)
        options.start = p.vector
        options.intervals = .linearized
        func refit(_ rows: [(n: Double, d: Double, loss: Double)]) -> Double? {
            guard let data = try? Dataset(columns: ["N": rows.map(\.n), "D": rows.map(\.d), "loss": rows.map(\.loss)]),
                  let fit = try? LawFitter.fit(law, to: data, options: options), fit.statistics.converged else { return nil }
            let v = fit.values
            let q = ChinchillaParameters(e: v[0], a: v[1], b: v[2], alpha: v[3], beta: v[4])
            let t = target.value(q)
            return t.isFinite ? t : nil
        }
        for _ in 0..<simulations {
            let base = existing.map { ($0.n, $0.d, ChinchillaLinearisation.loss(n: $0.n, d: $0.d, p) + noise * generator.nextNormal()) }
            let extras = added.map { ChinchillaLinearisation.loss(n: $0.n, d: $0.d, p) + noise * generator.nextNormal() }
            if let t = refit(base) { values[0].append(t) }
            for (k, run) in added.enumerated() {
                if let t = refit(base + [(run.n, run.d, extras[k])]) { values[k + 1].append(t) }
            }
        }
        func row(_ label: String, _ n: Double?, _ d: Double?, _ xs: [Double]) -> PlanSimulation.Row {
            let s = xs.sorted()
            let lo = IsoFlopSweepDesign.quantile(s, 0.025) ?? .nan, hi = IsoFlopSweepDesign.quantile(s, 0.975) ?? .nan
            let mean = s.reduce(0, +) / Double(max(s.count, 1))
            let sd = (s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(s.count - 1, 1))).squareRoot()
            return PlanSimulation.Row(label: label, n: n, d: d, width: hi - lo, sd: sd, fits: s.count)
        }
        var rows = [row("existing runs only", nil, nil, values[0])]
        for (k, run) in added.enumerated() { rows.append(row(run.label, run.n, run.d, values[k + 1])) }
        return PlanSimulation(rows: rows, simulations: simulations, seed: seed, noise: noise, target: target)
    }
}
