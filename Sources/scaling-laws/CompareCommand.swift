import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws compare FILE --law A --law B …`: information criteria, cross-validated and
/// backtest errors side by side; likelihood-ratio tests of nested laws; tests of constants.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare laws on one dataset: AIC, AICc, BIC, cross-validation, backtest, tests.",
        discussion: """
            Every law is fitted with the same objective (--objective, or the first law's \
            default). Cross-validation is k-fold with seeded folds (--folds, --cv-seed), by \
            whole groups with --groups COLUMN. The backtest holds out the largest tenth of the \
            runs by compute unless --holdout says otherwise. A law whose parameter names are a \
            subset of another's is tested against it with a likelihood ratio.

            Constants are tested against the first law's free fit: --against PRESET (a \
            Chinchilla preset: \(ChinchillaParameters.presets.map(\.name).joined(separator: ", "))) \
            or --fix NAME=VALUE for some parameters, by a likelihood ratio and a Wald statistic \
            with the fit's covariance; --bootstrap N adds Wald statistics with a bootstrap \
            covariance (as Besiroglu et al. 2024 tested Hoffmann et al.'s constants).

            Example:
              scaling-laws compare runs.csv --law chinchilla --against hoffmann --bootstrap 1000
            """
    )

    @OptionGroup(title: "Input")
    var input: InputOptions

    @Option(
        name: .customLong("law"),
        help: ArgumentHelp("A law to compare (repeatable): a name, a formula, or @FILE.", valueName: "law"))
    var laws: [String] = []

    @Option(help: ArgumentHelp("Test the first law's fit against a preset of published constants.", valueName: "preset"))
    var against: String?

    @Option(help: ArgumentHelp("Cross-validation folds.", valueName: "k"))
    var folds: Int = 5

    @Option(name: .customLong("cv-seed"), help: ArgumentHelp("Seed of the fold assignment and the bootstrap.", valueName: "s"))
    var cvSeed: UInt64 = 0

    @Option(
        name: .customLong("cv-groups"),
        help: ArgumentHelp("Hold out whole groups sharing a value of COLUMN in cross-validation (text or numbers).", valueName: "column"))
    var groups: String?

    /// `--group` and `--groups` name no option here: a helpful error instead of a guess.
    @Option(name: [.customLong("group"), .customLong("groups")], help: .hidden)
    var misnamedGroup: String?

    @Option(
        help: ArgumentHelp("Backtest split: largest:K, above:COLUMN=VALUE or rollout:COLUMN (default: largest tenth).", valueName: "rule"),
        transform: Syntax.holdout)
    var holdout: HoldoutRule?

    @Option(help: ArgumentHelp("Bootstrap resamples for a Wald test with the bootstrap covariance (needs --against or --fix).", valueName: "n"))
    var bootstrap: Int?

    @OptionGroup(title: "Fitting (--fix NAME=VALUE states a hypothesis to test, not a constraint)")
    var settings: FitSettingsOptions

    @OptionGroup(title: "Formula laws")
    var formula: FormulaOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        if let misnamedGroup {
            throw ValidationError(
                "compare has no --group: use --where COLUMN==VALUE to select rows, --by COLUMN to compare within each group, or --cv-groups COLUMN to hold out whole groups in cross-validation")
        }
        guard !laws.isEmpty else { throw ValidationError("give at least one --law") }
        if against != nil, !settings.fix.isEmpty { throw ValidationError("give --against or --fix, not both") }
        if let bootstrap {
            guard bootstrap >= 2 else { throw ValidationError("--bootstrap needs at least 2 resamples, got \(bootstrap)") }
            guard against != nil || !settings.fix.isEmpty else { throw ValidationError("--bootstrap applies only with --against or --fix") }
        }
    }

    func run() throws {
        try Console.run {
            let laws = FormulaLaw.distinctlyNamed(try self.laws.map { try formula.law($0) })
            var data: Dataset?
            var selections: [InputSelection] = []
            for law in laws {
                let own = try input.selection(
                    for: law, categoryColumns: groups.map { [$0] }?.filter { !law.inputs.map(\.role).contains($0) } ?? [])
                selections.append(own)
                if var merged = data {
                    for (name, column) in own.dataset.columns where merged.columns[name] == nil { merged.columns[name] = column }
                    data = merged
                } else {
                    data = own.dataset
                }
            }
            guard let data, let first = laws.first else { return }
            var fitOptions = settings.options(for: first)
            fitOptions.fixed = [:]
            var options = LawComparisonOptions()
            options.folds = folds
            options.seed = cvSeed
            options.groupColumn = groups
            options.holdout = holdout
            options.bootstrapResamples = bootstrap
            if let against {
                guard first is ChinchillaLaw, let preset = ChinchillaParameters.preset(named: against) else {
                    throw ValidationError("--against \(against): expected a Chinchilla preset (\(ChinchillaParameters.presets.map(\.name).joined(separator: ", "))) with --law chinchilla first")
                }
                options.hypothesis = Dictionary(uniqueKeysWithValues: zip(first.parameters.map(\.name), preset.vector))
                options.hypothesisName = against
            } else if !settings.fix.isEmpty {
                for parameter in settings.fix { options.hypothesis[parameter.name] = parameter.value }
                options.hypothesisName = "--fix " + settings.fix.map { "\($0.name)=\(String(format: "%g", $0.value))" }.joined(separator: " ")
            }
            guard let by = input.specification.by, let selection = selections.first else {
                let comparison = try LawComparison.run(laws: laws, data: data, fitOptions: fitOptions, options: options)
                let report = try ComparisonRenderer.render(comparison, format: output.format.report)
                try output.emit(report: report) { Array(try ReportJSON.string(comparison).utf8) }
                for note in comparison.notes { Console.note("note: \(note)") }
                return
            }
            // Every law read the same rows (same file and selection): split the merged columns by group.
            let merged = try InputSelection(selection, dataset: data)
            let results = try merged.mapGroups { group in
                try LawComparison.run(laws: laws, data: group.dataset, fitOptions: fitOptions, options: options)
            }
            var groups: [GroupedReportRenderer.Group] = []
            var summary = TextTable(header: ["group", "rows"] + laws.map { "\($0.name) AIC" } + ["lowest AIC"])
            for (group, comparison) in results {
                groups.append(.init(label: group.label, report: ComparisonRenderer.report(comparison), json: try ReportJSON.string(comparison)))
                let best = comparison.entries.min { $0.aic < $1.aic }?.law ?? "—"
                summary.append([group.label, "\(group.dataset.count)"] + comparison.entries.map { NumberFormat.significant($0.aic, digits: 6) } + [best])
            }
            let report = try GroupedReportRenderer.render(by: by, groups: groups, summary: summary, format: output.format.report)
            try output.emit(report: report) {
                Array(try GroupedReportRenderer.render(by: by, groups: groups, summary: summary, format: .json).utf8)
            }
            for (group, comparison) in results {
                for note in comparison.notes { Console.note("note: \(group.label): \(note)") }
            }
        }
    }
}
