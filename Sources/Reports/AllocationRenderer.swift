import Foundation
import ScalingLaws
import Forecast

/// Compute-optimal allocations for a list of budgets, with the constants they came from.
public struct AllocationTable: Sendable, Equatable {
    /// Where the constants come from: `preset epoch2024` or `fit fit.json`.
    public var label: String
    /// A sentence about the source (a preset's paper, or the fitted file and data).
    public var detail: String
    /// The Chinchilla constants the allocations come from.
    public var parameters: ChinchillaParameters
    /// One compute-optimal point per budget, in the order given.
    public var points: [ComputeOptimalPoint]
    /// Bootstrap percentile intervals of each point (same order as ``points``), when the
    /// constants come from a bootstrapped fit.
    public var intervals: [AllocationInterval]?

    /// Confidence (mean curve) and prediction (new run) intervals of the loss at each optimum,
    /// when the constants come from a fit (same order as ``points``).
    public var lossIntervals: [LossInterval]? = nil
    /// How ``lossIntervals`` were made (`delta method …`, `bootstrap percentiles …`).
    public var lossIntervalMethod: String? = nil
    /// Bootstrap percentile interval of the exponent `a = β/(α+β)` of `N_opt ∝ C^a`.
    public var exponentInterval: BootstrapInterval? = nil

    /// A table of allocations.
    /// - Parameters:
    ///   - label: Where the constants come from.
    ///   - detail: A sentence about the source.
    ///   - parameters: The Chinchilla constants.
    ///   - points: One compute-optimal point per budget.
    ///   - intervals: Bootstrap intervals of each point, or `nil`.
    public init(label: String, detail: String, parameters: ChinchillaParameters, points: [ComputeOptimalPoint],
                intervals: [AllocationInterval]? = nil) {
        self.label = label
        self.detail = detail
        self.parameters = parameters
        self.points = points
        self.intervals = intervals
    }
}

/// The confidence interval of the mean curve and the prediction interval of a new run, at one
/// point, at ``confidenceLevel``.
public struct LossInterval: Sendable, Equatable, Encodable {
    /// Level of both intervals.
    public var confidenceLevel: Double
    /// Lower end of the confidence interval of the mean curve, or `nil`.
    public var lower: Double?
    /// Upper end of the confidence interval of the mean curve, or `nil`.
    public var upper: Double?
    /// Lower end of the prediction interval of a new run, or `nil`.
    public var predictionLower: Double?
    /// Upper end of the prediction interval of a new run, or `nil`.
    public var predictionUpper: Double?

    /// The intervals at one point.
    /// - Parameters:
    ///   - confidenceLevel: Level of both intervals.
    ///   - lower: Lower end of the interval of the mean curve, or `nil`.
    ///   - upper: Upper end of the interval of the mean curve, or `nil`.
    ///   - predictionLower: Lower end of the prediction interval, or `nil`.
    ///   - predictionUpper: Upper end of the prediction interval, or `nil`.
    public init(confidenceLevel: Double, lower: Double?, upper: Double?, predictionLower: Double?, predictionUpper: Double?) {
        self.confidenceLevel = confidenceLevel
        self.lower = lower
        self.upper = upper
        self.predictionLower = predictionLower
        self.predictionUpper = predictionUpper
    }
}

/// Renders ``AllocationTable``s: for each budget C (FLOP), the loss-optimal model size N_opt,
/// training tokens D_opt (each as `72.4B` and in scientific notation), tokens per parameter
/// and the predicted loss.
public enum AllocationRenderer {
    /// The table in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ table: AllocationTable, format: ReportFormat) throws -> String {
        try report(table).render(format, payload: JSONForm(table))
    }

    /// The allocation as a ``Report``: the law, source, constants and frontier as fields; one
    /// row per budget (CSV: exact values, with the interval columns when there are intervals);
    /// the bootstrap intervals of N_opt, D_opt, D/N and the loss intervals as further tables.
    public static func report(_ table: AllocationTable) -> Report {
        var about = ReportSection(title: "Compute-optimal allocation", subtitle: "C = 6ND, closed form, Hoffmann et al. 2022, eq. 4")
        about.fields(fields(table))
        let shown = grid(table)
        var csvHeader = ["budget_flop", "n_opt", "d_opt", "tokens_per_parameter", "loss"]
        if table.intervals != nil {
            csvHeader += ["n_opt_lower", "n_opt_upper", "d_opt_lower", "d_opt_upper",
                          "tokens_per_parameter_lower", "tokens_per_parameter_upper", "confidence_level"]
        }
        let lossPrediction = Self.hasLossPrediction(table)
        if table.lossIntervals != nil {
            csvHeader += ["loss_lower", "loss_upper"] + (lossPrediction ? ["loss_prediction_lower", "loss_prediction_upper"] : [])
                + ["loss_confidence_level"]
        }
        var budgets = ReportTable(
            columns: shown.header.map { .number($0, visibility: .displayOnly) } + csvHeader.map { .number($0, visibility: .csvOnly) },
            exportsToCSV: true)
        for (k, p) in table.points.enumerated() {
            var row = [p.budget, p.parameters, p.tokens, p.tokensPerParameter, p.loss]
            if let intervals = table.intervals, k < intervals.count {
                let i = intervals[k]
                row += [i.parameters.lower, i.parameters.upper, i.tokens.lower, i.tokens.upper,
                        i.tokensPerParameter.lower, i.tokensPerParameter.upper, i.confidenceLevel]
            }
            if let losses = table.lossIntervals, k < losses.count {
                let l = losses[k]
                row += [l.lower ?? .nan, l.upper ?? .nan]
                    + (lossPrediction ? [l.predictionLower ?? .nan, l.predictionUpper ?? .nan] : []) + [l.confidenceLevel]
            }
            let display = k < shown.rows.count ? shown.rows[k] : []
            budgets.append(display.map { ReportCell($0) } + row.map { ReportCell(NumberFormat.exact($0)) })
        }
        var section = ReportSection(title: "Budgets")
        section.table(budgets)
        var sections = [about, section]
        if let intervals = intervalGrid(table) {
            var extra = ReportSection(title: "Intervals", subtitle: intervals.title)
            extra.table(ReportTable(columns: intervals.grid.header.map { .number($0) }, rows: intervals.grid.rows.map { $0.map { ReportCell($0) } }))
            sections.append(extra)
        }
        if let loss = lossGrid(table) {
            var extra = ReportSection(title: "Loss intervals")
            extra.table(ReportTable(title: loss.title, columns: loss.grid.header.map { .number($0) }, rows: loss.grid.rows.map { $0.map { ReportCell($0) } }))
            sections.append(extra)
        }
        return Report(title: "Compute-optimal allocation", sections: sections)
    }

    static func fields(_ table: AllocationTable) -> [(String, String)] {
        let p = table.parameters
        let constants = "E = \(NumberFormat.significant(p.e)), A = \(NumberFormat.significant(p.a)), "
            + "B = \(NumberFormat.significant(p.b)), α = \(NumberFormat.significant(p.alpha)), β = \(NumberFormat.significant(p.beta))"
        var frontier = "N_opt ∝ C^\(NumberFormat.significant(p.parameterExponent, digits: 4)), "
            + "D_opt ∝ C^\(NumberFormat.significant(1 - p.parameterExponent, digits: 4))"
        if let a = table.exponentInterval, let level = table.intervals?.first?.confidenceLevel {
            frontier += "; a = β/(α+β) bootstrap \(FitReportRenderer.levelText(level)) interval "
                + "[\(NumberFormat.significant(a.lower, digits: 4)), \(NumberFormat.significant(a.upper, digits: 4))]"
        }
        let fields: [(String, String)] = [
            ("law", "L(N, D) = E + A/N^α + B/D^β"),
            ("source", "\(table.label): \(table.detail)"),
            ("constants", constants),
            ("frontier", frontier),
        ]
        return fields
    }

    static func grid(_ table: AllocationTable) -> TextTable {
        var grid = TextTable(
            header: ["budget (FLOP)", "N_opt", "N_opt (params)", "D_opt", "D_opt (tokens)", "D/N", "loss"],
            numeric: [true, true, true, true, true, true, true])
        for p in table.points {
            grid.append([
                NumberFormat.significant(p.budget, digits: 6),
                NumberFormat.human(p.parameters),
                NumberFormat.scientific(p.parameters, digits: 6),
                NumberFormat.human(p.tokens),
                NumberFormat.scientific(p.tokens, digits: 6),
                NumberFormat.significant(p.tokensPerParameter, digits: 4),
                NumberFormat.significant(p.loss, digits: 6),
            ])
        }
        return grid
    }

    /// The table of bootstrap intervals, with its title, when the table has intervals.
    static func intervalGrid(_ table: AllocationTable) -> (title: String, grid: TextTable)? {
        guard let intervals = table.intervals, let first = intervals.first else { return nil }
        let title = "Bootstrap \(FitReportRenderer.levelText(first.confidenceLevel)) percentile intervals "
            + "(\(first.draws) draws of the fit's parameters)"
        var grid = TextTable(header: ["budget (FLOP)", "N_opt", "D_opt", "D/N"], numeric: [true, true, true, true])
        func range(_ i: BootstrapInterval, _ format: (Double) -> String) -> String {
            "[" + format(i.lower) + ", " + format(i.upper) + "]"
        }
        for (p, i) in zip(table.points, intervals) {
            grid.append([
                NumberFormat.significant(p.budget, digits: 6),
                range(i.parameters, NumberFormat.human),
                range(i.tokens, NumberFormat.human),
                range(i.tokensPerParameter) { NumberFormat.significant($0, digits: 4) },
            ])
        }
        return (title, grid)
    }

    /// Whether any loss at an optimum carries a prediction interval of a new run.
    static func hasLossPrediction(_ table: AllocationTable) -> Bool {
        table.lossIntervals?.contains { $0.predictionLower != nil } ?? false
    }

    /// The table of loss intervals (CI of the mean curve, PI of a new run when there is one),
    /// with its title.
    static func lossGrid(_ table: AllocationTable) -> (title: String, grid: TextTable)? {
        guard let losses = table.lossIntervals, let first = losses.first else { return nil }
        let level = FitReportRenderer.levelText(first.confidenceLevel)
        let prediction = hasLossPrediction(table)
        let title = "Loss at the optimum: CI = the mean curve"
            + (prediction ? ", PI = a new run (adds the fit's residual scatter)" : "")
            + (table.lossIntervalMethod.map { "; \($0)" } ?? "")
        let header = ["budget (FLOP)", "loss", "\(level) CI (mean curve)"] + (prediction ? ["\(level) PI (new run)"] : [])
        var grid = TextTable(header: header, numeric: header.map { _ in true })
        func range(_ lower: Double?, _ upper: Double?) -> String {
            guard let lower, let upper else { return "-" }
            return "[" + NumberFormat.significant(lower, digits: 6) + ", " + NumberFormat.significant(upper, digits: 6) + "]"
        }
        for (p, l) in zip(table.points, losses) {
            grid.append([
                NumberFormat.significant(p.budget, digits: 6), NumberFormat.significant(p.loss, digits: 6),
                range(l.lower, l.upper),
            ] + (prediction ? [range(l.predictionLower, l.predictionUpper)] : []))
        }
        return (title, grid)
    }

    struct JSONForm: Encodable {
        struct Constants: Encodable {
            let label: String
            let detail: String
            let e, a, b, alpha, beta: Double
        }
        struct Point: Encodable {
            let budget: Double
            let parameters: Double
            let tokens: Double
            let tokensPerParameter: Double
            let loss: Double
            /// Bootstrap percentile intervals, for a bootstrapped fit.
            let interval: AllocationInterval?
            /// Loss CI (mean curve) and PI (new run), for a fit.
            let lossInterval: LossInterval?
        }
        let formula = "L(N, D) = E + A/N^α + B/D^β"
        let constraint = "C = 6ND"
        let constants: Constants
        let lossIntervalMethod: String?
        let exponentInterval: BootstrapInterval?
        let points: [Point]

        init(_ table: AllocationTable) {
            lossIntervalMethod = table.lossIntervalMethod
            exponentInterval = table.exponentInterval
            let p = table.parameters
            constants = Constants(label: table.label, detail: table.detail, e: p.e, a: p.a, b: p.b, alpha: p.alpha, beta: p.beta)
            points = table.points.enumerated().map { k, point in
                Point(budget: point.budget, parameters: point.parameters, tokens: point.tokens,
                      tokensPerParameter: point.tokensPerParameter, loss: point.loss,
                      interval: table.intervals.flatMap { k < $0.count ? $0[k] : nil },
                      lossInterval: table.lossIntervals.flatMap { k < $0.count ? $0[k] : nil })
            }
        }
    }
}
