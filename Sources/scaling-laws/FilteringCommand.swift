import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws filtering`: the best top-k% data pool for each sample budget and the budgets
/// where the best choice changes (Goyal et al. 2024, QQT).
struct FilteringCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filtering",
        abstract: "Choose the data-filtering level (top-k% pool) for each sample budget.",
        discussion: """
            For each budget n (samples seen), mixes the best p pools (best-first by utility b) \
            under the quality-quantity trade-off law of Goyal et al. (2024), prints every \
            mixture's error and the best, and finds the budgets where the best mixture changes \
            (root of the difference of errors) within --crossover-range (default: the budgets' span).

            Pools come from the published T-MARS buckets (--preset goyal2024-tmars), from a \
            joint qqt fit of all pools (--pools-fit, written by 'fit POOLS.csv --law qqt --by \
            POOL --shared a --fix d=0.1 --output FILE'), or from qqt fits, one per pool \
            (--pool-fit, repeatable; all must share a and d). Pool size: --pool-size, else the \
            fits' constant pool column.

            --bootstrap N (with --pools-fit) resamples each pool's rows, refits the pools \
            jointly and reports how often each level is best per budget and the 95% percentile \
            interval of each crossover budget (seeded by --bootstrap-seed).

            Example:
              scaling-laws filtering --preset goyal2024-tmars --budgets 32M,128M,640M
            """)

    @Option(help: ArgumentHelp("Published pools: goyal2024-tmars.", valueName: "name"))
    var preset: String?

    @Option(name: .customLong("pool-fit"), help: ArgumentHelp("A qqt fit artifact of one pool (repeatable).", valueName: "file"))
    var poolFits: [String] = []

    @Option(name: .customLong("pools-fit"), help: ArgumentHelp("A joint qqt fit of all pools (fit --by POOL --shared a …).", valueName: "file"))
    var poolsFit: String?

    @Option(help: ArgumentHelp("With --pools-fit: bootstrap the decision with N resamples (N >= 2).", valueName: "n"))
    var bootstrap: Int?

    @Option(name: .customLong("bootstrap-seed"), help: ArgumentHelp("Seed of the bootstrap resamples (default: 0).", valueName: "s"))
    var bootstrapSeed: UInt64?

    @Option(help: ArgumentHelp("Also draw error vs samples seen per pool, with the crossovers, as SVG to <file>.", valueName: "file"))
    var plot: String?

    @Option(name: .customLong("pool-size"), help: ArgumentHelp("Samples per pool S (for --pool-fit).", valueName: "samples"))
    var poolSize: String?

    @Option(help: ArgumentHelp("Sample budgets: START:STOP:xFACTOR or a comma list, e.g. 32M,128M.", valueName: "spec"))
    var budgets: String

    @Option(
        name: .customLong("crossover-range"),
        help: ArgumentHelp("Budgets searched for crossovers, LOW:HIGH.", valueName: "low:high"))
    var range: String?

    @Option(name: .customLong("half-lives"), help: ArgumentHelp("How pool half-lives enter a mixture: script (× pool count, the authors' code) or printed.", valueName: "rule"))
    var halfLives: String = "script"

    @OptionGroup(title: "Output")
    var output: OutputOptions

    static let presets = ["goyal2024-tmars"]

    func validate() throws {
        guard [preset != nil, !poolFits.isEmpty, poolsFit != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --preset <name>, --pools-fit <file> and --pool-fit <file>")
        }
        if bootstrap != nil, poolsFit == nil {
            throw ValidationError("--bootstrap needs --pools-fit <file>: the joint fit keeps the pools' rows to resample")
        }
        if let bootstrap, bootstrap < 2 {
            throw ValidationError("--bootstrap needs at least 2 resamples, got \(bootstrap)")
        }
        if bootstrapSeed != nil, bootstrap == nil {
            throw ValidationError("--bootstrap-seed applies only with --bootstrap <n>")
        }
    }

    func run() throws {
        try Console.run {
            let joint = try poolsFit.map(Self.jointFit)
            let (parameters, source) = try joint.map { (try QQTParameters(jointFit: $0), "joint fit \(poolsFit ?? "")") } ?? pools()
            let samples: [Double]
            do {
                samples = try BudgetList.parse(budgets)
            } catch let error as ForecastError {
                throw CLIError.invalidNumber(option: "--budgets", text: budgets,
                                             expected: "START:STOP:xFACTOR (e.g. 1M:1B:x10) or a comma list of positive sample counts (e.g. 32M,128M) (\(String(describing: error).replacingOccurrences(of: "FLOP", with: "samples")))")
            }
            let rule: QQTMixture.HalfLifeRule
            switch halfLives {
            case "script": rule = .scaledByPoolCount
            case "printed": rule = .asPrinted
            default: throw CLIError.invalidNumber(option: "--half-lives", text: halfLives, expected: "script or printed")
            }
            let span = try range.map { try FitFile.range($0, option: "--crossover-range", what: "samples") }
            let plan = try DataFilteringPlan.make(parameters: parameters, budgets: samples, range: span, rule: rule)
            var intervals: DataFilteringBootstrap?
            if let bootstrap, let joint {
                let status = StatusLine.start("bootstrapping \(bootstrap) resamples") { nil }
                defer { status?.stop() }
                intervals = try DataFilteringBootstrap.run(fit: joint, plan: plan, resamples: bootstrap, seed: bootstrapSeed ?? 0)
            }
            let text = try FilteringRenderer.render(plan, source: source, bootstrap: intervals, format: output.format.report)
            if let plot {
                try AtomicFile.write(Array(FilteringPlot.figure(plan: plan, fit: joint, source: source).svg().utf8), to: plot)
                Console.note("wrote \(plot)")
            }
            try output.emit(report: text) { Array(try FilteringRenderer.render(plan, source: source, bootstrap: intervals, format: .json).utf8) }
        }
    }

    /// The joint fit artifact at `path`.
    static func jointFit(_ path: String) throws -> SharedParameterFit {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw DataError.noSuchFile(path: path) }
        guard !isDirectory.boolValue else { throw DataError.isDirectory(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DataError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        return try SharedParameterFitRenderer.decode(data, source: path)
    }

    func pools() throws -> (QQTParameters, String) {
        if let preset {
            guard preset.lowercased() == "goyal2024-tmars" else { throw CLIError.unknownPreset(name: preset, known: Self.presets) }
            return (.goyal2024TMARS, "preset goyal2024-tmars: Goyal et al. 2024, T-MARS buckets of a 128M-sample DataComp pool")
        }
        var pools: [QQTPool] = []
        var shared: (a: Double, d: Double, path: String)?
        var sizes: [Double] = []
        for path in poolFits {
            let fit = try FitFile.load(path, law: "qqt", command: "filtering")
            guard let a = fit.value("a"), let b = fit.value("b"), let tau = fit.value("tau"), let d = fit.value("d") else {
                throw CLIError.missingParameter(source: "fit \(path)", name: "a, b, tau or d")
            }
            if let shared {
                guard abs(a - shared.a) <= 1e-9 * abs(shared.a), abs(d - shared.d) <= 1e-9 * max(abs(shared.d), 1e-300) else {
                    throw DecisionError.invalidOption("pool fits must share a and d for a mixture: \(shared.path) has a = \(shared.a), d = \(shared.d); \(path) has a = \(a), d = \(d) (fit with --fix a=… --fix d=…)")
                }
            } else {
                shared = (a, d, path)
            }
            if let range = fit.data.ranges["pool"], range.count == 2, range[0] == range[1] { sizes.append(range[0]) }
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            pools.append(QQTPool(name, utility: b, halfLife: tau))
        }
        let size: Double
        if let poolSize {
            size = try FitFile.positive(poolSize, option: "--pool-size", what: "a positive number of samples such as 12.8M")
        } else if sizes.count == poolFits.count, let first = sizes.first, sizes.allSatisfy({ $0 == first }) {
            size = first
        } else {
            throw ValidationError("the pool fits do not share one constant pool size: give --pool-size <samples>")
        }
        guard let shared else { throw ValidationError("give --pool-fit <file>") }
        return (QQTParameters(a: shared.a, d: shared.d, poolSize: size, pools: pools),
                "pool fits " + poolFits.joined(separator: ", "))
    }
}
