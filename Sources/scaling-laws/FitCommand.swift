import ArgumentParser
import Foundation
import NonlinearFit
import Reports
import ScalingLaws

/// `scaling-laws fit FILE --law NAME …`: fits a law to training runs, prints an lmfit-style
/// report and optionally saves the fit as a JSON artifact.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a scaling law to a CSV of training runs.",
        discussion: """
            Columns are found by their usual names (N, params, D, tokens, C, flops, loss, …) or \
            named with --n, --d, --c, --loss and --x ROLE=COLUMN. With no D column, D is derived \
            as C/(6N). Rows: --where conditions first (on the text, so cells of excluded rows are \
            not read), then --drop-highest, --drop-lowest and --range, each in the order given. \
            --by COLUMN fits each value of COLUMN separately: one report per group and a \
            summary table; --output NAME.json then writes NAME-GROUP.json per group. The \
            artifact records the file, its digest, the columns read, the conditions and \
            filters, so 'predict' and 'plot' read the same columns and rows again.

            Objectives: huber = Huber loss on log residuals, summed (Hoffmann et al. 2022; the \
            default for chinchilla), lsq = least squares on the loss, log-lsq = least squares on \
            log residuals.

            Starts: auto = variable-projection grid over the exponents, then a polish (default); \
            grid = the law's published grid (4,500 points for chinchilla); single = the law's \
            initial guess; lhs:N = a Latin hypercube of N points (uses --seed).

            Formulas: --law also takes a formula, e.g. --law 'E + A/N^alpha + B/D^beta', \
            or @FILE holding one. Formulas use + - * / ^, numbers such as 1e-3 and the \
            functions exp, log (natural), log10, sqrt, min and max (two arguments). The names \
            N, D and C are inputs (or the names given with --inputs); every other name is a \
            parameter, with exact derivatives. The response is loss, or named by a prefix \
            'y = ...' or with --response. Parameters start at 0.5 when they appear in an \
            exponent or in exp(), else at 1, unless declared with --param. A law file holds \
            one formula line and lines 'param DECLARATION', 'inputs NAMES' or 'response NAME'; \
            '#' starts a comment; options override the file.

            Example (Epoch AI's replication protocol):
              scaling-laws fit chinchilla_N_D_loss.csv --drop-highest loss:5 \\
                  --output fit.json
            """
    )

    @OptionGroup(title: "Input")
    var input: InputOptions

    @Option(
        help: ArgumentHelp(
            "The law to fit: a name (see 'scaling-laws laws'), a formula, or @FILE.", valueName: "law"))
    var law: String = "chinchilla"

    @OptionGroup(title: "Fit settings")
    var settings: FitSettingsOptions

    @Option(
        name: .customLong("max-iterations"),
        help: ArgumentHelp("Iteration limit of each local optimisation.", valueName: "n"))
    var maxIterations: Int = 1000

    @Option(
        name: .customLong("time-limit"),
        help: ArgumentHelp(
            "Stop the fit after SECONDS of wall time and report the best point reached (default: no limit).",
            valueName: "seconds"))
    var timeLimit: Double?

    @Flag(help: "Print the time spent reading and fitting to stderr.")
    var timing = false

    @Option(
        help: ArgumentHelp(
            "Bootstrap the fit with N resamples (N >= 2) and report bootstrap standard errors and 95% percentile intervals.",
            valueName: "n"))
    var bootstrap: Int?

    @Option(
        name: .customLong("bootstrap-groups"),
        help: ArgumentHelp(
            "Resample whole groups of rows sharing a value of COLUMN instead of single rows (needs --bootstrap).",
            valueName: "column"))
    var bootstrapGroups: String?

    @Option(
        name: .customLong("bootstrap-seed"),
        help: ArgumentHelp("Seed of the bootstrap resamples (needs --bootstrap; default: 0).", valueName: "s"))
    var bootstrapSeed: UInt64?

    @Flag(
        help: ArgumentHelp(
            "Add profile-likelihood intervals (95%, chi-square(1) threshold on the scaled objective rise) for every free parameter."))
    var profile = false

    @Option(
        help: ArgumentHelp(
            "With --by: fit all groups at once, sharing these parameters (comma list) and fitting the others per group; --output writes one joint artifact (e.g. qqt pools for 'filtering --pools-fit').",
            valueName: "names"))
    var shared: String?

    @OptionGroup(title: "Formula laws")
    var formula: FormulaOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        if formula.isUsed, LawRegistry.law(named: law) != nil {
            throw ValidationError("--param, --inputs and --response apply to a formula given with --law, not to the law '\(law)'")
        }
        guard maxIterations >= 1 else {
            throw ValidationError("--max-iterations must be at least 1, got \(maxIterations)")
        }
        if let timeLimit, !(timeLimit.isFinite && timeLimit >= 0) {
            throw ValidationError("--time-limit must be a non-negative number of seconds, got \(timeLimit)")
        }
        if let bootstrap, bootstrap < 2 {
            throw ValidationError("--bootstrap needs at least 2 resamples, got \(bootstrap)")
        }
        if shared != nil, input.specification.by == nil {
            throw ValidationError("--shared needs --by COLUMN: it names the parameters the groups of COLUMN share")
        }
        if shared != nil, bootstrap != nil || profile {
            throw ValidationError("--shared fits groups jointly; --bootstrap and --profile apply to separate fits (bootstrap a joint qqt fit with 'filtering --pools-fit FILE --bootstrap N')")
        }
        if bootstrap == nil, bootstrapGroups != nil || bootstrapSeed != nil {
            throw ValidationError("--bootstrap-groups and --bootstrap-seed apply only with --bootstrap <n>")
        }
    }

    func run() throws {
        try Console.run {
            let law = try formula.law(self.law)
            var options = settings.options(for: law)
            options.maxIterations = maxIterations
            options.timeLimit = timeLimit
            let phases = timing ? FitPhaseClock() : nil
            let clock = ContinuousClock()
            let readStart = clock.now
            let selection = try input.selection(for: law, categoryColumns: bootstrapGroups.map { [$0] } ?? [])
            let fitStart = clock.now
            if let shared {
                let names = shared.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                var fit = try SharedParameterFit.fit(
                    law: law, groups: selection.groups().map { ($0.label, $0.dataset) }, shared: names, fixed: options.fixed)
                fit.source = "\(input.file), groups by \(input.specification.by ?? "")"
                let joint = fit
                try output.emit(report: try SharedParameterFitRenderer.render(joint, format: output.format.report)) {
                    Array(try SharedParameterFitRenderer.artifact(joint))
                }
                return
            }
            let fits = try selection.mapGroups { group in
                try fitGroup(law: law, data: group.dataset, options: options, phases: phases).withInput(group.record)
            }
            let fitEnd = clock.now
            if timing {
                let what = bootstrap.map { "fitted and bootstrapped \($0) resamples" } ?? "fitted"
                let fitted = fitEnd - fitStart
                Console.note("timing: read \(selection.dataset.count) rows in \(Self.milliseconds(fitStart - readStart)) ms, \(what) in \(Self.milliseconds(fitted)) ms\(phases.map { Self.phaseSummary($0, total: fitted) } ?? "")")
            }
            // The artifact remembers where its data is (as given and absolute), for 'plot'.
            let absolute = URL(fileURLWithPath: input.file).standardizedFileURL.path
            let located = fits.map { ($0.group.label, $0.result.withDataLocation(path: input.file, absolutePath: absolute)) }
            if let by = input.specification.by {
                try emitGroups(by: by, fits: located, law: law)
            } else if let (_, fit) = located.first {
                let report = try FitReportRenderer.render(fit, format: output.format.report)
                try output.emit(report: report) { Array(try FitArtifact.encode(fit)) }
            }
            // The report lists the warnings too; repeat them where diagnostics go, so they are
            // seen whatever the format.
            for (label, fit) in located {
                let prefix = input.specification.by == nil ? "" : "\(label): "
                for warning in fit.warnings { Console.note("warning: \(prefix)\(warning)") }
            }
        }
    }

    /// One fit of `law` to `data`, with the bootstrap and profile intervals asked for.
    /// Fits one group; with `phases`, the fit and its diagnostics record their phase times there.
    func fitGroup(law: any ScalingLaw, data: Dataset, options: LawFitOptions, phases: FitPhaseClock? = nil) throws -> LawFit {
        var timedOptions = options
        timedOptions.phases = phases
        let fitted: LawFit
        if let bootstrap {
            let settings = BootstrapOptions(
                resamples: bootstrap, seed: bootstrapSeed ?? 0,
                kind: bootstrapGroups.map { .groups(column: $0) } ?? .rows)
            // The library refits the full data first; that fit stays the reported one.
            let progress = BootstrapProgress()
            let status = StatusLine.start("bootstrapping \(bootstrap) resamples") { progress.total > 0 ? progress.fraction : nil }
            defer { status?.stop() }
            let result = try LawBootstrap.run(law: law, data: data, options: settings, fitOptions: timedOptions, progress: progress)
            fitted = result.fit.withBootstrap(LawFit.BootstrapSummary(result))
            for note in result.notes { Console.note("bootstrap: \(note)") }
        } else {
            fitted = try LawFitter.fit(law, to: data, options: timedOptions)
        }
        let diagnostics = phases.map { $0.begin(.diagnostics) }
        var reported = fitted.withDiagnostics(FitDiagnostics.evaluate(fitted, law: law, data: data))
        if let diagnostics { phases?.end(diagnostics) }
        if profile {
            let result = try ProfileLikelihood.intervals(law: law, data: data, fit: fitted, fitOptions: options)
            reported = reported.withProfile(result)
        }
        return reported
    }

    /// `--by`: a report per group and a summary of the parameters; `--output NAME.json` writes
    /// NAME-GROUP.json per group (all encoded before any is written).
    func emitGroups(by: String, fits: [(String, LawFit)], law: any ScalingLaw) throws {
        var groups: [GroupedReportRenderer.Group] = []
        var summary = TextTable(
            header: ["group", "rows"] + law.parameters.map(\.name) + ["R²"],
            numeric: [false] + Array(repeating: true, count: law.parameters.count + 2))
        var artifacts: [(path: String, bytes: [UInt8])] = []
        for (label, fit) in fits {
            groups.append(.init(label: label, report: FitReportRenderer.report(fit), json: try FitReportRenderer.render(fit, format: .json)))
            summary.append(
                [label, "\(fit.data.rows)"] + fit.values.map { NumberFormat.significant($0, digits: 6) }
                    + [fit.statistics.rSquared.map { NumberFormat.significant($0, digits: 4) } ?? "—"])
            if let path = output.output {
                artifacts.append((PlotCommand.groupPath(path, group: label), Array(try FitArtifact.encode(fit))))
            }
        }
        let report = try GroupedReportRenderer.render(by: by, groups: groups, summary: summary, format: output.format.report)
        for artifact in artifacts { try AtomicFile.write(artifact.bytes, to: artifact.path) }
        Console.out(report)
        for artifact in artifacts { Console.note("wrote \(artifact.path)") }
    }

    /// ` (start search A ms, local fits B ms, polish C ms, covariance D ms: fitting E ms;
    /// intervals F ms; diagnostics G ms; other H ms)`: the phases of `total` seconds of fitting
    /// (the fitting phases, then interval estimation, diagnostics and the rest, such as bootstrap
    /// resamples and checks).
    static func phaseSummary(_ phases: FitPhaseClock, total: Duration) -> String {
        let fitting: [FitPhaseClock.Phase] = [.startSearch, .localFits, .polish, .covariance]
        func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
        let parts = fitting.map { "\($0.rawValue) \(ms(phases.seconds(in: $0))) ms" }
        let fitted = fitting.reduce(0) { $0 + phases.seconds(in: $1) }
        let intervals = phases.seconds(in: .intervals)
        let diagnostics = phases.seconds(in: .diagnostics)
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18
        let other = Swift.max(0, seconds - fitted - intervals - diagnostics)
        return " (\(parts.joined(separator: ", ")): fitting \(ms(fitted)) ms; intervals \(ms(intervals)) ms; diagnostics \(ms(diagnostics)) ms; other \(ms(other)) ms)"
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let ms = Double(seconds) * 1e3 + Double(attoseconds) * 1e-15
        return String(format: "%.1f", ms)
    }

}

/// `--objective`.
enum ObjectiveChoice: String, CaseIterable, ExpressibleByArgument {
    case huber
    case lsq
    case logLsq = "log-lsq"
}

/// `--starts auto|grid|single|lhs:N`.
enum StartChoice: Equatable, Sendable {
    case automatic
    case grid
    case single
    case latinHypercube(Int)

    var strategy: LawStartStrategy {
        switch self {
        case .automatic: return .automatic
        case .grid: return .publishedGrid
        case .single: return .single
        case let .latinHypercube(count): return .latinHypercube(count: count)
        }
    }

    @Sendable static func parse(_ text: String) throws -> StartChoice {
        switch text.lowercased() {
        case "auto", "automatic": return .automatic
        case "grid": return .grid
        case "single": return .single
        default:
            let lower = text.lowercased()
            if lower.hasPrefix("lhs:"), let count = Int(lower.dropFirst(4)), count >= 1 {
                return .latinHypercube(count)
            }
            throw ValidationError("'\(text)': expected auto, grid, single or lhs:N with N >= 1")
        }
    }
}
