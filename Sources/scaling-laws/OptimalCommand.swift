import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws optimal (--fit FILE | --preset NAME | --law LAW --param …) --budget C …`: the loss-optimal model
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

            With --cost, --cost-from, --fixed-n, --fixed-d, --unique-tokens or --target-loss \
            the optimum is found numerically along the iso-cost curve, for any law of (N, D) \
            or for the data-constrained law of (N, D, U) with --unique-tokens. --cost takes \
            6ND, inference:TOKENS or an expression in N and D (checked positive and \
            increasing); --cost-from fits C = k·N^p·D^q to a CSV with N, D and FLOP columns. \
            --fixed-n (or --fixed-d) spends the rest of each budget on the other quantity and \
            compares with the free optimum; without --budget it gives the budget at which \
            that N (or D) is compute-optimal. --target-loss finds the smallest budget whose \
            optimum reaches the loss.

            With --fit, the loss at each optimum carries a confidence interval (CI) of the mean \
            curve and a prediction interval (PI) of a new run; a fit saved with 'fit \
            --bootstrap N' also gives bootstrap intervals of N_opt, D_opt, D/N and of the \
            exponent a = β/(α+β), each propagated through every draw.

            With --fit ISO.json, an iso-FLOP artifact ('isoflop --output'), the budgets get the \
            Approach-2 frontier N* = k·C^a, D* = k·C^b with Student-t intervals of the log-log \
            line, and no loss; Approach 3's N_opt from the same runs is set beside it, with a \
            warning where their intervals do not overlap.

            Any other law of (N, D) (a Kaplan fit or preset, a formula) is optimised numerically \
            under the default cost C = 6ND, as with --cost 6ND.

            A law set (--preset liang2024, or your fits with --frontier-fit N=FILE \
            --frontier-fit D=FILE [--frontier-fit loss=FILE --frontier-fit FID=FILE]) gives every \
            member at each budget: N_opt, D_opt, loss, FID, with the interval of each fitted \
            member and a warning for budgets outside the fitted range.

            Presets: \(LawSource.presetNames.joined(separator: ", ")) ('scaling-laws laws' \
            lists each with its law); with --unique-tokens, \
            \(DataConstrainedParameters.presets.map(\.name).joined(separator: ", ")) is the data-constrained law.

            Examples:
              scaling-laws optimal --preset epoch2024 --budget 5.76e23
              scaling-laws optimal --preset epoch2024 --budget 1e24 --cost '6*N*D+2*N*1e13'
              scaling-laws optimal --preset muennighoff-c4 --budget 1e22 --unique-tokens 25B
              scaling-laws optimal --preset liang2024 --budget 1.5e21
              scaling-laws optimal --preset kaplan2020-nd --budget 1e21
            """
    )

    @OptionGroup(title: "Law source")
    var lawSource: LawSourceOptions

    @Option(
        name: .customLong("budget"),
        help: ArgumentHelp("Training compute in FLOP (repeatable), e.g. 5.76e23 or 1e21.", valueName: "flop"))
    var budgets: [String] = []

    @Option(help: ArgumentHelp("Cost model: 6ND, inference:TOKENS, or an expression in N and D such as '6*N*D + 2*N*1e13'.", valueName: "expr"))
    var cost: String?

    @Option(
        name: .customLong("cost-from"),
        help: ArgumentHelp("Fit the cost law C = k·N^p·D^q to a CSV of runs with N, D and FLOP (C) columns.", valueName: "file"))
    var costFrom: String?

    @Option(name: .customLong("fixed-n"), help: ArgumentHelp("Fix the model size N (parameters).", valueName: "n"))
    var fixedN: String?

    @Option(name: .customLong("fixed-d"), help: ArgumentHelp("Fix the training tokens D.", valueName: "d"))
    var fixedD: String?

    @Option(
        name: .customLong("unique-tokens"),
        help: ArgumentHelp("Cap on unique training tokens U (data-constrained law).", valueName: "u"))
    var uniqueTokens: String?

    @Option(
        name: .customLong("target-loss"),
        help: ArgumentHelp("Find the smallest budget whose compute-optimal loss reaches this value.", valueName: "loss"))
    var targetLoss: String?

    @Flag(help: "Add the best transformer shape for each budget's N_opt (see --aspect and the shape rules).")
    var shapes: Bool = false

    @Option(name: .customLong("hparams"), help: ArgumentHelp("Add the learning rate and batch size of a hyperparameter law (deepseek2024, steplaw2025) at each budget's N_opt and D_opt.", valueName: "name"))
    var hparamsLaw: String?

    @OptionGroup(title: "Shape rules (--shapes)")
    var shapeRules: ShapeRulesOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    /// Whether any option asks for the numeric route.
    var isNumeric: Bool {
        cost != nil || costFrom != nil || fixedN != nil || fixedD != nil || uniqueTokens != nil || targetLoss != nil
    }

    func validate() throws {
        if cost != nil, costFrom != nil { throw ValidationError("give at most one of --cost and --cost-from") }
        if fixedN != nil, fixedD != nil { throw ValidationError("give at most one of --fixed-n and --fixed-d") }
        if targetLoss != nil {
            guard budgets.isEmpty, fixedN == nil, fixedD == nil else {
                throw ValidationError("--target-loss finds the budget itself: give it without --budget, --fixed-n or --fixed-d")
            }
            return
        }
        guard !budgets.isEmpty || fixedN != nil || fixedD != nil else {
            throw ValidationError("give at least one --budget <flop>")
        }
    }

    static func number(_ text: String?, option: String, expected: String) throws -> Double? {
        guard let text else { return nil }
        guard let value = Syntax.number(text), value.isFinite, value > 0 else {
            throw CLIError.invalidNumber(option: option, text: text, expected: expected)
        }
        return value
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
            let source = try lawSource.load(dataConstrained: uniqueTokens != nil)
            if let iso = source.isoFlop {
                guard !isNumeric else {
                    throw LawSourceError.cannot(
                        source: source.label, request: "--cost, --cost-from, --fixed-n, --fixed-d, --unique-tokens or --target-loss (they need a loss law)",
                        can: source.capabilities)
                }
                let table = IsoFlopExtrapolationTable(label: source.label, detail: source.detail, frontier: iso.frontier, budgets: budgetValues)
                for warning in table.warnings { Console.note("warning: \(warning)") }
                let report = try IsoFlopExtrapolationRenderer.render(table, format: output.format.report)
                try output.emit(report: report) { Array(try IsoFlopExtrapolationRenderer.render(table, format: .json).utf8) }
                return
            }
            if let set = source.lawSet {
                guard !isNumeric, !budgetValues.isEmpty else {
                    throw LawSourceError.cannot(
                        source: source.label, request: "--cost, --cost-from, --fixed-n, --fixed-d, --unique-tokens or --target-loss (they need a loss law of N and D)",
                        can: source.capabilities)
                }
                try FrontierSetOutput.emit(set, budgets: budgetValues, output: output)
                return
            }
            let (law, _) = try source.lossLaw(for: "a compute-optimal allocation")
            try FrontierSetOutput.requireTwoInputs(law, source: source)
            if isNumeric || law.name != ChinchillaLaw().name {
                try runNumeric(source: source, budgets: budgetValues)
                return
            }
            let table = try AllocationTable.chinchilla(source: source, budgets: budgetValues)
            let points = table.points
            var report = try AllocationRenderer.render(table, format: output.format.report)
            if shapes {
                let rules = try shapeRules.rules()
                let rows = try points.map { point -> (Double?, ShapeCandidate) in
                    let best = try ShapeSearch.shapes(for: point.parameters, rules: rules, limit: 1)
                    return (point.budget, best[0])
                }
                var section = ReportSection(title: "Shapes for N_opt")
                section.fields([("rules", rules.summary), ("tolerance", NumberFormat.significant(rules.tolerance * 100, digits: 3) + "%")])
                section.table(ModelReport.shapeTable(rows, title: "Best shape per budget"))
                let shapesReport = Report(title: "Shapes for N_opt", sections: [section])
                if output.format == .json {
                    let shapesJSON = try shapesReport.render(ReportFormat.json, payload: rows.map(\.1))
                    report = "{\n\"allocation\": " + report.trimmingCharacters(in: .whitespacesAndNewlines)
                        + ",\n\"shapes\": " + shapesJSON.trimmingCharacters(in: .whitespacesAndNewlines) + "\n}\n"
                } else {
                    report += "\n" + (try shapesReport.render(output.format.report))
                }
            }
            if let hparamsLaw {
                let law = try HyperparameterLaw.preset(hparamsLaw)
                let rows = try points.map { point -> HparamsReport.Row in
                    let r = try law.recommend(n: point.parameters, d: point.tokens, c: point.budget)
                    return HparamsReport.Row(n: point.parameters, d: point.tokens, c: point.budget, learningRate: r.learningRate, batchSize: r.batchSize)
                }
                let hp = HparamsReport.recommendations(law, rows: rows)
                if output.format == .json {
                    let body = report.trimmingCharacters(in: .whitespacesAndNewlines)
                    let hpJSON = try hp.render(ReportFormat.json, payload: rows).trimmingCharacters(in: .whitespacesAndNewlines)
                    report = shapes ? String(body.dropLast()) + ",\n\"hparams\": " + hpJSON + "\n}\n"
                        : "{\n\"allocation\": " + body + ",\n\"hparams\": " + hpJSON + "\n}\n"
                } else {
                    report += "\n" + (try hp.render(output.format.report))
                }
            }
            try output.emit(report: report) { Array(try AllocationRenderer.render(table, format: .json).utf8) }
        }
    }

    /// The numeric route: a ``ComputeOptimizer`` with the cost model, the unique-token cap, and
    /// the fixed quantity or target loss.
    func runNumeric(source: LawSource, budgets: [Double]) throws {
        let costModel: CostModel
        var costNote: String? = nil
        if let costFrom {
            let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: costFrom))
            let roles = try ColumnRoleResolver().resolve(["N", "D", "C"], in: table)
            let data = try roles.dataset(from: table)
            let law = try CostLaw.fit(
                parameters: try data.column("N"), tokens: try data.column("D"), flops: try data.column("C"), source: costFrom)
            costModel = .fitted(law)
            if let se = law.standardErrors {
                costNote = "cost law fitted to \(costFrom): p = \(NumberFormat.significant(law.parameterExponent, digits: 5)) ± \(NumberFormat.significant(se[1], digits: 2)), "
                    + "q = \(NumberFormat.significant(law.tokenExponent, digits: 5)) ± \(NumberFormat.significant(se[2], digits: 2))"
            }
        } else if let cost {
            costModel = try OptimalQuestion.costModel(cost)
        } else {
            costModel = .sixND
        }
        if let costNote { Console.note(costNote) }
        let unique = try Self.number(uniqueTokens, option: "--unique-tokens", expected: "a positive number of tokens such as 25B")
        let (law, values) = try source.lossLaw(for: "a numeric optimum")
        let optimizer = try ComputeOptimizer(law: law, parameters: values, cost: costModel, uniqueTokens: unique)
        var detail = source.detail
        if let unique { detail += "; unique tokens capped at U = \(NumberFormat.human(unique))" }
        let fit = unique == nil ? source.fit : nil
        func emit(_ table: ForecastTable) throws {
            let format = ForecastFormat(rawValue: output.format.rawValue) ?? .table
            let report = try ForecastRenderer.render(table, format: format)
            try output.emit(report: report) { Array(try ForecastRenderer.render(table, format: .json).utf8) }
        }
        if let target = targetLoss {
            guard let value = Syntax.number(target) else {
                throw CLIError.invalidNumber(option: "--target-loss", text: target, expected: "a loss such as 1.9")
            }
            let table = try OptimalQuestion.targetLoss(value, optimizer: optimizer, fit: fit, label: source.label, detail: detail)
            for warning in table.targetBudget?.warnings ?? [] { Console.note("warning: \(warning)") }
            try emit(table)
            return
        }
        let n = try Self.number(fixedN, option: "--fixed-n", expected: "a positive number of parameters such as 7B")
        let d = try Self.number(fixedD, option: "--fixed-d", expected: "a positive number of tokens such as 1.4T")
        guard n != nil || d != nil else {
            let allocations = try budgets.map { try optimizer.allocation(budget: $0) }
            try emit(try OptimalQuestion.table(allocations, optimizer: optimizer, fit: fit, label: source.label, detail: detail))
            return
        }
        let rows: [FixedAllocation]
        switch try OptimalQuestion.fixed(parameters: n, tokens: d ?? 1, budgets: budgets, optimizer: optimizer) {
        case let .optimal(allocation):
            try emit(try OptimalQuestion.table([allocation], optimizer: optimizer, fit: fit, label: source.label, detail: detail))
            return
        case let .atBudgets(allocations):
            rows = allocations
        }
        let fields: [(String, String)] = [
            ("law", "\(optimizer.law.name): \(optimizer.law.formula)"),
            ("source", "\(source.label): \(detail)"),
            ("cost", optimizer.cost.description),
        ]
        let report = try FixedAllocationRenderer.render(rows, fields: fields, format: output.format.report)
        try output.emit(report: report) { Array(try FixedAllocationRenderer.render(rows, fields: fields, format: .json).utf8) }
    }
}
