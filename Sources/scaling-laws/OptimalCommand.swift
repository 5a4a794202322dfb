import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws optimal (--fit FILE | --preset NAME) --budget C …`: the loss-optimal model
/// size and token count for each compute budget.
struct OptimalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimal",
        abstract: "Compute-optimal model size and tokens for FLOP budgets.",
        discussion: """
            For a Chinchilla law under C = 6ND the optimum has a closed form (Hoffmann et al. \
            2022, eq. 4): N_opt = G (C/6)^(β/(α+β)), D_opt = (C/6)^(α/(α+β)) / G, \
            G = (αA/(βB))^(1/(α+β)). Prints N_opt, D_opt, tokens per parameter D/N and the \
            predicted loss for each budget.

            With --fit, the loss at each optimum carries a confidence interval (CI) of the mean \
            curve and a prediction interval (PI) of a new run; a fit saved with 'fit \
            --bootstrap N' also gives bootstrap intervals of N_opt, D_opt, D/N and of the \
            exponent a = β/(α+β), each propagated through every draw.

            Presets: \(ChinchillaParameters.presets.map(\.name).joined(separator: ", ")).

            Example:
              scaling-laws optimal --preset epoch2024 --budget 5.76e23
            """
    )

    @Option(help: ArgumentHelp("A fit artifact written by 'scaling-laws fit --output'.", valueName: "file"))
    var fit: String?

    @Option(help: ArgumentHelp("Published Chinchilla constants instead of a fit.", valueName: "name"))
    var preset: String?

    @Option(
        name: .customLong("budget"),
        help: ArgumentHelp("Training compute in FLOP (repeatable), e.g. 5.76e23 or 1e21.", valueName: "flop"))
    var budgets: [String] = []

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        guard (fit == nil) != (preset == nil) else {
            throw ValidationError("give exactly one of --fit <file> and --preset <name>")
        }
        guard !budgets.isEmpty else { throw ValidationError("give at least one --budget <flop>") }
    }

    func run() throws {
        try Console.run {
            let budgetValues = try budgets.map { text -> Double in
                guard let value = Syntax.number(text), value.isFinite, value > 0 else {
                    throw CLIError.invalidNumber(
                        option: "--budget", text: text, expected: "a positive number of FLOP such as 5.76e23")
                }
                return value
            }
            let source = try fit.map(ParameterSource.artifact(path:)) ?? ParameterSource.preset(preset ?? "")
            let parameters = try source.chinchillaParameters(command: "optimal")
            let points = budgetValues.map { ChinchillaLaw.computeOptimal(budget: $0, parameters: parameters) }
            let intervals = try source.fit?.bootstrap.map { try Self.intervals(budgets: budgetValues, bootstrap: $0, source: source) }
            var table = AllocationTable(
                label: source.label, detail: source.detail, parameters: parameters, points: points, intervals: intervals)
            if let fit = source.fit {
                let level = fit.bootstrap?.confidenceLevel ?? fit.confidenceLevel
                table.lossIntervals = try points.map { point in
                    let i = try source.intervals(at: [point.parameters, point.tokens])
                    return LossInterval(confidenceLevel: level, lower: i.lower, upper: i.upper,
                                        predictionLower: i.predictionLower, predictionUpper: i.predictionUpper)
                }
                table.lossIntervalMethod = source.intervalMethod
                if let boot = fit.bootstrap, let alpha = boot.parameterNames.firstIndex(of: "alpha"),
                   let beta = boot.parameterNames.firstIndex(of: "beta") {
                    table.exponentInterval = boot.percentileInterval { $0[beta] / ($0[alpha] + $0[beta]) }
                }
            }
            let report = try AllocationRenderer.render(table, format: output.format.report)
            try output.emit(report: report) { Array(try AllocationRenderer.render(table, format: .json).utf8) }
        }
    }

    /// Percentile intervals of N_opt, D_opt and D/N for each budget across the bootstrap draws
    /// of the fit (the closed-form optimum of each draw).
    /// - Throws: ``CLIError/missingParameter(source:name:)`` when the draws lack a constant.
    static func intervals(budgets: [Double], bootstrap: LawFit.BootstrapSummary, source: ParameterSource) throws -> [AllocationInterval] {
        func index(_ name: String) throws -> Int {
            guard let k = bootstrap.parameterNames.firstIndex(of: name) else {
                throw CLIError.missingParameter(source: source.label + " (bootstrap draws)", name: name)
            }
            return k
        }
        let e = try index("E"), a = try index("A"), b = try index("B"), alpha = try index("alpha"), beta = try index("beta")
        let nan = BootstrapInterval(lower: .nan, upper: .nan)
        return budgets.map { budget in
            func optimum(_ p: [Double]) -> ComputeOptimalPoint {
                ChinchillaLaw.computeOptimal(
                    budget: budget, parameters: ChinchillaParameters(e: p[e], a: p[a], b: p[b], alpha: p[alpha], beta: p[beta]))
            }
            return AllocationInterval(
                confidenceLevel: bootstrap.confidenceLevel, draws: bootstrap.draws.count,
                parameters: bootstrap.percentileInterval { optimum($0).parameters } ?? nan,
                tokens: bootstrap.percentileInterval { optimum($0).tokens } ?? nan,
                tokensPerParameter: bootstrap.percentileInterval { optimum($0).tokensPerParameter } ?? nan)
        }
    }
}
