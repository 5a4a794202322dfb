import ArgumentParser
import Foundation
import ScalingLaws

/// How training logs (one file per run) become points: run metadata, the metric, the columns
/// of D and C, and the reduction of each run to a point. Shared by every command that reads logs.
struct LogOptions: ParsableArguments {
    @Option(
        name: .customLong("metric"),
        help: ArgumentHelp("The response column of the logs: an exact name or a glob, e.g. 'eval/c4_en-validation/CrossEntropyLoss'.", valueName: "column"))
    var metric: String?

    @Option(
        name: .customLong("sizes"),
        help: ArgumentHelp("Table of model sizes joined by the run name's size field: columns size,params[,flops_per_token].", valueName: "file"))
    var sizes: String?

    @Option(
        name: .customLong("name-pattern"),
        help: ArgumentHelp("Fields of each run's file name, e.g. '{size}-{mult}xC' (the size field joins --sizes).", valueName: "pattern"),
        transform: { try RunNamePattern(parsing: $0) })
    var namePattern: RunNamePattern?

    @Flag(name: .customLong("size-names-as-numbers"), help: "Read a size name such as 190M as the parameter count (with a warning).")
    var sizeNamesAsNumbers = false

    @Option(
        name: .customLong("reduce"),
        help: ArgumentHelp("How each run becomes a point: final, mean-last:K, min, step:S, tokens:T, fraction:F or ema:A.", valueName: "rule"),
        transform: { try LogReduction(parsing: $0) })
    var reduction: LogReduction = .final

    @Option(name: .customLong("step-column"), help: ArgumentHelp("The logs' step column (default: _step, step, global_step, …).", valueName: "column"))
    var stepColumn: String?

    @Option(name: .customLong("tokens-column"), help: ArgumentHelp("The logs' tokens-seen column (default: throughput/total_tokens, tokens, …).", valueName: "column"))
    var tokensColumn: String?

    @Option(name: .customLong("flops-column"), help: ArgumentHelp("The logs' cumulative training FLOP column; its unit is read from the name (Gflops = 1e9).", valueName: "column"))
    var flopsColumn: String?

    @Option(name: .customLong("lr-column"), help: ArgumentHelp("The logs' learning-rate column (default: optim/learning_rate_group0, lr, …).", valueName: "column"))
    var learningRateColumn: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("A column naming each row's run, for one long log holding several runs.", valueName: "column"))
    var runColumn: String?

    @Option(
        name: .customLong("branch-of"),
        help: ArgumentHelp("A WSD decay branch and the constant-rate run it continues, as BRANCH=CONSTANT (run names; repeatable). Without it, branches are matched by N and steps.", valueName: "branch=run"),
        transform: { text in
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw LogError.invalidBranchMapping(text: text) }
            return BranchMapping(branch: parts[0], constant: parts[1])
        })
    var branchOf: [BranchMapping] = []

    /// The options for ``ScalingLaws/LogLadder`` (an empty metric without `--metric`, which
    /// reading the logs refuses with ``ScalingLaws/LogError/noMetric``).
    var readOptions: LogReadOptions {
        var options = LogReadOptions(metric: metric ?? "")
        options.namePattern = namePattern
        options.sizeNamesAsNumbers = sizeNamesAsNumbers
        options.reduction = reduction
        options.stepColumn = stepColumn
        options.tokensColumn = tokensColumn
        options.flopsColumn = flopsColumn
        options.learningRateColumn = learningRateColumn
        options.runColumn = runColumn
        for mapping in branchOf { options.branchOf[mapping.branch] = mapping.constant }
        return options
    }

    /// Reads the logs named by `arguments` into a ladder.
    func ladder(_ arguments: [String], separator: Character? = nil) throws -> LogLadder {
        try LogInput(paths: arguments, sizes: sizes, options: readOptions).ladder(separator: separator)
    }
}

/// `BRANCH=CONSTANT` from `--branch-of`.
struct BranchMapping: Sendable, Equatable {
    let branch: String
    let constant: String
}
