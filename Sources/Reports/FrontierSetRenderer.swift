import Forecast
import Foundation
import ScalingLaws

/// Renders a compute-frontier law-set forecast (`Forecast/ComputeFrontierSet/Forecast`): for
/// each budget C (FLOP), every member (N_opt, D_opt, loss, FID, …) with the interval of its
/// mean curve when it was fitted; the members' laws, the fitted ranges and the warnings.
public enum FrontierSetRenderer {
    /// The forecast in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ forecast: ComputeFrontierSet.Forecast, format: ReportFormat) throws -> String {
        try report(forecast).render(format, payload: JSONForm(forecast))
    }

    /// The forecast as a ``Report``: the law set and its members, the warnings, and one table
    /// row per budget (CSV carries every value and bound exactly).
    public static func report(_ forecast: ComputeFrontierSet.Forecast) -> Report {
        let members = forecast.set.members
        var about = ReportSection(title: "Law set", subtitle: forecast.set.name)
        about.fields(fields(forecast))
        var warnings = ReportSection(title: "Warnings")
        warnings.warnings(forecast.warnings.map(\.description))
        var columns: [ReportColumn] = [.number("budget (FLOP)", csvName: "budget_flop")]
        let withInterval = members.map { hasInterval(forecast, member: $0.role) }
        for (k, member) in members.enumerated() {
            let key = member.role.lowercased()
            columns.append(.number(member.unit.isEmpty ? member.role : "\(member.role) (\(member.unit))", csvName: key))
            if withInterval[k] {
                columns.append(.number("\(member.role) \(intervalLabel(forecast))", visibility: .displayOnly))
                columns.append(.number("\(key)_lower", visibility: .csvOnly))
                columns.append(.number("\(key)_upper", visibility: .csvOnly))
            }
        }
        var table = ReportTable(title: nil, columns: columns, exportsToCSV: true)
        for row in forecast.rows {
            var cells: [ReportCell] = [ReportCell(NumberFormat.significant(row.budget, digits: 4), exact: NumberFormat.exact(row.budget))]
            for (k, member) in members.enumerated() {
                let v = row.values[k]
                cells.append(ReportCell(show(v.value, member), exact: NumberFormat.exact(v.value)))
                if withInterval[k] {
                    cells.append(ReportCell(v.lower.map { "[\(show($0, member)), \(show(v.upper ?? .nan, member))]" } ?? "—"))
                    cells.append(ReportCell(v.lower.map { NumberFormat.exact($0) } ?? ""))
                    cells.append(ReportCell(v.upper.map { NumberFormat.exact($0) } ?? ""))
                }
            }
            table.append(cells)
        }
        var decision = ReportSection(title: "Compute-optimal decision", subtitle: "every member at each budget")
        decision.table(table)
        return Report(title: "Compute-optimal decision from the law set \(forecast.set.name)", sections: [about, warnings, decision])
    }

    static func show(_ value: Double, _ member: ComputeFrontierSet.Member) -> String {
        guard value.isFinite else { return "—" }
        return member.role == "N_opt" || member.role == "D_opt" ? NumberFormat.human(value) : NumberFormat.significant(value, digits: 4)
    }

    static func hasInterval(_ forecast: ComputeFrontierSet.Forecast, member role: String) -> Bool {
        guard let k = forecast.set.members.firstIndex(where: { $0.role == role }) else { return false }
        return forecast.rows.contains { $0.values[k].lower != nil }
    }

    static func intervalLabel(_ forecast: ComputeFrontierSet.Forecast) -> String {
        "\(NumberFormat.significant((forecast.confidenceLevel ?? 0.95) * 100, digits: 4))% CI"
    }

    /// The law of each member as it prints: `N_opt = 0.0009·C^0.5681`.
    static func lawText(_ member: ComputeFrontierSet.Member) -> String {
        guard let law = member.source.law else { return member.source.label }
        if law.name == PowerLaw().name, member.source.values.count == 2 {
            return "\(member.role) = \(NumberFormat.significant(member.source.values[0], digits: 6))·C^\(NumberFormat.significant(-member.source.values[1], digits: 5))"
        }
        let values = zip(law.parameters, member.source.values).map { "\($0.name) = \(NumberFormat.significant($1, digits: 5))" }
        return "\(member.role): \(law.formula) with \(values.joined(separator: ", "))"
    }

    static func fields(_ forecast: ComputeFrontierSet.Forecast) -> [(String, String)] {
        var fields: [(String, String)] = [("law set", "\(forecast.set.name): \(forecast.set.detail)")]
        for member in forecast.set.members {
            var text = lawText(member) + " (\(member.source.label))"
            if let r = member.fittedRange {
                text += "; fitted on \(NumberFormat.significant(r.lowerBound, digits: 3))–\(NumberFormat.significant(r.upperBound, digits: 3)) FLOP"
            }
            fields.append(("member", text))
        }
        if let budget = forecast.rows.first?.budget, let ratio = forecast.set.costRatio(budget: budget) {
            fields.append(("cost check", "6·N_opt·D_opt/C = \(NumberFormat.significant(ratio, digits: 4)) at \(NumberFormat.significant(budget, digits: 4)) FLOP (1 when the set follows C = 6ND)"))
        }
        if forecast.confidenceLevel != nil {
            fields.append(("interval", "\(intervalLabel(forecast)) of each fitted member's mean curve; " + forecast.intervalMethods.joined(separator: "; ")))
        } else {
            fields.append(("interval", "none (published constants: the paper gives no uncertainty for them)"))
        }
        return fields
    }

    struct JSONForm: Encodable {
        struct Member: Encodable {
            let role, unit, source, law: String
            let values: [Double]
            let fittedRange: [Double]?
        }
        struct Value: Encodable {
            let value: Double
            let lower: Double?
            let upper: Double?
        }
        struct Row: Encodable {
            let budget: Double
            let values: [String: Value]
        }
        let lawSet: String
        let detail: String
        let members: [Member]
        let confidenceLevel: Double?
        let rows: [Row]
        let warnings: [String]

        init(_ f: ComputeFrontierSet.Forecast) {
            lawSet = f.set.name
            detail = f.set.detail
            members = f.set.members.map {
                Member(role: $0.role, unit: $0.unit, source: $0.source.label, law: $0.source.law?.name ?? "",
                       values: $0.source.values, fittedRange: $0.fittedRange.map { [$0.lowerBound, $0.upperBound] })
            }
            confidenceLevel = f.confidenceLevel
            rows = f.rows.map { row in
                var values: [String: Value] = [:]
                for (k, member) in f.set.members.enumerated() where k < row.values.count {
                    values[member.role] = Value(value: row.values[k].value, lower: row.values[k].lower, upper: row.values[k].upper)
                }
                return Row(budget: row.budget, values: values)
            }
            warnings = f.warnings.map(\.description)
        }
    }
}
