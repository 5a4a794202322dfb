import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws runs LOGS… --metric COLUMN`: what was read from training logs, one row per run.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs read from training logs (one file per run) and write their points.",
        discussion: """
            Each file is one run, named by its file name without extension; arguments may be \
            files, directories or globs. For each run: N (from --n's column, the --sizes table \
            joined by --name-pattern's {size} field, or the size name itself with \
            --size-names-as-numbers), D (a tokens column, else step × batch tokens), C (a FLOP \
            column, else flops_per_token × D from --sizes, else 6ND; a warning when 6ND differs \
            by more than 10%), the schedule recognised from the learning-rate column (warm-up, \
            constant, cosine, linear, WSD, WSD decay branch) and the metric reduced by --reduce. \
            --format csv writes the tidy table of points that 'fit' reads.

            Example:
              scaling-laws runs olmo/cosine --sizes model_sizes.csv \\
                  --name-pattern '{size}-{mult}xC' --metric 'eval/c4_en-validation/CrossEntropyLoss'
            """
    )

    @Argument(help: ArgumentHelp("Training logs: files, directories or globs, one run per file.", valueName: "logs"))
    var logs: [String]

    @OptionGroup(title: "Logs")
    var logOptions: LogOptions

    @OptionGroup
    var separatorOption: SeparatorOption

    /// The field separator (`--sep`), when given.
    var separator: Character? { separatorOption.value }

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let ladder = try logOptions.ladder(logs, separator: separator)
            let report = try LadderRenderer.render(ladder, format: output.format.report)
            try output.emit(report: report) { Array(try LadderRenderer.render(ladder, format: .json).utf8) }
            if output.format != .table && output.format != .markdown {
                for warning in ladder.warnings { Console.note("warning: \(warning)") }
            }
        }
    }
}
