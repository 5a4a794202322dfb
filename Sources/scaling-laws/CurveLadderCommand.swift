import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws curve ladder LOGS --sizes FILE --schedule SPEC --tokens-per-parameter R …`:
/// per-size curve fits predict the final losses of a planned schedule at token budgets, as a
/// dataset for the final-loss laws.
struct CurveLadderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ladder",
        abstract: "Fit a curve law per model size and predict each size's final loss at token budgets, as N, D, loss for the final-loss laws.",
        discussion: """
            The logs are grouped by model size (N from --sizes or --name-pattern); each size's \
            runs (say its constant-rate run with its decay branches, or its constant and cosine \
            runs) are fitted together, as 'curve fit' does, with held-out-end prediction \
            intervals. Each size then predicts the final loss of --schedule (its shape and final \
            ratio; warm-up and peak are the size's) at D = r·N tokens for each \
            --tokens-per-parameter r, T = D / (the size's tokens per step) steps. With \
            --format csv the table is a dataset of N, D and loss: fit it with \
            'scaling-laws fit FILE --law chinchilla'.

            Example:
              scaling-laws curve ladder constant/*.csv wsd-decay/*-10xC.csv --sizes model_sizes.csv \\
                  --metric 'eval/c4_en-validation/CrossEntropyLoss' --schedule 'wsd,decay:0.2,final:0.1' \\
                  --tokens-per-parameter 10 --tokens-per-parameter 20 --tokens-per-parameter 40 \\
                  --format csv --output final.csv
            """)

    @Argument(help: ArgumentHelp("Training logs, one run per file (files, directories or globs).", valueName: "logs"))
    var logs: [String]

    @OptionGroup(title: "Training logs")
    var logOptions: LogOptions

    @Option(help: ArgumentHelp("The law: lr-annealing or multi-power.", valueName: "law"))
    var law: String = "lr-annealing"

    @Option(help: ArgumentHelp("lr-annealing's annealing momentum λ.", valueName: "λ"))
    var lambda: Double = LRAnnealingLaw.defaultLambda

    @Option(help: ArgumentHelp("The planned schedule's shape and final ratio, e.g. 'wsd,decay:0.2,final:0.1' or 'cosine,final:0.1'.", valueName: "spec"))
    var schedule: String

    @Option(name: .customLong("tokens-per-parameter"), help: ArgumentHelp("A token budget as tokens per parameter D/N (repeatable).", valueName: "r"))
    var tokensPerParameter: [Double] = []

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        guard !tokensPerParameter.isEmpty else { throw ValidationError("--tokens-per-parameter: give at least one budget D/N, e.g. 20") }
        for r in tokensPerParameter where !(r.isFinite && r > 0) {
            throw ValidationError("--tokens-per-parameter: expected a positive number, got \(r)")
        }
        guard logOptions.sizes != nil || logOptions.namePattern != nil else {
            throw ValidationError("curve ladder groups runs by model size: give --sizes FILE or --name-pattern PATTERN")
        }
    }

    func run() throws {
        try Console.run {
            guard var curveLaw = CurveLaw(name: law) else {
                throw ValidationError("--law: expected lr-annealing or multi-power, got '\(law)'")
            }
            if case .lrAnnealing = curveLaw { curveLaw = .lrAnnealing(lambda: lambda) }
            guard let metric = logOptions.metric else { throw LogError.noMetric }
            let shape = try ScheduleSyntax.parse(schedule)
            let files = try LogFiles.expand(logs)
            let ladder = try logOptions.ladder(logs)
            let curves = try LossCurve.readLinked(files, metric: metric, learningRateColumn: logOptions.learningRateColumn,
                                                  stepColumn: logOptions.stepColumn, ladder: ladder)
            let sizes = try CurveLadder.fit(curves, runs: ladder.runs, law: curveLaw)
            let points = try CurveLadder.finalLosses(sizes, shape: shape, tokensPerParameter: tokensPerParameter)
            let report = CurveLadderReport.report(sizes: sizes, points: points, schedule: schedule)
            let text = try report.render(output.format.report, payload: points)
            try output.emit(report: text) { Array(try report.render(RenderFormat.json, payload: points).utf8) }
        }
    }
}
