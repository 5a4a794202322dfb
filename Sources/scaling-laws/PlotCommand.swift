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
            artifacts record the name only); columns are found as 'fit' finds them, or named with \
            --x ROLE=COLUMN. Give the same row filters as the fit (e.g. --drop-highest loss:5) \
            to draw the fitted rows only.

            Iso-FLOP: 'isoflop' runs the iso-FLOP analysis of the 'isoflop' command (Chinchilla \
            Approach 2) when the data have budgets: a --budget-column, or runs on a few budgets \
            C = 6ND (grouped within --tolerance); it draws each budget's runs, fitted profile \
            (--profile) and minimum N* with its interval; refused budgets in grey with the \
            reason below. Otherwise it draws the fitted law along each compute group. \
            'isoflop-frontier' draws N* against C with the fitted N* ∝ C^a and the Approach-3 \
            N_opt(C). Both work without a fit: --data FILE (and --x N=COLUMN, --group …).

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

    @Option(help: ArgumentHelp("What to draw: \(PlotKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: PlotKind

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Write the SVG to <file> (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The data file (default: the file recorded in the fit).", valueName: "file"))
    var data: String?

    @Option(
        name: .customLong("x"),
        help: ArgumentHelp("Column of a variable, as ROLE=COLUMN (repeatable), e.g. --x N=params.", valueName: "role=column"),
        transform: Syntax.roleMapping)
    var roleMappings: [RoleMapping] = []

    @Option(
        name: .customLong("drop-highest"),
        help: ArgumentHelp("Drop the K rows with the highest COLUMN, as COLUMN:K (as for 'fit').", valueName: "column:k"),
        transform: Syntax.dropHighest)
    var dropHighest: [RowFilter] = []

    @Option(
        name: .customLong("keep"),
        help: ArgumentHelp("Keep rows satisfying a comparison, as for 'fit' (e.g. 'N>=1e8').", valueName: "expr"),
        transform: Syntax.keep)
    var keep: [RowFilter] = []

    @OptionGroup(title: "Iso-FLOP (--kind isoflop, isoflop-frontier)")
    var isoflop: IsoFlopArguments

    @Option(help: ArgumentHelp("Figure width in pixels (default: 760).", valueName: "px"))
    var width: Double = 760

    @Option(help: ArgumentHelp("Figure height in pixels (default: 480).", valueName: "px"))
    var height: Double = 480

    func validate() throws {
        let withoutFit: [PlotKind] = [.trend, .isoflop, .isoflopFrontier]
        if fit == nil, !withoutFit.contains(kind) {
            throw ValidationError("--kind \(kind.rawValue) needs a fit artifact (scaling-laws plot FIT.json --kind \(kind.rawValue))")
        }
        if fit == nil, data == nil {
            throw ValidationError(kind == .trend
                ? "--kind trend without a fit needs --data FILE with dates and costs"
                : "--kind \(kind.rawValue) without a fit needs --data FILE with the runs (N, loss, and D or --budget-column)")
        }
        guard width >= 200, width <= 10000, height >= 150, height <= 10000 else {
            throw ValidationError("--width must lie in 200...10000 and --height in 150...10000 pixels")
        }
    }

    var explicitColumns: [String: String] {
        var out: [String: String] = [:]
        for mapping in roleMappings { out[mapping.role] = mapping.column }
        return out
    }

    func run() throws {
        try Console.run {
            var figure = try makeFigure()
            figure.width = width
            figure.height = height
            let svg = figure.svg()
            if let output {
                try AtomicFile.write(Array(svg.utf8), to: output)
                Console.note("wrote \(output)")
            } else {
                Console.out(svg)
            }
        }
    }

    var isIsoFlopKind: Bool { kind == .isoflop || kind == .isoflopFrontier }

    func makeFigure() throws -> Figure {
        guard let fit else {
            guard isIsoFlopKind, let data else { return try trendFromTable() }
            let input = try isoFlopInput(path: data, name: data)
            return kind == .isoflop ? IsoFlopAnalysisPlot.profiles(input) : IsoFlopAnalysisPlot.frontier(input)
        }
        let source = try SourceFile.load(fit)
        if let iso = source.isoFlop { return try isoFlopFigure(iso, path: fit) }
        guard let artifact = source.fit else { preconditionFailure("SourceFile.load gives a fit or an iso-FLOP artifact") }
        let dataset = try PlotData.load(
            fit: artifact, fitPath: fit, dataPath: data, explicit: explicitColumns, filters: dropHighest + keep)
        let input = try PlotInput(fit: artifact, data: dataset)
        var trend: CostTrend?
        if kind == .trend, input.law is ExponentialTrendLaw {
            trend = try CostTrend.fit(dataset, yearColumn: input.law.inputs[0].role, costColumn: input.law.response.role)
        }
        var budgets: IsoFlopPlotInput?
        var fallback: String?
        if isIsoFlopKind {
            let (path, name) = try data.map { ($0, $0) } ?? PlotData.recordedData(fit: artifact, fitPath: fit)
            if kind == .isoflopFrontier || isoflop.isExplicit {
                budgets = try isoFlopInput(path: path, name: name)
            } else {
                // Runs on a few budgets C = 6ND get the Approach-2 figure; other data the law's curves.
                do {
                    let candidate = try isoFlopInput(path: path, name: name, quiet: true)
                    let analysis = candidate.analysis
                    if 2 * analysis.accepted.count >= analysis.profiles.count {
                        budgets = candidate
                    } else {
                        fallback = "\(analysis.accepted.count) of \(analysis.profiles.count) compute groups bracket a minimum"
                    }
                } catch {
                    fallback = Console.message(for: error)
                }
            }
        }
        var figure = try ScalingPlots.figure(kind, input: input, trend: trend, isoflop: budgets)
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

    /// The iso-FLOP analysis of the runs in `path` (messages name `name`).
    /// Column notes go to stderr unless `quiet` (the automatic attempt).
    func isoFlopInput(path: String, name: String, quiet: Bool = false) throws -> IsoFlopPlotInput {
        let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: path), source: name)
        let (runs, notes) = try isoflop.runs(table: table, explicit: explicitColumns, filters: dropHighest + keep)
        if !quiet { for note in notes { Console.note(note) } }
        let analysis = try IsoFlopAnalysis.run(runs, options: isoflop.options(budgetColumn: isoflop.budgetColumn(in: table)))
        return IsoFlopPlotInput(analysis: analysis, runs: runs, source: isoflop.source(file: URL(fileURLWithPath: name).lastPathComponent, runs: runs.count))
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

/// Reading the data of a fit for drawing.
enum PlotData {
    /// The data file of `fit` (or `dataPath`), with the law's roles resolved as `fit` resolves
    /// them and `filters` applied. Notes on stderr when the rows differ from the fitted ones.
    ///
    /// - Throws: ``CLIError/missingData(fit:path:)`` when the recorded file is gone, and the
    ///   errors of reading and resolving columns, naming file, line and column.
    static func load(fit: LawFit, fitPath: String, dataPath: String?, explicit: [String: String], filters: [RowFilter]) throws -> Dataset {
        let (path, name) = try dataPath.map { ($0, $0) } ?? recordedData(fit: fit, fitPath: fitPath)
        let law = try fit.resolvedLaw()
        let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: path), source: name)
        let roles = law.inputs.map(\.role) + [law.response.role]
        let resolved = try ColumnRoleResolver(explicit: explicit).resolve(roles, in: table)
        var carried: [String] = []
        for column in filters.map(\.column) where !roles.contains(column) && !carried.contains(column) { carried.append(column) }
        let dataset = try resolved.dataset(from: table, extraColumns: carried).filtered(filters)
        if dataset.count != fit.data.rows {
            Console.note("note: drawing \(dataset.count) rows of \(path); the fit used \(fit.data.rows) (give the fit's row filters to match)")
        }
        return dataset
    }

    /// The data file of a fit, the first that exists of: the path recorded as given to `fit`
    /// (relative to the current directory), the recorded absolute path, the file's display name
    /// in the current directory, that name beside the fit artifact. Older artifacts record the
    /// name only.
    /// Returns the path to read and the name messages use for it (the recorded display name
    /// when found through a recorded path).
    static func recordedData(fit: LawFit, fitPath: String) throws -> (path: String, name: String) {
        let manager = FileManager.default
        let name = fit.data.source
        if let path = fit.data.path, manager.fileExists(atPath: path) { return (path, name) }
        if let absolute = fit.data.absolutePath, manager.fileExists(atPath: absolute) { return (absolute, name) }
        if manager.fileExists(atPath: name) { return (name, name) }
        let beside = URL(fileURLWithPath: fitPath).deletingLastPathComponent().appendingPathComponent(name).path
        if !name.hasPrefix("/"), manager.fileExists(atPath: beside) { return (beside, beside) }
        throw CLIError.missingData(fit: fitPath, path: name)
    }

    /// The first of `names` the table has (case-insensitive), for a role.
    static func firstPresent(_ names: [String], in table: CSVTable, role: String) throws -> String {
        for name in names where (try? table.columnIndex(named: name)) != nil { return name }
        throw CLIError.missingRole(source: table.source, role: role, tried: names)
    }
}
