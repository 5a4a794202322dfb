import ArgumentParser
import Foundation
import ScalingLaws

/// `scaling-laws curve fit|predict`: schedule-aware laws over whole loss curves.
struct CurveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curve",
        abstract: "Fit a schedule-aware law to whole loss curves and predict runs of other schedules.",
        discussion: """
            Laws: lr-annealing (Tissue et al. 2024, arXiv:2408.11029) and multi-power (Luo et al. \
            2025, arXiv:2503.12811). Each log's per-step learning-rate schedule is rebuilt from its \
            logged rates (straight lines between logged steps, a linear warm-up from 0).

            Example:
              scaling-laws curve fit constant/1B-10xC.csv cosine/1B-10xC.csv \\
                  --metric 'eval/c4_en-validation/CrossEntropyLoss' --output curve.json
              scaling-laws curve predict --fit curve.json --log wsd-decay/1B-10xC.csv \\
                  --branch-of constant/1B-10xC.csv --metric 'eval/c4_en-validation/CrossEntropyLoss'
              scaling-laws curve predict --fit curve.json --schedule 'wsd,decay:0.2,warmup:1000,peak:5e-4,final:0.1' --steps 162694
            """,
        subcommands: [CurveFitCommand.self, CurvePredictCommand.self]
    )
}

/// The options that locate a log's columns.
struct CurveLogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The loss column of the logs.", valueName: "column"))
    var metric: String

    @Option(name: .customLong("lr"), help: ArgumentHelp("The learning-rate column. Default: recognised by name (optim/learning_rate_group0, learning_rate, lr, …).", valueName: "column"))
    var learningRate: String?

    @Option(name: .customLong("step"), help: ArgumentHelp("The step column. Default: recognised by name (_step, step, …).", valueName: "column"))
    var step: String?
}

struct CurveFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "Fit a curve law to the loss curves of runs of one model size.")

    @Argument(help: ArgumentHelp("Training logs, one run per file.", valueName: "logs"))
    var logs: [String]

    @OptionGroup var columns: CurveLogOptions

    @Option(help: ArgumentHelp("The law: lr-annealing or multi-power.", valueName: "law"))
    var law: String = "lr-annealing"

    @Option(help: ArgumentHelp("lr-annealing's annealing momentum λ.", valueName: "λ"))
    var lambda: Double = LRAnnealingLaw.defaultLambda

    @Option(help: ArgumentHelp("Write the fit as JSON here (nothing is written on failure).", valueName: "file"))
    var output: String?

    func run() throws {
        try Console.run {
            guard var curveLaw = CurveLaw(name: law) else {
                throw ValidationError("--law: expected lr-annealing or multi-power, got '\(law)'")
            }
            if case .lrAnnealing = curveLaw { curveLaw = .lrAnnealing(lambda: lambda) }
            let curves = try logs.map {
                try LossCurve.read(URL(fileURLWithPath: $0), metric: columns.metric, learningRateColumn: columns.learningRate, stepColumn: columns.step)
            }
            let fit = try CurveFitter.fit(curves, law: curveLaw)
            var text = "\(curveLaw) on \(fit.runs.joined(separator: ", ")): \(fit.points) points\n"
            for p in fit.fit.parameters { text += "  \(p.name) = \(p.value)" + (p.standardError.map { " ± \($0)" } ?? "") + "\n" }
            Console.out(text)
            if let output {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                try AtomicFile.write(Array(try encoder.encode(fit)), to: output)
            }
        }
    }
}

struct CurvePredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict", abstract: "Predict every logged step of a run, or the steps of a planned schedule, from a curve fit.")

    @Option(help: ArgumentHelp("A fit written by 'curve fit --output'.", valueName: "file"))
    var fit: String

    @Option(help: ArgumentHelp("A run's log: its schedule and observed losses.", valueName: "file"))
    var log: String?

    @Option(name: .customLong("branch-of"), help: ArgumentHelp("For a WSD decay branch: the constant run's log it continues.", valueName: "file"))
    var branchOf: String?

    @Option(help: ArgumentHelp("A planned schedule, e.g. 'cosine,warmup:1000,peak:3e-4,final:0.1'.", valueName: "spec"))
    var schedule: String?

    @Option(help: ArgumentHelp("The planned schedule's last step (unless it gives steps:).", valueName: "T"))
    var steps: Int?

    @Option(help: ArgumentHelp("With --schedule: predict every N-th step (and the last).", valueName: "N"))
    var every: Int = 1

    @Option(help: ArgumentHelp("The loss column of --log.", valueName: "column"))
    var metric: String?

    @Option(name: .customLong("lr"), help: ArgumentHelp("The learning-rate column of --log.", valueName: "column"))
    var learningRate: String?

    func run() throws {
        try Console.run {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let curveFit = try decoder.decode(CurveFit.self, from: Data(contentsOf: URL(fileURLWithPath: fit)))
            var csv = "step,predicted,observed\n"
            if let log {
                guard schedule == nil else { throw ValidationError("--log and --schedule: give one of them") }
                guard let metric else { throw ValidationError("--metric: required with --log") }
                let curve = try LossCurve.read(URL(fileURLWithPath: log), metric: metric, learningRateColumn: learningRate,
                                               branchOf: branchOf.map { URL(fileURLWithPath: $0) })
                let predicted = curveFit.predict(curve.schedule, at: curve.steps)
                for (k, s) in curve.steps.enumerated() { csv += "\(s),\(predicted[k]),\(curve.losses[k])\n" }
            } else if let schedule {
                let spec = try ScheduleSyntax.parse(schedule)
                let laidOut = try spec.schedule(steps: steps)
                guard every >= 1 else { throw ValidationError("--every: expected a positive whole number, got \(every)") }
                let at = Array(stride(from: every, through: laidOut.lastStep, by: every)) + (laidOut.lastStep % every == 0 ? [] : [laidOut.lastStep])
                let predicted = curveFit.predict(laidOut, at: at)
                for (k, s) in at.enumerated() { csv += "\(s),\(predicted[k]),\n" }
            } else {
                throw ValidationError("--log or --schedule: give the run to predict")
            }
            Console.out(csv)
        }
    }
}
