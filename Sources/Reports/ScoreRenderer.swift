import Foundation
import Forecast
import ScalingLaws

/// What `scaling-laws score` prints: benchmark-score forecasts, the compute to reach target
/// scores, and two-step (loss → accuracy) forecasts.
public struct ScoreReport: Sendable, Encodable {
    /// `fit score.json` or `law sigmoid (k = 1.5, x0 = 24.5)`.
    public var source: String
    /// The score law's name.
    public var law: String
    /// The score law's formula.
    public var formula: String
    /// The loss law mapping `(N, D)` to scaled compute, or the step-1 law of a chain.
    public var lossLaw: String?
    /// `95% CI, delta method on the fit covariance`, or `nil`.
    public var interval: String?
    /// Score forecasts at the given compute or `(N, D)`.
    public var scores: [ScoreForecast] = []
    /// The compute to reach each target score.
    public var targets: [ComputeForScore] = []
    /// Two-step forecasts (loss, then accuracy from the loss).
    public var chain: [TwoStepAccuracyForecast] = []
    /// Warnings about the intervals (e.g. a propagated input fit that does not identify a
    /// parameter), one line each.
    public var warnings: [String] = []

    /// A score report with no rows yet.
    /// - Parameters:
    ///   - source: Where the score law comes from.
    ///   - law: The score law's name.
    ///   - formula: Its formula.
    ///   - lossLaw: The loss law mapping `(N, D)` to scaled compute, or `nil`.
    ///   - interval: How the intervals were made, or `nil`.
    public init(source: String, law: String, formula: String, lossLaw: String? = nil, interval: String? = nil) {
        self.source = source
        self.law = law
        self.formula = formula
        self.lossLaw = lossLaw
        self.interval = interval
    }

    /// `95% CI, <method>`.
    public static func intervalLabel(level: Double, method: String) -> String {
        NumberFormat.significant(level * 100, digits: 4) + "% CI, " + method
    }
}

/// Renders a ``ScoreReport``. Compute in FLOP (scaled compute `C_s` for models), scores
/// normalised (chance 0, best 1).
public enum ScoreRenderer {
    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ report: ScoreReport, format: ReportFormat) throws -> String {
        switch format {
        case .json:
            return try ReportJSON.string(report)
        case .csv:
            return csv(report)
        case .table, .markdown:
            return try self.report(report).render(format, payload: report)
        }
    }

    /// The forecast as a ``Report``: the law, source and intervals, then one section per table.
    public static func report(_ report: ScoreReport) -> Report {
        var fields: [(String, String)] = [("law", "\(report.law): \(report.formula)"), ("source", report.source)]
        if let loss = report.lossLaw { fields.append(("loss law", loss)) }
        fields.append(("interval", report.interval ?? "none (no parameter uncertainty: a law given by value)"))
        var head = ReportSection(title: "Benchmark forecast")
        head.fields(fields)
        var document = Report(title: "Benchmark forecast", sections: [head])
        for (title, grid) in [("Predicted scores", report.scores.isEmpty ? nil : scoreGrid(report.scores)),
                              ("Compute to reach a target score", report.targets.isEmpty ? nil : targetGrid(report.targets)),
                              ("Two-step forecast: (N, D) → loss → accuracy", report.chain.isEmpty ? nil : chainGrid(report.chain))] {
            guard let grid else { continue }
            var section = ReportSection(title: title)
            var table = ReportTable(columns: zip(grid.header, grid.numeric).map { ReportColumn($0, numeric: $1) })
            for row in grid.rows { table.append(row.map { ReportCell($0) }) }
            section.table(table)
            document.append(section)
        }
        if !report.warnings.isEmpty {
            var section = ReportSection(title: "Warnings")
            section.warnings(report.warnings)
            document.append(section)
        }
        return document
    }

    static func number(_ value: Double?) -> String { NumberFormat.significant(value, digits: 4, placeholder: "-") }

    static func scoreGrid(_ rows: [ScoreForecast]) -> TextTable {
        let models = rows.contains { $0.parameters != nil }
        var header = models ? ["N (params)", "D (tokens)", "loss", "scaled compute (FLOP)"] : ["compute (FLOP)"]
        let predictions = rows.contains { $0.predictionLower != nil }
        header += ["score", "low", "high"] + (predictions ? ["new low", "new high"] : [])
        var grid = TextTable(header: header, numeric: Array(repeating: true, count: header.count))
        for row in rows {
            var cells: [String] = []
            if models {
                cells += [row.parameters.map(NumberFormat.human) ?? "-", row.tokens.map(NumberFormat.human) ?? "-",
                          NumberFormat.significant(row.loss, digits: 5, placeholder: "-")]
            }
            cells += [NumberFormat.significant(row.compute, digits: 4), number(row.score), number(row.lower), number(row.upper)]
            if predictions { cells += [number(row.predictionLower), number(row.predictionUpper)] }
            grid.append(cells)
        }
        return grid
    }

    static func targetGrid(_ rows: [ComputeForScore]) -> TextTable {
        var grid = TextTable(header: ["target score", "compute (FLOP)", "low", "high"], numeric: [true, true, true, true])
        for row in rows {
            grid.append([NumberFormat.significant(row.target, digits: 4), number(row.compute), number(row.lower), number(row.upper)])
        }
        return grid
    }

    static func chainGrid(_ rows: [TwoStepAccuracyForecast]) -> TextTable {
        let header = ["N (params)", "D (tokens)", "loss", "loss low", "loss high", "accuracy", "low", "high"]
        var grid = TextTable(header: header, numeric: Array(repeating: true, count: header.count))
        for row in rows {
            grid.append([NumberFormat.human(row.parameters), NumberFormat.human(row.tokens),
                          NumberFormat.significant(row.loss, digits: 5), NumberFormat.significant(row.lossLower, digits: 5, placeholder: "-"),
                          NumberFormat.significant(row.lossUpper, digits: 5, placeholder: "-"), number(row.accuracy),
                          number(row.lower), number(row.upper)])
        }
        return grid
    }

    /// One CSV table: a `kind` column (`score`, `target`, `chain`) and exact values.
    static func csv(_ report: ScoreReport) -> String {
        var table = TextTable(header: ["kind", "n", "d", "loss", "loss_lower", "loss_upper", "compute_flop", "compute_lower", "compute_upper",
                                       "score", "score_lower", "score_upper", "score_prediction_lower", "score_prediction_upper"])
        let e = NumberFormat.exact
        for r in report.scores {
            table.append(["score", e(r.parameters), e(r.tokens), e(r.loss), "", "", e(r.compute), "", "", e(r.score), e(r.lower), e(r.upper),
                          e(r.predictionLower), e(r.predictionUpper)])
        }
        for r in report.targets {
            table.append(["target", "", "", "", "", "", e(r.compute), e(r.lower), e(r.upper), e(r.target), "", "", "", ""])
        }
        for r in report.chain {
            table.append(["chain", e(r.parameters), e(r.tokens), e(r.loss), e(r.lossLower), e(r.lossUpper), "", "", "",
                          e(r.accuracy), e(r.lower), e(r.upper), "", ""])
        }
        return table.csv()
    }
}
