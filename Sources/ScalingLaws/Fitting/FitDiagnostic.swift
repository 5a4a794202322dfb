/// One finding about a fit that a reader should know before trusting it, with a one-line
/// explanation (``FitDiagnostics/evaluate(_:law:data:)``).
public struct FitDiagnostic: Sendable, Codable, Equatable {
    /// What was found.
    public enum Kind: String, Sendable, Codable, Equatable, CaseIterable {
        /// A parameter ended at a bound of its allowed range.
        case parameterAtBound = "parameter at bound"
        /// The scaled condition number is large, or two parameters are almost perfectly correlated.
        case illConditioned = "ill-conditioned"
        /// An input takes too few distinct values to determine the parameters that depend on it.
        case fewDistinctValues = "too few distinct values"
        /// The objective barely changes along some combination of parameters.
        case flatDirection = "flat direction"
        /// Several starts reached different optima with nearly the same objective.
        case multiStartDisagreement = "multi-start disagreement"
        /// The compute-optimal model size at the data's budgets lies outside the fitted sizes.
        case optimumOutsideData = "optimum outside data"
        /// At a budget the law has no compute-optimal size between the extremes.
        case noInteriorOptimum = "no interior optimum"
    }

    /// What kind of problem was found.
    public let kind: Kind
    /// One line: what was found, with the numbers, and what it means.
    public let message: String

    /// A diagnostic.
    /// - Parameters:
    ///   - kind: What kind of problem was found.
    ///   - message: One line: what was found, with the numbers, and what it means.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
