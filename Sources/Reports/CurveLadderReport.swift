import ScalingLaws

/// The report of `curve ladder`: per model size, the curve fit, and the predicted final loss of
/// a planned schedule at each token budget, with its prediction interval. Its CSV (`N`, `D`,
/// `loss`, …) is a dataset for the final-loss laws (`scaling-laws fit FILE --law chinchilla`).
public enum CurveLadderReport {
    /// Builds the report.
    ///
    /// - Parameters:
    ///   - sizes: The per-size fits.
    ///   - points: The predicted final losses.
    ///   - schedule: The planned schedule's shape, as given.
    /// - Returns: A fits section and a table of points.
    public static func report(sizes: [CurveLadderSize], points: [CurveLadderPoint], schedule: String) -> Report {
        var fits = ReportSection(title: "Curve fits by size")
        var fitTable = ReportTable(columns: [
            ReportColumn("size"), .number("N"), .number("tokens/step", csvName: "tokens_per_step"), .number("points"),
        ] + (sizes.first?.fit.fit.parameters.map { ReportColumn.number($0.name) } ?? []) + [
            .number("model error %", csvName: "model_error"),
        ])
        for size in sizes {
            fitTable.append([
                ReportCell(size.name), .number(size.parameters), .number(size.tokensPerStep), .count(size.fit.points),
            ] + size.fit.fit.parameters.map { ReportCell.number($0.value) } + [
                size.fit.modelError.map { ReportCell.number(100 * $0.relativeStandardDeviation) } ?? "",
            ])
        }
        fits.table(fitTable)
        if let first = sizes.first {
            let level = Int((first.fit.fit.confidenceLevel * 100).rounded())
            let intervals = first.fit.modelError == nil ? CurvePredictionReport.intervalMethod(first.fit, level: level)
                : "\(level)% held-out-end calibrated (CI: delta method, mean curve; PI: adds the residual scatter and each size's model error above)"
            fits.fields([("law", first.fit.law.description), ("intervals", intervals)])
        }
        var section = ReportSection(title: "Predicted final losses")
        section.fields([("schedule", schedule + " (each size's warm-up and peak, T = D / tokens per step)")])
        var table = ReportTable(columns: [
            ReportColumn("size"), .number("N"), .number("D"), .number("steps"), .number("loss"),
            .number("PI low", csvName: "prediction_lower"), .number("PI high", csvName: "prediction_upper"),
        ], exportsToCSV: true)
        func cell(_ value: Double?) -> ReportCell { value.map { ReportCell.number($0) } ?? "" }
        for p in points {
            table.append([
                ReportCell(p.size), .number(p.parameters), .number(p.tokens), .count(p.steps), .number(p.prediction.predicted),
                cell(p.prediction.predictionLower), cell(p.prediction.predictionUpper),
            ])
        }
        section.table(table)
        section.list(["the CSV (--format csv) is a dataset of N, D and loss for the final-loss laws: scaling-laws fit FILE --law chinchilla"])
        return Report(title: "Curve-law ladder", sections: [fits, section])
    }
}
