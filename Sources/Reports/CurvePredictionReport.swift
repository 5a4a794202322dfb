import ScalingLaws

/// The report of a curve prediction (`curve predict`, `predict --curve`): the law and the
/// schedule, and one row per predicted step with the confidence interval of the mean curve,
/// the prediction interval of a new evaluation, and the observed loss and relative error where
/// the run logged one.
public enum CurvePredictionReport {
    /// Builds the report.
    ///
    /// - Parameters:
    ///   - fit: The curve fit predicted from.
    ///   - what: What is predicted (a run's name, or the schedule's specification).
    ///   - predictions: One per step.
    ///   - notes: Lines under the table (how a branch was linked, say).
    public static func report(fit: CurveFit, what: String, predictions: [CurvePrediction], notes: [String] = []) -> Report {
        let level = Int((fit.fit.confidenceLevel * 100).rounded())
        var section = ReportSection(title: "Curve prediction")
        section.fields([
            ("law", fit.law.description),
            ("fitted on", fit.runs.joined(separator: ", ") + " (\(fit.points) points)"),
            ("predicted", what),
            ("intervals", intervalMethod(fit, level: level)),
        ])
        // A planned schedule has no observations: its table has no observed and error columns.
        let hasObserved = predictions.contains { $0.observed != nil }
        var columns: [ReportColumn] = [
            .number("step"), .number("predicted"),
            .number("CI low", csvName: "lower"), .number("CI high", csvName: "upper"),
            .number("PI low", csvName: "prediction_lower"), .number("PI high", csvName: "prediction_upper"),
        ]
        if hasObserved { columns += [.number("observed"), .number("error %", csvName: "relative_error")] }
        var table = ReportTable(columns: columns, exportsToCSV: true)
        func cell(_ value: Double?) -> ReportCell { value.map { ReportCell.number($0) } ?? "" }
        for p in predictions {
            var row: [ReportCell] = [
                .count(p.step), .number(p.predicted), cell(p.lower), cell(p.upper), cell(p.predictionLower), cell(p.predictionUpper),
            ]
            if hasObserved {
                row += [cell(p.observed),
                        p.relativeError.map { ReportCell(NumberFormat.significant(100 * $0, digits: 3), exact: NumberFormat.exact($0)) } ?? ""]
            }
            table.append(row)
        }
        section.table(table)
        let observed = predictions.filter { $0.observed != nil }
        if let last = observed.last, let error = last.relativeError {
            var lines = ["at the last logged step \(last.step): observed \(NumberFormat.significant(last.observed ?? .nan, digits: 6)), predicted \(NumberFormat.significant(last.predicted, digits: 6)), error \(NumberFormat.significant(100 * error, digits: 3))%"]
            let inside = observed.filter { p in
                guard let y = p.observed, let lo = p.predictionLower, let hi = p.predictionUpper else { return false }
                return lo <= y && y <= hi
            }.count
            lines.append("\(inside) of \(observed.count) logged losses inside the \(level)% prediction interval")
            section.list(lines + notes)
        } else if !notes.isEmpty {
            section.list(notes)
        }
        return Report(title: "Curve prediction", sections: [section])
    }

    /// How the intervals were made, in words: the delta method alone, or with the held-out-end
    /// model error (its σ_m and number of held-out ends).
    ///
    /// - Parameters:
    ///   - fit: The curve fit.
    ///   - level: The level in percent.
    /// - Returns: One line.
    public static func intervalMethod(_ fit: CurveFit, level: Int) -> String {
        guard let error = fit.modelError else {
            return "\(level)% delta method on the fit's covariance (CI: mean curve; PI: adds the residual scatter, assuming the law exact and independent residuals)"
        }
        return "\(level)% held-out-end calibrated (CI: delta method, mean curve; PI: adds the residual scatter and a model error of "
            + "\(NumberFormat.significant(100 * error.relativeStandardDeviation, digits: 3))% of the loss, from \(error.heldOutErrors.count) held-out run ends)"
    }
}
