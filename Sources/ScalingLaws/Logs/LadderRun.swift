/// One training run read from its log and reduced to a point: N, D, C with where each came
/// from, the recognised schedule, and the metric's value.
public struct LadderRun: Sendable, Equatable, Codable {
    /// The run's name: the file name without extension, or `folder/name` when files in
    /// different folders share a name.
    public let run: String
    /// The file it was read from, as given.
    public let path: String
    /// Fields read from the name by the name pattern.
    public let fields: [String: String]
    /// Parameters N and where they came from (`sizes table model_sizes.csv: 190M`).
    public let parameters: Double
    /// Where N came from (`model_sizes.csv: 190M`, `column params`, or `size name 190M`).
    public let parametersSource: String
    /// Tokens D at the point and where they came from.
    public let tokens: Double
    /// Where D came from (`column tokens`, or `step × BATCH_COLUMN`).
    public let tokensSource: String
    /// Training FLOP C at the point and where they came from (`6ND` when nothing better).
    public let compute: Double
    /// Where C came from (`column FLOPS_COLUMN`, `flops_per_token × D (…)`, or `6ND`).
    public let computeSource: String
    /// Logged rows, evaluations of the metric, and the first and last logged steps.
    public let rows: Int
    /// Logged evaluations of the metric (finite values).
    public let evaluations: Int
    /// The first logged step.
    public let firstStep: Double
    /// The last logged step.
    public let lastStep: Double
    /// The recognised learning-rate schedule (`nil` without a learning-rate column).
    public let schedule: RecognizedSchedule?
    /// The metric column and its reduced value, at `step`.
    public let metric: String
    /// The metric reduced to one value (the last evaluation, or the reduction asked for).
    public let value: Double
    /// The step of ``value``.
    public let step: Double
    /// The metric's last logged value.
    public let finalValue: Double
    /// For a WSD decay branch, the constant-rate run it continues (when read with it).
    public var branchOf: String?
    /// The logged curve of the metric, when read with ``LogReadOptions/keepCurves``.
    public var curve: RunCurve?
}
