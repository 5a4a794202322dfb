import ArgumentParser
import Foundation
import ScalingLaws

/// Options shared by commands that read a table of training runs: the file, which column holds
/// each variable, the separator, and row filters.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "CSV (or TSV, semicolon-separated) file of training runs, one run per row.",
            valueName: "file"))
    var file: String

    @Option(name: .customLong("n"), help: ArgumentHelp("Column holding N, the model parameters.", valueName: "column"))
    var nColumn: String?

    @Option(name: .customLong("d"), help: ArgumentHelp("Column holding D, the training tokens.", valueName: "column"))
    var dColumn: String?

    @Option(
        name: .customLong("c"),
        help: ArgumentHelp(
            "Column holding C, the training FLOP (D is derived as C/(6N) when there is no D column).",
            valueName: "column"))
    var cColumn: String?

    @Option(name: .customLong("loss"), help: ArgumentHelp("Column holding the loss.", valueName: "column"))
    var lossColumn: String?

    @Option(
        name: .customLong("x"),
        help: ArgumentHelp(
            "Column for any variable, as ROLE=COLUMN (repeatable), e.g. --x N=params.",
            valueName: "role=column"),
        transform: Syntax.roleMapping)
    var roleMappings: [RoleMapping] = []

    @Option(
        name: .customLong("sep"),
        help: ArgumentHelp(
            "Field separator: one character, or 'tab'. Default: detected from the header (',', tab or ';').",
            valueName: "char"),
        transform: Syntax.separator)
    var separator: Character?

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
        name: .customLong("keep"),
        help: ArgumentHelp(
            "Keep rows satisfying a comparison: 'N>=1e8', 'D<=2T', 'seed==0' or '1e8<=N<=1e10'.",
            discussion: "Comparisons are inclusive (>=, <=) or exact (==). Quote the expression in the shell.",
            valueName: "expr"),
        transform: Syntax.keep)
    var keep: [RowFilter] = []

    @Option(
        name: .customLong("range"),
        help: ArgumentHelp(
            "Keep rows with MIN <= COLUMN <= MAX, as COLUMN:MIN:MAX; leave MIN or MAX empty for an open end (N:1e8:).",
            valueName: "column:min:max"),
        transform: Syntax.range)
    var range: [RowFilter] = []

    func validate() throws {
        var explicit: [String: String] = [:]
        for (role, column) in flagMappings { explicit[role] = column }
        for mapping in roleMappings {
            if let previous = explicit[mapping.role], previous != mapping.column {
                throw ValidationError("the column of \(mapping.role) is given twice ('\(previous)' and '\(mapping.column)')")
            }
            explicit[mapping.role] = mapping.column
        }
    }

    /// Row filters in the order they apply: --drop-highest, --drop-lowest, --keep, --range,
    /// each in the order given.
    var filters: [RowFilter] { dropHighest + dropLowest + keep + range }

    private var flagMappings: [(String, String)] {
        var out: [(String, String)] = []
        if let nColumn { out.append(("N", nColumn)) }
        if let dColumn { out.append(("D", dColumn)) }
        if let cColumn { out.append(("C", cColumn)) }
        if let lossColumn { out.append(("loss", lossColumn)) }
        return out
    }

    /// Role → file column, from --n, --d, --c, --loss and --x.
    var explicitColumns: [String: String] {
        var explicit: [String: String] = [:]
        for (role, column) in flagMappings { explicit[role] = column }
        for mapping in roleMappings { explicit[mapping.role] = mapping.column }
        return explicit
    }

    /// Reads the file, finds the columns `law` needs, converts them and applies the filters.
    /// Notes about derived columns go to standard error. `extraColumns` are more file columns
    /// carried under their own names (e.g. the group column of a bootstrap).
    ///
    /// - Throws: ``DataError`` naming the file, line and column of the first problem.
    func dataset(for law: any ScalingLaw, extraColumns: [String] = []) throws -> Dataset {
        // The file is read streaming: its header to find the columns, then only those columns,
        // piece by piece (memory holds the numbers, not the text).
        let url = URL(fileURLWithPath: file)
        let stream = try CSVStream(contentsOf: url, separator: separator)
        let table = CSVTable(header: stream.header, rows: [], source: stream.source)
        let roles = law.inputs.map(\.role) + [law.response.role]
        let resolved = try ColumnRoleResolver(explicit: explicitColumns).resolve(roles, in: table)
        for note in resolved.notes { Console.note(note) }
        var carried: [String] = []
        for column in filters.map(\.column) + extraColumns where !roles.contains(column) && !carried.contains(column) {
            carried.append(column)
        }
        let data = try resolved.dataset(contentsOf: url, separator: separator, extraColumns: carried)
        return try data.filtered(filters)
    }
}

/// `ROLE=COLUMN` from `--x`.
struct RoleMapping: Sendable, Equatable {
    let role: String
    let column: String
}
