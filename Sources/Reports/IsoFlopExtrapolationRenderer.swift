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
    /// The Approach-2 frontier.
    public var frontier: IsoFlopFrontier
    /// The frontier at each requested budget.
    public var rows: [IsoFlopExtrapolation]

    /// The frontier at `budgets`.
    /// - Parameters:
    ///   - label: Where the frontier comes from.
    ///   - detail: A sentence about the source.
    ///   - frontier: The Approach-2 frontier.
    ///   - budgets: The budgets in FLOP, in the order to report.
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

    /// The report in `format`, ending in a newline; `json` is the frontier, rows and warnings.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ table: IsoFlopExtrapolationTable, format: ReportFormat) throws -> String {
        try report(table).render(format, payload: JSONForm(table))
    }

    static func interval(_ p: FrontierPrediction?) -> String {
        guard let p, let lower = p.lower, let upper = p.upper else { return "—" }
        return "[\(NumberFormat.human(lower)), \(NumberFormat.human(upper))]"
    }

    /// The extrapolation as a ``Report``: how the frontier was fitted, one row per budget
    /// (exported to CSV at full precision with each interval as two columns and the warning
    /// codes), then the warnings.
    public static func report(_ table: IsoFlopExtrapolationTable) -> Report {
        let f = table.frontier
        let level = Int((f.parameterLaw.confidenceLevel * 100).rounded())
        var section = ReportSection(title: "Compute-optimal allocation", subtitle: "from the iso-FLOP frontier (Approach 2)")
        func law(_ l: LogLogRegression, _ symbol: String, _ exponent: String) -> String {
            var text = "\(symbol) = \(NumberFormat.significant(l.coefficient, digits: 5))·C^\(NumberFormat.significant(l.exponent, digits: 5))"
            if let se = l.exponentStandardError { text += " (SE(\(exponent)) = \(NumberFormat.significant(se, digits: 2)))" }
            return text
        }
        var fields: [(String, String)] = [
            ("source", "\(table.label): \(table.detail)"),
            ("frontier", law(f.parameterLaw, "N*", "a") + "; " + law(f.tokenLaw, "D*", "b")),
            ("budgets fitted", "\(f.parameterLaw.points), \(NumberFormat.human(f.budgetRange.lowerBound))–\(NumberFormat.human(f.budgetRange.upperBound)) FLOP"),
            ("intervals", f.parameterLaw.points > 2
                ? "\(level)% Student-t interval of the log-log least-squares line at the budget (t with \(f.parameterLaw.degreesOfFreedom) dof, covariance of log k and the exponent)"
                : "none: two budgets give an exact line"),
        ]
        if f.parametric != nil {
            fields.append(("Approach 3", "N_opt of the parametric Chinchilla fit to the same runs, \(level)% delta-method interval"))
        }
        fields.append(("loss", noLoss))
        section.fields(fields)
        let shown: ReportColumn.Visibility = f.parametric != nil ? .everywhere : .csvOnly
        let ci: ReportColumn.Visibility = f.parametric != nil ? .displayOnly : .csvOnly
        func bounds(_ name: String) -> [ReportColumn] {
            [ReportColumn("\(name)_lower", visibility: .csvOnly), ReportColumn("\(name)_upper", visibility: .csvOnly)]
        }
        var columns: [ReportColumn] = [.number("budget (FLOP)", csvName: "budget_flop"), .number("N*", csvName: "n_opt"),
                                       .number("N* \(level)% CI", visibility: .displayOnly)]
        columns += bounds("n_opt") + [.number("D*", csvName: "d_opt"), .number("D* \(level)% CI", visibility: .displayOnly)] + bounds("d_opt")
        columns += [.number("D/N", csvName: "tokens_per_parameter"), .number("D/N \(level)% CI", visibility: .displayOnly)]
        columns += bounds("tokens_per_parameter") + [ReportColumn("confidence_level", visibility: .csvOnly)]
        columns += [.number("A3 N_opt", csvName: "approach3_n_opt", visibility: shown), .number("A3 \(level)% CI", visibility: ci)]
        columns += bounds("approach3_n_opt") + [ReportColumn("warning", visibility: .csvOnly)]
        var rows = ReportTable(columns: columns, exportsToCSV: true)
        for row in table.rows {
            func prediction(_ p: FrontierPrediction?, _ text: (Double) -> String) -> [ReportCell] {
                [ReportCell(p.map { text($0.value) } ?? "—", exact: NumberFormat.exact(p?.value)), ReportCell(interval(p)),
                 ReportCell(NumberFormat.exact(p?.lower)), ReportCell(NumberFormat.exact(p?.upper))]
            }
            var cells = [ReportCell(NumberFormat.scientific(row.budget, digits: 3), exact: NumberFormat.exact(row.budget))]
            cells += prediction(row.parameters, NumberFormat.human) + prediction(row.tokens, NumberFormat.human)
            cells += prediction(row.tokensPerParameter) { NumberFormat.significant($0, digits: 4) }
            cells.append(ReportCell(NumberFormat.exact(row.parameters.confidenceLevel)))
            cells += prediction(row.parametricParameters, NumberFormat.human)
            cells.append(ReportCell(row.warnings.map(\.code).joined(separator: ";")))
            rows.append(cells)
        }
        section.table(rows)
        var warnings = ReportSection(title: "Warnings")
        warnings.warnings(table.warnings.map(\.description))
        return Report(title: "Compute-optimal allocation from the iso-FLOP frontier (Approach 2)", sections: [section, warnings])
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
