import Forecast
import Foundation
import ScalingLaws

/// Renders `Forecast/FixedAllocation`s: for each budget with the model size (or token count)
/// fixed, the tokens (or parameters) the rest of the budget buys, the predicted loss, the free
/// optimum of the same budget, the excess loss of the fixed choice, and the loss floor of the
/// fixed quantity (unlimited data or parameters).
public enum FixedAllocationRenderer {
    /// The table in `format`, ending in a newline. `fields` are the header lines (law, source, cost).
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ rows: [FixedAllocation], fields: [(String, String)], format: ReportFormat) throws -> String {
        let fixedName = rows.first?.fixed == .tokens ? "D" : "N"
        switch format {
        case .table, .markdown:
            var grid = TextTable(
                header: ["budget (FLOP)", "N", "D", "D/N", "loss", "N_opt", "D_opt", "loss at optimum", "excess loss",
                         fixedName == "N" ? "floor L(N, ∞)" : "floor L(∞, D)"],
                numeric: Array(repeating: true, count: 10))
            for r in rows {
                grid.append([
                    NumberFormat.significant(r.budget, digits: 6), NumberFormat.human(r.parameters), NumberFormat.human(r.tokens),
                    NumberFormat.significant(r.tokensPerParameter, digits: 4), NumberFormat.significant(r.loss, digits: 6),
                    NumberFormat.human(r.optimum.parameters), NumberFormat.human(r.optimum.tokens),
                    NumberFormat.significant(r.optimum.loss, digits: 6), NumberFormat.significant(r.excessLoss, digits: 4),
                    NumberFormat.significant(r.floor, digits: 6),
                ])
            }
            if format == .markdown {
                return "## Allocation with \(fixedName) fixed\n\n" + fields.map { "- \($0.0): \($0.1)\n" }.joined() + "\n" + grid.markdown()
            }
            return "Allocation with \(fixedName) fixed (the rest of each budget goes to the other)\n"
                + FitReportRenderer.keyValues(fields, separator: ": ", indent: "") + "\n" + grid.plainText()
        case .csv:
            var csv = TextTable(header: [
                "fixed", "budget_flop", "n", "d", "tokens_per_parameter", "loss", "n_opt", "d_opt", "loss_opt", "excess_loss", "floor",
            ])
            for r in rows {
                csv.append([r.fixed.rawValue] + [r.budget, r.parameters, r.tokens, r.tokensPerParameter, r.loss, r.optimum.parameters,
                                                 r.optimum.tokens, r.optimum.loss, r.excessLoss, r.floor].map { NumberFormat.exact($0) })
            }
            return csv.csv()
        case .json:
            struct Form: Encodable {
                let fields: [String: String]
                let rows: [FixedAllocation]
            }
            var dictionary: [String: String] = [:]
            for (key, value) in fields { dictionary[key] = value }
            return try ReportJSON.string(Form(fields: dictionary, rows: rows))
        }
    }
}
