import Foundation
import Forecast
import ScalingLaws

/// The formats of ``ForecastRenderer``: those of ``ReportFormat`` plus a LaTeX `tabular`.
public enum ForecastFormat: String, Sendable, Equatable, CaseIterable, Codable {
    /// Aligned plain text.
    case table
    /// Markdown.
    case markdown
    /// CSV, full precision.
    case csv
    /// JSON of the forecast table.
    case json
    /// A LaTeX `tabular`.
    case latex
}

/// Renders `Forecast/ForecastTable`s: for each budget C (FLOP), the loss-optimal model size
/// N_opt (params) and training tokens D_opt (tokens) in the `72.4B` style, tokens per parameter,
/// and the predicted loss with its confidence interval when the forecast has one; with
/// `Forecast/ForecastTable/trainingCost` also the time to train and the cost on one kind of
/// hardware. `numbers` picks `72.4B`/`$50.1M`/`90.0 days` or `7.24e+10`/`5.008e+07`/days. CSV
/// and JSON carry the exact values.
public enum ForecastRenderer {
    /// The forecast in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ table: ForecastTable, format: ForecastFormat, numbers: NumberStyle = .human) throws -> String {
        switch format {
        case .latex:
            // The booktabs tabular a paper pastes in, kept as it was (one table, no fields).
            return latex(table)
        case .table: return try report(table, numbers: numbers).render(ReportFormat.table)
        case .markdown: return try report(table, numbers: numbers).render(ReportFormat.markdown)
        case .csv: return try report(table, numbers: numbers).render(ReportFormat.csv)
        case .json: return try ReportJSON.string(JSONForm(table))
        }
    }

    /// The forecast as a ``Report``: the law, source, cost model, intervals (and hardware
    /// assumptions) as fields, then one row per budget. CSV carries exact values, with interval
    /// columns only when the forecast has them: a header names no column that is empty in every
    /// row.
    public static func report(_ table: ForecastTable, numbers: NumberStyle = .human) -> Report {
        var about = ReportSection(title: "Compute-optimal forecast", subtitle: "numeric search along the iso-cost curve")
        about.fields(fields(table))
        let display = header(table, numbers)
        let intervals = hasInterval(table), prediction = hasPrediction(table)
        let csvHeader = ["budget_flop", "n_opt", "d_opt", "tokens_per_parameter", "loss"]
            + (intervals ? ["loss_standard_error", "loss_lower", "loss_upper"] : [])
            + (prediction ? ["loss_prediction_lower", "loss_prediction_upper"] : [])
            + scoreCSVHeader(table) + trainingCostCSVHeader(table)
        var grid = ReportTable(
            columns: display.map { .number($0, visibility: .displayOnly) } + csvHeader.map { .number($0, visibility: .csvOnly) },
            exportsToCSV: true)
        for (index, row) in table.rows.enumerated() {
            let shown = cells(row, intervals: table.confidenceLevel != nil, prediction: prediction, numbers)
                + scoreCells(table, row: index) + trainingCostCells(table, row: index, numbers)
            var exact = [
                NumberFormat.exact(row.budget), NumberFormat.exact(row.parameters), NumberFormat.exact(row.tokens),
                NumberFormat.exact(row.tokensPerParameter), NumberFormat.exact(row.loss),
            ]
            if intervals { exact += [NumberFormat.exact(row.standardError), NumberFormat.exact(row.lower), NumberFormat.exact(row.upper)] }
            if prediction { exact += [NumberFormat.exact(row.predictionLower), NumberFormat.exact(row.predictionUpper)] }
            exact += scoreCSVCells(table, row: index) + trainingCostCSVCells(table, row: index)
            grid.append(shown.map { ReportCell($0) } + exact.map { ReportCell($0) })
        }
        var budgets = ReportSection(title: "Budgets")
        budgets.table(grid)
        return Report(title: "Compute-optimal forecast: \(table.law)", sections: [about, budgets])
    }

    // MARK: - Training cost columns

    static func trainingCostField(_ cost: ForecastTrainingCost) -> (String, String) {
        let chips = cost.chips.map { " × \(NumberFormat.significant($0, digits: 6)) chips" } ?? " (no --chips: no time to train)"
        return ("hardware", "\(cost.hardware.name)\(chips) at MFU \(NumberFormat.significant(cost.mfu, digits: 4)); "
            + "cost = amortized hardware + interconnect + energy (Cottier et al. 2024)")
    }

    static func trainingCostHeader(_ table: ForecastTable, _ numbers: NumberStyle) -> [String] {
        guard let cost = table.trainingCost else { return [] }
        var header: [String] = []
        if cost.chips != nil { header.append("time to train" + numbers.durationUnit) }
        header.append("cost (USD)")
        if cost.hardware.rentalPricePerChipHour != nil { header.append("rental (USD)") }
        return header
    }

    static func trainingCostCells(_ table: ForecastTable, row k: Int, _ numbers: NumberStyle) -> [String] {
        guard let cost = table.trainingCost, k < cost.estimates.count else { return [] }
        let e = cost.estimates[k]
        var cells: [String] = []
        if cost.chips != nil { cells.append(e.trainingHours.map { numbers.duration(hours: $0) } ?? "-") }
        cells.append(numbers.money(e.total))
        if cost.hardware.rentalPricePerChipHour != nil { cells.append(e.rental.map { numbers.money($0) } ?? "-") }
        return cells
    }

    static func trainingCostCSVHeader(_ table: ForecastTable) -> [String] {
        table.trainingCost == nil ? [] : ["chip_hours", "training_hours", "cost_usd", "rental_usd"]
    }

    static func trainingCostCSVCells(_ table: ForecastTable, row k: Int) -> [String] {
        guard let cost = table.trainingCost, k < cost.estimates.count else { return [] }
        let e = cost.estimates[k]
        return [NumberFormat.exact(e.chipHours), NumberFormat.exact(e.trainingHours), NumberFormat.exact(e.total), NumberFormat.exact(e.rental)]
    }

    static func fields(_ table: ForecastTable) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("law", "\(table.law): \(table.formula)"),
            ("source", "\(table.label): \(table.detail)"),
            ("cost", table.cost),
        ]
        if let target = table.targetBudget {
            let upper = target.upper.isFinite ? NumberFormat.significant(target.upper, digits: 4) : "unbounded"
            var text = "\(intervalLabel(target.confidenceLevel)) of the budget reaching loss \(NumberFormat.significant(target.targetLoss, digits: 6)): "
                + "[\(NumberFormat.significant(target.lower, digits: 4)), \(upper)] FLOP; \(target.method), \(target.draws) draws"
            if target.unreached > 0 { text += " (\(target.unreached) never reach the target)" }
            fields.append(("interval", text))
            for warning in target.warnings { fields.append(("warning", warning.description)) }
        } else if let level = table.confidenceLevel {
            let method = table.intervalMethod ?? "delta method"
            let prediction = hasPrediction(table)
                ? " and \(predictionLabel(level)) of a new run there (adds the fit's residual scatter)" : ""
            fields.append(("interval", "\(intervalLabel(level)) of the mean curve at (N_opt, D_opt)\(prediction); \(method)"))
        } else {
            fields.append(("interval", "none (no covariance: a preset or a fit without one)"))
        }
        fields += scoreFields(table)
        if let cost = table.trainingCost {
            fields.append(trainingCostField(cost))
            fields += TrainingCostRenderer.assumptionFields(cost.hardware, cost.model)
        }
        for note in table.notes { fields.append(("note", note.description)) }
        return fields
    }

    static func intervalLabel(_ level: Double) -> String {
        NumberFormat.significant(level * 100, digits: 4) + "% CI"
    }

    static func predictionLabel(_ level: Double) -> String {
        NumberFormat.significant(level * 100, digits: 4) + "% PI"
    }

    static func header(_ table: ForecastTable, _ numbers: NumberStyle = .human) -> [String] {
        var header = ["budget (FLOP)", "N_opt (params)", "D_opt (tokens)", "D/N (tokens/param)", "loss (\(table.responseUnit))"]
        if let level = table.confidenceLevel {
            header += ["\(intervalLabel(level)) low", "\(intervalLabel(level)) high"]
            if hasPrediction(table) { header += ["\(predictionLabel(level)) low", "\(predictionLabel(level)) high"] }
        }
        return header + scoreHeader(table) + trainingCostHeader(table, numbers)
    }

    static func hasInterval(_ table: ForecastTable) -> Bool {
        table.rows.contains { $0.lower != nil || $0.standardError != nil }
    }

    static func hasPrediction(_ table: ForecastTable) -> Bool {
        table.rows.contains { $0.predictionLower != nil }
    }

    static func cells(_ row: ForecastRow, intervals: Bool, prediction: Bool = false, _ numbers: NumberStyle = .human) -> [String] {
        var cells = [
            NumberFormat.significant(row.budget, digits: 6),
            numbers.count(row.parameters),
            numbers.count(row.tokens),
            NumberFormat.significant(row.tokensPerParameter, digits: 4),
            NumberFormat.significant(row.loss, digits: 6),
        ]
        if intervals {
            cells.append(NumberFormat.significant(row.lower, digits: 6, placeholder: "-"))
            cells.append(NumberFormat.significant(row.upper, digits: 6, placeholder: "-"))
        }
        if intervals, prediction {
            cells.append(NumberFormat.significant(row.predictionLower, digits: 6, placeholder: "-"))
            cells.append(NumberFormat.significant(row.predictionUpper, digits: 6, placeholder: "-"))
        }
        return cells
    }

    /// The display table alone (the HTML report embeds it).
    static func grid(_ table: ForecastTable, _ numbers: NumberStyle = .human) -> TextTable {
        report(table, numbers: numbers).sections.last.flatMap { section -> TextTable? in
            guard case let .table(grid)? = section.blocks.first else { return nil }
            return grid.displayed
        } ?? TextTable(header: header(table, numbers))
    }

    /// A booktabs `tabular`, with the source and cost model in a comment line.
    static func latex(_ table: ForecastTable) -> String {
        func escape(_ text: String) -> String {
            var out = ""
            for c in text {
                switch c {
                case "%", "&", "#", "_", "$", "{", "}": out += "\\\(c)"
                default: out.append(c)
                }
            }
            return out
        }
        let intervals = table.confidenceLevel != nil
        var header = ["Budget (FLOP)", "$N_\\mathrm{opt}$ (params)", "$D_\\mathrm{opt}$ (tokens)", "$D/N$ (tokens/param)",
                      "Loss (\(escape(table.responseUnit)))"]
        if let level = table.confidenceLevel {
            header.append("\(escape(intervalLabel(level)))")
        }
        header += trainingCostHeader(table, .human).map(escape)
        var out = "% Compute-optimal forecast: \(table.law), \(table.label), \(table.cost)\n"
        out += "\\begin{tabular}{\(String(repeating: "r", count: header.count))}\n\\toprule\n"
        out += header.joined(separator: " & ") + " \\\\\n\\midrule\n"
        for (k, row) in table.rows.enumerated() {
            var cells = [
                "$" + latexNumber(row.budget) + "$",
                NumberFormat.human(row.parameters),
                NumberFormat.human(row.tokens),
                NumberFormat.significant(row.tokensPerParameter, digits: 4),
                NumberFormat.significant(row.loss, digits: 6),
            ]
            if intervals {
                if let lower = row.lower, let upper = row.upper {
                    cells.append("[" + NumberFormat.significant(lower, digits: 5) + ", " + NumberFormat.significant(upper, digits: 5) + "]")
                } else {
                    cells.append("--")
                }
            }
            cells += trainingCostCells(table, row: k, .human).map(escape)
            out += cells.joined(separator: " & ") + " \\\\\n"
        }
        out += "\\bottomrule\n\\end{tabular}\n"
        return out
    }

    /// `5.76 \times 10^{23}`, or a plain number below 10⁴.
    static func latexNumber(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return NumberFormat.significant(value, digits: 4) }
        let exponent = Int(floor(log10(Swift.abs(value))))
        if Swift.abs(exponent) < 4 { return NumberFormat.significant(value, digits: 4) }
        var mantissa = value / pow(10, Double(exponent))
        var e = exponent
        if (mantissa * 1000).rounded() / 1000 >= 10 { mantissa /= 10; e += 1 }
        let m = NumberFormat.significant(mantissa, digits: 4)
        return m == "1" ? "10^{\(e)}" : "\(m) \\times 10^{\(e)}"
    }

    struct JSONForm: Encodable {
        struct Row: Encodable {
            let budget: Double
            let parameters: Double
            let tokens: Double
            let tokensPerParameter: Double
            let loss: Double
            let lossStandardError: Double?
            let lossLower: Double?
            let lossUpper: Double?
            let lossPredictionLower: Double?
            let lossPredictionUpper: Double?
            let refinement: String
            let trainingCost: TrainingCostEstimate?
        }
        let law: String
        let formula: String
        let label: String
        let detail: String
        let cost: String
        let confidenceLevel: Double?
        let intervalMethod: String?
        let targetBudget: TargetBudgetInterval?
        let rows: [Row]
        let scores: ForecastScoreColumn?
        let hardware: Hardware?
        let hardwareChips: Double?
        let mfu: Double?

        init(_ table: ForecastTable) {
            law = table.law
            formula = table.formula
            label = table.label
            detail = table.detail
            cost = table.cost
            confidenceLevel = table.confidenceLevel
            intervalMethod = table.intervalMethod
            targetBudget = table.targetBudget
            scores = table.scores
            let estimates = table.trainingCost?.estimates
            rows = table.rows.enumerated().map { k, row in
                Row(budget: row.budget, parameters: row.parameters, tokens: row.tokens, tokensPerParameter: row.tokensPerParameter,
                    loss: row.loss, lossStandardError: row.standardError, lossLower: row.lower, lossUpper: row.upper,
                    lossPredictionLower: row.predictionLower, lossPredictionUpper: row.predictionUpper,
                    refinement: row.allocation.refinement.rawValue,
                    trainingCost: estimates.flatMap { k < $0.count ? $0[k] : nil })
            }
            hardware = table.trainingCost?.hardware
            hardwareChips = table.trainingCost?.chips
            mfu = table.trainingCost?.mfu
        }
    }
}
