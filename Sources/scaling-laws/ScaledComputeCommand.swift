import ArgumentParser
import Forecast
import Foundation
import ScalingLaws

/// `scaling-laws scaled-compute`: Owen's scaled compute (Owen 2024) for every selected row of a
/// CSV, written as CSV.
struct ScaledComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaled-compute",
        abstract: "Add Owen's scaled compute (and the Chinchilla loss) to every selected row of a table, written as CSV.",
        discussion: """
            Owen (2024), step 1: a model with N parameters trained on D tokens has the Chinchilla \
            loss L(N, D); its scaled compute is the compute of the model trained at 20 tokens per \
            parameter that reaches the same loss, C_s = 120·N_s² with L(N_s, 20·N_s) = L(N, D). \
            The output is the input's selected rows, every cell as written, with the columns \
            chinchilla_loss and scaled_compute_flop appended. --where, --range and --drop-missing \
            select the rows; --n-unit and --d-unit scale columns given in other units.

            Example:
              scaling-laws scaled-compute base_llm_benchmark_eval.csv --n 'Model Size (B)' --n-unit 1e9 \\
                --d 'Pretraining Data Size (T)' --d-unit 1e12 --loss-preset hoffmann-rounded --drop-missing
            """)

    @Argument(help: ArgumentHelp("CSV (or TSV, semicolon-separated) file, one model per row.", valueName: "file"))
    var file: String

    @OptionGroup
    var columns: ColumnOptions

    @Option(name: .customLong("n-unit"), help: ArgumentHelp("Parameters one unit of the N column stands for (e.g. 1e9 for a column in billions).", valueName: "number"))
    var nUnit: String = "1"

    @Option(name: .customLong("d-unit"), help: ArgumentHelp("Tokens one unit of the D column stands for (e.g. 1e12 for a column in trillions).", valueName: "number"))
    var dUnit: String = "1"

    @Option(name: .customLong("loss-fit"), help: ArgumentHelp("A loss-law fit: Chinchilla for scaled compute, or step 1 of a chain.", valueName: "file"))
    var lossFit: String?

    @Option(name: .customLong("loss-preset"), help: ArgumentHelp("Published Chinchilla constants for scaled compute.", valueName: "name"))
    var lossPreset: String?

    @OptionGroup(title: "Rows")
    var selection: RowSelectionOptions

    func validate() throws {
        if selection.by != nil { throw ValidationError("--by does not apply to scaled-compute: it writes one table") }
        guard (lossFit == nil) != (lossPreset == nil) else {
            throw ValidationError("give exactly one of --loss-fit <file> and --loss-preset <name>")
        }
    }

    func run() throws {
        try Console.run {
            guard let nScale = Syntax.number(nUnit), nScale > 0, nScale.isFinite else {
                throw CLIError.invalidNumber(option: "--n-unit", text: nUnit, expected: "a positive number such as 1e9")
            }
            guard let dScale = Syntax.number(dUnit), dScale > 0, dScale.isFinite else {
                throw CLIError.invalidNumber(option: "--d-unit", text: dUnit, expected: "a positive number such as 1e12")
            }
            let law: ChinchillaParameters
            if let lossFit {
                law = try LawSource.load(fitArtifactAt: lossFit).chinchillaParameters(command: "scaled-compute")
            } else {
                law = try LawSource.preset(lossPreset ?? "").chinchillaParameters(command: "scaled-compute")
            }
            let specification = InputSpecification(
                path: file, separator: columns.separator, columns: columns.explicitColumns, predicates: selection.predicates,
                filters: selection.filters, dropMissing: selection.dropsMissing)
            let selected = try specification.load(roles: ["N", "D"])
            for note in selected.roles.notes { Console.note(note) }
            if selected.missingDropped > 0 {
                Console.note("note: --drop-missing dropped \(selected.missingDropped) row\(selected.missingDropped == 1 ? "" : "s") with an empty cell in \(selected.missingColumns.joined(separator: ", ")); \(selected.dataset.count) kept")
            }
            let data = selected.dataset
            let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: file), separator: columns.separator)
            let result = try ScaledComputeColumn(
                table: table, lines: data.rowLines,
                parameters: try data.column("N").map { $0 * nScale }, tokens: try data.column("D").map { $0 * dScale }, law: law)
            Console.out(result.table.serialized(separator: columns.separator ?? ","))
        }
    }
}
