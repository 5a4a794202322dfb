import Forecast
import Foundation
import ScalingLaws

/// Renders `Forecast/FixedAllocation`s: for each budget with the model size (or token count)
/// fixed, the tokens (or parameters) the rest of the budget buys, the predicted loss, the free
/// optimum of the same budget, the excess loss of the fixed choice, and the loss floor of the
/// fixed quantity (unlimited data or parameters).
public enum FixedAllocationRenderer {
    /// The table in `format`, ending in a newline. `fields` are the header lines (law, source,
    /// cost); `json` holds them and the rows.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ rows: [FixedAllocation], fields: [(String, String)], format: ReportFormat) throws -> String {
        struct Form: Encodable {
            let fields: [String: String]
            let rows: [FixedAllocation]
        }
        var dictionary: [String: String] = [:]
        for (key, value) in fields { dictionary[key] = value }
        return try report(rows, fields: fields).render(format, payload: Form(fields: dictionary, rows: rows))
    }

    /// The allocations as a ``Report``: the fields, then one row per budget (exported to CSV at
    /// full precision).
    public static func report(_ rows: [FixedAllocation], fields: [(String, String)]) -> Report {
        let fixedName = rows.first?.fixed == .tokens ? "D" : "N"
        var section = ReportSection(title: "Allocation with \(fixedName) fixed", subtitle: "the rest of each budget goes to the other")
        section.fields(fields)
        var grid = ReportTable(
            columns: [
                ReportColumn("fixed", visibility: .csvOnly), .number("budget (FLOP)", csvName: "budget_flop"), .number("N", csvName: "n"),
                .number("D", csvName: "d"), .number("D/N", csvName: "tokens_per_parameter"), .number("loss"),
                .number("N_opt", csvName: "n_opt"), .number("D_opt", csvName: "d_opt"), .number("loss at optimum", csvName: "loss_opt"),
                .number("excess loss", csvName: "excess_loss"), .number(fixedName == "N" ? "floor L(N, ∞)" : "floor L(∞, D)", csvName: "floor"),
            ],
            exportsToCSV: true)
        for r in rows {
            func count(_ value: Double) -> ReportCell { ReportCell(NumberFormat.human(value), exact: NumberFormat.exact(value)) }
            grid.append([
                ReportCell(r.fixed.rawValue), .number(r.budget, digits: 6), count(r.parameters), count(r.tokens),
                .number(r.tokensPerParameter, digits: 4), .number(r.loss, digits: 6), count(r.optimum.parameters), count(r.optimum.tokens),
                .number(r.optimum.loss, digits: 6), .number(r.excessLoss, digits: 4), .number(r.floor, digits: 6),
            ])
        }
        section.table(grid)
        return Report(title: "Allocation with \(fixedName) fixed", sections: [section])
    }
}
