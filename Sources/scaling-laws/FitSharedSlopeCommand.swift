import ArgumentParser
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws fit-shared-slope FILE --x COLUMN --y COLUMN --group COLUMN`: power laws with
/// one exponent shared across groups and one intercept per group (Rybkin et al. 2025's
/// hyperparameter laws across environments).
struct FitSharedSlopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit-shared-slope",
        abstract: "Fit power laws with one exponent shared across groups and one intercept per group.",
        discussion: """
            Fits log10 y = c_group + s·log10 x by least squares (LAPACK), as Rybkin et al. (2025) \
            fit the best batch size and learning rate against the updates-to-data ratio across \
            environments.

            Example (the authors' Gym table):
              scaling-laws fit-shared-slope shared_fitted.csv --x UTD --y "Batch Size" \\
                  --group Environment
            """)

    @Argument(help: ArgumentHelp("CSV file of runs.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Column of the predictor x (positive).", valueName: "column"))
    var x: String

    @Option(help: ArgumentHelp("Column of the response y (positive).", valueName: "column"))
    var y: String

    @Option(help: ArgumentHelp("Column naming each row's group.", valueName: "column"))
    var group: String

    @OptionGroup(title: "Rows")
    var selection: RowSelectionOptions

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func validate() throws {
        if selection.by != nil {
            throw ValidationError("--by does not apply to fit-shared-slope: --group names the column whose groups share the slope")
        }
    }

    func run() throws {
        try Console.run {
            // The rows go through the same selection as every command (--where first, on the text).
            let specification = InputSpecification(
                path: file, columns: ["x": x, "y": y], predicates: selection.predicates, filters: selection.filters, by: group, dropMissing: selection.dropsMissing)
            let selected: InputSelection
            do {
                selected = try specification.load(roles: ["x", "y"])
            } catch let InputError.unknownColumn(source, "--by", column, suggestion, available) {
                throw InputError.unknownColumn(source: source, option: "--group", column: column, suggestion: suggestion, available: available)
            }
            let data = selected.dataset
            let source = data.source
            let fit = try SharedSlopePowerLaw.fit(x: try data.column("x"), y: try data.column("y"), groups: selected.labelsByRow)
            let report = try SharedSlopeRenderer.render(fit, x: x, y: y, source: source, format: output.format.report)
            try output.emit(report: report) {
                Array(try SharedSlopeRenderer.render(fit, x: x, y: y, source: source, format: .json).utf8)
            }
        }
    }
}
