import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws compare-recipes FILE --by COLUMN --baseline VALUE --budget C …`: which recipe
/// wins, and by what factor of compute, under every sharing assumption (``Forecast/RecipeComparison``).
struct CompareRecipesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-recipes",
        abstract: "Compare training recipes (datasets, architectures): the compute ratio k(C) against a baseline.",
        discussion: """
            The runs are split into recipes by --by COLUMN. Each recipe's Chinchilla law \
            L = E + A/N^α + B/D^β is fitted jointly under each sharing assumption (--sharing; \
            default all): separate (nothing shared), shared-exponents (α, β), shared-floor (E), \
            effective-compute (E, α, β shared: L_r(N, D) = L_base(k_N·N, k_D·D)). When the file \
            has an iso-FLOP budget column (--budget-column, or a column named budget, \
            flops_budget or compute_budget), Approach 2 is added: per recipe and budget the \
            minimum of a parabola in log N, then a log-log line through the minima.

            For every other recipe and --budget C, k is the compute ratio: the recipe needs k·C \
            to reach the baseline's compute-optimal loss at C (k > 1: worse, k < 1: better). \
            Intervals: percentile bootstrap over --bootstrap refits resampling runs within \
            each recipe (seed --cv-seed). Crossovers are budgets where the ranking flips. AIC, \
            BIC and --folds-fold cross-validation say which sharing the data support.

            Example:
              scaling-laws compare-recipes isoflops.csv --by dataset --baseline nemotron \\
                  --budget 3e19 --budget 3e20 --budget 3e21 --plot recipes.svg
            """
    )

    @OptionGroup(title: "Input")
    var input: InputOptions

    @Option(help: ArgumentHelp("The --by value every other recipe is compared with.", valueName: "value"))
    var baseline: String

    @Option(
        name: .customLong("budget"),
        help: ArgumentHelp("Training compute in FLOP at which to give k (repeatable), e.g. 3e20.", valueName: "flop"))
    var budgets: [String] = []

    @Option(
        name: .customLong("sharing"),
        parsing: .singleValue,
        help: ArgumentHelp(
            "A sharing assumption to fit (repeatable): \(RecipeSharing.allCases.map(\.rawValue).joined(separator: ", ")) (default: all).",
            valueName: "sharing"))
    var sharings: [RecipeSharing] = []

    @Option(
        name: .customLong("budget-column"),
        help: ArgumentHelp("Column holding each run's iso-FLOP budget, for Approach 2 (default: a column named budget, flops_budget or compute_budget).", valueName: "column"))
    var budgetColumn: String?

    @Flag(name: .customLong("no-approach2"), help: "Leave out Approach 2 even when the runs carry budgets.")
    var noApproach2 = false

    @Option(help: ArgumentHelp("Bootstrap refits (runs resampled within each recipe); 0 for none.", valueName: "n"))
    var bootstrap: Int = 200

    @Option(help: ArgumentHelp("Cross-validation folds, assigned within each recipe; 0 for none.", valueName: "k"))
    var folds: Int = 5

    @Option(name: .customLong("cv-seed"), help: ArgumentHelp("Seed of the fold assignment and the bootstrap.", valueName: "s"))
    var cvSeed: UInt64 = 0

    @Option(help: ArgumentHelp("Level of the intervals, strictly between 0 and 1.", valueName: "p"))
    var level: Double = 0.95

    @Option(
        help: ArgumentHelp(
            "Write the figure (loss at the compute-optimal point against C per recipe, bands, crossovers) as SVG.",
            valueName: "file"))
    var plot: String?

    @Option(
        name: .customLong("plot-model"),
        help: ArgumentHelp("The model the figure shows (a sharing or approach-2; default: the lowest AIC).", valueName: "model"))
    var plotModel: String?

    @OptionGroup(title: "Fitting")
    var settings: FitSettingsOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        guard input.selection.by != nil else {
            throw ValidationError("give --by COLUMN: the column whose values name the recipes")
        }
        guard settings.fix.isEmpty else {
            throw ValidationError("compare-recipes chooses what is shared with --sharing: --fix is not supported")
        }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more, got \(bootstrap)") }
        guard folds >= 0, folds != 1 else { throw ValidationError("--folds must be 0 (none) or at least 2, got \(folds)") }
        guard level > 0, level < 1 else { throw ValidationError("--level must lie strictly between 0 and 1, got \(level)") }
        if let plotModel, !(RecipeSharing(rawValue: plotModel) != nil || plotModel == "approach-2") {
            throw ValidationError(
                "--plot-model \(plotModel): expected one of \(RecipeSharing.allCases.map(\.rawValue).joined(separator: ", ")), approach-2")
        }
    }

    func run() throws {
        try Console.run {
            let budgetValues = try budgets.map { text -> Double in
                guard let value = Syntax.number(text), value.isFinite, value > 0 else {
                    throw CLIError.invalidNumber(option: "--budget", text: text, expected: "a positive number of FLOP such as 3e20")
                }
                return value
            }
            let specification = input.specification
            let budgetColumn = noApproach2 ? nil : try self.budgetColumn ?? detectedBudgetColumn(specification)
            let selection = try input.selection(for: ChinchillaLaw(), extraColumns: budgetColumn.map { [$0] } ?? [])
            let source = URL(fileURLWithPath: selection.dataset.source).lastPathComponent
            let by = input.selection.by ?? ""
            var recipes: [RecipeRuns] = []
            for group in selection.groups() {
                let data = group.dataset
                recipes.append(RecipeRuns(
                    label: group.label, parameters: try data.column("N"), tokens: try data.column("D"), loss: try data.column("loss"),
                    budgets: try budgetColumn.map { try data.column($0) } ?? []))
            }
            var options = RecipeComparisonOptions()
            if !sharings.isEmpty { options.sharings = sharings }
            options.budgets = budgetValues
            options.resamples = bootstrap
            options.folds = folds
            options.seed = cvSeed
            options.confidenceLevel = level
            let fitOptions = settings.options(for: ChinchillaLaw())
            options.objective = fitOptions.objective
            options.starts = fitOptions.starts
            options.startSeed = fitOptions.seed
            options.approach2 = !noApproach2
            let comparison = try RecipeComparison.run(recipes, baseline: baseline, options: options, source: source, by: by)
            let report = RecipeComparisonReport.make(comparison, source: source, by: by)
            let text = try report.render(output.format.report, payload: comparison)
            var svg: String?
            if plot != nil {
                let model: RecipeModelFit
                if let plotModel {
                    guard let named = comparison.models.first(where: { $0.model.description == plotModel }) else {
                        throw RecipeComparisonError.invalidOption("--plot-model \(plotModel): that model was not fitted (see --sharing and --no-approach2)")
                    }
                    model = named
                } else if let best = comparison.lowestAIC, let fitted = comparison.models.first(where: { $0.model == best }) {
                    model = fitted
                } else if let first = comparison.models.first {
                    model = first
                } else {
                    throw RecipeComparisonError.invalidOption("--plot: no model was fitted")
                }
                let range = model.crossovers.first?.range ?? (1...10)
                svg = RecipeFrontierPlot.figure(comparison, model: model, range: range, source: source).svg()
            }
            if let plot, let svg { try AtomicFile.write(Array(svg.utf8), to: plot) }
            try output.emit(report: text) { Array(try ReportJSON.string(comparison).utf8) }
            if let plot { Console.note("wrote \(plot)") }
        }
    }

    /// A column named budget, flops_budget or compute_budget in a CSV file (not in logs).
    func detectedBudgetColumn(_ specification: InputSpecification) throws -> String? {
        guard specification.logs == nil else { return nil }
        let stream = try CSVStream(contentsOf: URL(fileURLWithPath: specification.path), separator: specification.separatorCharacter)
        return IsoFlopBudgetColumn.find(in: CSVTable(header: stream.header, rows: [], source: stream.source))
    }
}

extension RecipeSharing: ExpressibleByArgument {}
