import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws tasks LOGS… --tasks GLOB (--model N,D | --budget C) [--backtest]`: the accuracy
/// of a larger model on every downstream task, from a ladder's training logs (Bhagia et al. 2024).
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tasks",
        abstract: "Predict a larger model's accuracy on each downstream task from a ladder's logs (two-step, Bhagia et al. 2024).",
        discussion: """
            Each task-loss column matched by --tasks (bits per byte of the correct answer, e.g. \
            eval/downstream_bpb/hellaswag_val_rc_5shot_bpb) is paired with its accuracy column: \
            the column named <task>_len_norm, else <task>_acc (eval/downstream/…). Step 1 fits \
            L(N, D) = E + A/N^α + B/D^β to each run's final point (mean of its last 5 \
            evaluations); step 2 fits Acc(L) = a/(1 + exp(−k(L − L0))) + b to every checkpoint \
            after the first 10% (moving average of 5), as the paper does; the chain gives the \
            accuracy at each --model or at each --budget's compute-optimal point. Intervals come \
            from a joint bootstrap over runs (both steps refitted on each resample). A task is \
            flagged not predictable when its best accuracy is within 0.05 of chance or its \
            accuracy SD over the last 10 checkpoints of the largest run exceeds 10% of the \
            spread of the runs' final accuracies. --backtest holds out the largest model size \
            and predicts its runs from the smaller ones.

            Example:
              scaling-laws tasks olmo/cosine --sizes olmo/model_sizes.csv \\
                  --name-pattern '{size}-{mult}xC' --tasks 'eval/downstream_bpb/*_bpb' \\
                  --model 7B,4T --model 13B,5T --backtest
            """
    )

    @Argument(help: ArgumentHelp("Training logs: files, directories or globs, one run per file.", valueName: "logs"))
    var logs: [String]

    @Option(
        name: .customLong("tasks"),
        help: ArgumentHelp("The task-loss columns: an exact name or a glob, e.g. 'eval/downstream_bpb/*_bpb'.", valueName: "glob"))
    var tasks: String

    @Option(
        name: .customLong("model"),
        help: ArgumentHelp(
            "A model to predict, as N,D (repeatable): numbers (6.89e9,4T) or a size of --sizes for N (7B,4T).",
            valueName: "n,d"))
    var models: [String] = []

    @Option(
        name: .customLong("budget"),
        help: ArgumentHelp("Training compute in FLOP (repeatable): predict at its compute-optimal point (C = 6ND).", valueName: "flop"))
    var budgets: [String] = []

    @Flag(help: "Hold out the largest model size, predict its runs from the smaller ones, and report the errors.")
    var backtest = false

    @Option(help: ArgumentHelp("Bootstrap resamples of runs for the intervals (0: none; default: 200).", valueName: "n"))
    var bootstrap: Int = 200

    @Option(
        name: .customLong("bootstrap-seed"),
        help: ArgumentHelp("Seed of the bootstrap resamples (default: 0).", valueName: "s"))
    var bootstrapSeed: UInt64 = 0

    @Option(help: ArgumentHelp("Confidence level of the intervals.", valueName: "level"))
    var level: Double = 0.95

    @OptionGroup(title: "Logs")
    var logOptions: LogOptions

    @OptionGroup(title: "Rows")
    var selection: RowSelectionOptions

    @OptionGroup
    var separatorOption: SeparatorOption

    /// The field separator (`--sep`), when given.
    var separator: Character? { separatorOption.value }

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        guard !models.isEmpty || !budgets.isEmpty || backtest else {
            throw ValidationError("give --model N,D, --budget C or --backtest")
        }
        if selection.by != nil { throw ValidationError("--by is not supported by tasks: select runs with --where") }
        if logOptions.metric != nil { throw ValidationError("--metric does not apply to tasks: name the task-loss columns with --tasks") }
    }

    func run() throws {
        try Console.run {
            var readOptions = logOptions.readOptions
            readOptions.metric = tasks
            let input = LogInput(paths: logs, sizes: logOptions.sizes, options: readOptions)
            let sizes = try logOptions.sizes.map { try SizesTable.read(contentsOf: URL(fileURLWithPath: $0)) }
            let targets = try models.map { try Self.model($0, sizes: sizes) } + budgets.map { text -> TaskTarget in
                guard let c = Syntax.number(text), c.isFinite, c > 0 else {
                    throw ValidationError("--budget \(text): expected a positive number of FLOP, e.g. 1e23")
                }
                return .budget(c)
            }
            var method = TaskMethod()
            method.bootstrap = bootstrap
            method.seed = bootstrapSeed
            method.confidenceLevel = level
            let ladder = try TaskLadder.read(
                input, tasks: tasks, predicates: selection.predicates, filters: selection.filters, separator: separator)
            let analysis = try TaskAnalysis.run(ladder, targets: targets, backtest: backtest, method: method)
            let report = TaskReport.make(analysis)
            let text = try report.render(output.format.report, payload: analysis)
            try output.emit(report: text) { Array(try report.render(RenderFormat.json, payload: analysis).utf8) }
            if output.format != .table && output.format != .markdown {
                for warning in analysis.warnings { Console.note("warning: \(warning)") }
            }
        }
    }

    /// `N,D`: each a number (`6.89e9`, `4T`), N also a size name of the sizes table (`7B`).
    static func model(_ text: String, sizes: SizesTable?) throws -> TaskTarget {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { throw ValidationError("--model \(text): expected N,D, e.g. 7B,4T or 6.89e9,4e12") }
        let n = sizes?.entry(named: parts[0])?.parameters ?? Syntax.number(parts[0])
        guard let n, n.isFinite, n > 0 else {
            throw ValidationError("--model \(text): N must be a positive number or a size of --sizes, got '\(parts[0])'")
        }
        guard let d = Syntax.number(parts[1]), d.isFinite, d > 0 else {
            throw ValidationError("--model \(text): D must be a positive number of tokens, got '\(parts[1])'")
        }
        return .model(parameters: n, tokens: d)
    }
}
