import ArgumentParser
import Reports
import ScalingLaws

/// `scaling-laws laws`: the catalog of built-in laws.
struct LawsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "laws",
        abstract: "List the built-in scaling laws with their formulas and sources."
    )

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let presets = [
                ChinchillaLaw().name: ChinchillaParameters.presets.map { LawCatalogRenderer.Preset(name: $0.name, source: $0.source) },
            ]
            let report = try LawCatalogRenderer.render(LawRegistry.all, presets: presets, format: output.format.report)
            try output.emit(report: report) {
                Array(try LawCatalogRenderer.render(LawRegistry.all, presets: presets, format: .json).utf8)
            }
        }
    }
}
