import Foundation
import ScalingLaws

/// A law's predictions at given points, optionally beside observed values.
public struct PredictionTable: Sendable, Equatable {
    /// One point.
    public struct Row: Sendable, Equatable {
        /// Input values in the order of ``PredictionTable/inputs``.
        public var inputs: [Double]
        public var predicted: Double
        /// The observed response when the points file has one.
        public var observed: Double?
        /// Confidence interval of the fitted mean curve at this point (delta method from a
        /// fit's covariance, or percentiles of the bootstrap draws).
        public var lower: Double?
        public var upper: Double?
        /// Prediction interval of a new run at this point (mean-curve uncertainty plus the
        /// fit's residual scatter), when known.
        public var predictionLower: Double? = nil
        public var predictionUpper: Double? = nil

        public init(inputs: [Double], predicted: Double, observed: Double? = nil, lower: Double? = nil, upper: Double? = nil) {
            self.inputs = inputs
            self.predicted = predicted
            self.observed = observed
            self.lower = lower
            self.upper = upper
        }
    }

    /// Where the parameters come from: `fit fit.json` or `preset epoch2024`.
    public var label: String
    public var law: String
    public var formula: String
    /// Input roles (`N`, `D`).
    public var inputs: [String]
    /// The response role (`loss`).
    public var response: String
    public var rows: [Row]
    /// Level of the intervals, when rows carry them.
    public var confidenceLevel: Double = 0.95
    /// How the intervals were made (`delta method`, `bootstrap percentiles, 4000 draws`), shown
    /// under the title when rows carry intervals.
    public var intervalMethod: String? = nil

    public init(label: String, law: String, formula: String, inputs: [String], response: String, rows: [Row]) {
        self.label = label
        self.law = law
        self.formula = formula
        self.inputs = inputs
        self.response = response
        self.rows = rows
    }
}

/// Renders ``PredictionTable``s: one row per point, inputs, the predicted response and, when
/// known, the observed one.
public enum PredictionRenderer {
    /// The table in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ table: PredictionTable, format: ReportFormat) throws -> String {
        let hasObserved = table.rows.contains { $0.observed != nil }
        let hasInterval = table.rows.contains { $0.lower != nil }
        let hasPrediction = table.rows.contains { $0.predictionLower != nil }
        let percent = NumberFormat.significant(table.confidenceLevel * 100, digits: 3)
        switch format {
        case .table, .markdown:
            let intervalHeader = (hasInterval ? ["\(percent)% CI (mean curve)"] : [])
                + (hasPrediction ? ["\(percent)% PI (new run)"] : [])
            var grid = TextTable(
                header: table.inputs + ["\(table.response) (predicted)"] + intervalHeader
                    + (hasObserved ? ["\(table.response) (observed)"] : []),
                numeric: Array(repeating: true, count: table.inputs.count + 1 + intervalHeader.count + (hasObserved ? 1 : 0)))
            for row in table.rows {
                var cells = row.inputs.map { NumberFormat.significant($0, digits: 6) }
                cells.append(NumberFormat.significant(row.predicted))
                if hasInterval {
                    if let lower = row.lower, let upper = row.upper {
                        cells.append("[\(NumberFormat.significant(lower)), \(NumberFormat.significant(upper))]")
                    } else {
                        cells.append("")
                    }
                }
                if hasPrediction {
                    if let lower = row.predictionLower, let upper = row.predictionUpper {
                        cells.append("[\(NumberFormat.significant(lower)), \(NumberFormat.significant(upper))]")
                    } else {
                        cells.append("")
                    }
                }
                if hasObserved { cells.append(NumberFormat.significant(row.observed, placeholder: "")) }
                grid.append(cells)
            }
            let title = "Predictions of \(table.law), \(table.formula), from \(table.label)"
            var note = ""
            if hasInterval || hasPrediction, let method = table.intervalMethod {
                let legend = (hasInterval ? ["CI = the mean curve"] : []) + (hasPrediction ? ["PI = a new run (adds the fit's residual scatter)"] : [])
                note = "intervals: \(method); \(legend.joined(separator: ", "))\n"
            }
            if format == .markdown { return "## \(title)\n\n" + (note.isEmpty ? "" : note + "\n") + grid.markdown() }
            return title + "\n" + note + "\n" + grid.plainText()
        case .csv:
            var csv = TextTable(header: table.inputs + ["\(table.response)_predicted"]
                + (hasInterval ? ["\(table.response)_lower", "\(table.response)_upper"] : [])
                + (hasPrediction ? ["\(table.response)_prediction_lower", "\(table.response)_prediction_upper"] : [])
                + (hasObserved ? ["\(table.response)_observed"] : []))
            for row in table.rows {
                var cells = row.inputs.map { NumberFormat.exact($0) }
                cells.append(NumberFormat.exact(row.predicted))
                if hasInterval {
                    cells.append(NumberFormat.exact(row.lower))
                    cells.append(NumberFormat.exact(row.upper))
                }
                if hasPrediction {
                    cells.append(NumberFormat.exact(row.predictionLower))
                    cells.append(NumberFormat.exact(row.predictionUpper))
                }
                if hasObserved { cells.append(NumberFormat.exact(row.observed)) }
                csv.append(cells)
            }
            return csv.csv()
        case .json:
            struct Point: Encodable {
                let inputs: [String: Double]
                let predicted: Double
                let lower: Double?
                let upper: Double?
                let predictionLower: Double?
                let predictionUpper: Double?
                let observed: Double?
            }
            struct Form: Encodable {
                let source: String
                let law: String
                let formula: String
                let response: String
                let intervalMethod: String?
                let points: [Point]
            }
            let points = table.rows.map { row in
                Point(inputs: Dictionary(uniqueKeysWithValues: zip(table.inputs, row.inputs)),
                      predicted: row.predicted, lower: row.lower, upper: row.upper,
                      predictionLower: row.predictionLower, predictionUpper: row.predictionUpper, observed: row.observed)
            }
            return try ReportJSON.string(Form(source: table.label, law: table.law, formula: table.formula,
                                              response: table.response, intervalMethod: table.intervalMethod, points: points))
        }
    }
}
