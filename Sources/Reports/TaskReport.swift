import Forecast
import Foundation
import ScalingLaws

/// The report of a task prediction (`Forecast/TaskAnalysis`): one table of tasks per target,
/// the largest-rung backtest, the tasks flagged as not predictable with their numbers, and the
/// logs' warnings.
public enum TaskReport {
    /// The report; `Report.render(_:payload:)` with the analysis as payload gives its JSON.
    public static func make(_ analysis: TaskAnalysis) -> Report {
        var report = Report(title: "Task accuracy from the ladder (Bhagia et al. 2024, two-step)")
        let method = analysis.method
        var overview = ReportSection(title: "Method")
        overview.fields([
            ("runs", "\(analysis.runs.count)"),
            ("tasks", "\(analysis.tasks.count) (accuracy columns paired by name)"),
            ("step 1", "L(N, D) = E + A/N^α + B/D^β on each run's final point (mean of the last \(method.movingAverage) evaluations), Huber (δ = 1e-3) on log residuals"),
            ("step 2", "Acc(L) = a/(1 + exp(−k(L − L0))) + b on every checkpoint after the first \(percent(method.skipFraction)), moving average \(method.movingAverage), least squares"),
            ("intervals", method.bootstrap > 0
                ? "\(percent(method.confidenceLevel)) percentile, joint bootstrap over runs (\(method.bootstrap) resamples, seed \(method.seed)), widened to hold the estimate; they carry the spread of the ladder's runs only, not the error of extrapolating the laws: --backtest shows how often they hold"
                : "none (--bootstrap 0)"),
            ("predictable", "best final accuracy ≥ chance + \(fixed(method.chanceMargin, 2)); accuracy SD over the last \(method.noiseWindow) checkpoints of the largest run ≤ \(percent(method.maximumNoiseToSignal)) of the spread of final accuracies"),
        ])
        report.append(overview)

        for target in analysis.targets {
            var section = ReportSection(title: title(of: target.target))
            section.table(forecastTable(target.forecasts, showModel: { if case .budget = target.target { true } else { false } }(), level: method.confidenceLevel))
            report.append(section)
        }
        if let backtest = analysis.backtest {
            var section = ReportSection(
                title: "Backtest: the largest rung held out",
                subtitle: "N = \(NumberFormat.significant(backtest.heldOutParameters, digits: 4)); fitted on the smaller rungs")
            section.fields([("held out", backtest.heldOut.joined(separator: ", "))])
            section.table(backtestSummary(backtest))
            section.table(backtestRows(backtest, level: method.confidenceLevel))
            report.append(section)
        }
        var flags = ReportSection(title: "Not predictable")
        var lines: [String] = []
        var notes: [String] = []
        let all = analysis.targets.first?.forecasts ?? analysis.backtest?.forecasts ?? []
        for forecast in all {
            for concern in forecast.concerns {
                if concern.makesUnpredictable { lines.append("\(forecast.task): \(concern)") } else { notes.append("\(forecast.task): \(concern)") }
            }
        }
        if analysis.targets.isEmpty, analysis.backtest != nil, !all.isEmpty {
            flags.subtitle = "judged on the smaller rungs"
        }
        flags.list(lines, empty: "none")
        report.append(flags)
        var warnings = ReportSection(title: "Warnings")
        warnings.warnings(notes + analysis.warnings)
        report.append(warnings)
        return report
    }

    static func title(of target: TaskTarget) -> String {
        switch target {
        case let .model(n, d):
            return "Tasks at N = \(NumberFormat.significant(n, digits: 4)), D = \(NumberFormat.significant(d, digits: 4))"
        case let .budget(c):
            return "Tasks at the compute-optimal point of C = \(NumberFormat.significant(c, digits: 4)) FLOP (6ND, each task's step-1 law)"
        }
    }

    static func forecastTable(_ forecasts: [TaskForecast], showModel: Bool, level: Double) -> ReportTable {
        var columns: [ReportColumn] = [ReportColumn("task")]
        if showModel { columns += [.number("N"), .number("D")] }
        columns += [
            .number("task loss"), ReportColumn("loss \(percent(level)) interval", csvName: "loss interval", visibility: .displayOnly),
            .number("loss_lower", visibility: .csvOnly), .number("loss_upper", visibility: .csvOnly),
            .number("accuracy"), ReportColumn("accuracy \(percent(level)) interval", csvName: "accuracy interval", visibility: .displayOnly),
            .number("accuracy_lower", visibility: .csvOnly), .number("accuracy_upper", visibility: .csvOnly),
            .number("step-2 residual", csvName: "step2_rms_residual"), .number("single step", csvName: "single_step"),
            .number("step 2 on finals", csvName: "final_only_step2"), .number("noise SD", csvName: "accuracy_sd_last"),
            ReportColumn("predictable"),
        ]
        var table = ReportTable(columns: columns, exportsToCSV: true)
        for f in forecasts {
            var row: [ReportCell] = [ReportCell(f.task)]
            if showModel { row += [.number(f.parameters, digits: 4), .number(f.tokens, digits: 4)] }
            row += [
                .number(f.loss, digits: 4), ReportCell(interval(f.lossInterval, digits: 4)),
                optional(f.lossInterval?.lower), optional(f.lossInterval?.upper),
                .number(f.accuracy, digits: 3), ReportCell(interval(f.accuracyInterval, digits: 3)),
                optional(f.accuracyInterval?.lower), optional(f.accuracyInterval?.upper),
                .number(f.step2Residual, digits: 2), optional(f.singleStep, digits: 3), optional(f.finalOnlyStep2, digits: 3),
                optional(f.noise?.accuracySD, digits: 2), ReportCell(f.predictable ? "yes" : "no"),
            ]
            table.append(row)
        }
        return table
    }

    static func backtestSummary(_ backtest: TaskBacktest) -> ReportTable {
        var table = ReportTable(
            title: "Per task, over the held-out runs",
            columns: [
                ReportColumn("task"), .number("mean |accuracy error|", csvName: "mean_abs_accuracy_error"),
                .number("max |accuracy error|", csvName: "max_abs_accuracy_error"),
                .number("mean |loss rel. error|", csvName: "mean_abs_loss_relative_error"),
                ReportColumn("accuracy covered", csvName: "accuracy_covered"), ReportColumn("predictable"),
            ], exportsToCSV: true)
        let predictable = Dictionary(backtest.forecasts.map { ($0.task, $0.predictable) }, uniquingKeysWith: { a, _ in a })
        var order: [String] = []
        for row in backtest.rows where !order.contains(row.task) { order.append(row.task) }
        for task in order {
            let rows = backtest.rows.filter { $0.task == task }
            let accuracy = rows.map { abs($0.accuracyError) }
            let loss = rows.map { abs($0.lossRelativeError) }
            let covered = rows.compactMap(\.accuracyCovered)
            table.append([
                ReportCell(task), .number(accuracy.reduce(0, +) / Double(rows.count), digits: 3), .number(accuracy.max() ?? .nan, digits: 3),
                ReportCell(percentText(loss.reduce(0, +) / Double(rows.count)), exact: NumberFormat.exact(loss.reduce(0, +) / Double(rows.count))),
                ReportCell(covered.isEmpty ? "—" : "\(covered.filter { $0 }.count)/\(covered.count)"),
                ReportCell(predictable[task].map { $0 ? "yes" : "no" } ?? "—"),
            ])
        }
        return table
    }

    static func backtestRows(_ backtest: TaskBacktest, level: Double) -> ReportTable {
        var table = ReportTable(
            title: "Per task and held-out run",
            columns: [
                ReportColumn("task"), ReportColumn("run"), .number("D"),
                .number("loss"), .number("predicted loss", csvName: "predicted_loss"),
                ReportColumn("loss \(percent(level)) interval", csvName: "loss interval", visibility: .displayOnly),
                .number("loss_lower", visibility: .csvOnly), .number("loss_upper", visibility: .csvOnly),
                .number("loss rel. error", csvName: "loss_relative_error"),
                .number("accuracy"), .number("predicted accuracy", csvName: "predicted_accuracy"),
                ReportColumn("accuracy \(percent(level)) interval", csvName: "accuracy interval", visibility: .displayOnly),
                .number("accuracy_lower", visibility: .csvOnly), .number("accuracy_upper", visibility: .csvOnly),
                .number("accuracy error", csvName: "accuracy_error"),
                .number("single step", csvName: "single_step"), .number("step 2 on finals", csvName: "final_only_step2"),
            ], exportsToCSV: true)
        for r in backtest.rows {
            table.append([
                ReportCell(r.task), ReportCell(r.run), .number(r.tokens, digits: 3),
                .number(r.actualLoss, digits: 4), .number(r.loss, digits: 4), ReportCell(interval(r.lossInterval, digits: 4)),
                optional(r.lossInterval?.lower), optional(r.lossInterval?.upper),
                ReportCell(percentText(r.lossRelativeError, signed: true), exact: NumberFormat.exact(r.lossRelativeError)),
                .number(r.actualAccuracy, digits: 3), .number(r.accuracy, digits: 3), ReportCell(interval(r.accuracyInterval, digits: 3)),
                optional(r.accuracyInterval?.lower), optional(r.accuracyInterval?.upper),
                ReportCell(String(format: "%+.3f", r.accuracyError), exact: NumberFormat.exact(r.accuracyError)),
                optional(r.singleStep, digits: 3), optional(r.finalOnlyStep2, digits: 3),
            ])
        }
        return table
    }

    static func interval(_ interval: PropagatedInterval?, digits: Int) -> String {
        guard let interval else { return "—" }
        return "[\(NumberFormat.significant(interval.lower, digits: digits)), \(NumberFormat.significant(interval.upper, digits: digits))]"
    }

    static func optional(_ value: Double?, digits: Int = 6) -> ReportCell {
        guard let value else { return ReportCell("—", exact: "") }
        return .number(value, digits: digits)
    }

    static func percent(_ fraction: Double) -> String {
        let value = fraction * 100
        return value == value.rounded() ? "\(Int(value))%" : String(format: "%.1f%%", value)
    }

    static func percentText(_ fraction: Double, signed: Bool = false) -> String {
        String(format: signed ? "%+.1f%%" : "%.1f%%", fraction * 100)
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
