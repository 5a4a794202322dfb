import Foundation
import ScalingLaws

/// Renders a `ScalingLaws/LogLadder`: one row per run with N, D, C and where each came from,
/// the logged steps and evaluations, the recognised schedule and the metric, then the warnings.
/// `csv` is the tidy table of points (one row per run, full precision); `json` everything.
///
/// ```
/// [[Runs]]       run, N, D, C, rows, evaluations, steps, schedule, metric value (at step)
/// [[Sources]]    where N, D and C came from, per distinct source
/// [[Warnings]]   one line each
/// ```
public enum LadderRenderer {
    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ ladder: LogLadder, format: ReportFormat) throws -> String {
        switch format {
        case .table: return text(ladder, markdown: false)
        case .markdown: return text(ladder, markdown: true)
        case .csv: return csv(ladder)
        case .json: return try ReportJSON.string(Artifact(ladder))
        }
    }

    /// The JSON form: the runs, the warnings as text and as typed values, and the options.
    struct Artifact: Encodable {
        let kind = "runs"
        let runs: [LadderRun]
        let warnings: [String]
        let options: LogReadOptions
        init(_ ladder: LogLadder) {
            runs = ladder.runs
            warnings = ladder.warnings.map(\.description)
            options = ladder.options
        }
    }

    static func text(_ ladder: LogLadder, markdown: Bool) -> String {
        func section(_ title: String) -> String { markdown ? "### \(title)\n\n" : "[[\(title)]]\n" }
        func table(_ t: TextTable) -> String { markdown ? t.markdown() + "\n" : t.plainText(indent: "    ") }
        let metric = ladder.runs.first?.metric ?? ladder.options.metric
        var out = section("Runs")
        var runs = TextTable(
            header: ["run", "N", "D", "C", "rows", "evals", "steps", "schedule", "value", "at step"],
            numeric: [false, true, true, true, true, true, false, false, true, true])
        for run in ladder.runs {
            runs.append([
                run.run, NumberFormat.significant(run.parameters, digits: 4), NumberFormat.significant(run.tokens, digits: 4),
                NumberFormat.significant(run.compute, digits: 4), String(run.rows), String(run.evaluations),
                "\(NumberFormat.significant(run.firstStep, digits: 6))–\(NumberFormat.significant(run.lastStep, digits: 6))",
                (run.schedule?.description ?? "no learning-rate column") + (run.branchOf.map { ", continues \($0)" } ?? ""), NumberFormat.significant(run.value, digits: 6),
                NumberFormat.significant(run.step, digits: 6),
            ])
        }
        out += table(runs)
        out += section("Sources")
        var sources = TextTable(header: ["variable", "source", "runs"], numeric: [false, false, true])
        sources.append(["value", "\(metric), \(ladder.options.reduction)", String(ladder.runs.count)])
        for (name, key) in [("N", \LadderRun.parametersSource), ("D", \LadderRun.tokensSource), ("C", \LadderRun.computeSource)] {
            var order: [String] = []
            var counts: [String: Int] = [:]
            for run in ladder.runs {
                let value = key == \LadderRun.parametersSource ? Self.generalized(run[keyPath: key]) : run[keyPath: key]
                if counts[value] == nil { order.append(value) }
                counts[value, default: 0] += 1
            }
            for value in order { sources.append([name, value, String(counts[value] ?? 0)]) }
        }
        out += table(sources)
        out += section("Warnings")
        if ladder.warnings.isEmpty {
            out += markdown ? "none\n" : "    none\n"
        } else {
            for warning in ladder.warnings { out += (markdown ? "- " : "    ") + warning.description + "\n" }
        }
        return out
    }

    /// `model_sizes.csv: 190M` → `model_sizes.csv` (the table, not the row).
    private static func generalized(_ source: String) -> String {
        guard let colon = source.range(of: ": ", options: .backwards) else { return source }
        return String(source[..<colon.lowerBound])
    }

    static func csv(_ ladder: LogLadder) -> String {
        let fields = ladder.options.namePattern?.fieldNames ?? []
        var t = TextTable(header: ["run"] + fields + ["N", "D", "C", "metric", "value", "step", "final_value", "schedule",
                                                      "N_source", "D_source", "C_source", "file"])
        for run in ladder.runs {
            t.append([run.run] + fields.map { run.fields[$0] ?? "" } + [
                NumberFormat.exact(run.parameters), NumberFormat.exact(run.tokens), NumberFormat.exact(run.compute), run.metric,
                NumberFormat.exact(run.value), NumberFormat.exact(run.step), NumberFormat.exact(run.finalValue),
                run.schedule?.shape.description ?? "", run.parametersSource, run.tokensSource, run.computeSource, run.path,
            ])
        }
        return t.csv()
    }
}
