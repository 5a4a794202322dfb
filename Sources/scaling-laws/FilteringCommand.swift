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

            Pools come from the published T-MARS buckets (--preset goyal2024-tmars) or from qqt \
            fits, one per pool (--pool-fit, repeatable; all must share a and d). Pool size: \
            --pool-size, else the fits' constant pool column.

            Example:
              scaling-laws filtering --preset goyal2024-tmars --budgets 32M,128M,640M
            """)

    @Option(help: ArgumentHelp("Published pools: goyal2024-tmars.", valueName: "name"))
    var preset: String?

    @Option(name: .customLong("pool-fit"), help: ArgumentHelp("A qqt fit artifact of one pool (repeatable).", valueName: "file"))
    var poolFits: [String] = []

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
        guard (preset == nil) != poolFits.isEmpty else {
            throw ValidationError("give exactly one of --preset <name> and --pool-fit <file>")
        }
    }

    func run() throws {
        try Console.run {
            let (parameters, source) = try pools()
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
            let text = try FilteringRenderer.render(plan, source: source, format: output.format.report)
            try output.emit(report: text) { Array(try FilteringRenderer.render(plan, source: source, format: .json).utf8) }
        }
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
