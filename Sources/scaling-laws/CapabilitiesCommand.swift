import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws capabilities`: the observational scaling capability model (Ruan, Maddison and
/// Hashimoto 2024) of a models × benchmarks table.
struct CapabilitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capabilities",
        abstract: "Observational scaling: principal-component capabilities of a models × benchmarks table, per-family compute efficiency, sigmoid links and held-out predictions.",
        discussion: """
            Ruan, Maddison and Hashimoto (2024): the top principal components of standard \
            benchmark scores are capability measures S_m; within a family they are log-linear in \
            training compute; each benchmark is a sigmoid of them, E = c + (1 − c)·σ(b + wᵀS). \
            Empty benchmark cells are filled by the authors' iterative rank-1 PCA imputation \
            (or drop those rows with --drop-missing); a model with an empty compute cell is used \
            for the components but not the family lines.

            --cutoff C fits everything on the models with compute ≤ C and predicts each target of \
            the larger models from their other benchmarks, with intervals inside [chance, 1] and \
            their coverage (the authors' backtest uses C = 84, Llama-2 7B, with FLOPs in 1E21).

            Example:
              scaling-laws capabilities base_llm_benchmark_eval.csv \\
                --benchmarks MMLU,ARC-C,HellaSwag,Winograd,TruthfulQA,GSM8K,XWinograd,HumanEval \\
                --family 'Model Family' --compute 'FLOPs (1E21)' --model Model --cutoff 84 \\
                --chance MMLU=0.25 --chance ARC-C=0.25 --chance Winograd=0.5
            """)

    @Argument(help: ArgumentHelp("CSV (or TSV, semicolon-separated) file: one model per row.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The benchmark columns whose principal components are the capabilities, comma-separated.", valueName: "columns"))
    var benchmarks: String

    @Option(help: ArgumentHelp("The columns to predict through a sigmoid link, comma-separated (default: the benchmarks).", valueName: "columns"))
    var targets: String?

    @Option(help: ArgumentHelp("The column naming each model's family (default: one family).", valueName: "column"))
    var family: String?

    @Option(help: ArgumentHelp("The training-compute column (any unit; --cutoff is in the same unit).", valueName: "column"))
    var compute: String?

    @Option(help: ArgumentHelp("The column naming each model (default: its file line).", valueName: "column"))
    var model: String?

    @Option(help: ArgumentHelp("Principal components K (the authors predict with 3).", valueName: "k"))
    var components: Int = 3

    @Flag(help: "Scale each benchmark to unit variance before the PCA (the authors' code only centres).")
    var standardize = false

    @Option(name: .customLong("chance"), help: ArgumentHelp("Chance level of a target, as NAME=VALUE (repeatable; default 0).", valueName: "name=value"))
    var chance: [String] = []

    @Option(help: ArgumentHelp("Fit on models with compute ≤ this value and predict the larger ones (needs --compute).", valueName: "compute"))
    var cutoff: Double?

    @Option(help: ArgumentHelp("Confidence level of the intervals.", valueName: "level"))
    var level: Double = 0.95

    @Flag(help: "With --cutoff: the link's delta-method new-model intervals instead of the calibrated (inner-backtest, split-conformal) ones.")
    var deltaIntervals = false

    @OptionGroup(title: "Rows")
    var selection: RowSelectionOptions

    @OptionGroup
    var separator: SeparatorOption

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        if selection.by != nil { throw ValidationError("--by does not apply to capabilities: families come from --family <column>") }
        if cutoff != nil, compute == nil { throw ValidationError("--cutoff needs the compute column: give --compute <column>") }
        guard level > 0, level < 1 else { throw ValidationError("--level must be in (0, 1); got \(level)") }
        guard components >= 1 else { throw ValidationError("--components must be at least 1; got \(components)") }
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        try Console.run {
            let benchmarkNames = Self.list(benchmarks)
            let targetNames = targets.map(Self.list) ?? benchmarkNames
            guard !benchmarkNames.isEmpty else {
                throw CLIError.invalidNumber(option: "--benchmarks", text: benchmarks, expected: "comma-separated column names")
            }
            var chances: [String: Double] = [:]
            for text in chance {
                guard let (name, valueText) = FitFile.pair(text), let value = Syntax.number(valueText), value >= 0, value < 1 else {
                    throw CLIError.invalidNumber(option: "--chance", text: text, expected: "NAME=VALUE with VALUE in [0, 1), e.g. MMLU=0.25")
                }
                guard targetNames.contains(name) else {
                    throw CLIError.invalidNumber(option: "--chance", text: text, expected: "a target (\(targetNames.joined(separator: ", ")))")
                }
                chances[name] = value
            }
            let specification = InputSpecification(
                path: file, separator: separator.value, predicates: selection.predicates, filters: selection.filters,
                dropMissing: selection.dropsMissing)
            var columns = benchmarkNames
            for name in targetNames where !columns.contains(name) { columns.append(name) }
            let (table, selected) = try CapabilityTable.load(specification, columns: columns, family: family, compute: compute, model: model)
            if selected.missingDropped > 0 {
                Console.note("note: --drop-missing dropped \(selected.missingDropped) row\(selected.missingDropped == 1 ? "" : "s") with an empty cell in \(selected.missingColumns.joined(separator: ", ")); \(table.count) kept")
            }
            let settings = CapabilityModel.Settings(
                benchmarks: benchmarkNames, targets: targetNames, components: components, standardize: standardize,
                chance: chances, cutoff: cutoff, level: level,
                calibrated: !deltaIntervals)
            let fitted = try CapabilityModel(table: table, settings: settings)
            let source = URL(fileURLWithPath: file).lastPathComponent
            let text = try CapabilityRenderer.render(fitted, source: source, format: output.format.report)
            try output.emit(report: text) { Array(try CapabilityRenderer.render(fitted, source: source, format: .json).utf8) }
        }
    }
}
