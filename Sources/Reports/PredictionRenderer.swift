import Foundation
import ScalingLaws

/// A law's predictions at given points, optionally beside observed values.
public struct PredictionTable: Sendable, Equatable {
    /// One point.
    public struct Row: Sendable, Equatable {
        /// Input values in the order of ``PredictionTable/inputs``.
        public var inputs: [Double]
        /// The law's prediction.
        public var predicted: Double
        /// The observed response when the points file has one.
        public var observed: Double?
        /// Confidence interval of the fitted mean curve at this point (delta method from a
        /// fit's covariance, or percentiles of the bootstrap draws).
        public var lower: Double?
        /// Upper end of the confidence interval of the mean curve, or `nil`.
        public var upper: Double?
        /// Prediction interval of a new run at this point (mean-curve uncertainty plus the
        /// fit's residual scatter), when known.
        public var predictionLower: Double? = nil
        /// Upper end of the prediction interval of a new run, or `nil`.
        public var predictionUpper: Double? = nil

        /// A row.
        /// - Parameters:
        ///   - inputs: Input values in the table's input order.
        ///   - predicted: The law's prediction.
        ///   - observed: The observed response, or `nil`.
        ///   - lower: Lower end of the interval of the mean curve, or `nil`.
        ///   - upper: Upper end of the interval of the mean curve, or `nil`.
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
    /// The catalog name of the law.
    public var law: String
    /// The law's formula.
    public var formula: String
    /// Input roles (`N`, `D`).
    public var inputs: [String]
    /// The response role (`loss`).
    public var response: String
    /// One row per point, in input order.
    public var rows: [Row]
    /// Level of the intervals, when rows carry them.
    public var confidenceLevel: Double = 0.95
    /// How the intervals were made (`delta method`, `bootstrap percentiles, 4000 draws`), shown
    /// under the title when rows carry intervals.
    public var intervalMethod: String? = nil

    /// A prediction table.
    /// - Parameters:
    ///   - label: Where the parameters come from.
    ///   - law: The catalog name of the law.
    ///   - formula: The law's formula.
    ///   - inputs: Input roles.
    ///   - response: The response role.
    ///   - rows: One row per point.
    public init(label: String, law: String, formula: String, inputs: [String], response: String, rows: [Row]) {
        self.label = label
        self.law = law
        self.formula = formula
        self.inputs = inputs
        self.response = response
        self.rows = rows
    }
}

/// Renders ``PredictionTable``s: one row per point, inputs, the predicted response, its
/// intervals and, when known, the observed one.
public enum PredictionRenderer {
    /// The table in `format`, ending in a newline; `json` lists the points by input name.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ table: PredictionTable, format: ReportFormat) throws -> String {
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
        let form = Form(source: table.label, law: table.law, formula: table.formula, response: table.response,
                        intervalMethod: table.intervalMethod, points: points)
        return try report(table).render(format, payload: form)
    }

    /// The predictions as a ``Report``: what the intervals are, then one row per point
    /// (exported to CSV at full precision, each interval as two columns).
    public static func report(_ table: PredictionTable) -> Report {
        let hasObserved = table.rows.contains { $0.observed != nil }
        let hasInterval = table.rows.contains { $0.lower != nil }
        let hasPrediction = table.rows.contains { $0.predictionLower != nil }
        let percent = NumberFormat.significant(table.confidenceLevel * 100, digits: 3)
        let response = table.response
        var columns: [ReportColumn] = table.inputs.map { .number($0) } + [.number("\(response) (predicted)", csvName: "\(response)_predicted")]
        if hasInterval {
            columns += [.number("\(percent)% CI (mean curve)", visibility: .displayOnly),
                        .number("\(response)_lower", visibility: .csvOnly), .number("\(response)_upper", visibility: .csvOnly)]
        }
        if hasPrediction {
            columns += [.number("\(percent)% PI (new run)", visibility: .displayOnly),
                        .number("\(response)_prediction_lower", visibility: .csvOnly), .number("\(response)_prediction_upper", visibility: .csvOnly)]
        }
        if hasObserved { columns.append(.number("\(response) (observed)", csvName: "\(response)_observed")) }
        var grid = ReportTable(columns: columns, exportsToCSV: true)
        func interval(_ lower: Double?, _ upper: Double?) -> [ReportCell] {
            let shown = lower.flatMap { l in upper.map { "[\(NumberFormat.significant(l)), \(NumberFormat.significant($0))]" } } ?? ""
            return [ReportCell(shown), ReportCell(NumberFormat.exact(lower)), ReportCell(NumberFormat.exact(upper))]
        }
        for row in table.rows {
            var cells = row.inputs.map { ReportCell.number($0, digits: 6) }
            cells.append(.number(row.predicted, digits: 7))
            if hasInterval { cells += interval(row.lower, row.upper) }
            if hasPrediction { cells += interval(row.predictionLower, row.predictionUpper) }
            if hasObserved { cells.append(ReportCell(NumberFormat.significant(row.observed, placeholder: ""), exact: NumberFormat.exact(row.observed))) }
            grid.append(cells)
        }
        var section = ReportSection(title: "Predictions", subtitle: "\(table.law), \(table.formula), from \(table.label)")
        if hasInterval || hasPrediction, let method = table.intervalMethod {
            let legend = (hasInterval ? ["CI = the mean curve"] : []) + (hasPrediction ? ["PI = a new run (adds the fit's residual scatter)"] : [])
            section.fields([("intervals", "\(method); \(legend.joined(separator: ", "))")])
        }
        section.table(grid)
        return Report(title: "Predictions of \(table.law), \(table.formula), from \(table.label)", sections: [section])
    }
}
