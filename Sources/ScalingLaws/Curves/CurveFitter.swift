import Foundation

/// Fits a schedule-aware law (``CurveLaw``) to the loss curves of runs of one model size (for
/// example the constant-rate run and the cosine run), and bootstraps it by run.
///
/// The law's per-step inputs are computed once per run: S1 and S2 (``ScheduleAreas``) for
/// lr-annealing, ``MultiPowerTerms`` for multi-power. By default each run's warm-up steps are
/// left out (steps ≤ ``StepSchedule/warmupSteps``): the laws describe the loss after the rate
/// reaches its peak (Tissue et al. 2024 and Luo et al. 2025 fit after the warm-up).
public enum CurveFitter {
    /// The settings of a curve fit unless others are given: least squares from the law's
    /// linear-least-squares start grid (``LawStartStrategy/single``), stopping when a step
    /// lowers the objective by less than 1e-8 of its value (``LawFitOptions/objectiveTolerance``).
    ///
    /// The tolerance matters for multi-power on real logs: on the OLMo ladder its optimum lies
    /// at a limit (β → 0 with B·β fixed, where G(x) ≈ β·ln(1 + C·x)), and without it each fit
    /// walks that valley to the 1,000-iteration limit, its objective falling by 1e-8 to 1e-10
    /// per step and its predictions changing by less than 1e-5 (a calibrated fit of the 1B
    /// constant and cosine curves: 161 s without the tolerance, 35 s with it). Well-determined
    /// fits (lr-annealing, 6 steps or fewer) move by about 1e-10.
    public static let defaultOptions: LawFitOptions = {
        var options = LawFitOptions(objective: .leastSquares, starts: .single)
        options.objectiveTolerance = 1e-8
        return options
    }()

    /// The dataset a law is fitted to: its inputs per logged step of each curve, after the first
    /// step kept.
    static func dataset(_ curves: [LossCurve], law: CurveLaw, firstSteps: [Int]) throws -> (Dataset, any ScalingLaw) {
        var columns: [String: [Double]] = ["loss": []]
        let model: any ScalingLaw
        switch law {
        case let .lrAnnealing(lambda):
            model = LRAnnealingLaw(lambda: lambda)
            columns["S1"] = []
            columns["S2"] = []
            for (curve, first) in zip(curves, firstSteps) {
                let areas = ScheduleAreas(curve.schedule, lambda: lambda)
                for (s, y) in zip(curve.steps, curve.losses) where s >= first && s >= 1 {
                    columns["S1", default: []].append(areas.forward[s])
                    columns["S2", default: []].append(areas.annealing[s])
                    columns["loss", default: []].append(y)
                }
            }
        case .multiPower:
            model = MultiPowerLaw(curves: curves.map { MultiPowerTerms($0.schedule) })
            columns["curve"] = []
            columns["step"] = []
            for (r, (curve, first)) in zip(curves, firstSteps).enumerated() {
                for (s, y) in zip(curve.steps, curve.losses) where s >= first && s >= 1 {
                    columns["curve", default: []].append(Double(r))
                    columns["step", default: []].append(Double(s))
                    columns["loss", default: []].append(y)
                }
            }
        }
        let source = curves.map(\.run).joined(separator: "+")
        return (try Dataset(source: source.isEmpty ? "curves" : source, columns: columns), model)
    }

    /// Fits `law` to `curves`.
    ///
    /// - Parameters:
    ///   - curves: Runs of one model size.
    ///   - law: The law.
    ///   - firstSteps: The first step kept per run; `nil` keeps the steps after each warm-up.
    ///   - options: Fit options (default ``defaultOptions``).
    /// - Throws: ``DataError`` when too few points remain (a curve too short to fit), the errors
    ///   of ``LawFitter/fit(_:to:options:)``.
    public static func fit(_ curves: [LossCurve], law: CurveLaw, firstSteps: [Int]? = nil,
                           options: LawFitOptions = CurveFitter.defaultOptions) throws -> CurveFit {
        let firsts = firstSteps ?? curves.map { $0.schedule.warmupSteps + 1 }
        let (data, model) = try dataset(curves, law: law, firstSteps: firsts)
        let fit = try LawFitter.fit(model, to: data, options: options)
        return CurveFit(law: law, fit: fit, runs: curves.map(\.run), firstSteps: firsts, points: data.count)
    }

    /// Fits lr-annealing at each momentum in `lambdas` and keeps the fit of least objective (λ
    /// fitted by profiling).
    public static func fitProfilingLambda(_ curves: [LossCurve], lambdas: [Double] = [0.99, 0.995, 0.999, 0.9995],
                                          firstSteps: [Int]? = nil) throws -> CurveFit {
        var best: CurveFit?
        for lambda in lambdas {
            let fit = try fit(curves, law: .lrAnnealing(lambda: lambda), firstSteps: firstSteps)
            if best.map({ fit.fit.statistics.objective < $0.fit.statistics.objective }) ?? true { best = fit }
        }
        guard let best else { throw LawFitError.invalidOption("no momentum λ to profile") }
        return best
    }

    /// A bootstrap by run: `replicates` resamples of the runs with replacement, each refitted
    /// and passed to `statistic`; replicates whose fit fails (a resample of one schedule shape
    /// cannot identify the annealing term) are skipped.
    ///
    /// - Returns: The statistic of each successful replicate.
    public static func bootstrap(_ curves: [LossCurve], law: CurveLaw, replicates: Int, seed: UInt64,
                                 statistic: (CurveFit) -> Double) -> [Double] {
        var rng = SplitMix64(seed: seed)
        var out: [Double] = []
        for _ in 0..<replicates {
            let sample = curves.indices.map { _ in curves[Int(rng.next() % UInt64(curves.count))] }
            guard Set(sample.map(\.run)).count > 1, let fit = try? fit(sample, law: law) else { continue }
            let value = statistic(fit)
            if value.isFinite { out.append(value) }
        }
        return out
    }
}

/// SplitMix64 (Steele et al. 2014): a small seeded generator for resampling runs.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
