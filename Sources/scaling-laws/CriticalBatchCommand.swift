import ArgumentParser
import Forecast
import Reports
import ScalingLaws

/// `scaling-laws critical-batch --target-loss L… [--batch-size B --steps S] [--compute C | --n N]`:
/// Kaplan et al. 2020's critical batch size and the S_min, E_min, C_min conversions.
struct CriticalBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "critical-batch",
        abstract: "Critical batch size B_crit(L) and the S_min, E_min, C_min conversions (Kaplan et al. 2020).",
        discussion: """
            Kaplan et al. 2020 (arXiv:2001.08361): B_crit(L) = B_*/L^(1/α_B), B_* = 2e8 tokens, \
            α_B = 0.21 (eq. 1.4). A run of S steps at batch size B tokens reaches loss L in at \
            least S_min = S/(1 + B_crit/B) steps (eq. 5.4) and E_min = B·S/(1 + B/B_crit) tokens \
            (eq. 5.3); compute C at batch B converts to C_min = C/(1 + B/B_crit) (eq. 5.5). \
            L is in nats/token on the paper's WebText2; the constants do not transfer to other \
            data or tokenizers (override them with --b-star and --alpha-b).

            Examples:
              scaling-laws critical-batch --target-loss 3.0 --target-loss 2.5 --target-loss 2.0
              scaling-laws critical-batch --target-loss 2.5 --batch-size 1M --steps 250000 --n 1.5B
            """
    )

    @Option(name: .customLong("target-loss"), help: ArgumentHelp("The loss to reach, nats/token (repeatable).", valueName: "nats"))
    var losses: [String] = []

    @Option(name: .customLong("batch-size"), help: ArgumentHelp("The run's batch size in tokens per step, e.g. 1M.", valueName: "tokens"))
    var batchSize: String?

    @Option(help: ArgumentHelp("The run's optimisation steps (with --batch-size: S_min and E_min).", valueName: "steps"))
    var steps: String?

    @Option(help: ArgumentHelp("The run's training compute in FLOP (with --batch-size: C_min).", valueName: "flop"))
    var compute: String?

    @Option(name: .customLong("n"), help: ArgumentHelp("Non-embedding parameters: compute C = 6·N·B·S (with --steps and --batch-size).", valueName: "params"))
    var parameters: String?

    @Option(name: .customLong("b-star"), help: ArgumentHelp("B_* in tokens (default 2e8, eq. 1.4).", valueName: "tokens"))
    var bStar: String?

    @Option(name: .customLong("alpha-b"), help: ArgumentHelp("α_B (default 0.21, eq. 1.4).", valueName: "exponent"))
    var alphaB: String?

    @Option(help: "How to write numbers in the table: human (2.06M) or scientific (2.06e+06).")
    var numbers: NumberStyle = .human

    @OptionGroup(title: "Output")
    var output: OutputOptions

    static func number(_ text: String?, _ option: String, _ expected: String) throws -> Double? {
        guard let text else { return nil }
        guard let value = Syntax.number(text), value.isFinite, value > 0 else {
            throw CLIError.invalidNumber(option: option, text: text, expected: expected)
        }
        return value
    }

    func run() throws {
        try Console.run {
            let lossValues = try losses.map { try Self.number($0, "--target-loss", "a positive loss in nats/token such as 2.5") ?? 0 }
            let plan = try CriticalBatchPlan(
                losses: lossValues,
                batchSize: try Self.number(batchSize, "--batch-size", "a positive number of tokens such as 1M"),
                steps: try Self.number(steps, "--steps", "a positive number of steps"),
                compute: try Self.number(compute, "--compute", "a positive number of FLOP such as 1e21"),
                parameters: try Self.number(parameters, "--n", "a positive number of parameters such as 1.5B"),
                bStar: try Self.number(bStar, "--b-star", "a positive number of tokens") ?? KaplanConstants.publishedBStar,
                alphaB: try Self.number(alphaB, "--alpha-b", "a positive exponent") ?? KaplanConstants.publishedAlphaB)
            let report = try CriticalBatchRenderer.render(plan, format: output.format.report, numbers: numbers)
            try output.emit(report: report) { Array(try CriticalBatchRenderer.render(plan, format: .json).utf8) }
        }
    }
}
