import ArgumentParser
import Forecast
import Reports
import Foundation
import ScalingLaws

/// `scaling-laws forecast (--fit FILE | --preset NAME | --law LAW --param …) --budgets SPEC …`: the compute-optimal
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

            With --fit ISO.json, an iso-FLOP artifact ('isoflop --output'), each budget gets the \
            Approach-2 frontier N*, D* and D/N with intervals and no loss column (the frontier \
            has no loss law).

            Budgets: START:STOP:xFACTOR (geometric, inclusive), e.g. 1e21:1e27:x10, or a comma \
            list, e.g. 1e21,5.76e23.
            Cost models: 6ND (training only), inference:TOKENS (C = 6ND + 2N·TOKENS).
            A law set (--preset liang2024, or --frontier-fit N=FILE --frontier-fit D=FILE \
            [--frontier-fit loss=FILE ...]) gives every member at each budget with intervals.
            Presets: \(LawSource.presetNames.joined(separator: ", ")).

            Budgets may also come from a column of a CSV file: --from-csv FILE \
            [--budget-column budget].
            With --hardware, adds the time to train (with --chips) and the training cost, \
            amortized hardware + interconnect + energy (Cottier et al. 2024; see 'scaling-laws \
            cost'), and the rental cost when the hardware has a rental price.

            Examples:
              scaling-laws forecast --preset epoch2024 --budgets 1e21:1e27:x10
              scaling-laws forecast --preset epoch2024 --budgets 1e23:1e26:x10 --hardware H100 --chips 10000
            """
    )

    /// `--format`: the renderer's formats, LaTeX included.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case table, markdown, csv, json, latex

        var report: ForecastFormat { ForecastFormat(rawValue: rawValue) ?? .table }
    }

    @OptionGroup(title: "Law source")
    var lawSource: LawSourceOptions

    @Option(help: ArgumentHelp("FLOP budgets: START:STOP:xFACTOR or a comma list.", valueName: "spec"))
    var budgets: String?

    @Option(name: .customLong("from-csv"), help: ArgumentHelp("Read the FLOP budgets from a CSV file instead.", valueName: "file"))
    var fromCSV: String?

    @Option(name: .customLong("budget-column"), help: ArgumentHelp("The budget column of --from-csv.", valueName: "column"))
    var budgetColumn: String = "budget"

    @Option(help: ArgumentHelp("Cost model: 6ND or inference:TOKENS.", valueName: "model"))
    var cost: String = "6ND"

    @Option(help: "Format of the result on standard output.")
    var format: Format = .table

    @Option(name: .customLong("score-fit"), help: ArgumentHelp(
        "A benchmark-score fit (sigmoid, sigmoid-offset, clipped-linear or loss-to-accuracy) for a score column.",
        discussion: "A score law in compute is evaluated at each row's scaled compute (Owen 2024) under a Chinchilla loss law, else at the budget; a law of the loss at the predicted loss.",
        valueName: "file"))
    var scoreFit: String?

    @Option(help: "How to write numbers in the table: human (72.4B, $50.1M, 90.0 days) or scientific (7.24e+10, 5.008e+07, days).")
    var numbers: NumberStyle = .human

    @Option(help: ArgumentHelp("With --hardware: the number of chips (gives the time to train).", valueName: "n"))
    var chips: String?

    @Option(help: ArgumentHelp("With --hardware: model FLOP/s utilisation (default 0.375).", valueName: "fraction"))
    var mfu: String?

    @OptionGroup(title: "Training cost (with --hardware)")
    var hardware: HardwareOptions

    func validate() throws {
        guard (budgets == nil) != (fromCSV == nil) else {
            throw ValidationError("give exactly one of --budgets <spec> and --from-csv <file>")
        }
        if !hardware.isRequested, chips != nil || mfu != nil {
            throw ValidationError("--chips and --mfu need --hardware <name> or --hardware-file <file>")
        }
    }

    func run() throws {
        try Console.run {
            let budgetValues: [Double]
            if let fromCSV {
                let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: fromCSV))
                budgetValues = try BudgetList.column(budgetColumn, in: table)
            } else {
                budgetValues = try BudgetList.parse(budgets ?? "")
            }
            let costModel = try CostModel.parse(cost)
            let source = try lawSource.load()
            if let iso = source.isoFlop {
                try forecastFrontier(iso, source: source, budgets: budgetValues)
                return
            }
            if let set = source.lawSet {
                var refused: [String] = []
                if cost.trimmingCharacters(in: .whitespaces).lowercased() != "6nd" { refused.append("--cost") }
                if hardware.isRequested { refused.append("--hardware") }
                if scoreFit != nil { refused.append("--score-fit") }
                if format == .latex { refused.append("--format latex") }
                if !refused.isEmpty {
                    throw LawSourceError.cannot(source: source.label, request: refused.joined(separator: ", "), can: source.capabilities)
                }
                let report: ReportFormat = format == .markdown ? .markdown : format == .csv ? .csv : format == .json ? .json : .table
                try FrontierSetOutput.emit(set, budgets: budgetValues, format: report)
                return
            }
            let (law, values) = try source.lossLaw(for: "a forecast")
            try FrontierSetOutput.requireTwoInputs(law, source: source)
            let optimizer = try ComputeOptimizer(law: law, parameters: values, cost: costModel)
            var table = try ForecastTable.make(
                optimizer: optimizer, budgets: budgetValues, fit: source.fit, label: source.label, detail: source.detail)
            table.notes = AllocationNote.notes(law: law, values: values)
            if hardware.isRequested {
                let chipCount = try HardwareOptions.number(chips, "--chips", "a positive number of chips")
                let utilisation = try HardwareOptions.number(mfu, "--mfu", "a fraction in (0, 1]", upTo: 1) ?? TrainingWorkload.defaultMFU
                let device = try hardware.resolvedHardware()
                table = try table.pricing(on: device, chips: chipCount, mfu: utilisation, model: try hardware.costModel(for: device))
            }
            if let scoreFit {
                let lossLaw = law.name == ChinchillaLaw().name ? try source.chinchillaParameters(command: "forecast") : nil
                table = try table.withScores(scoreFit: try FitFile.load(scoreFit), lossLaw: lossLaw)
            }
            Console.out(try ForecastRenderer.render(table, format: format.report, numbers: numbers))
        }
    }

    /// `--fit ISO.json`: the Approach-2 frontier at each budget (N*, D*, D/N with intervals; no
    /// loss). The cost model is the runs' own (`C = 6ND` or their budget column); options that
    /// need a loss law are refused.
    func forecastFrontier(_ iso: IsoFlopArtifact, source: LawSource, budgets: [Double]) throws {
        var needsLoss: [String] = []
        if cost.trimmingCharacters(in: .whitespaces).lowercased() != "6nd" { needsLoss.append("--cost") }
        if hardware.isRequested { needsLoss.append("--hardware") }
        if scoreFit != nil { needsLoss.append("--score-fit") }
        if format == .latex { needsLoss.append("--format latex") }
        if !needsLoss.isEmpty {
            throw LawSourceError.cannot(source: source.label, request: needsLoss.joined(separator: ", "), can: source.capabilities)
        }
        let table = IsoFlopExtrapolationTable(label: source.label, detail: source.detail, frontier: iso.frontier, budgets: budgets)
        for warning in table.warnings { Console.note("warning: \(warning)") }
        let report: ReportFormat = format == .markdown ? .markdown : format == .csv ? .csv : format == .json ? .json : .table
        Console.out(try IsoFlopExtrapolationRenderer.render(table, format: report))
    }
}
