import Foundation
import ScalingLaws

/// Renders the catalog of laws: name, title, formula, inputs, parameters, citation and named
/// constant sets (presets).
public enum LawCatalogRenderer {
    /// A named set of constants for a law (`epoch2024` for `chinchilla`).
    public struct Preset: Sendable, Equatable, Encodable {
        /// The preset's name.
        public let name: String
        /// Where its constants were printed.
        public let source: String

        /// A preset.
        /// - Parameters:
        ///   - name: The preset's name.
        ///   - source: Where its constants were printed.
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
        try report(laws, presets: presets).render(format, payload: entries(laws, presets: presets))
    }

    /// The catalog as a report: one table of laws; plain text lists each law's fields.
    public static func report(_ laws: [any ScalingLaw], presets: [String: [Preset]] = [:]) -> Report {
        var table = ReportTable(
            columns: [
                ReportColumn("name"), ReportColumn("title"), ReportColumn("formula"),
                ReportColumn("inputs", visibility: .csvOnly), ReportColumn("response", visibility: .csvOnly),
                ReportColumn("parameters"), ReportColumn("source", csvName: "citation"), ReportColumn("presets"),
            ],
            exportsToCSV: true)
        var lines: [String] = []
        for (k, law) in laws.enumerated() {
            let names = (presets[law.name] ?? []).map(\.name)
            table.append([
                ReportCell(law.name), ReportCell(law.title), ReportCell(law.formula),
                ReportCell(law.inputs.map(\.role).joined(separator: " ")), ReportCell(law.response.role),
                ReportCell(parametersText(law), exact: law.parameters.map(\.name).joined(separator: " ")),
                ReportCell(law.citation), ReportCell(names.joined(separator: ", "), exact: names.joined(separator: " ")),
            ])
            if k > 0 { lines.append("") }
            lines.append("\(law.name)  \(law.title)")
            var fields: [(String, String)] = [
                ("formula", law.formula), ("inputs", inputsText(law)), ("parameters", parametersText(law)),
                ("objective", law.defaultObjective.description), ("source", law.citation),
            ]
            if !names.isEmpty { fields.append(("presets", names.joined(separator: ", "))) }
            let width = fields.map(\.0.count).max() ?? 0
            lines += fields.map { "    " + ($0.0 + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0) + " " + $0.1 }
        }
        table.plainLines = lines
        var section = ReportSection(title: "Laws", subtitle: "\(laws.count) in the catalog")
        section.table(table)
        return Report(title: "The law catalog", sections: [section])
    }

    /// One law of the JSON catalog.
    struct Entry: Encodable {
        let name, title, formula, citation: String
        let inputs: [LawVariable]
        let response: LawVariable
        let parameters: [LawParameter]
        let presets: [Preset]
    }

    static func entries(_ laws: [any ScalingLaw], presets: [String: [Preset]]) -> [Entry] {
        laws.map {
            Entry(name: $0.name, title: $0.title, formula: $0.formula, citation: $0.citation,
                  inputs: $0.inputs, response: $0.response, parameters: $0.parameters, presets: presets[$0.name] ?? [])
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
