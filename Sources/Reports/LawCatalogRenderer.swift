import Foundation
import ScalingLaws

/// Renders the catalog of laws: name, title, formula, inputs, parameters, citation and named
/// constant sets (presets).
public enum LawCatalogRenderer {
    /// A named set of constants for a law (`epoch2024` for `chinchilla`).
    public struct Preset: Sendable, Equatable, Encodable {
        public let name: String
        public let source: String

        public init(name: String, source: String) {
            self.name = name
            self.source = source
        }
    }

    /// The catalog in `format`, ending in a newline.
    ///
    /// - Parameters:
    ///   - format: The output format.
    ///   - laws: The laws, in catalog order.
    ///   - presets: Presets by law name.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ laws: [any ScalingLaw], presets: [String: [Preset]] = [:], format: ReportFormat) throws -> String {
        switch format {
        case .table:
            var out = ""
            for (k, law) in laws.enumerated() {
                if k > 0 { out += "\n" }
                out += "\(law.name)  \(law.title)\n"
                var fields: [(String, String)] = [
                    ("formula", law.formula),
                    ("inputs", inputsText(law)),
                    ("parameters", parametersText(law)),
                    ("objective", law.defaultObjective.description),
                    ("source", law.citation),
                ]
                if let list = presets[law.name], !list.isEmpty {
                    fields.append(("presets", list.map(\.name).joined(separator: ", ")))
                }
                out += FitReportRenderer.keyValues(fields, separator: ": ", indent: "    ")
            }
            return out
        case .markdown:
            var table = TextTable(header: ["name", "title", "formula", "parameters", "source", "presets"])
            for law in laws {
                table.append([law.name, law.title, "`\(law.formula)`", parametersText(law), law.citation,
                              (presets[law.name] ?? []).map(\.name).joined(separator: ", ")])
            }
            return table.markdown()
        case .csv:
            var table = TextTable(header: ["name", "title", "formula", "inputs", "response", "parameters", "citation", "presets"])
            for law in laws {
                table.append([law.name, law.title, law.formula, law.inputs.map(\.role).joined(separator: " "),
                              law.response.role, law.parameters.map(\.name).joined(separator: " "), law.citation,
                              (presets[law.name] ?? []).map(\.name).joined(separator: " ")])
            }
            return table.csv()
        case .json:
            struct Entry: Encodable {
                let name, title, formula, citation: String
                let inputs: [LawVariable]
                let response: LawVariable
                let parameters: [LawParameter]
                let presets: [Preset]
            }
            let entries = laws.map {
                Entry(name: $0.name, title: $0.title, formula: $0.formula, citation: $0.citation,
                      inputs: $0.inputs, response: $0.response, parameters: $0.parameters,
                      presets: presets[$0.name] ?? [])
            }
            return try ReportJSON.string(entries)
        }
    }

    static func inputsText(_ law: any ScalingLaw) -> String {
        let inputs = law.inputs.map { $0.unit.isEmpty ? $0.role : "\($0.role) (\($0.unit))" }.joined(separator: ", ")
        let response = law.response.unit.isEmpty ? law.response.role : "\(law.response.role) (\(law.response.unit))"
        return "\(inputs) -> \(response)"
    }

    static func parametersText(_ law: any ScalingLaw) -> String {
        law.parameters.map { $0.symbol == $0.name ? $0.name : "\($0.name) (\($0.symbol))" }.joined(separator: ", ")
    }
}
