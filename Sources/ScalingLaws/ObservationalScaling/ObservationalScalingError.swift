/// Why an observational scaling model (Ruan, Maddison and Hashimoto 2024) cannot be fitted.
public enum ObservationalScalingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer models than a principal component analysis with `components` components needs
    /// (`components + 1` models: centring uses one degree of freedom).
    case tooFewModels(models: Int, components: Int, needed: Int)
    /// More components than benchmarks.
    case tooManyComponents(components: Int, benchmarks: Int)
    /// A target that is also a benchmark is predicted from the other benchmarks, which are fewer
    /// than the components asked for.
    case tooFewOtherBenchmarks(target: String, components: Int, others: Int)
    /// A benchmark column has no observed cell, or the same value in every row.
    case constantBenchmark(name: String)
    /// Rows of the score table have different lengths.
    case ragged(expected: Int, got: Int, row: Int)
    /// A chance level outside `[0, 1)`.
    case invalidChance(target: String, value: Double)
    /// Too few models with an observed target (and complete capabilities) to fit its link.
    case tooFewLinkModels(target: String, models: Int, needed: Int)
    /// The holdout keeps no model for training or none for testing.
    case emptyHoldout(train: Int, test: Int, cutoff: Double)

    /// One line naming what is wrong and what was expected.
    public var description: String {
        switch self {
        case let .tooFewModels(models, components, needed):
            return "\(components) principal component\(components == 1 ? "" : "s") need at least \(needed) models with scores; got \(models)"
        case let .tooManyComponents(components, benchmarks):
            return "--components \(components) exceeds the number of benchmarks (\(benchmarks)); give at most \(benchmarks)"
        case let .tooFewOtherBenchmarks(target, components, others):
            return "target '\(target)' is predicted from the other \(others) benchmark\(others == 1 ? "" : "s"), fewer than --components \(components); give at most \(others) components or more benchmarks"
        case let .constantBenchmark(name):
            return "benchmark '\(name)' has no spread (no observed cell, or one value in every row); drop it from --benchmarks"
        case let .ragged(expected, got, row):
            return "row \(row) of the score table has \(got) scores; expected \(expected)"
        case let .invalidChance(target, value):
            return "chance level of '\(target)' is \(value); expected a number in [0, 1)"
        case let .tooFewLinkModels(target, models, needed):
            return "the sigmoid link of '\(target)' needs at least \(needed) models with an observed score; got \(models)"
        case let .emptyHoldout(train, test, cutoff):
            return "--cutoff \(cutoff) leaves \(train) model\(train == 1 ? "" : "s") to fit and \(test) to predict; both need at least one"
        }
    }
}
