import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws plot FIT.json --kind KIND --output FILE.svg`: one SVG figure of a fit and its
/// data (or, for `--kind trend`, of dates and costs).
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a fit and its data as an SVG figure.",
        discussion: """
            Kinds:
            \(PlotKind.allCases.map { "  \($0.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\($0.summary)" }.joined(separator: "\n"))

            The data are read from --data FILE, else from the file recorded in the fit: its \
            path as given to 'fit' (relative to the current directory), then its absolute \
            path, then its name in the current directory and beside the fit artifact (older \
            artifacts record the name only). A fit that records its input ('fit --output') is \
            drawn on the rows it was fitted to: the recorded columns, --where conditions and \
            filters, checked against the recorded digest (changed data are refused). Columns \
            (--x ROLE=COLUMN) or row options given here replace the recorded ones, with a note. \
            --by COLUMN runs the analysis once per group, as 'fit --by' and 'isoflop --by' do: \
            the law is refitted to each group's rows with the fit's recorded objective, starts, \
            seed and fixed parameters (iso-FLOP kinds: the analysis per group), one figure per \
            group written as NAME-GROUP.svg for --output NAME.svg; with --overlay, one figure \
            with every group in its own colour.

            Iso-FLOP: 'isoflop' runs the iso-FLOP analysis of the 'isoflop' command (Chinchilla \
            Approach 2) when the data have budgets: a --budget-column, or runs on a few budgets \
            C = 6ND (grouped within --tolerance); it draws each budget's runs, fitted profile \
            (--profile) and minimum N* with its interval; refused budgets in grey with the \
            reason below. Otherwise it draws the fitted law along each compute group. \
            'isoflop-frontier' draws N* against C with the fitted N* ∝ C^a and the Approach-3 \
            N_opt(C). Both work without a fit: --data FILE (and --x N=COLUMN, --where …).

            Bands: 'forecast' draws the confidence interval of the mean curve (delta method on \
            the fit covariance) and the prediction interval of a new run (that interval widened \
            by the fit's residual scatter); when the fit stores bootstrap draws ('fit \
            --bootstrap N') both bands are the bootstrap's percentiles instead, labelled \
            'bootstrap'. 'trend' draws the OLS confidence and prediction bands.

            Trend without a fit: scaling-laws plot --kind trend --data costs.csv \
            --x 'year=Publication date' --x cost=cost_hw_capex_energy_2023usd --output trend.svg \
            (dates may be ISO YYYY-MM-DD or decimal years).

            Examples:
              scaling-laws fit Datasets/chinchilla-synthetic/data.csv --output fit.json
              scaling-laws plot fit.json --kind curves --output curves.svg
              scaling-laws plot --kind isoflop --data Datasets/isoflop-synthetic/data.csv \\
                  --budget-column budget --output isoflop.svg
            """
    )

    @Argument(help: ArgumentHelp(
        "A fit artifact ('scaling-laws fit --output') or an iso-FLOP artifact ('scaling-laws isoflop --output', kinds isoflop and isoflop-frontier).",
        valueName: "fit.json"))
    var fit: String?

    @Option(
        name: .customLong("kind"),
        help: ArgumentHelp(
            "What to draw: \(PlotKind.allCases.map(\.rawValue).joined(separator: ", ")) (default: the fit's natural figure: curves for loss and data-filtering laws, pareto for RL, forecast for benchmarks, trend for costs).",
            valueName: "kind"))
    var kindOption: PlotKind?

    /// `--kind`, else the natural figure of the artifact (`PlotKind.natural(for:)` of its law;
    /// `filtering` for a joint pool fit, `isoflop` for an iso-FLOP artifact, `loss-curve` for a
    /// curve fit). An artifact that
    /// cannot be read falls back to `curves`, and reading it again reports the error.
    var kind: PlotKind {
        if let kindOption { return kindOption }
        guard let fit, let bytes = FileManager.default.contents(atPath: fit) else { return .curves }
        guard let artifact = try? ArtifactFile.decode(bytes, source: fit) else { return .curves }
        switch artifact {
        case let .fit(fitted): return (try? fitted.resolvedLaw()).map(PlotKind.natural(for:)) ?? .curves
        case .isoFlop: return .isoflop
        case .sharedFit: return .filtering
        case .curveFit: return .lossCurve
        }
    }

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Write the SVG to <file> (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The data file (default: the file recorded in the fit).", valueName: "file"))
    var data: String?

    @OptionGroup(title: "Columns")
    var columns: ColumnOptions

    @OptionGroup(title: "Rows")
    var selection: RowSelectionOptions

    @OptionGroup(title: "Iso-FLOP (--kind isoflop, isoflop-frontier)")
    var isoflop: IsoFlopArguments

    @OptionGroup(title: "Loss curves (--kind loss-curve, with a 'curve fit --output' artifact)")
    var lossCurve: LossCurvePlotOptions

    @Flag(help: ArgumentHelp("With --by: draw every group in one figure, a colour per group, instead of a figure per group."))
    var overlay = false

    @Option(
        name: .customLong("x-range"),
        help: ArgumentHelp("--kind forecast: the x range LOW:HIGH to draw, e.g. 1e17:1.5e21 to reach the budget asked for.", valueName: "low:high"))
    var xRange: String?

    @Option(help: ArgumentHelp("Figure width in pixels (default: 760).", valueName: "px"))
    var width: Double = 760

    @Option(help: ArgumentHelp("Figure height in pixels (default: 480).", valueName: "px"))
    var height: Double = 480

    func validate() throws {
        let withoutFit: [PlotKind] = [.trend, .isoflop, .isoflopFrontier]
        if fit == nil, kindOption == nil {
            throw ValidationError("give a fit artifact (scaling-laws plot FIT.json) or, without one, --kind trend, isoflop or isoflop-frontier with --data FILE")
        }
        if fit == nil, !withoutFit.contains(kind) {
            throw ValidationError("--kind \(kind.rawValue) needs a fit artifact (scaling-laws plot FIT.json --kind \(kind.rawValue))")
        }
        if fit == nil, data == nil {
            throw ValidationError(kind == .trend
                ? "--kind trend without a fit needs --data FILE with dates and costs"
                : "--kind \(kind.rawValue) without a fit needs --data FILE with the runs (N, loss, and D or --budget-column)")
        }
        if kind == .lossCurve {
            guard selection.by == nil, !selection.isUsed, data == nil else {
                throw ValidationError("--kind loss-curve draws --curve logs and --schedule specifications: --data, --by and row options do not apply")
            }
        } else if lossCurve.isUsed {
            throw ValidationError("--curve, --branch-of, --schedule, --steps and --log-x apply to --kind loss-curve")
        }
        if overlay, selection.by == nil {
            throw ValidationError("--overlay draws the groups of --by COLUMN in one figure: give --by")
        }
        if selection.by != nil, output == nil, !overlay {
            throw ValidationError("--by writes one figure per group (NAME-GROUP.svg): give --output NAME.svg")
        }
        if xRange != nil, kind != .forecast {
            throw ValidationError("--x-range applies to --kind forecast")
        }
        guard width >= 200, width <= 10000, height >= 150, height <= 10000 else {
            throw ValidationError("--width must lie in 200...10000 and --height in 150...10000 pixels")
        }
    }

    var explicitColumns: [String: String] { columns.explicitColumns }

    /// `--x-range LOW:HIGH`, or `nil`.
    /// - Throws: ``CLIError/invalidNumber(option:text:expected:)``.
    func parsedXRange() throws -> ClosedRange<Double>? {
        try xRange.map { try FitFile.range($0, option: "--x-range", what: "the x values to draw") }
    }

    func run() throws {
        try Console.run {
            if kind == .filtering, let fit {
                // The joint pool fit is its own artifact: the figure is drawn from it alone.
                let joint = try FilteringCommand.jointFit(fit)
                let plan = try DataFilteringPlan.make(parameters: try QQTParameters(jointFit: joint), budgets: [], range: 1e7...1e10)
                var figure = FilteringPlot.figure(plan: plan, fit: joint, source: "joint fit \(fit)")
                figure.width = width
                figure.height = height
                let svg = figure.svg()
                if let output { try AtomicFile.write(Array(svg.utf8), to: output); Console.note("wrote \(output)") } else { Console.out(svg) }
                return
            }
            var figures: [(label: String?, figure: Figure)] = []
            if let by = selection.by {
                let groups = try makeFigures()
                figures = groups.map { group in
                    var figure = group.figure
                    figure.title += " (\(by) = \(group.label))"
                    return (group.label, figure)
                }
                if overlay {
                    let overlaid = try GroupOverlayPlot.figure(
                        kind: kind, by: by, groups: groups.map { ($0.label, $0.figure) }, rows: groups.reduce(0) { $0 + $1.rows })
                    figures = [(nil, overlaid)]
                }
            } else if kind == .lossCurve, let fit {
                figures = [(nil, try lossCurve.figure(fitPath: fit))]
            } else {
                figures = [(nil, try makeFigure(group: nil))]
            }
            // Every figure is drawn before any file is written: a failure leaves nothing behind.
            var files: [(path: String?, svg: String)] = []
            for (label, figure) in figures {
                var figure = figure
                figure.width = width
                figure.height = height
                files.append((output.map { path in label.map { Self.groupPath(path, group: $0) } ?? path }, figure.svg()))
            }
            for file in files {
                if let path = file.path {
                    try AtomicFile.write(Array(file.svg.utf8), to: path)
                    Console.note("wrote \(path)")
                } else {
                    Console.out(file.svg)
                }
            }
        }
    }

    /// `out.svg` and group `c4` → `out-c4.svg` (characters other than letters, digits, `.`, `_`
    /// and `-` in the group become `_`).
    static func groupPath(_ path: String, group: String) -> String {
        let safe = String(group.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "_" })
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let base = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
        return base + "-" + (safe.isEmpty ? "_" : safe) + (ext.isEmpty ? "" : "." + ext)
    }

    var isIsoFlopKind: Bool { kind == .isoflop || kind == .isoflopFrontier }

    /// The data of the plot: the recorded input of the fit (its file, columns and selection),
    /// or `--data` with the columns and selection given. Returns the specification and, when
    /// it is the fit's own, the record to check the rows against.
    func specification(fit artifact: LawFit?, fitPath: String?) throws -> (InputSpecification, InputRecord?) {
        var path = data
        if path == nil, let artifact, let fitPath { path = try PlotData.recordedData(fit: artifact, fitPath: fitPath).path }
        let file = path ?? ""
        if let record = artifact?.input {
            let (specification, overridden) = record.specification(
                path: file, separator: columns.separator, columns: explicitColumns, predicates: selection.predicates,
                filters: selection.filters)
            var withBy = specification
            withBy.by = selection.by
            if selection.dropMissing { withBy.dropMissing = true }
            if overridden { Console.note("note: columns or rows differ from those the fit recorded; drawing the rows selected here") }
            return (withBy, overridden || selection.by != nil ? nil : record)
        }
        return (
            InputSpecification(
                path: file, separator: columns.separator, columns: explicitColumns, predicates: selection.predicates,
                filters: selection.filters, by: selection.by, dropMissing: selection.dropsMissing), nil
        )
    }

    /// One figure per `--by` group, with the group's row count.
    func makeFigures() throws -> [(label: String, figure: Figure, rows: Int)] {
        let artifact = try fit.map { try LawSource.load(artifactAt: $0) }?.fit
        let (specification, _) = try specification(fit: artifact, fitPath: fit)
        let by = specification.by ?? ""
        if isIsoFlopKind, artifact == nil || kind == .isoflopFrontier || isoflop.isExplicit {
            let grouped = try isoflop.groupedRuns(specification)
            for note in grouped.notes { Console.note(note) }
            return try grouped.groups.map { group in
                do {
                    let analysis = try IsoFlopAnalysis.run(group.runs, options: isoflop.options(budgetColumn: grouped.budgetColumn))
                    let source = isoflop.source(
                        file: specification.source, runs: group.runs.count,
                        selection: "\(by) == \(RowPredicate.Value.text(group.label))")
                    let input = IsoFlopPlotInput(analysis: analysis, runs: group.runs, source: source)
                    return (group.label, kind == .isoflop ? IsoFlopAnalysisPlot.profiles(input) : IsoFlopAnalysisPlot.frontier(input), group.runs.count)
                } catch {
                    throw InputError.inGroup(by: by, group: group.label, message: Console.message(for: error))
                }
            }
        }
        guard let artifact else { throw ValidationError("--by with --kind \(kind.rawValue) needs a fit artifact") }
        let law = try artifact.resolvedLaw()
        let selected = try specification.load(for: law)
        let options = LawFitOptions.recorded(in: artifact, law: law)
        return try selected.mapGroups { group in
            let fitted = try LawFitter.fit(law, to: group.dataset, options: options)
            return try ScalingPlots.figure(kind, input: try PlotInput(fit: fitted, data: group.dataset), trend: nil, isoflop: nil, xRange: try parsedXRange())
        }.map { ($0.group.label, $0.result, $0.group.dataset.count) }
    }

    func makeFigure(group: String?) throws -> Figure {
        guard let fit else {
            guard isIsoFlopKind, data != nil else { return try trendFromTable() }
            let (specification, _) = try specification(fit: nil, fitPath: nil)
            let input = try isoFlopInput(specification)
            return kind == .isoflop ? IsoFlopAnalysisPlot.profiles(input) : IsoFlopAnalysisPlot.frontier(input)
        }
        let source = try LawSource.load(artifactAt: fit)
        if let iso = source.isoFlop { return try isoFlopFigure(iso, path: fit) }
        guard let artifact = source.fit else { preconditionFailure("LawSource.load(artifactAt:) gives a fit or an iso-FLOP artifact") }
        let (specification, record) = try specification(fit: artifact, fitPath: fit)
        let dataset = try PlotData.load(fit: artifact, fitPath: fit, specification: specification, record: record)
        var input = try PlotInput(fit: artifact, data: dataset)
        if kind == .curves { input.runs = try specification.ladderRuns(atLines: dataset.rowLines, keepCurves: true) }
        var trend: CostTrend?
        if kind == .trend, input.law.family == .costTrend {
            trend = try CostTrend.fit(dataset, yearColumn: input.law.inputs[0].role, costColumn: input.law.response.role)
        }
        var budgets: IsoFlopPlotInput?
        var fallback: String?
        if isIsoFlopKind {
            if kind == .isoflopFrontier || isoflop.isExplicit {
                budgets = try isoFlopInput(specification)
            } else {
                // Runs on a few budgets C = 6ND get the Approach-2 figure; other data the law's curves.
                do {
                    let candidate = try isoFlopInput(specification, quiet: true)
                    let analysis = candidate.analysis
                    if analysis.looksLikeSweep {
                        budgets = candidate
                    } else {
                        fallback = "\(analysis.accepted.count) of \(analysis.profiles.count) compute groups bracket a minimum"
                    }
                } catch {
                    fallback = Console.message(for: error)
                }
            }
        }
        var figure = try ScalingPlots.figure(kind, input: input, trend: trend, isoflop: budgets, xRange: try parsedXRange())
        if let fallback {
            figure.notes.append("Not an iso-FLOP sweep (\(fallback)): the law is drawn; --budget-column gives Approach 2.")
        }
        return figure
    }

    /// `--kind isoflop|isoflop-frontier` of an iso-FLOP artifact: the analysis redone on the
    /// artifact's runs with its settings. Other kinds need a loss law and are refused.
    func isoFlopFigure(_ artifact: IsoFlopArtifact, path: String) throws -> Figure {
        let source = LawSource.isoFlop(artifact, path: path)
        guard isIsoFlopKind else {
            throw LawSourceError.cannot(source: source.label, request: "a '--kind \(kind.rawValue)' figure", can: source.capabilities)
        }
        let analysis = try IsoFlopAnalysis.run(artifact.runs, options: artifact.settings.options)
        let name = URL(fileURLWithPath: artifact.inputs.file).lastPathComponent
        let input = IsoFlopPlotInput(analysis: analysis, runs: artifact.runs, source: "\(name) (\(artifact.runs.count) runs)")
        return kind == .isoflop ? IsoFlopAnalysisPlot.profiles(input) : IsoFlopAnalysisPlot.frontier(input)
    }

    /// The iso-FLOP analysis of the runs `specification` selects.
    /// Column notes go to stderr unless `quiet` (the automatic attempt).
    func isoFlopInput(_ specification: InputSpecification, quiet: Bool = false) throws -> IsoFlopPlotInput {
        let (input, notes) = try isoflop.plotInput(specification)
        if !quiet { for note in notes { Console.note(note) } }
        return input
    }

    /// `--kind trend --data FILE`: the OLS trend of Cottier et al. from dates and costs.
    func trendFromTable() throws -> Figure {
        let path = data ?? ""
        let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: path), source: path)
        let dateColumn = try explicitColumns["year"] ?? PlotData.firstPresent(["year", "publication_date", "Publication date", "date"], in: table, role: "year")
        let costColumn = try explicitColumns["cost"] ?? PlotData.firstPresent(["cost", "cost_hw_capex_energy_2023usd"], in: table, role: "cost")
        let trend = try CostTrend.fit(table, dateColumn: dateColumn, costColumn: costColumn)
        let years = try DecimalYear.column(dateColumn, in: table)
        let costs = try Dataset(table: table, columns: [costColumn]).column(costColumn)
        return try TrendPlot.figure(trend: trend, years: years, costs: costs, costLabel: "\(costColumn)", source: path)
    }
}

extension PlotKind: ExpressibleByArgument {}

/// Reading the data of a fit for drawing: the library reads (`ScalingLaws/LawFit/rows(_:checkedAgainst:artifactPath:)`,
/// `ScalingLaws/LawFit/recordedDataFile(artifactPath:)`); this says what it found.
enum PlotData {
    /// The rows `specification` selects, with the law's roles; when `record` is `nil`, a note
    /// on stderr when the number of rows differs from the fitted one.
    static func load(fit: LawFit, fitPath: String, specification: InputSpecification, record: InputRecord?) throws -> Dataset {
        let selection = try fit.rows(specification, checkedAgainst: record, artifactPath: fitPath)
        if record == nil, selection.dataset.count != fit.data.rows {
            Console.note("note: drawing \(selection.dataset.count) rows of \(specification.path); the fit used \(fit.data.rows) (give the fit's row filters to match)")
        }
        return selection.dataset
    }

    /// The data file of a fit (`ScalingLaws/LawFit/recordedDataFile(artifactPath:)`).
    /// - Throws: ``CLIError/missingData(fit:path:)`` when none exists.
    static func recordedData(fit: LawFit, fitPath: String) throws -> (path: String, name: String) {
        guard let found = fit.recordedDataFile(artifactPath: fitPath) else { throw CLIError.missingData(fit: fitPath, path: fit.data.source) }
        return found
    }

    /// The first of `names` the table has (case-insensitive), for a role.
    static func firstPresent(_ names: [String], in table: CSVTable, role: String) throws -> String {
        guard let name = table.firstColumn(among: names) else { throw CLIError.missingRole(source: table.source, role: role, tried: names) }
        return name
    }
}
