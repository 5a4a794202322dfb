import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws plan`: which runs to train next — an iso-FLOP sweep design with its
/// Approach-2 bias, and candidate next runs ranked by how much they sharpen a forecast.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan the next runs: an iso-FLOP sweep design with its bias, and next runs ranked by forecast-variance reduction.",
        discussion: """
            From a Chinchilla law (--fit, --preset or --law chinchilla --param ...):

            --budgets designs an iso-FLOP sweep per budget (--per-budget sizes, log-spaced over \
            ×--span and centred on --centre·N*) and estimates by simulation (--noise, \
            --simulations, --seed) the bias of Approach 2's N* on that design.

            --runs FILE (existing runs: N and D columns) with --cap C ranks candidate runs \
            (6ND ≤ C) by the expected reduction of the variance of the forecast at \
            --target-budget (the loss at its compute-optimal allocation, or --target n-opt), \
            with the cost of each; --check-simulations K refits K simulated data sets to compare \
            the best candidate with the naive next size up.

            The proposed runs (design and best candidates) get the best shape under the shape \
            rules and the learning rate and batch size of --hparams; --format csv writes them as \
            one table.

            Examples:
              scaling-laws plan --preset epoch2024 --budgets 1e18,1e19,1e20
              scaling-laws plan --fit fit.json --runs runs.csv --cap 1e20 --target-budget 1e23 \\
                  --check-simulations 100 --format csv
            """)

    @OptionGroup(title: "Law source")
    var lawSource: LawSourceOptions

    @Option(help: ArgumentHelp("Budgets of the iso-FLOP sweep design: START:STOP:xFACTOR or a comma list.", valueName: "spec"))
    var budgets: String?
    @Option(name: .customLong("per-budget"), help: ArgumentHelp("Sizes per budget.", valueName: "k")) var perBudget: Int = 7
    @Option(help: ArgumentHelp("Largest/smallest size of a budget's sweep.", valueName: "factor")) var span: Double = 16
    @Option(help: ArgumentHelp("Centre of the sweep as a multiple of the fit's N*.", valueName: "factor")) var centre: Double = 1
    @Option(help: ArgumentHelp("Standard deviation of a final loss, for simulations and ranking (default: the fit's RMSE, else 0.01).", valueName: "sigma"))
    var noise: Double?
    @Option(help: ArgumentHelp("Simulated sweeps per budget.", valueName: "count")) var simulations: Int = 200
    @Option(help: ArgumentHelp("Seed of the simulations.", valueName: "seed")) var seed: UInt64 = 0

    @Option(help: ArgumentHelp("CSV of existing runs (columns N and D, or --n/--d).", valueName: "file")) var runs: String?
    @Option(help: ArgumentHelp("Largest compute of a candidate run (6ND, FLOP).", valueName: "flop")) var cap: String?
    @Option(name: .customLong("target-budget"), help: ArgumentHelp("Budget whose forecast the next runs should sharpen.", valueName: "flop"))
    var targetBudget: String?
    @Option(help: ArgumentHelp("What to sharpen: loss or n-opt.", valueName: "what")) var target: String = "loss"
    @Option(help: ArgumentHelp("Candidates listed.", valueName: "k")) var top: Int = 5
    @Option(name: .customLong("check-simulations"), help: ArgumentHelp("Refit this many simulated data sets to check the best candidate against the naive one.", valueName: "count"))
    var checkSimulations: Int = 0
    @Option(name: .customLong("n"), help: ArgumentHelp("Column holding N, the model parameters.", valueName: "column")) var nColumn: String?
    @Option(name: .customLong("d"), help: ArgumentHelp("Column holding D, the training tokens.", valueName: "column")) var dColumn: String?

    @Option(help: ArgumentHelp("Hyperparameter law of the proposed runs: deepseek2024, steplaw2025 or none.", valueName: "name"))
    var hparams: String = "deepseek2024"
    @OptionGroup(title: "Shape rules")
    var rules: ShapeRulesOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let source = try lawSource.load()
            let p = try source.chinchillaParameters(command: "plan")
            let sigma = noise ?? source.fit?.statistics.rmse ?? 0.01
            guard sigma >= 0, sigma.isFinite else { throw CLIError.invalidNumber(option: "--noise", text: "\(sigma)", expected: "a non-negative loss standard deviation such as 0.01") }
            let shapeRules = try rules.rules()
            let hLaw = hparams.lowercased() == "none" ? nil : try HyperparameterLaw.preset(hparams)
            var proposed: [ProposedRun] = []
            var design: IsoFlopSweepDesign?
            if let budgets {
                let list = try BudgetList.parse(budgets)
                design = try IsoFlopSweepDesign.make(law: p, budgets: list, perBudget: perBudget, span: span, centre: centre,
                                                     noise: sigma, simulations: simulations, seed: seed)
                for b in design?.budgets ?? [] {
                    for (n, d) in zip(b.sizes, b.tokens) {
                        proposed.append(ProposedRun.make(kind: "iso-FLOP sweep", budget: b.budget, n: n, d: d, rules: shapeRules, law: hLaw))
                    }
                }
            }
            var candidates: [CandidateRun]?
            var naiveRun: CandidateRun?
            var simulation: PlanSimulation?
            var targetText: String?
            if let runs {
                guard let capText = cap else { throw CLIError.invalidNumber(option: "--cap", text: "", expected: "the largest compute of a candidate run, such as 1e20") }
                let capValue = try FitFile.positive(capText, option: "--cap", what: "a positive number of FLOP such as 1e20")
                let tb = try FitFile.positive(targetBudget ?? "", option: "--target-budget", what: "a positive number of FLOP such as 1e23")
                let planTarget: PlanTarget
                switch target.lowercased() {
                case "loss": planTarget = .loss(budget: tb)
                case "n-opt": planTarget = .nOpt(budget: tb)
                default: throw CLIError.invalidNumber(option: "--target", text: target, expected: "loss or n-opt")
                }
                targetText = planTarget.label
                let nColumn = self.nColumn ?? "N", dColumn = self.dColumn ?? "D"
                let data = try Dataset(contentsOf: URL(fileURLWithPath: runs), columns: [nColumn, dColumn], source: runs)
                try data.requirePositive([nColumn, dColumn], reason: "plan --runs")
                let ns = try data.column(nColumn), ds = try data.column(dColumn)
                let existing = zip(ns, ds).map { (n: $0, d: $1) }
                let grid = try NextRunPlanner.candidates(existing: existing, cap: capValue)
                let ranked = try NextRunPlanner.rank(law: p, existing: existing, noise: max(sigma, 1e-6), target: planTarget, candidates: grid)
                candidates = Array(ranked.prefix(max(top, 1)))
                let naive = NextRunPlanner.naive(existing: existing, cap: capValue)
                naiveRun = try NextRunPlanner.rank(law: p, existing: existing, noise: max(sigma, 1e-6), target: planTarget, candidates: [naive]).first
                for c in candidates ?? [] {
                    proposed.append(ProposedRun.make(kind: "next run", budget: c.compute, n: c.n, d: c.d, rules: shapeRules, law: hLaw))
                }
                if checkSimulations > 0, let best = ranked.first {
                    simulation = NextRunPlanner.simulate(law: p, existing: existing, noise: max(sigma, 1e-6), target: planTarget,
                                                         added: [("naive: next size up", naive.n, naive.d), ("recommended: rank 1", best.n, best.d)],
                                                         simulations: checkSimulations, seed: seed)
                }
            }
            guard design != nil || candidates != nil else {
                throw CLIError.invalidNumber(option: "--budgets", text: "", expected: "--budgets (a sweep design) or --runs with --cap and --target-budget")
            }
            let payload = PlanPayload(design: design, candidates: candidates, naive: naiveRun, simulation: simulation, proposed: proposed)
            let report = PlanReport.make(payload, law: source.label, target: targetText)
            try output.emit(report: try report.render(output.format.report, payload: payload)) { Array(try report.render(ReportFormat.json, payload: payload).utf8) }
        }
    }
}
