import ArgumentParser
import ScalingLaws

/// The row selection every command that reads runs shares: `--where`, `--drop-highest`,
/// `--drop-lowest`, `--range` and `--by`, with one help text each.
struct RowSelectionOptions: ParsableArguments {
    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Keep rows satisfying EXPR (repeatable; all must hold): 'N>=1e8', 'dataset==rw', 'seed!=0', 'run in [a, b]', '1e8<=N<=1e10'.",
            discussion: "Numbers (70B, 1.4T, 2e20) compare with numeric cells; words or quoted text compare exactly with text cells. Applied before the other filters; cells of excluded rows are not read. Quote the expression in the shell.",
            valueName: "expr"),
        transform: Syntax.predicate)
    var predicates: [RowPredicate] = []

    @Option(
        name: .customLong("drop-highest"),
        help: ArgumentHelp(
            "Drop the K rows with the highest COLUMN, as COLUMN:K (e.g. loss:5, Epoch AI's protocol).",
            discussion: "Keeps rows strictly below the K-th highest value, so ties at that value are dropped too.",
            valueName: "column:k"),
        transform: Syntax.dropHighest)
    var dropHighest: [RowFilter] = []

    @Option(
        name: .customLong("drop-lowest"),
        help: ArgumentHelp("Drop the K rows with the lowest COLUMN, as COLUMN:K.", valueName: "column:k"),
        transform: Syntax.dropLowest)
    var dropLowest: [RowFilter] = []

    @Option(
        name: .customLong("range"),
        help: ArgumentHelp(
            "Keep rows with MIN <= COLUMN <= MAX, as COLUMN:MIN:MAX; leave MIN or MAX empty for an open end (N:1e8:).",
            valueName: "column:min:max"),
        transform: Syntax.range)
    var range: [RowFilter] = []

    @Option(
        name: .customLong("by"),
        help: ArgumentHelp(
            "Run the analysis once per value of COLUMN (text or numbers), one section per group and a summary.",
            valueName: "column"))
    var by: String?

    @Flag(
        name: .customLong("drop-missing"),
        help: ArgumentHelp(
            "Drop rows with an empty cell in a column the analysis reads (the law's columns and those of the filters), instead of stopping at the first.",
            discussion: "The number of rows dropped is printed as a note."))
    var dropMissing = false

    /// `--drop-missing` as the library records it (`nil` when not given).
    var dropsMissing: Bool? { dropMissing ? true : nil }

    /// Row filters in the order they apply (after --where): --drop-highest, --drop-lowest,
    /// --range, each in the order given.
    var filters: [RowFilter] { dropHighest + dropLowest + range }

    /// Whether any selection option was given.
    var isUsed: Bool { !predicates.isEmpty || !filters.isEmpty || by != nil || dropMissing }
}

extension Syntax {
    /// A `--where` expression (``ScalingLaws/RowPredicate``).
    @Sendable static func predicate(_ text: String) throws -> RowPredicate {
        do {
            return try RowPredicate(parsing: text)
        } catch let error as RowPredicateError {
            throw ValidationError(error.description)
        }
    }
}
