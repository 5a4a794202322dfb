import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws report FILE --law NAME --output report.html`: fits a law and writes one
/// self-contained HTML page with the data summary, fit report, diagnostics, every figure that
/// applies to the law, and (for laws of N and D) the forecast table.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Fit a law and write a self-contained HTML report with figures.",
        discussion: """
            The page holds inline CSS and inline SVG only: no scripts, no network, no other \
            files. It is written atomically. Figures: curves and residuals for every law; \
            iso-FLOP profiles, the compute-optimal frontier and the forecast fan for laws of N \
            and D; the forecast fan for laws of one input; the Pareto frontier for utd-data; \
            the cost trend for exponential-trend. Kinds that do not apply are listed as omitted.

            Diagnostics: the fit's findings (parameter at bound, ill-conditioned, flat \
            direction, …), one line each. Iso-FLOP: when the runs have budgets (a \
            --budget-column, or runs on a few budgets C = 6ND) the report adds the Approach-2 \
            profiles, the N* frontier and the analysis table (options as for 'isoflop'). \
            Forecast: the CI of the mean and the PI of a new run side by side. --backtest \
            largest:K refits without the K largest runs and tabulates how well it predicts them.

            Rows: --where, --range, --drop-highest and --drop-lowest select the rows of every \
            section (data, fit, figures, forecast, iso-FLOP, backtest). --by COLUMN writes one \
            section per value of COLUMN, each with its own fit, after a summary table.

            Example:
              scaling-laws report Datasets/chinchilla-synthetic/data.csv --law chinchilla \\
                  --output report.html
              scaling-laws report Datasets/isoflop-synthetic/data.csv --budget-column budget \\
                  --backtest largest:8 --output isoflop-report.html
            """
    )

    @OptionGroup(title: "Input")
    var input: InputOptions

    @Option(help: ArgumentHelp("The law to fit: a name (see 'scaling-laws laws'), a formula, or @FILE.", valueName: "law"))
    var law: String = "chinchilla"

    @OptionGroup(title: "Fit settings")
    var settings: FitSettingsOptions

    @Option(help: ArgumentHelp("Forecast budgets for laws of N and D: START:STOP:xFACTOR or a comma list (default: 10 to 10⁴ times the largest run's compute, every decade).", valueName: "spec"))
    var budgets: String?

    @Option(help: ArgumentHelp("Write the report to <file> (atomically).", valueName: "file"))
    var output: String

    @Option(
        help: ArgumentHelp("Add a backtest: RULE as for 'backtest --holdout', e.g. largest:8.", valueName: "rule"),
        transform: Syntax.holdout)
    var backtest: HoldoutRule?

    @OptionGroup(title: "Iso-FLOP")
    var isoflop: IsoFlopArguments

    @OptionGroup(title: "Formula laws")
    var formula: FormulaOptions

    func run() throws {
        try Console.run {
            let law = try formula.law(self.law)
            let options = settings.options(for: law)
            let selection = try input.selection(for: law)
            let described = input.specification.selectionDescription
            var index = 0
            let reports = try selection.mapGroups { group in
                index += 1
                // Figure ids stay unique on a page with several groups.
                let suffix = input.specification.by == nil ? "" : "-\(index)"
                return try report(
                    law: law, options: options, data: group.dataset, specification: group.record.specification,
                    selection: described, idSuffix: suffix)
            }
            let html: String
            let figureCount = reports.map { $0.result.figures.count }.reduce(0, +)
            if let by = input.specification.by {
                var summary = TextTable(
                    header: ["group", "rows"] + law.parameters.map(\.name) + ["R²"],
                    numeric: [false] + Array(repeating: true, count: law.parameters.count + 2))
                for (group, report) in reports {
                    summary.append(
                        [group.label, "\(group.dataset.count)"] + report.fit.values.map { NumberFormat.significant($0, digits: 5) }
                            + [report.fit.statistics.rSquared.map { NumberFormat.significant($0, digits: 4) } ?? "—"])
                }
                html = HTMLReport.render(by: by, groups: reports.map { ($0.group.label, $0.result) }, summary: summary)
            } else {
                html = reports.first?.result.render() ?? ""
            }
            try AtomicFile.write(Array(html.utf8), to: output)
            for (group, report) in reports {
                let prefix = input.specification.by == nil ? "" : "\(group.label): "
                for warning in report.fit.warnings { Console.note("warning: \(prefix)\(warning)") }
            }
            Console.note("wrote \(output) (\(figureCount) figures)")
        }
    }

    /// The report of one group of rows (all selected rows without --by): every section uses `data`.
    func report(
        law: any ScalingLaw, options: LawFitOptions, data: Dataset, specification: InputSpecification, selection: String,
        idSuffix: String = ""
    ) throws -> HTMLReport {
        let fitted = try LawFitter.fit(law, to: data, options: options)
        let fit = fitted.withDiagnostics(FitDiagnostics.evaluate(fitted, law: law, data: data))
        let plotInput = try PlotInput(fit: fit, data: data)
        let sweep = try isoFlopInput(specification)
        var trend: CostTrend?
        if law.family == .costTrend {
            trend = try CostTrend.fit(data, yearColumn: law.inputs[0].role, costColumn: law.response.role)
        }
        var figures: [Figure] = []
        var omitted: [String] = []
        for kind in ScalingPlots.kinds(for: law, isoflop: sweep != nil) {
            do {
                var figure = try ScalingPlots.figure(kind, input: plotInput, trend: trend, isoflop: sweep)
                figure.id = "plot-\(kind.rawValue)\(idSuffix)"
                figures.append(figure)
            } catch {
                omitted.append("\(kind.rawValue): \(Console.message(for: error))")
            }
        }
        var forecast: ForecastTable?
        if law.inputs.map(\.role) == ["N", "D"] {
            let optimizer = try ComputeOptimizer(law: law, parameters: fit.values)
            let list = try budgets.map(BudgetList.parse) ?? Self.defaultBudgets(data)
            do {
                forecast = try ForecastTable.make(
                    optimizer: optimizer, budgets: list, fit: fit, label: "fit of \(input.file)", detail: "\(fit.law) fitted by report")
            } catch {
                omitted.append("forecast table: \(Console.message(for: error))")
            }
        }
        var backtestResult: BacktestResult?
        if let backtest {
            backtestResult = try Backtest.run(law: law, data: data, rule: backtest, fitOptions: options)
        }
        var report = HTMLReport(
            fit: fit, data: data, figures: figures, omitted: omitted, forecast: forecast, isoflop: sweep,
            backtest: backtestResult)
        report.selection = selection
        return report
    }

    /// The iso-FLOP analysis of the runs `specification` selects: required when an iso-FLOP
    /// option was given; otherwise kept only when at least half of the compute groups have a
    /// bracketed minimum (`nil` for data that are not an iso-FLOP sweep).
    func isoFlopInput(_ specification: InputSpecification) throws -> IsoFlopPlotInput? {
        let build = { try isoflop.plotInput(specification).input }
        if isoflop.isExplicit { return try build() }
        guard let candidate = try? build(), candidate.analysis.looksLikeSweep else { return nil }
        return candidate
    }

    /// 10×, 100×, 1000× and 10⁴× the largest run's compute `6ND`, rounded up to a power of ten.
    static func defaultBudgets(_ data: Dataset) -> [Double] {
        let n = (try? data.column("N")) ?? [], d = (try? data.column("D")) ?? []
        var top = 0.0
        for (a, b) in zip(n, d) where (6 * a * b).isFinite { top = max(top, 6 * a * b) }
        guard top > 0 else { return [1e21, 1e22, 1e23, 1e24] }
        let start = ceil(log10(top)) + 1
        return (0..<4).map { pow(10, start + Double($0)) }
    }
}
