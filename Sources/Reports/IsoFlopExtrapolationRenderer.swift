import Forecast
import Foundation
import ScalingLaws

/// The Approach-2 frontier at requested budgets (`isoflop --budget`, `optimal --fit ISO.json`,
/// `forecast --fit ISO.json`): `N*`, `D*` and `D*/N*` with their intervals, Approach 3's `N_opt`
/// beside them when fitted, and the warnings. There is no loss column: the frontier has no loss
/// law, and the report says so.
public struct IsoFlopExtrapolationTable: Sendable, Equatable {
    /// `iso-FLOP iso.json` or `runs.csv`.
    public var label: String
    /// A sentence about the source.
    public var detail: String
    public var frontier: IsoFlopFrontier
    public var rows: [IsoFlopExtrapolation]

    public init(label: String, detail: String, frontier: IsoFlopFrontier, budgets: [Double]) {
        self.label = label
        self.detail = detail
        self.frontier = frontier
        self.rows = budgets.map { frontier.extrapolate(to: $0) }
    }

    /// Every row's warnings, in budget order.
    public var warnings: [IsoFlopWarning] { rows.flatMap(\.warnings) }
}

/// Renders an ``IsoFlopExtrapolationTable``.
public enum IsoFlopExtrapolationRenderer {
    static let noLoss = "no loss column: an iso-FLOP frontier (Approach 2) has no loss law; a fit or a preset gives the loss"

    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ table: IsoFlopExtrapolationTable, format: ReportFormat) throws -> String {
        switch format {
        case .table, .markdown:
            return text(table, markdown: format == .markdown)
        case .csv:
            var csv = TextTable(header: [
                "budget_flop", "n_opt", "n_opt_lower", "n_opt_upper", "d_opt", "d_opt_lower", "d_opt_upper",
                "tokens_per_parameter", "tokens_per_parameter_lower", "tokens_per_parameter_upper", "confidence_level",
                "approach3_n_opt", "approach3_n_opt_lower", "approach3_n_opt_upper", "warning",
            ])
            for row in table.rows {
                let p = row.parameters, d = row.tokens, r = row.tokensPerParameter, a3 = row.parametricParameters
                var cells = [row.budget, p.value, p.lower, p.upper, d.value, d.lower, d.upper, r.value, r.lower, r.upper,
                             p.confidenceLevel, a3?.value, a3?.lower, a3?.upper].map(NumberFormat.exact)
                cells.append(row.warnings.map(\.code).joined(separator: ";"))
                csv.append(cells)
            }
            return csv.csv()
        case .json:
            return try ReportJSON.string(JSONForm(table))
        }
    }

    static func interval(_ p: FrontierPrediction?) -> String {
        guard let p, let lower = p.lower, let upper = p.upper else { return "—" }
        return "[\(NumberFormat.human(lower)), \(NumberFormat.human(upper))]"
    }

    static func text(_ table: IsoFlopExtrapolationTable, markdown: Bool) -> String {
        let f = table.frontier
        let level = Int((f.parameterLaw.confidenceLevel * 100).rounded())
        var out = markdown ? "## Compute-optimal allocation from the iso-FLOP frontier (Approach 2)\n\n" : "Compute-optimal allocation from the iso-FLOP frontier (Approach 2)\n"
        func field(_ name: String, _ value: String) {
            out += markdown ? "- **\(name)**: \(value)\n" : "  \(name): \(value)\n"
        }
        field("source", "\(table.label): \(table.detail)")
        func law(_ l: LogLogRegression, _ symbol: String, _ exponent: String) -> String {
            var text = "\(symbol) = \(NumberFormat.significant(l.coefficient, digits: 5))·C^\(NumberFormat.significant(l.exponent, digits: 5))"
            if let se = l.exponentStandardError { text += " (SE(\(exponent)) = \(NumberFormat.significant(se, digits: 2)))" }
            return text
        }
        field("frontier", law(f.parameterLaw, "N*", "a") + "; " + law(f.tokenLaw, "D*", "b"))
        field("budgets fitted", "\(f.parameterLaw.points), \(NumberFormat.human(f.budgetRange.lowerBound))–\(NumberFormat.human(f.budgetRange.upperBound)) FLOP")
        field("intervals", f.parameterLaw.points > 2
            ? "\(level)% Student-t interval of the log-log least-squares line at the budget (t with \(f.parameterLaw.degreesOfFreedom) dof, covariance of log k and the exponent)"
            : "none: two budgets give an exact line")
        if f.parametric != nil {
            field("Approach 3", "N_opt of the parametric Chinchilla fit to the same runs, \(level)% delta-method interval")
        }
        field("loss", noLoss)
        out += "\n"
        var header = ["budget (FLOP)", "N*", "N* \(level)% CI", "D*", "D* \(level)% CI", "D/N", "D/N \(level)% CI"]
        if f.parametric != nil { header += ["A3 N_opt", "A3 \(level)% CI"] }
        var rows = TextTable(header: header, numeric: header.map { _ in true })
        for row in table.rows {
            var cells = [NumberFormat.scientific(row.budget, digits: 3), NumberFormat.human(row.parameters.value), interval(row.parameters),
                         NumberFormat.human(row.tokens.value), interval(row.tokens),
                         NumberFormat.significant(row.tokensPerParameter.value, digits: 4), interval(row.tokensPerParameter)]
            if f.parametric != nil {
                cells += [row.parametricParameters.map { NumberFormat.human($0.value) } ?? "—", interval(row.parametricParameters)]
            }
            rows.append(cells)
        }
        out += markdown ? rows.markdown() : rows.plainText(indent: "  ")
        let warnings = table.warnings
        out += markdown ? "\n**Warnings**\n\n" : "\nWarnings:\n"
        if warnings.isEmpty {
            out += markdown ? "none\n" : "  none\n"
        } else {
            for w in warnings { out += markdown ? "- \(w.description)\n" : "  \(w.description)\n" }
        }
        return out
    }

    struct JSONForm: Encodable {
        let kind = "isoflop-extrapolation"
        let source: String
        let detail: String
        let frontier: IsoFlopFrontier
        let loss: String
        let rows: [IsoFlopExtrapolation]
        let warnings: [Warning]

        struct Warning: Encodable {
            let code: String
            let message: String
        }

        init(_ table: IsoFlopExtrapolationTable) {
            source = table.label
            detail = table.detail
            frontier = table.frontier
            loss = IsoFlopExtrapolationRenderer.noLoss
            rows = table.rows
            warnings = table.warnings.map { Warning(code: $0.code, message: $0.description) }
        }
    }
}
