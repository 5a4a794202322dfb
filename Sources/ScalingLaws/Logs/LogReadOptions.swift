/// How training logs become points: where N, D and C come from, which metric, and how each
/// run's series is reduced.
public struct LogReadOptions: Sendable, Equatable, Codable {
    /// The response: a column name or a glob (`eval/*/CrossEntropyLoss`); one column per run.
    public var metric: String
    /// Reads fields (such as the size) from each run's name.
    public var namePattern: RunNamePattern?
    /// The pattern field holding the size name joined to the sizes table.
    public var sizeField: String = "size"
    /// Read a size name such as `190M` as a parameter count (with a warning).
    public var sizeNamesAsNumbers = false
    /// A column holding N (its last value is used).
    public var parameterColumn: String?
    /// The step column, or `nil` to recognise one (``TrainingLog/stepColumnNames``).
    public var stepColumn: String?
    /// The tokens-seen column, or `nil` to recognise one (``tokensColumnNames``).
    public var tokensColumn: String?
    /// The batch size in tokens, as a column, for D = step × batch when no tokens column exists.
    public var batchTokensColumn: String?
    /// The cumulative training FLOP column, or `nil` to recognise one (``flopsColumnNames``).
    public var flopsColumn: String?
    /// FLOP per unit of the FLOP column (`1e9` for GFLOP); `nil` reads it from the name.
    public var flopsUnit: Double?
    /// The learning-rate column, or `nil` to recognise one (``learningRateColumnNames``).
    public var learningRateColumn: String?
    /// How each run becomes a point.
    public var reduction: LogReduction = .final
    /// A column naming each row's run, for one long file holding several runs (`--run`);
    /// `nil`: one run per file.
    public var runColumn: String?
    /// Read every column the metric glob matches, one point per run and metric, with a `metric`
    /// column (`--by metric`); otherwise a glob matching several columns is an error.
    public var eachMetric = false
    /// Decay branch → the constant-rate run it continues (`--branch-of`), overriding the
    /// automatic match.
    public var branchOf: [String: String] = [:]
    /// Keep each run's whole curve of the metric (``LadderRun/curve``), to draw it.
    public var keepCurves = false

    /// Options reading `metric`, with every column found by its usual names.
    /// - Parameter metric: The metric column to reduce to a point (e.g. `eval/c4_en-validation/CrossEntropyLoss`).
    public init(metric: String) {
        self.metric = metric
    }

    private enum CodingKeys: String, CodingKey {
        case metric, namePattern, sizeField, sizeNamesAsNumbers, parameterColumn, stepColumn, tokensColumn
        case batchTokensColumn, flopsColumn, flopsUnit, learningRateColumn, reduction, runColumn, eachMetric, branchOf, keepCurves
    }

    /// Decodes the options an artifact recorded; keys added after an artifact was written take
    /// their defaults, so older artifacts still read.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metric = try c.decode(String.self, forKey: .metric)
        namePattern = try c.decodeIfPresent(RunNamePattern.self, forKey: .namePattern)
        sizeField = try c.decodeIfPresent(String.self, forKey: .sizeField) ?? "size"
        sizeNamesAsNumbers = try c.decodeIfPresent(Bool.self, forKey: .sizeNamesAsNumbers) ?? false
        parameterColumn = try c.decodeIfPresent(String.self, forKey: .parameterColumn)
        stepColumn = try c.decodeIfPresent(String.self, forKey: .stepColumn)
        tokensColumn = try c.decodeIfPresent(String.self, forKey: .tokensColumn)
        batchTokensColumn = try c.decodeIfPresent(String.self, forKey: .batchTokensColumn)
        flopsColumn = try c.decodeIfPresent(String.self, forKey: .flopsColumn)
        flopsUnit = try c.decodeIfPresent(Double.self, forKey: .flopsUnit)
        learningRateColumn = try c.decodeIfPresent(String.self, forKey: .learningRateColumn)
        reduction = try c.decodeIfPresent(LogReduction.self, forKey: .reduction) ?? .final
        runColumn = try c.decodeIfPresent(String.self, forKey: .runColumn)
        eachMetric = try c.decodeIfPresent(Bool.self, forKey: .eachMetric) ?? false
        branchOf = try c.decodeIfPresent([String: String].self, forKey: .branchOf) ?? [:]
        keepCurves = try c.decodeIfPresent(Bool.self, forKey: .keepCurves) ?? false
    }

    /// Tokens-seen columns recognised by name, in order of preference.
    public static let tokensColumnNames = ["throughput/total_tokens", "total_tokens", "tokens", "tokens_seen", "num_tokens", "D"]
    /// Cumulative FLOP columns recognised by name.
    public static let flopsColumnNames = ["throughput/total_training_Gflops", "total_flops", "flops", "training_flops", "C"]
    /// Learning-rate columns recognised by name.
    public static let learningRateColumnNames = ["optim/learning_rate_group0", "learning_rate", "lr", "optim/lr", "train/lr"]
    /// Peak learning-rate columns recognised by name.
    public static let peakRateColumnNames = ["learning_rate_peak", "lr_peak", "peak_lr"]
    /// Batch-size-in-tokens columns recognised by name.
    public static let batchTokensColumnNames = ["batch_size_in_tokens", "batch_tokens", "tokens_per_batch"]

    /// FLOP per unit of a FLOP column, from its name: GFLOP, TFLOP, PFLOP, EFLOP, else FLOP.
    public static func unit(ofFlopsColumn name: String) -> Double {
        let lower = name.lowercased()
        if lower.contains("gflop") { return 1e9 }
        if lower.contains("tflop") { return 1e12 }
        if lower.contains("pflop") { return 1e15 }
        if lower.contains("eflop") { return 1e18 }
        return 1
    }

    /// `GFLOP` for 1e9, `TFLOP`, `PFLOP`, `EFLOP`; `nil` for FLOP and other units.
    public static func unitName(_ unit: Double) -> String? {
        [1e9: "GFLOP", 1e12: "TFLOP", 1e15: "PFLOP", 1e18: "EFLOP"][unit]
    }
}
