import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws curve fit|predict`: schedule-aware laws over whole loss curves.
struct CurveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curve",
        abstract: "Fit a schedule-aware law to whole loss curves and predict runs of other schedules.",
        discussion: """
            Laws: lr-annealing (Tissue et al. 2024, arXiv:2408.11029) and multi-power (Luo et al. \
            2025, arXiv:2503.12811). Each log's per-step learning-rate schedule is rebuilt from its \
            logged rates (straight lines between logged steps, a linear warm-up from 0). A WSD \
            decay branch continues the constant-rate run it branches from: the only constant run \
            among the logs (of the same size, with --sizes and --name-pattern) that reaches the \
            branch's first step; --branch-of names it instead.

            Example:
              scaling-laws curve fit constant/1B-10xC.csv cosine/1B-10xC.csv \\
                  --metric 'eval/c4_en-validation/CrossEntropyLoss' --output curve.json
              scaling-laws curve predict --fit curve.json --curve wsd-decay/1B-10xC.csv
              scaling-laws curve predict --fit curve.json --schedule 'wsd,decay:0.2,warmup:1000,peak:5e-4,final:0.1' --steps 162694
            """,
        subcommands: [CurveFitCommand.self, CurvePredictCommand.self, CurveChooseCommand.self, CurveLadderCommand.self]
    )
}

struct CurveFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "Fit a curve law to the loss curves of runs of one model size.")

    @Argument(help: ArgumentHelp("Training logs, one run per file (files, directories or globs).", valueName: "logs"))
    var logs: [String]

    @OptionGroup(title: "Training logs")
    var logOptions: LogOptions

    @OptionGroup(title: "Curve law")
    var curveLawOptions: CurveLawOptions

    @Option(help: ArgumentHelp("Write the fit as JSON here (nothing is written on failure).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Prediction intervals: held-out (the delta method plus a model error measured by refitting with each run's end held out) or delta (the delta method alone, which assumes the law exact).", valueName: "method"))
    var intervals: String = "held-out"

    func run() throws {
        try Console.run {
            let curveLaw = try curveLawOptions.curveLaw()
            guard let metric = logOptions.metric else { throw LogError.noMetric }
            let files = try LogFiles.expand(logs)
            // Runs of one size are linked by N when the logs say it (--sizes, --name-pattern).
            let ladder = logOptions.sizes != nil || logOptions.namePattern != nil ? try logOptions.ladder(logs) : nil
            let curves = try LossCurve.readLinked(files, metric: metric, learningRateColumn: logOptions.learningRateColumn,
                                                  stepColumn: logOptions.stepColumn, ladder: ladder)
            let calibrated: Bool
            switch intervals {
            case "held-out": calibrated = true
            case "delta": calibrated = false
            default: throw ValidationError("--intervals: expected held-out or delta, got '\(intervals)'")
            }
            var fit = calibrated ? try CurveFitter.fitCalibrated(curves, law: curveLaw) : try CurveFitter.fit(curves, law: curveLaw)
            fit.logs = files.map(\.path)
            fit.metric = metric
            fit.learningRateColumn = logOptions.learningRateColumn
            fit.stepColumn = logOptions.stepColumn
            var text = "\(curveLaw) on \(fit.runs.joined(separator: ", ")): \(fit.points) points\n"
            for p in fit.fit.parameters { text += "  \(p.name) = \(p.value)" + (p.standardError.map { " ± \($0)" } ?? "") + "\n" }
            if let error = fit.modelError {
                text += "  model error (held-out run ends): \(NumberFormat.significant(100 * error.relativeStandardDeviation, digits: 3))% of the loss, from \(error.heldOutErrors.count) ends\n"
            }
            Console.out(text)
            if let output {
                try AtomicFile.write(Array(try CurveFitArtifact.encode(fit)), to: output)
            }
            // Where diagnostics go, as `fit` does: a curve law the curves do not determine (a
            // flat direction) is said, not only visible in its standard errors.
            for warning in fit.fit.warnings { Console.note("warning: \(warning)") }
        }
    }
}

/// What a curve prediction predicts: a logged run (`--curve`, with `--branch-of` for a decay
/// branch whose constant run the fit's logs do not hold) or a planned schedule (`--schedule`).
/// Shared by `curve predict` and `predict`.
struct CurvePredictOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A run's log: predict every logged step of its schedule beside its losses.", valueName: "file"))
    var curve: String?

    @Option(name: .customLong("branch-of"), help: ArgumentHelp("For a WSD decay branch of --curve: the constant run's log it continues (default: the constant run among the fit's logs reaching the branch).", valueName: "file"))
    var branchOf: String?

    @Option(help: ArgumentHelp("A planned schedule, e.g. 'cosine,warmup:1000,peak:3e-4,final:0.1'.", valueName: "spec"))
    var schedule: String?

    @Option(help: ArgumentHelp("The planned schedule's last step (unless it gives steps:).", valueName: "T"))
    var steps: Int?

    @Option(help: ArgumentHelp("With --schedule: predict every N-th step (and the last).", valueName: "N"))
    var every: Int = 1

    var isUsed: Bool { curve != nil || schedule != nil }

    /// Reads a curve fit artifact (`curve fit --output`); another artifact is refused naming its kind.
    static func load(_ path: String) throws -> CurveFit {
        try CurveFitArtifact.decode(try DataFile.read(path), source: path)
    }

    /// The prediction's report. Columns of the logs default to the fit's.
    func report(fit: CurveFit, metric: String?, learningRateColumn: String?, stepColumn: String?) throws -> (Report, [CurvePrediction]) {
        if let curve {
            guard schedule == nil else { throw ValidationError("--curve and --schedule: give one of them") }
            guard let metric = metric ?? fit.metric else { throw LogError.noMetric }
            let parents = branchOf.map { [URL(fileURLWithPath: $0)] } ?? (fit.logs ?? []).map { URL(fileURLWithPath: $0) }
            let read = try LossCurve.readLinked([URL(fileURLWithPath: curve)], metric: metric,
                                                learningRateColumn: learningRateColumn ?? fit.learningRateColumn,
                                                stepColumn: stepColumn ?? fit.stepColumn, parents: parents)
            let predictions = fit.predictions(read[0])
            return (CurvePredictionReport.report(fit: fit, what: "\(curve) (\(read[0].schedule.lastStep) steps)", predictions: predictions), predictions)
        }
        guard let schedule else { throw ValidationError("--curve or --schedule: give the run to predict") }
        guard branchOf == nil else { throw ValidationError("--branch-of goes with --curve") }
        guard every >= 1 else { throw ValidationError("--every: expected a positive whole number, got \(every)") }
        let laidOut = try ScheduleSyntax.parse(schedule).schedule(steps: steps)
        let last = laidOut.lastStep
        let at = Array(stride(from: every, through: last, by: every)) + (last % every == 0 ? [] : [last])
        let predictions = fit.predictions(laidOut, at: at)
        return (CurvePredictionReport.report(fit: fit, what: "\(schedule) (\(last) steps)", predictions: predictions), predictions)
    }
}

struct CurvePredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict every logged step of a run, or the steps of a planned schedule, from a curve fit, with intervals.")

    @Option(help: ArgumentHelp("A fit written by 'curve fit --output'.", valueName: "file"))
    var fit: String

    @OptionGroup var target: CurvePredictOptions

    @Option(help: ArgumentHelp("The loss column of --curve (default: the fit's).", valueName: "column"))
    var metric: String?

    @Option(name: .customLong("lr-column"), help: ArgumentHelp("The learning-rate column of --curve (default: the fit's, else optim/learning_rate_group0, lr, …).", valueName: "column"))
    var learningRateColumn: String?

    @Option(name: .customLong("step-column"), help: ArgumentHelp("The step column of --curve (default: the fit's, else _step, step, …).", valueName: "column"))
    var stepColumn: String?

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let curveFit = try CurvePredictOptions.load(fit)
            let (report, predictions) = try target.report(fit: curveFit, metric: metric, learningRateColumn: learningRateColumn, stepColumn: stepColumn)
            let text = try report.render(output.format.report, payload: predictions)
            try output.emit(report: text) { Array(try report.render(RenderFormat.json, payload: predictions).utf8) }
        }
    }
}
