import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws utd`: the budget-optimal updates-to-data ratio of value-based RL, its data and
/// compute, and σ* = c·F^k across thresholds (Rybkin et al. 2025).
struct UTDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "utd",
        abstract: "Choose the updates-to-data ratio for value-based RL: σ*, data and compute per threshold or budget.",
        discussion: """
            For each performance threshold J, minimises the budget F(σ) = C_J(σ) + δ·D_J(σ) over \
            the UTD ratio σ (Rybkin et al. 2025) and prints σ*, D_J, the mean batch size, C_J \
            and F*. With four or more thresholds it fits σ* = c·F^k on all but the --held-out \
            highest and checks the extrapolation. --budgets gives the σ* the law recommends for \
            budgets F (the fitted law, else the published one of --sigma-law) and the highest \
            threshold J whose budget F_J(σ*) fits in F, with its data and compute, and what the \
            next threshold would need. A σ*(F) outside --sigma-range (the UTD ratios the laws \
            were fitted on) is a warning.

            Law sets are per suite: the published D_J and batch-size laws are Gym's, so \
            --sigma-law dmc needs DeepMind Control utd-data fits (--threshold) and batch-size \
            law (--batch-slope, --batch-intercepts).

            D_J laws: the published Gym J = 800 fit (default), or utd-data fits given as \
            --threshold J=FILE (repeatable). The batch-size law, N and δ default to the \
            published Gym (SAC) values.

            Examples:
              scaling-laws utd
              scaling-laws utd --budgets 1e15,1e16,1e17
              scaling-laws utd --threshold 700=d700.json --threshold 800=d800.json ...
            """)

    @Option(name: .customLong("threshold"), help: ArgumentHelp("A utd-data (or utd-data-sigma0) fit for threshold J, as J=FILE (repeatable).", valueName: "j=file"))
    var thresholds: [String] = []

    @Option(name: .customLong("critic-parameters"), help: ArgumentHelp("Critic parameters N.", valueName: "n"))
    var criticParameters: String = "1.5e5"

    @Option(name: .customLong("step-cost"), help: ArgumentHelp("FLOP per environment step δ.", valueName: "flop"))
    var stepCost: String = "4e9"

    @Option(name: .customLong("batch-slope"), help: ArgumentHelp("Shared exponent of B*(σ).", valueName: "s"))
    var batchSlope: Double = -0.3096

    @Option(name: .customLong("batch-intercepts"), help: ArgumentHelp("log10 intercepts of B*(σ), one per environment, comma-separated.", valueName: "list"))
    var batchIntercepts: String = "2.6189,2.6149,2.4958,2.5089"

    @Option(name: .customLong("sigma-range"), help: ArgumentHelp("UTD ratios searched, LOW:HIGH.", valueName: "low:high"))
    var sigmaRange: String = "0.25:16"

    @Option(name: .customLong("held-out"), help: ArgumentHelp("Highest thresholds held out of the σ* = c·F^k fit.", valueName: "count"))
    var heldOut: Int = 2

    @Option(help: ArgumentHelp("Budgets F in FLOP: START:STOP:xFACTOR or a comma list.", valueName: "spec"))
    var budgets: String?

    @Option(name: .customLong("sigma-law"), help: ArgumentHelp("Published σ* = c·F^k for --budgets without a fitted one: gym or dmc.", valueName: "name"))
    var sigmaLaw: String = "gym"

    @Option(
        name: .customLong("hparams"),
        help: ArgumentHelp(
            "A CSV of best hyperparameters per environment and UTD ratio (columns Environment, UTD, Batch Size, Learning Rate): fits B*(σ) and η*(σ) with shared slopes and prints both per environment at each σ*, with 95% intervals; its batch-size law replaces --batch-slope/--batch-intercepts.",
            valueName: "file"))
    var hyperparameterFile: String?

    @OptionGroup(title: "Output")
    var output: OutputOptions

    /// The published Gym (SAC) batch-size law, the default of --batch-slope and --batch-intercepts.
    static let gymBatchSlope = -0.3096
    static let gymBatchIntercepts = "2.6189,2.6149,2.4958,2.5089"

    /// The suite --sigma-law names.
    static func suite(_ text: String) throws -> UTDSuite {
        guard let suite = UTDSuite(rawValue: text.lowercased()) else {
            throw CLIError.invalidNumber(option: "--sigma-law", text: text, expected: "gym or dmc")
        }
        return suite
    }

    /// Refuses a law set that mixes suites: the published D_J and batch-size laws are Gym's.
    func checkSuite(_ suite: UTDSuite, publishedDataLaw: Bool) throws {
        guard suite != .gym else { return }
        var gym: [String] = []
        if publishedDataLaw { gym.append("D_J") }
        if hyperparameterFile == nil && batchSlope == Self.gymBatchSlope && batchIntercepts == Self.gymBatchIntercepts { gym.append("batch-size") }
        guard gym.isEmpty else { throw DecisionError.mixedSuites(option: "--sigma-law \(sigmaLaw)", suite: suite.description, gymLaws: gym) }
    }

    func run() throws {
        try Console.run {
            let range = try FitFile.range(sigmaRange, option: "--sigma-range", what: "UTD ratios")
            let n = try FitFile.positive(criticParameters, option: "--critic-parameters", what: "a positive number of parameters such as 1.5e5")
            let delta = try FitFile.positive(stepCost, option: "--step-cost", what: "a positive number of FLOP such as 4e9")
            let givenIntercepts = try batchIntercepts.split(separator: ",").map { text in
                guard let v = Syntax.number(String(text)), v.isFinite else {
                    throw CLIError.invalidNumber(option: "--batch-intercepts", text: batchIntercepts, expected: "a comma list of log10 intercepts such as 2.6189,2.6149")
                }
                return v
            }
            guard !givenIntercepts.isEmpty else {
                throw CLIError.invalidNumber(option: "--batch-intercepts", text: batchIntercepts, expected: "a comma list of log10 intercepts such as 2.6189,2.6149")
            }
            var batchSlope = self.batchSlope
            var intercepts = givenIntercepts
            var hyperparameters: UTDHyperparameterLaws?
            if let hyperparameterFile {
                let specification = InputSpecification(
                    path: hyperparameterFile, columns: ["sigma": "UTD", "batch": "Batch Size", "lr": "Learning Rate"], by: "Environment")
                let selected = try specification.load(roles: ["sigma", "batch", "lr"])
                let data = selected.dataset
                let fitted = try UTDHyperparameterLaws.fit(
                    environments: selected.labelsByRow, sigma: try data.column("sigma"), batchSize: try data.column("batch"),
                    learningRate: try data.column("lr"))
                batchSlope = fitted.batchSize.slope
                intercepts = fitted.batchSize.intercepts
                hyperparameters = fitted
            }
            var laws: [(threshold: Double, law: UTDBudget)] = []
            let source: String
            if thresholds.isEmpty {
                var law = UTDBudget.gymJ800
                law.criticParameters = n
                law.stepCost = delta
                law.batchSlope = batchSlope
                law.batchIntercepts = intercepts
                laws = [(800, law)]
                source = "published Gym (SAC) J = 800: D_J(σ) = 2.17e5·[1.03082 + (σ/2.28952)^−0.70038]/1.03082 = D_min + (β/σ)^α = D_min·(1 + (σ/σ0)^−α) with D_min = 2.17e5, β = \(NumberFormat.significant(UTDDataEfficiencyLaw.gymJ800[1], digits: 4)), σ0 = \(NumberFormat.significant(UTDDataEfficiencySigma0Law.gymJ800[1], digits: 4)), α = 0.7004"
            } else {
                for text in thresholds {
                    guard let (jText, path) = FitFile.pair(text), let j = Syntax.number(jText), j.isFinite else {
                        throw CLIError.invalidNumber(option: "--threshold", text: text, expected: "J=FILE, e.g. 800=d800.json")
                    }
                    // A fit in the σ0 form is the same curve: converted to [D_min, β, α].
                    let loaded = try FitFile.load(path)
                    let fit = loaded.law == "utd-data-sigma0" ? loaded : try FitFile.load(path, law: "utd-data", command: "utd")
                    let values = fit.law == "utd-data-sigma0" ? UTDDataEfficiencyLaw.betaForm(fit.values) : fit.values
                    laws.append((j, UTDBudget(dataEfficiency: values, batchSlope: batchSlope, batchIntercepts: intercepts,
                                              criticParameters: n, stepCost: delta)))
                }
                source = "utd-data fits: " + thresholds.joined(separator: ", ")
            }
            let setting = "N = \(NumberFormat.significant(n, digits: 4)) critic parameters, δ = \(NumberFormat.significant(delta, digits: 4)) FLOP per step, B*(σ) = 10^c·σ^\(NumberFormat.significant(batchSlope, digits: 4)) averaged over \(intercepts.count) environments"
            var report = UTDReport(source: source, setting: setting, range: range)
            if laws.count >= heldOut + 2, heldOut >= 0 {
                let scaling = try UTDThresholdScaling.make(thresholds: laws, range: range, heldOut: heldOut)
                report.scaling = scaling
                report.optima = scaling.optima
                report.powerLaw = scaling.law
                report.powerLawSource = "fitted on J = " + scaling.fitted.map { NumberFormat.significant($0, digits: 4) }.joined(separator: ", ")
            } else {
                report.optima = try laws.sorted { $0.threshold < $1.threshold }.map { try UTDOptimum.find($0.law, threshold: $0.threshold, in: range) }
                for o in report.optima where !o.interior {
                    Console.note("warning: at J = \(NumberFormat.significant(o.threshold ?? .nan, digits: 4)) σ* = \(NumberFormat.significant(o.sigma, digits: 4)) is at an end of --sigma-range \(sigmaRange): widen it")
                }
            }
            if let hyperparameters, let file = hyperparameterFile {
                let g = { (v: Double) in NumberFormat.significant(v, digits: 4) }
                report.hyperparameterSource = "--hparams \(file): B* ∝ σ^\(g(hyperparameters.batchSize.slope)), η* ∝ σ^\(g(hyperparameters.learningRate.slope)), shared slopes over \(hyperparameters.batchSize.groups.count) environments; 95% CI of each law's mean"
                for o in report.optima {
                    for p in hyperparameters.at(o.sigma) {
                        report.hyperparameters.append(.init(at: "J = \(g(o.threshold ?? .nan))", point: p))
                    }
                }
            }
            let suite = try Self.suite(sigmaLaw)
            report.suite = suite
            if let budgets {
                if report.powerLaw == nil {
                    try checkSuite(suite, publishedDataLaw: thresholds.isEmpty)
                    report.powerLaw = suite == .gym ? .gym : .deepMindControl
                    report.powerLawSource = suite == .gym ? "published, Gym" : "published, DeepMind Control"
                }
                if let law = report.powerLaw {
                    for f in try BudgetList.parse(budgets) {
                        let decision = try UTDBudgetDecision.decide(budget: f, law: law, thresholds: laws, range: range)
                        report.budgets.append(decision)
                        for p in hyperparameters?.at(decision.sigma) ?? [] {
                            report.hyperparameters.append(.init(at: "F = \(NumberFormat.significant(f, digits: 4))", point: p))
                        }
                    }
                }
                for warning in report.warnings { Console.note("warning: \(warning)") }
            }
            let text = try UTDRenderer.render(report, format: output.format.report)
            try output.emit(report: text) { Array(try UTDRenderer.render(report, format: .json).utf8) }
        }
    }
}
