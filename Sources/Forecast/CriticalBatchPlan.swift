import Foundation
import ScalingLaws

/// Kaplan et al. 2020's critical batch size and the step, data and compute conversions that go
/// with it ("Scaling Laws for Neural Language Models", arXiv:2001.08361, eq 1.4 and
/// eqs 5.2–5.5), for a list of losses:
///
/// ```
/// B_crit(L) = B_* / L^(1/α_B)                 B_* = 2e8 tokens, α_B = 0.21   (eq 1.4)
/// S_min     = S / (1 + B_crit(L)/B)           steps at B → minimum steps       (eq 5.4)
/// E_min     = E / (1 + B/B_crit(L))           tokens E = B·S → minimum tokens  (eq 5.3)
/// C_min     = C / (1 + B/B_crit(L))           compute at B → minimum compute   (eq 5.5)
/// ```
/// `L` in nats/token on Kaplan et al.'s WebText2 (the constants do not transfer to other data
/// or tokenizers), `B` and `B_crit` in tokens, `C` in FLOP (`C = 6·N·B·S` when `N`, `B` and
/// `S` are given without `C`).
public struct CriticalBatchPlan: Sendable, Equatable {
    /// One loss.
    public struct Row: Sendable, Equatable {
        /// The loss `L`, nats/token.
        public let loss: Double
        /// `B_crit(L)`, tokens.
        public let criticalBatch: Double
        /// `S_min`, with steps and batch size.
        public let minimumSteps: Double?
        /// `E_min`, with steps and batch size.
        public let minimumTokens: Double?
        /// `C_min`, with compute (or N, B, S) and batch size.
        public let minimumCompute: Double?
        /// `B/B_crit`: above 1 the run trades compute for time, below 1 time for compute.
        public let batchRatio: Double?
    }

    /// `B_*`, tokens.
    public let bStar: Double
    /// `α_B`.
    public let alphaB: Double
    /// The run's batch size in tokens, steps, compute (FLOP) and parameters, as given.
    public let batchSize: Double?
    /// The run's steps `S`, as given.
    public let steps: Double?
    /// The run's compute `C` in FLOP, as given or derived.
    public let compute: Double?
    /// The run's parameters `N`, as given.
    public let parameters: Double?
    /// Whether `compute` was derived as `6·N·B·S`.
    public let computeDerived: Bool
    /// One row per loss, in the order given.
    public let rows: [Row]

    /// The conversions at each loss.
    /// - Throws: ``CriticalBatchError`` for a non-positive value or steps without a batch size.
    public init(
        losses: [Double], batchSize: Double? = nil, steps: Double? = nil, compute: Double? = nil, parameters: Double? = nil,
        bStar: Double = KaplanConstants.publishedBStar, alphaB: Double = KaplanConstants.publishedAlphaB
    ) throws {
        guard !losses.isEmpty else { throw CriticalBatchError.noLoss }
        for (name, value) in [("--target-loss", losses.min()), ("--batch-size", batchSize), ("--steps", steps), ("--compute", compute),
                              ("--n", parameters), ("--b-star", bStar), ("--alpha-b", alphaB)] {
            if let value, !(value.isFinite && value > 0) { throw CriticalBatchError.notPositive(option: name, value: value) }
        }
        if batchSize == nil, steps != nil || compute != nil {
            throw CriticalBatchError.needsBatchSize(option: steps != nil ? "--steps" : "--compute")
        }
        if parameters != nil, compute != nil { throw CriticalBatchError.both }
        if parameters != nil, steps == nil { throw CriticalBatchError.needsSteps }
        self.bStar = bStar
        self.alphaB = alphaB
        self.batchSize = batchSize
        self.steps = steps
        self.parameters = parameters
        var c = compute
        var derived = false
        if c == nil, let n = parameters, let b = batchSize, let s = steps {
            c = KaplanConstants.trainingCompute(parameters: n, batchSize: b, steps: s)
            derived = true
        }
        self.compute = c
        self.computeDerived = derived
        self.rows = losses.map { loss in
            let bCrit = KaplanConstants.criticalBatch(loss: loss, bStar: bStar, alphaB: alphaB)
            var sMin: Double? = nil, eMin: Double? = nil, cMin: Double? = nil
            if let b = batchSize, let s = steps {
                sMin = KaplanConstants.minimumSteps(steps: s, batchSize: b, loss: loss, bStar: bStar, alphaB: alphaB)
                eMin = b * s / (1 + b / bCrit)
            }
            if let b = batchSize, let c {
                cMin = KaplanConstants.minimumCompute(compute: c, batchSize: b, loss: loss, bStar: bStar, alphaB: alphaB)
            }
            return Row(loss: loss, criticalBatch: bCrit, minimumSteps: sMin, minimumTokens: eMin, minimumCompute: cMin,
                       batchRatio: batchSize.map { $0 / bCrit })
        }
    }
}

/// Why a critical-batch conversion cannot be made. Each prints as one line naming the option.
public enum CriticalBatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `--target-loss` was given.
    case noLoss
    /// `option` was given a value that is not positive.
    case notPositive(option: String, value: Double)
    /// `option` was given without `--batch-size`, which the conversion needs.
    case needsBatchSize(option: String)
    /// `--n` was given without `--steps` and `--batch-size` (`C = 6·N·B·S` needs both).
    case needsSteps
    /// Both `--compute` and `--n` were given.
    case both

    public var description: String {
        switch self {
        case .noLoss:
            return "give at least one --target-loss (nats/token)"
        case let .notPositive(option, value):
            return "invalid \(option) \(value): expected a positive number"
        case let .needsBatchSize(option):
            return "\(option) needs --batch-size (tokens per step) to convert to S_min or C_min"
        case .needsSteps:
            return "--n needs --steps and --batch-size (C = 6·N·B·S)"
        case .both:
            return "give at most one of --compute and --n (with --n the compute is 6·N·B·S)"
        }
    }
}
