import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws hparams`: optimal learning rate and batch size from a published law or fitted
/// from a sweep.
struct HparamsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hparams",
        abstract: "Optimal learning rate and batch size: from a published law, or fitted from a sweep CSV.",
        discussion: """
            Presets: deepseek2024 (DeepSeek-AI 2024, Eq. 1: η = 0.3118·C^−0.1250, \
            B = 0.2920·C^0.3271 tokens) and steplaw2025 (Li et al. 2025: η = 1.79·N^−0.713·D^0.307, \
            B = 0.58·D^0.571 tokens). Give --budgets (C; N and D then follow --tokens-per-param \
            for N, D laws) or --params and --tokens.

            With a sweep FILE (one row per run: N and D, or C; learning rate; optionally batch \
            size; final loss), fits each cell's optimum from a quadratic in log learning rate \
            (and log batch size) with its 95% interval, refuses cells whose minimum is not \
            bracketed, then fits the power law across cells (against C when the file has a C \
            column and no N, D; else against N and D) with 95% intervals.

            Examples:
              scaling-laws hparams --preset deepseek2024 --budgets 1e20,1e22,1e24
              scaling-laws hparams --preset steplaw2025 --params 1B --tokens 100B
              scaling-laws hparams sweep.csv --x lr=learning_rate --x batch=batch_tokens
            """)

    @Argument(help: ArgumentHelp("Sweep CSV to fit (omit to use --preset).", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("A published law: deepseek2024 or steplaw2025.", valueName: "name"))
    var preset: String?

    @Option(help: ArgumentHelp("Budgets C in FLOP: START:STOP:xFACTOR or a comma list.", valueName: "spec"))
    var budgets: String?

    @Option(name: .customLong("tokens-per-param"), help: ArgumentHelp("D/N used to split a budget for N, D laws (C = 6ND).", valueName: "r"))
    var tokensPerParam: Double = 20

    @Option(name: .customLong("params"), help: ArgumentHelp("Model parameters N (with --tokens).", valueName: "n")) var n: String?
    @Option(name: .customLong("tokens"), help: ArgumentHelp("Training tokens D (with --params).", valueName: "d")) var d: String?

    @OptionGroup(title: "Sweep columns (defaults N, D, C, loss, lr, batch; --x lr=COLUMN, --x batch=COLUMN)")
    var columns: ColumnOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            if let file {
                guard preset == nil else {
                    throw CLIError.invalidNumber(option: "--preset", text: preset ?? "", expected: "either a sweep FILE or --preset, not both")
                }
                let fit = try fitSweep(file)
                let report = HparamsReport.fitted(fit)
                try output.emit(report: try report.render(output.format.report, payload: fit)) { Array(try report.render(ReportFormat.json, payload: fit).utf8) }
                return
            }
            guard let preset else {
                throw CLIError.invalidNumber(option: "--preset", text: "", expected: "a law name (deepseek2024, steplaw2025) or a sweep FILE")
            }
            let law = try HyperparameterLaw.preset(preset)
            var rows: [HparamsReport.Row] = []
            if let budgets {
                guard tokensPerParam > 0, tokensPerParam.isFinite else {
                    throw CLIError.invalidNumber(option: "--tokens-per-param", text: "\(tokensPerParam)", expected: "a positive ratio such as 20")
                }
                for c in try BudgetList.parse(budgets) {
                    let nValue = (c / (6 * tokensPerParam)).squareRoot()
                    let r = try law.recommend(n: nValue, d: tokensPerParam * nValue, c: c)
                    rows.append(.init(n: law.variables == .compute ? nil : nValue, d: law.variables == .compute ? nil : tokensPerParam * nValue,
                                      c: c, learningRate: r.learningRate, batchSize: r.batchSize))
                }
            }
            if n != nil || d != nil {
                let nValue = try FitFile.positive(n ?? "", option: "--params", what: "a positive parameter count such as 1B")
                let dValue = try FitFile.positive(d ?? "", option: "--tokens", what: "a positive number of tokens such as 100B")
                let r = try law.recommend(n: nValue, d: dValue, c: 6 * nValue * dValue)
                rows.append(.init(n: nValue, d: dValue, c: 6 * nValue * dValue, learningRate: r.learningRate, batchSize: r.batchSize))
            }
            guard !rows.isEmpty else {
                throw CLIError.invalidNumber(option: "--budgets", text: "", expected: "--budgets, or --params and --tokens, to evaluate the law at")
            }
            let report = HparamsReport.recommendations(law, rows: rows)
            try output.emit(report: try report.render(output.format.report, payload: rows)) { Array(try report.render(ReportFormat.json, payload: rows).utf8) }
        }
    }

    /// Reads the sweep and fits it; N, D laws when the file has N and D columns, else C.
    func fitSweep(_ path: String) throws -> HyperparameterSweepFit {
        let url = URL(fileURLWithPath: path)
        let header = try CSVTable.read(contentsOf: url, source: path, separator: columns.separator).header
        var names = ["N": "N", "D": "D", "C": "C", "loss": "loss", "lr": "lr", "batch": "batch"]
        for (role, column) in columns.explicitColumns { names[role] = column }
        let has = { (role: String) in header.contains(names[role] ?? "") }
        let sizeAndTokens = has("N") && has("D")
        guard sizeAndTokens || has("C") else {
            throw CLIError.missingRole(source: path, role: "N and D, or C", tried: [names["N"] ?? "", names["D"] ?? "", names["C"] ?? ""])
        }
        var wanted = [names["loss"] ?? "loss", names["lr"] ?? "lr"]
        wanted += sizeAndTokens ? [names["N"] ?? "N", names["D"] ?? "D"] : [names["C"] ?? "C"]
        if has("batch") { wanted.append(names["batch"] ?? "batch") }
        let data = try Dataset(contentsOf: url, columns: wanted, source: path, separator: columns.separator)
        let loss = try data.column(names["loss"] ?? "loss"), lr = try data.column(names["lr"] ?? "lr")
        let ns = sizeAndTokens ? try data.column(names["N"] ?? "N") : nil
        let ds = sizeAndTokens ? try data.column(names["D"] ?? "D") : nil
        let cs = sizeAndTokens ? nil : try data.column(names["C"] ?? "C")
        let bs = has("batch") ? try data.column(names["batch"] ?? "batch") : nil
        let runs = (0..<data.count).map { i in
            SweepRun(n: ns?[i], d: ds?[i], c: cs?[i], learningRate: lr[i], batchSize: bs?[i], loss: loss[i], line: data.rowLines[i])
        }
        return try HyperparameterSweepFitter.fit(runs, variables: sizeAndTokens ? .sizeAndTokens : .compute)
    }
}
