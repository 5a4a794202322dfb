import ArgumentParser
import ScalingLaws

/// The `scaling-laws` command-line tool: fit scaling laws to training runs and turn them into
/// compute-optimal allocations and predictions.
///
/// The tool stays thin: each subcommand parses its arguments, calls the libraries
/// (`ScalingLaws` to read data and fit, `Reports` to render) and prints. Results go to standard
/// output; diagnostics and errors to standard error. A failure prints one line
/// `error: <what went wrong>` and exits with status 1; malformed arguments print
/// ArgumentParser's usage message and exit with status 64.
@main
struct ScalingLawsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling-laws",
        abstract: "Fit scaling laws to training runs and turn them into decisions.",
        discussion: """
            Typical session:

              scaling-laws fit runs.csv --law chinchilla --output fit.json
              scaling-laws optimal --fit fit.json --budget 5.76e23
              scaling-laws predict --fit fit.json --n 7e10 --d 1.4e12
              scaling-laws optimal --preset epoch2024 --budget 1e21 --budget 1e25

            Numbers may be written 5.76e23, 70B, 1.4T, 350M or 12k. Results go to standard \
            output; a failure prints one line 'error: ...' on standard error and exits with \
            status 1 (malformed arguments: usage, status 64).
            """,
        version: LawFit.currentToolVersion,
        subcommands: [FitCommand.self, RunsCommand.self, OptimalCommand.self, ForecastCommand.self, PredictCommand.self, IsoFlopCommand.self, BacktestCommand.self, CompareCommand.self, ScoreCommand.self, TasksCommand.self, CostCommand.self, CostTrendCommand.self, FilteringCommand.self, UTDCommand.self, ModelCommand.self, HparamsCommand.self, PlanCommand.self, PlotCommand.self, ReportCommand.self, LawsCommand.self, CriticalBatchCommand.self, FitSharedSlopeCommand.self, CurveCommand.self, CompareRecipesCommand.self, CapabilitiesCommand.self, ScaledComputeCommand.self]
    )
}
