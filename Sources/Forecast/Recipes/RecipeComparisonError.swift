import Foundation

/// Why recipes could not be compared. Every case prints as one line naming the option, the
/// file and what was expected.
public enum RecipeComparisonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--baseline` names a value the `--by` column does not hold.
    case unknownBaseline(source: String, by: String, baseline: String, values: [String])
    /// Fewer than two recipes.
    case tooFewRecipes(source: String, by: String, values: [String])
    /// A recipe with too few runs for a sharing assumption.
    case tooFewRuns(source: String, by: String, recipe: String, runs: Int, needed: Int, sharing: RecipeSharing, perRecipe: Int)
    /// A recipe whose compute range does not overlap the baseline's.
    case disjointCompute(
        source: String, recipe: String, range: ClosedRange<Double>, baseline: String, baselineRange: ClosedRange<Double>)
    /// An iso-FLOP recipe with fewer than two budgets whose profile has an interior minimum.
    case tooFewFrontierBudgets(source: String, recipe: String, accepted: Int)
    /// A malformed option value.
    case invalidOption(String)

    public var description: String {
        switch self {
        case let .unknownBaseline(source, by, baseline, values):
            return "\(source): --baseline \(baseline): no row has \(by) == \(baseline) (values: \(values.joined(separator: ", ")))"
        case let .tooFewRecipes(source, by, values):
            return "\(source): --by \(by): compare-recipes needs at least two recipes, found \(values.count)\(values.isEmpty ? "" : " (\(values.joined(separator: ", ")))")"
        case let .tooFewRuns(source, by, recipe, runs, needed, sharing, perRecipe):
            return "\(source): --by \(by): recipe '\(recipe)' has \(runs) run\(runs == 1 ? "" : "s"), expected at least \(needed) for --sharing \(sharing) (\(perRecipe) parameters of its own)"
        case let .disjointCompute(source, recipe, range, baseline, baselineRange):
            let gap = range.lowerBound > baselineRange.upperBound
                ? range.lowerBound / baselineRange.upperBound : baselineRange.lowerBound / range.upperBound
            return "\(source): recipe '\(recipe)' (C = 6ND from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))) and baseline '\(baseline)' (\(Self.format(baselineRange.lowerBound)) to \(Self.format(baselineRange.upperBound))) have disjoint compute ranges, \(String(format: "%.2f", log10(gap))) decades apart: every multiplier would extrapolate one of the fits"
        case let .tooFewFrontierBudgets(source, recipe, accepted):
            return "\(source): recipe '\(recipe)': Approach 2 needs at least 2 budgets with a bracketed minimum, found \(accepted) (--no-approach2 leaves it out)"
        case let .invalidOption(message):
            return message
        }
    }

    /// `%g` with 3 significant digits.
    static func format(_ value: Double) -> String { String(format: "%.3g", value) }
}
