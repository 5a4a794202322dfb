import ArgumentParser

/// The `scaling-laws` command-line tool.
@main
struct ScalingLawsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling-laws",
        abstract: "Fit scaling laws to training runs and turn them into decisions.",
        subcommands: []
    )
}
