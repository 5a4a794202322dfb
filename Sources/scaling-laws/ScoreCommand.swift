import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws score`: benchmark-score forecasts from a score law in compute (Owen 2024), the
/// compute to reach a target score, and the two-step chain (N, D) → loss → accuracy
/// (Bhagia et al. 2024).
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Forecast benchmark scores from compute or model size, and the compute to reach a score.",
        discussion: """
            The score law comes from a fit artifact (--fit) or is given by value (--law with \
            --param NAME=VALUE for each parameter). Laws of compute (sigmoid, sigmoid-offset, \
            clipped-linear) are evaluated at --compute budgets, or at the scaled compute of \
            models given with --n/--d under a Chinchilla loss law (--loss-fit or --loss-preset; \
            Owen 2024). --target gives the least compute whose predicted score reaches it.

            With a loss-to-accuracy fit (--fit), --loss-fit and --n/--d chain the two steps; the \
            interval propagates both fits by seeded parameter draws (--draws, --seed).

            Intervals (from a fit): bootstrap percentiles when the fit carries bootstrap draws \
            ('fit --bootstrap'), else the delta method on its covariance.

            Examples:
              scaling-laws score --law sigmoid --param k=1.5 --param x0=24.5 --compute 1e23:1e26:x10 --target 0.5
              scaling-laws score --fit bbh.json --loss-preset hoffmann-rounded --n 175B --d 300B
              scaling-laws score --fit acc.json --loss-fit taskloss.json --n 7B --d 2T --seed 1
            """)

    @Option(help: ArgumentHelp("A score-law fit artifact written by 'scaling-laws fit --output'.", valueName: "file"))
    var fit: String?

    @Option(help: ArgumentHelp("A score law given by value instead of a fit (sigmoid, sigmoid-offset, clipped-linear).", valueName: "name"))
    var law: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter of --law, as NAME=VALUE (repeatable).", valueName: "name=value"))
    var params: [String] = []

    @Option(help: ArgumentHelp("Compute budgets in FLOP: START:STOP:xFACTOR or a comma list.", valueName: "spec"))
    var compute: String?

    @Option(name: .customLong("n"), help: ArgumentHelp("Model parameters N (repeatable, paired with --d), e.g. 70B.", valueName: "n"))
    var nValues: [String] = []

    @Option(name: .customLong("d"), help: ArgumentHelp("Training tokens D (repeatable), e.g. 1.4T.", valueName: "d"))
    var dValues: [String] = []

    @Option(name: .customLong("loss-fit"), help: ArgumentHelp("A loss-law fit: Chinchilla for scaled compute, or step 1 of a chain.", valueName: "file"))
    var lossFit: String?

    @Option(name: .customLong("loss-preset"), help: ArgumentHelp("Published Chinchilla constants for scaled compute.", valueName: "name"))
    var lossPreset: String?

    @Option(help: ArgumentHelp("A target score (repeatable): the least compute that reaches it.", valueName: "score"))
    var target: [String] = []

    @Option(help: ArgumentHelp("Joint parameter draws for a two-step chain.", valueName: "count"))
    var draws: Int = 4000

    @Option(help: ArgumentHelp("Seed of the parameter draws.", valueName: "seed"))
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Confidence level of a chain's intervals.", valueName: "level"))
    var level: Double = 0.95

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        guard (fit == nil) != (law == nil) else { throw ValidationError("give exactly one of --fit <file> and --law <name>") }
        if law == nil, !params.isEmpty { throw ValidationError("--param goes with --law") }
        guard nValues.count == dValues.count else {
            throw ValidationError("--n and --d pair up in order: got \(nValues.count) --n and \(dValues.count) --d")
        }
        if lossFit != nil, lossPreset != nil { throw ValidationError("give at most one of --loss-fit <file> and --loss-preset <name>") }
        guard compute != nil || !nValues.isEmpty || !target.isEmpty else {
            throw ValidationError("nothing to forecast: give --compute <spec>, --n <n> --d <d> or --target <score>")
        }
    }

    func run() throws {
        try Console.run {
            let scoreFit = try fit.map(FitFile.load)
            let scoreLaw = try scoreFit?.resolvedLaw() ?? namedLaw()
            let models = try zip(nValues, dValues).map { n, d in
                (try FitFile.positive(n, option: "--n", what: "a positive number of parameters such as 7e10"),
                 try FitFile.positive(d, option: "--d", what: "a positive number of tokens such as 1.4e12"))
            }
            let report: ScoreReport
            if scoreLaw.inputs.map(\.role) == ["loss"] {
                report = try chain(scoreLaw: scoreLaw, scoreFit: scoreFit, models: models)
            } else {
                report = try forecast(scoreLaw: scoreLaw, scoreFit: scoreFit, models: models)
            }
            let text = try ScoreRenderer.render(report, format: output.format.report)
            try output.emit(report: text) { Array(try ScoreRenderer.render(report, format: .json).utf8) }
        }
    }

    /// `--law` with its `--param` values.
    func namedLaw() throws -> any ScalingLaw {
        let name = law ?? ""
        guard let law = LawRegistry.law(named: name) else { throw CLIError.unknownLaw(name: name, known: LawRegistry.names) }
        return law
    }

    func namedValues(_ law: any ScalingLaw) throws -> [Double] {
        var given: [String: Double] = [:]
        for text in params {
            guard let (name, valueText) = FitFile.pair(text), let value = Syntax.number(valueText), value.isFinite else {
                throw CLIError.invalidNumber(option: "--param", text: text, expected: "NAME=VALUE with a finite number, e.g. k=1.5")
            }
            guard law.parameterIndex(name) != nil else {
                throw CLIError.invalidNumber(option: "--param", text: text,
                                             expected: "a parameter of \(law.name) (\(law.parameters.map(\.name).joined(separator: ", ")))")
            }
            given[name] = value
        }
        return try law.parameters.map { p in
            guard let v = given[p.name] else {
                throw DecisionError.invalidOption("--law \(law.name) needs --param \(p.name)=VALUE (its parameters: \(law.parameters.map(\.name).joined(separator: ", ")))")
            }
            return v
        }
    }

    func forecast(scoreLaw: any ScalingLaw, scoreFit: LawFit?, models: [(Double, Double)]) throws -> ScoreReport {
        var lossLaw: ChinchillaParameters?
        var lossLabel: String?
        if let lossFit {
            let source = try LawSource.load(fitArtifactAt: lossFit)
            lossLaw = try source.chinchillaParameters(command: "score")
            lossLabel = "\(source.label) (models map to Owen's scaled compute C_s: L(N_s, 20·N_s) = L(N, D), C_s = 120·N_s²)"
        } else if let lossPreset {
            let source = try LawSource.preset(lossPreset)
            lossLaw = try source.chinchillaParameters(command: "score")
            lossLabel = "\(source.label) (models map to Owen's scaled compute C_s: L(N_s, 20·N_s) = L(N, D), C_s = 120·N_s²)"
        }
        if !models.isEmpty, lossLaw == nil { throw DecisionError.missingLossLaw }
        let forecaster: BenchmarkForecaster
        let source: String
        if let scoreFit, let fit {
            forecaster = try BenchmarkForecaster(fit: scoreFit, lossLaw: lossLaw)
            source = "fit \(fit): \(scoreFit.law) fitted to \(scoreFit.data.source) (\(scoreFit.data.rows) rows)"
        } else {
            let values = try namedValues(scoreLaw)
            forecaster = try BenchmarkForecaster(law: scoreLaw, values: values, lossLaw: lossLaw)
            source = "law \(scoreLaw.name) (" + zip(scoreLaw.parameters, values).map { "\($0.name) = \(NumberFormat.significant($1, digits: 6))" }.joined(separator: ", ") + ")"
        }
        var interval: String?
        if let method = forecaster.intervalMethod, let level = forecaster.confidenceLevel {
            interval = ScoreReport.intervalLabel(level: level, method: method.label + " (score fit only); low/high: the mean curve, new low/high: a new model (residual scatter added, on the logit scale inside [chance, 1])")
        }
        var report = ScoreReport(source: source, law: scoreLaw.name, formula: scoreLaw.formula, lossLaw: lossLabel, interval: interval)
        if let compute {
            for c in try BudgetList.parse(compute) { report.scores.append(try forecaster.score(compute: c)) }
        }
        for (n, d) in models { report.scores.append(try forecaster.score(parameters: n, tokens: d)) }
        for text in target {
            guard let p = Syntax.number(text), p.isFinite else {
                throw CLIError.invalidNumber(option: "--target", text: text, expected: "a score such as 0.5 (normalised: chance 0, best 1)")
            }
            report.targets.append(try forecaster.compute(toReach: p))
        }
        return report
    }

    func chain(scoreLaw: any ScalingLaw, scoreFit: LawFit?, models: [(Double, Double)]) throws -> ScoreReport {
        guard let scoreFit, let fit else {
            throw ValidationError("a two-step forecast needs fits of both steps: give the loss-to-accuracy fit with --fit")
        }
        guard let lossFit else {
            throw ValidationError("a two-step forecast needs the step-1 loss fit: give --loss-fit <file>")
        }
        guard compute == nil, target.isEmpty else {
            throw ValidationError("--compute and --target apply to score laws of compute; a loss-to-accuracy fit takes --n/--d with --loss-fit")
        }
        guard !models.isEmpty else { throw ValidationError("a two-step forecast needs models: give --n <n> --d <d>") }
        let step1 = try FitFile.load(lossFit)
        let forecaster = try TwoStepAccuracyForecaster(lossFit: step1, accuracyFit: scoreFit, draws: draws, seed: seed, confidenceLevel: level)
        let method = "\(ForecastIntervalMethod.parameterDraws.label): \(forecaster.drawCount) joint draws, seed \(seed) (step 1: \(forecaster.lossDraws.method.label); step 2: \(forecaster.accuracyDraws.method.label))"
        var report = ScoreReport(
            source: "fit \(fit): \(scoreFit.law) fitted to \(scoreFit.data.source) (\(scoreFit.data.rows) rows)",
            law: scoreLaw.name, formula: scoreLaw.formula,
            lossLaw: "fit \(lossFit): \(step1.law) \(step1.formula) (step 1)",
            interval: ScoreReport.intervalLabel(level: level, method: method))
        for (n, d) in models { report.chain.append(try forecaster.forecast(parameters: n, tokens: d)) }
        report.warnings = forecaster.warnings.map(\.description)
        for warning in forecaster.warnings { Console.note("warning: \(warning)") }
        return report
    }
}
