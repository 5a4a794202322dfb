import ArgumentParser
import ScalingLaws

/// Which file column holds each variable, and the field separator: `--n`, `--d`, `--c`,
/// `--loss`, `--x ROLE=COLUMN`, `--sep`, shared by every command that reads runs.
struct ColumnOptions: ParsableArguments {
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

    @OptionGroup
    var separatorOption: SeparatorOption

    /// The field separator (`--sep`), when given.
    var separator: Character? { separatorOption.value }

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

}
