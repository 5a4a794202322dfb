import ScalingLaws

/// The settings of the two-step task prediction (Bhagia et al. 2024, arXiv:2412.04403), with the
/// authors' defaults (their released scripts: `--skip_perc 0.1 --moving_avg 5`, variance over
/// `--last_n_points 10`).
public struct TaskMethod: Sendable, Equatable, Codable {
    /// Step 2: the fraction of each run's first checkpoints left out (⌈f·n⌉ of n), before the
    /// moving average. The paper's 0.1: early checkpoints sit far from the target's loss.
    public var skipFraction: Double = 0.1
    /// The window `w` of the trailing moving average of the task loss and accuracy: step 1's
    /// point of a run is the mean of its last `w` evaluations, and step 2 smooths every run's
    /// checkpoints (after the skip) with the same window (partial windows at the start).
    public var movingAverage: Int = 5
    /// The number of last checkpoints over which the checkpoint noise is measured (the paper's
    /// variance analysis: standard deviation over the last 10 checkpoints of the largest run).
    public var noiseWindow: Int = 10
    /// A task is near chance when the best final accuracy of the ladder exceeds chance by less
    /// than this (absolute accuracy).
    public var chanceMargin: Double = 0.05
    /// A task is too noisy when the checkpoint noise exceeds this fraction of the signal, the
    /// spread (maximum − minimum) of the runs' final accuracies.
    public var maximumNoiseToSignal: Double = 0.10
    /// Bootstrap resamples of runs (0: no intervals).
    public var bootstrap: Int = 200
    /// The bootstrap's seed.
    public var seed: UInt64 = 0
    /// The level of the intervals.
    public var confidenceLevel: Double = 0.95
    /// Chance accuracy by task name prefix; tasks not listed have no chance check unless
    /// ``defaultChance`` is set.
    public var chance: [String: Double] = TaskMethod.olmoChance
    /// Chance accuracy of a task whose prefix is not in ``chance``.
    public var defaultChance: Double? = 0.25

    /// The paper's settings (see each property's default).
    public init() {}

    /// Chance accuracy of the OLMo ladder's ranked-classification tasks (the authors'
    /// `minimums_rc`: 2 choices for PIQA, BoolQ, WinoGrande; 3 for Social IQa; 5 for
    /// CommonsenseQA; 4 otherwise, the default).
    public static let olmoChance: [String: Double] = [
        "piqa": 0.5, "boolq": 0.5, "winogrande": 0.5, "socialiqa": 1.0 / 3.0, "csqa": 0.2,
    ]

    /// The chance accuracy of a task: the longest prefix of its name in ``chance``, else ``defaultChance``.
    public func chance(of task: String) -> Double? {
        let matches = chance.filter { task.hasPrefix($0.key) }.sorted { $0.key.count > $1.key.count }
        return matches.first?.value ?? defaultChance
    }

    /// - Throws: `ScalingLaws/TaskError/invalidSetting(option:value:expected:)`.
    public func validate() throws {
        guard skipFraction >= 0, skipFraction < 1 else {
            throw TaskError.invalidSetting(option: "skip fraction", value: "\(skipFraction)", expected: "a fraction in [0, 1)")
        }
        guard movingAverage >= 1 else {
            throw TaskError.invalidSetting(option: "moving average", value: "\(movingAverage)", expected: "a window of at least 1 checkpoint")
        }
        guard noiseWindow >= 2 else {
            throw TaskError.invalidSetting(option: "noise window", value: "\(noiseWindow)", expected: "at least 2 checkpoints")
        }
        guard bootstrap == 0 || bootstrap >= 10 else {
            throw TaskError.invalidSetting(option: "--bootstrap", value: "\(bootstrap)", expected: "0 (no intervals) or at least 10 resamples")
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw TaskError.invalidSetting(option: "confidence level", value: "\(confidenceLevel)", expected: "a level in (0, 1)")
        }
    }
}
