import ArgumentParser
import Forecast
import Reports
import ScalingLaws

/// `scaling-laws forecast (--fit FILE | --preset NAME) --budgets SPEC …`: the compute-optimal
/// allocation and predicted loss for a range of budgets, found numerically for any (N, D) law.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast compute-optimal model size, tokens and loss over FLOP budgets.",
        discussion: """
            For each budget C, minimises the law's predicted loss L(N, D) along the iso-cost \
            curve cost(N, D) = C by a scan over log N and a Brent refinement; works for any law \
            of (N, D) and any cost model. With a fit that has a covariance, each loss carries the \
            confidence interval of the mean curve (delta method).

            Budgets: START:STOP:xFACTOR (geometric, inclusive), e.g. 1e21:1e27:x10, or a comma \
            list, e.g. 1e21,5.76e23.
            Cost models: 6ND (training only), inference:TOKENS (C = 6ND + 2N·TOKENS).
            Presets: \(ChinchillaParameters.presets.map(\.name).joined(separator: ", ")).

            Example:
              scaling-laws forecast --preset epoch2024 --budgets 1e21:1e27:x10
            """
    )

    /// `--format`: the renderer's formats, LaTeX included.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, markdown, csv, json, latex

        var report: ForecastFormat { ForecastFormat(rawValue: rawValue) ?? .table }
    }

    @Option(help: ArgumentHelp("A fit artifact written by 'scaling-laws fit --output'.", valueName: "file"))
    var fit: String?

    @Option(help: ArgumentHelp("Published Chinchilla constants instead of a fit.", valueName: "name"))
    var preset: String?

    @Option(help: ArgumentHelp("FLOP budgets: START:STOP:xFACTOR or a comma list.", valueName: "spec"))
    var budgets: String

    @Option(help: ArgumentHelp("Cost model: 6ND or inference:TOKENS.", valueName: "model"))
    var cost: String = "6ND"

    @Option(help: "Format of the result on standard output.")
    var format: Format = .table

    @Option(name: .customLong("score-fit"), help: ArgumentHelp(
        "A benchmark-score fit (sigmoid, sigmoid-offset, clipped-linear or loss-to-accuracy) for a score column.",
        discussion: "A score law in compute is evaluated at each row's scaled compute (Owen 2024) under a Chinchilla loss law, else at the budget; a law of the loss at the predicted loss.",
        valueName: "file"))
    var scoreFit: String?

    func validate() throws {
        guard (fit == nil) != (preset == nil) else {
            throw ValidationError("give exactly one of --fit <file> and --preset <name>")
        }
    }

    func run() throws {
        try Console.run {
            let budgetValues = try BudgetList.parse(budgets)
            let costModel = try CostModel.parse(cost)
            let source = try fit.map(ParameterSource.artifact(path:)) ?? ParameterSource.preset(preset ?? "")
            let optimizer = try ComputeOptimizer(law: source.law, parameters: source.values, cost: costModel)
            var table = try ForecastTable.make(
                optimizer: optimizer, budgets: budgetValues, fit: source.fit, label: source.label, detail: source.detail)
            if let scoreFit {
                let lossLaw = source.law is ChinchillaLaw ? try source.chinchillaParameters(command: "forecast") : nil
                table = try table.withScores(scoreFit: try FitFile.load(scoreFit), lossLaw: lossLaw)
            }
            Console.out(try ForecastRenderer.render(table, format: format.report))
        }
    }
}
