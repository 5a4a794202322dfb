import Forecast
import Foundation
import ScalingLaws

/// Renders a compute-frontier law-set forecast (``Forecast/ComputeFrontierSet/Forecast``): for
/// each budget C (FLOP), every member (N_opt, D_opt, loss, FID, …) with the interval of its
/// mean curve when it was fitted; the members' laws, the fitted ranges and the warnings.
public enum FrontierSetRenderer {
    /// The forecast in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ forecast: ComputeFrontierSet.Forecast, format: ReportFormat) throws -> String {
        let members = forecast.set.members
        switch format {
        case .table, .markdown:
            let markdown = format == .markdown
            var out = markdown ? "## Compute-optimal decision from a law set\n\n" : "Compute-optimal decision from a law set\n"
            for (name, value) in fields(forecast) {
                out += markdown ? "- **\(name)**: \(value)\n" : "  \(name): \(value)\n"
            }
            out += "\n"
            var header = ["budget (FLOP)"]
            for member in members {
                header.append(member.unit.isEmpty ? member.role : "\(member.role) (\(member.unit))")
                if hasInterval(forecast, member: member.role) { header.append("\(member.role) \(intervalLabel(forecast))") }
            }
            var grid = TextTable(header: header, numeric: header.map { _ in true })
            for row in forecast.rows {
                var cells = [NumberFormat.significant(row.budget, digits: 4)]
                for (k, member) in members.enumerated() {
                    let v = row.values[k]
                    cells.append(show(v.value, member))
                    if hasInterval(forecast, member: member.role) {
                        cells.append(v.lower.map { "[\(show($0, member)), \(show(v.upper ?? .nan, member))]" } ?? "—")
                    }
                }
                grid.append(cells)
            }
            return out + (markdown ? grid.markdown() : grid.plainText())
        case .csv:
            var header = ["budget_flop"]
            for member in members {
                let key = member.role.lowercased()
                header += [key, "\(key)_lower", "\(key)_upper"]
            }
            var csv = TextTable(header: header)
            for row in forecast.rows {
                var cells = [NumberFormat.exact(row.budget)]
                for v in row.values { cells += [NumberFormat.exact(v.value), NumberFormat.exact(v.lower), NumberFormat.exact(v.upper)] }
                csv.append(cells)
            }
            return csv.csv()
        case .json:
            return try ReportJSON.string(JSONForm(forecast))
        }
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
        if forecast.confidenceLevel != nil {
            fields.append(("interval", "\(intervalLabel(forecast)) of each fitted member's mean curve; " + forecast.intervalMethods.joined(separator: "; ")))
        } else {
            fields.append(("interval", "none (published constants: the paper gives no uncertainty for them)"))
        }
        for warning in forecast.warnings { fields.append(("warning", warning.description)) }
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
