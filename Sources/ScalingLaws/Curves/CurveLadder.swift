import Foundation

/// One model size of a curve-law ladder: its curve fit and what turns its steps into tokens.
public struct CurveLadderSize: Sendable, Equatable {
    /// A name for the size (its runs, or its name in a sizes table).
    public let name: String
    /// Model parameters N.
    public let parameters: Double
    /// Training tokens per optimizer step (the batch size in tokens).
    public let tokensPerStep: Double
    /// The warm-up steps and peak rate of its fitted runs (the schedules it predicts keep them).
    public let warmup: Int
    public let peak: Double
    /// The curve law fitted to the size's runs.
    public let fit: CurveFit

    /// Creates a size.
    ///
    /// - Parameters:
    ///   - name: The size's name.
    ///   - parameters: N.
    ///   - tokensPerStep: Tokens per step.
    ///   - warmup: Warm-up steps of its schedules.
    ///   - peak: Peak rate of its schedules.
    ///   - fit: Its curve fit.
    public init(name: String, parameters: Double, tokensPerStep: Double, warmup: Int, peak: Double, fit: CurveFit) {
        self.name = name
        self.parameters = parameters
        self.tokensPerStep = tokensPerStep
        self.warmup = warmup
        self.peak = peak
        self.fit = fit
    }
}

/// A final loss a curve-law ladder predicts: a size, a schedule's length in tokens, and the
/// predicted loss at its last step with its intervals.
public struct CurveLadderPoint: Sendable, Equatable, Codable {
    /// The size's name.
    public let size: String
    /// Model parameters N.
    public let parameters: Double
    /// Training tokens D = T · tokens per step.
    public let tokens: Double
    /// The schedule's last step T.
    public let steps: Int
    /// The prediction at step T (``CurvePrediction``).
    public let prediction: CurvePrediction
}

/// Across sizes (issue: whole loss curves, item 6): per-size curve-law fits of a ladder of
/// constant-rate runs (with their decay branches or cosine runs) predict each size's annealed
/// final loss at any token budget, and those points feed the final-loss laws (Hoffmann et al.
/// 2022, arXiv:2203.15556, eq. 2, `L(N, D) = E + A/N^α + B/D^β`), so a ladder of constant runs
/// stands in for a grid of separately annealed runs (as Tissue et al. 2024, arXiv:2408.11029,
/// §5, and Luo et al. 2025, arXiv:2503.12811, fit once and predict many schedules).
///
/// The final loss of a schedule of T steps at size N is the curve law at T (``CurveFit/predictions(_:at:observed:)``),
/// at D = T·(tokens per step).
public enum CurveLadder {
    /// Fits `law` to each size's runs.
    ///
    /// - Parameters:
    ///   - sizes: Per size: its name, N, tokens per step and its runs' curves (for example the
    ///     constant run and the cosine run).
    ///   - law: The curve law.
    ///   - calibrated: Estimate each fit's held-out-end model error (``CurveFitter/fitCalibrated(_:law:cuts:options:)``).
    /// - Returns: One ``CurveLadderSize`` per size, in order; its warm-up and peak are those of
    ///   its first run's schedule.
    /// - Throws: The errors of ``CurveFitter/fit(_:law:firstSteps:options:)``.
    public static func fit(_ sizes: [(name: String, parameters: Double, tokensPerStep: Double, curves: [LossCurve])], law: CurveLaw,
                           calibrated: Bool = true) throws -> [CurveLadderSize] {
        try sizes.map { size in
            let fit = calibrated ? try CurveFitter.fitCalibrated(size.curves, law: law) : try CurveFitter.fit(size.curves, law: law)
            let first = size.curves.first?.schedule
            return CurveLadderSize(name: size.name, parameters: size.parameters, tokensPerStep: size.tokensPerStep,
                                   warmup: first?.warmupSteps ?? 0, peak: first?.peak ?? 0, fit: fit)
        }
    }

    /// The final losses of `schedules` at one size.
    ///
    /// - Parameters:
    ///   - size: The size.
    ///   - schedules: Schedules of the size (logged or planned); each predicted at its last step.
    /// - Returns: One point per schedule, D = T · tokens per step.
    public static func finalLosses(of size: CurveLadderSize, schedules: [StepSchedule]) -> [CurveLadderPoint] {
        schedules.compactMap { schedule in
            guard let p = size.fit.predictions(schedule, at: [schedule.lastStep]).first else { return nil }
            return CurveLadderPoint(size: size.name, parameters: size.parameters, tokens: Double(schedule.lastStep) * size.tokensPerStep,
                                    steps: schedule.lastStep, prediction: p)
        }
    }

    /// The final losses of a planned schedule shape at token budgets D = r·N for each ratio r
    /// in `tokensPerParameter`, at every size: T = ⌊D / tokens per step⌉ steps of `shape`, with
    /// the size's warm-up and peak.
    ///
    /// - Parameters:
    ///   - sizes: The sizes.
    ///   - shape: The schedule's shape and final ratio (its warm-up, peak and steps are replaced).
    ///   - tokensPerParameter: The ratios D/N.
    /// - Returns: The points, size by size, ratio by ratio.
    /// - Throws: ``ScheduleError/invalidSpecification(specification:reason:)`` when a budget is no
    ///   longer than the size's warm-up.
    public static func finalLosses(_ sizes: [CurveLadderSize], shape: ScheduleSpecification, tokensPerParameter: [Double]) throws -> [CurveLadderPoint] {
        try sizes.flatMap { size in
            let schedules = try tokensPerParameter.map { ratio -> StepSchedule in
                var specification = shape
                specification.warmup = size.warmup
                specification.peak = size.peak
                let steps = Int((ratio * size.parameters / size.tokensPerStep).rounded())
                return try specification.schedule(steps: steps)
            }
            return finalLosses(of: size, schedules: schedules)
        }
    }

    /// The points as a dataset of N, D and loss (the predicted final losses), for the final-loss
    /// laws (`LawFitter.fit(ChinchillaLaw(), to:)`).
    ///
    /// - Parameters:
    ///   - points: The predicted final losses.
    ///   - source: The dataset's source name.
    /// - Returns: Columns `N`, `D`, `loss`.
    /// - Throws: ``DataError`` when there are no points.
    public static func dataset(_ points: [CurveLadderPoint], source: String = "curve-law final losses") throws -> Dataset {
        try Dataset(source: source, columns: [
            "N": points.map(\.parameters), "D": points.map(\.tokens), "loss": points.map(\.prediction.predicted),
        ])
    }
}

extension CurveLadder {
    /// Fits `law` per model size of a ladder read from logs: the curves are grouped by their
    /// runs' N (``LadderRun/parameters``), and each size's tokens per step is its runs' tokens
    /// over the step they were read at (``LadderRun/tokens`` / ``LadderRun/step``).
    ///
    /// - Parameters:
    ///   - curves: The runs' curves (``LossCurve/readLinked(_:metric:learningRateColumn:stepColumn:ladder:parents:)``).
    ///   - runs: The same runs read as a ladder, in the same order.
    ///   - law: The curve law.
    ///   - calibrated: Estimate each fit's held-out-end model error.
    /// - Returns: One size per distinct N, smallest first, named by its runs' `size` field (read
    ///   by a name pattern with `{size}`), else by its runs.
    /// - Throws: ``DataError/columnLengthMismatch(source:column:expected:got:)`` when the runs and
    ///   curves differ in number, ``DataError/noColumnForTokens(source:flag:available:)`` when a
    ///   size has no positive tokens per step; the errors of ``fit(_:law:calibrated:)``.
    public static func fit(_ curves: [LossCurve], runs: [LadderRun], law: CurveLaw, calibrated: Bool = true) throws -> [CurveLadderSize] {
        guard curves.count == runs.count else {
            throw DataError.columnLengthMismatch(source: "logs", column: "curves", expected: runs.count, got: curves.count)
        }
        let ns = Array(Set(runs.map(\.parameters))).sorted()
        let groups = try ns.map { n -> (name: String, parameters: Double, tokensPerStep: Double, curves: [LossCurve]) in
            let members = runs.indices.filter { runs[$0].parameters == n }
            let rates = members.compactMap { i -> Double? in
                let r = runs[i].tokens / runs[i].step
                return r.isFinite && r > 0 ? r : nil
            }
            guard let tokensPerStep = rates.first else {
                throw DataError.noColumnForTokens(source: members.first.map { runs[$0].path } ?? "logs", flag: "--tokens-column", available: [])
            }
            let named = Set(members.compactMap { runs[$0].fields["size"] })
            let name = named.count == 1 ? named.first ?? "" : members.map { runs[$0].run }.joined(separator: "+")
            return (name, n, tokensPerStep, members.map { curves[$0] })
        }
        return try fit(groups, law: law, calibrated: calibrated)
    }
}
