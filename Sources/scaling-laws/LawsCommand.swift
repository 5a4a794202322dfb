import ArgumentParser
import Forecast
import Reports
import ScalingLaws

/// `scaling-laws laws`: the catalog of built-in laws.
struct LawsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "laws",
        abstract: "List the built-in scaling laws with their formulas, sources and presets.",
        discussion: "Every preset listed works with --preset wherever a law is accepted (optimal, forecast, predict)."
    )

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            var presets: [String: [LawCatalogRenderer.Preset]] = [:]
            for entry in LawPreset.all {
                presets[entry.law, default: []].append(LawCatalogRenderer.Preset(name: entry.name, source: entry.source))
            }
            for name in ["liang2024"] {
                guard let set = ComputeFrontierSet.preset(named: name) else { continue }
                presets[PowerLaw().name, default: []].append(LawCatalogRenderer.Preset(
                    name: set.name,
                    source: "law set (alias dit2024) of \(set.members.map(\.role).joined(separator: ", ")): \(set.detail)"))
            }
            let report = try LawCatalogRenderer.render(LawRegistry.all, presets: presets, format: output.format.report)
            try output.emit(report: report) {
                Array(try LawCatalogRenderer.render(LawRegistry.all, presets: presets, format: .json).utf8)
            }
        }
    }
}
