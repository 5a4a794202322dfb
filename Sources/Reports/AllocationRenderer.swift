import Foundation
import ScalingLaws

/// Compute-optimal allocations for a list of budgets, with the constants they came from.
public struct AllocationTable: Sendable, Equatable {
    /// Where the constants come from: `preset epoch2024` or `fit fit.json`.
    public var label: String
    /// A sentence about the source (a preset's paper, or the fitted file and data).
    public var detail: String
    public var parameters: ChinchillaParameters
    public var points: [ComputeOptimalPoint]

    public init(label: String, detail: String, parameters: ChinchillaParameters, points: [ComputeOptimalPoint]) {
        self.label = label
        self.detail = detail
        self.parameters = parameters
        self.points = points
    }
}

/// Renders ``AllocationTable``s: for each budget C (FLOP), the loss-optimal model size N_opt,
/// training tokens D_opt (each as `72.4B` and in scientific notation), tokens per parameter
/// and the predicted loss.
public enum AllocationRenderer {
    /// The table in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ table: AllocationTable, format: ReportFormat) throws -> String {
        switch format {
        case .table:
            return header(table) + "\n" + grid(table).plainText()
        case .markdown:
            return "## Compute-optimal allocation\n\n" + header(table, markdown: true) + "\n" + grid(table).markdown()
        case .csv:
            var csv = TextTable(header: ["budget_flop", "n_opt", "d_opt", "tokens_per_parameter", "loss"])
            for p in table.points {
                csv.append([p.budget, p.parameters, p.tokens, p.tokensPerParameter, p.loss].map { NumberFormat.exact($0) })
            }
            return csv.csv()
        case .json:
            return try ReportJSON.string(JSONForm(table))
        }
    }

    static func header(_ table: AllocationTable, markdown: Bool = false) -> String {
        let p = table.parameters
        let constants = "E = \(NumberFormat.significant(p.e)), A = \(NumberFormat.significant(p.a)), "
            + "B = \(NumberFormat.significant(p.b)), α = \(NumberFormat.significant(p.alpha)), β = \(NumberFormat.significant(p.beta))"
        let frontier = "N_opt ∝ C^\(NumberFormat.significant(p.parameterExponent, digits: 4)), "
            + "D_opt ∝ C^\(NumberFormat.significant(1 - p.parameterExponent, digits: 4))"
        let fields: [(String, String)] = [
            ("law", "L(N, D) = E + A/N^α + B/D^β"),
            ("source", "\(table.label): \(table.detail)"),
            ("constants", constants),
            ("frontier", frontier),
        ]
        if markdown {
            return fields.map { "- \($0.0): \($0.1)\n" }.joined()
        }
        return "Compute-optimal allocation under C = 6ND (closed form, Hoffmann et al. 2022, eq. 4)\n"
            + FitReportRenderer.keyValues(fields, separator: ": ", indent: "")
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
        }
        let formula = "L(N, D) = E + A/N^α + B/D^β"
        let constraint = "C = 6ND"
        let constants: Constants
        let points: [Point]

        init(_ table: AllocationTable) {
            let p = table.parameters
            constants = Constants(label: table.label, detail: table.detail, e: p.e, a: p.a, b: p.b, alpha: p.alpha, beta: p.beta)
            points = table.points.map {
                Point(budget: $0.budget, parameters: $0.parameters, tokens: $0.tokens,
                      tokensPerParameter: $0.tokensPerParameter, loss: $0.loss)
            }
        }
    }
}
