import Foundation
import ScalingLaws

/// The two steps of the task prediction of Bhagia et al. 2024 (arXiv:2412.04403; forms as in the authors' `fitting_functions.py`), fitted
/// on a multiset of runs (a bootstrap resample repeats runs):
///
/// ```
/// step 1 (final points):         L(N, D) = E + A/N^α + B/D^β
///                                 (Huber, δ = 1e-3, on log residuals: Hoffmann et al. 2022)
/// step 2 (checkpoints):           Acc(L) = a/(1 + exp(−k(L − L0))) + b     (least squares)
/// chain:                          Acc(N, D) = Acc(L(N, D))
/// ```
public struct TaskChainFit: Sendable {
    /// Step 1: the Chinchilla law of the task loss, fitted on the runs' final points.
    public let step1: LawFit
    /// Step 2: the sigmoid of accuracy in the task loss, fitted on every checkpoint.
    public let step2: LawFit
    /// The root mean square of step 2's residuals `Acc − Acc(L)` over its points: the scatter
    /// of the accuracy around the sigmoid.
    public let step2Residual: Double
    /// Points step 2 was fitted on.
    public let step2Points: Int

    static let lossLaw = ChinchillaLaw()
    static let accuracyLaw = LossToAccuracyLaw()

    /// Fits both steps on the points of `runs` (indices into the ladder; repeats allowed).
    /// - Throws: `ScalingLaws/TaskError/tooFewRuns(task:step:runs:needed:)` and the fitter's errors.
    /// - Parameters:
    ///   - points: The task's final points and checkpoints.
    ///   - runs: The runs to fit on, as indices into the ladder (repeats allowed, for resampling).
    ///   - seed: The seed of the start search.
    ///   - warmStart: a fit whose parameters start both steps' solvers (a single start, no start
    ///     search): bootstrap refits start from the full-data optimum.
    public static func fit(_ points: TaskPoints, runs: [Int], seed: UInt64 = 0, warmStart: TaskChainFit? = nil) throws -> TaskChainFit {
        let finals = runs.compactMap { r in points.finals.first { $0.run == r } }
        let checkpoints = runs.flatMap { points.checkpoints[$0] }
        guard finals.count >= 5 else {
            throw TaskError.tooFewRuns(task: points.task, step: "step 1 (task loss from N, D)", runs: finals.count, needed: 5)
        }
        guard checkpoints.count >= 4 else {
            throw TaskError.tooFewRuns(task: points.task, step: "step 2 (accuracy from task loss)", runs: checkpoints.count, needed: 4)
        }
        let step1 = try fitStep1(finals, task: points.task, seed: seed, start: warmStart?.step1.values)
        let step2 = try fitStep2(
            loss: checkpoints.map(\.loss), accuracy: checkpoints.map(\.accuracy), task: points.task, seed: seed, start: warmStart?.step2.values)
        var sum = 0.0
        for c in checkpoints {
            let r = c.accuracy - accuracyLaw.evaluate([c.loss], step2.values)
            sum += r * r
        }
        return TaskChainFit(step1: step1, step2: step2, step2Residual: (sum / Double(checkpoints.count)).squareRoot(),
                            step2Points: checkpoints.count)
    }

    /// Step 1 on final points.
    static func fitStep1(_ finals: [TaskPoints.Final], task: String, seed: UInt64, start: [Double]? = nil) throws -> LawFit {
        let data = try Dataset(source: "task \(task)", columns: [
            "N": finals.map(\.parameters), "D": finals.map(\.tokens), "loss": finals.map(\.loss),
        ])
        var options = LawFitOptions(objective: lossLaw.defaultObjective, starts: start == nil ? .automatic : .single, seed: seed)
        options.start = start
        options.intervals = .linearized
        return try LawFitter.fit(lossLaw, to: data, options: options)
    }

    /// Step 2 on (loss, accuracy) pairs.
    static func fitStep2(loss: [Double], accuracy: [Double], task: String, seed: UInt64, start: [Double]? = nil) throws -> LawFit {
        let data = try Dataset(source: "task \(task)", columns: ["loss": loss, "score": accuracy])
        var options = LawFitOptions(objective: .leastSquares, starts: start == nil ? .automatic : .single, seed: seed)
        options.start = start
        options.intervals = .linearized
        return try LawFitter.fit(accuracyLaw, to: data, options: options)
    }

    /// Step 1's task loss at `(n, d)`.
    public func loss(parameters n: Double, tokens d: Double) -> Double {
        Self.lossLaw.evaluate([n, d], step1.values)
    }

    /// The chained accuracy at `(n, d)`.
    public func accuracy(parameters n: Double, tokens d: Double) -> Double {
        Self.accuracyLaw.evaluate([loss(parameters: n, tokens: d)], step2.values)
    }
}

/// The paper's variants of the prediction (Bhagia et al. 2024), for comparison with the
/// two-step chain.
public enum TaskVariant {
    /// Single step: accuracy straight from `(N, D)` on the final points, the authors'
    /// `combined_fit` (`single_step.py`):
    ///
    /// ```
    /// Acc(N, D) = p/(1 + exp(−(A/N^α + B/D^β + E))) + q,   p ∈ [−1, 0], q ∈ [0, 1]
    /// ```
    public static func singleStepLaw(chance: Double) throws -> FormulaLaw {
        let start = chance - 1
        let definition = FormulaLawDefinition(
            formula: "score = p/(1 + exp(-(A/N^alpha + B/D^beta + E))) + q", inputs: ["N", "D"], response: "score",
            declarations: [
                FormulaParameterDeclaration("A", lowerBound: 0, start: .value(20)),
                FormulaParameterDeclaration("B", lowerBound: 0, start: .value(150)),
                FormulaParameterDeclaration("alpha", lowerBound: 0, upperBound: 2, start: .value(0.2)),
                FormulaParameterDeclaration("beta", lowerBound: 0, upperBound: 2, start: .value(0.3)),
                FormulaParameterDeclaration("E", start: .value(0)),
                FormulaParameterDeclaration("p", lowerBound: -1, upperBound: 0, start: .value(start)),
                FormulaParameterDeclaration("q", lowerBound: 0, upperBound: 1, start: .value(1)),
            ])
        return try FormulaLaw(definition)
    }

    /// The single-step fit on the final points of `runs`.
    public static func singleStep(_ points: TaskPoints, runs: [Int], chance: Double) throws -> (law: FormulaLaw, fit: LawFit) {
        let finals = runs.compactMap { r in points.finals.first { $0.run == r } }
        let law = try singleStepLaw(chance: chance)
        let data = try Dataset(source: "task \(points.task)", columns: [
            "N": finals.map(\.parameters), "D": finals.map(\.tokens), "score": finals.map(\.accuracy),
        ])
        var options = LawFitOptions(objective: .leastSquares, starts: .single)
        options.intervals = .linearized
        return (law, try LawFitter.fit(law, to: data, options: options))
    }

    /// Step 2 fitted on the final points only (one per run) instead of every checkpoint.
    public static func finalOnlyStep2(_ points: TaskPoints, runs: [Int]) throws -> LawFit {
        let finals = runs.compactMap { r in points.finals.first { $0.run == r } }
        return try TaskChainFit.fitStep2(loss: finals.map(\.loss), accuracy: finals.map(\.accuracy), task: points.task, seed: 0)
    }
}
