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

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: file))
            let data = try Dataset(table: table, columns: [x, y])
            let groupIndex = try table.columnIndex(named: group)
            let groups = table.rows.map { $0[groupIndex] }
            let fit = try SharedSlopePowerLaw.fit(x: try data.column(x), y: try data.column(y), groups: groups)
            let report = try SharedSlopeRenderer.render(fit, x: x, y: y, source: table.source, format: output.format.report)
            try output.emit(report: report) {
                Array(try SharedSlopeRenderer.render(fit, x: x, y: y, source: table.source, format: .json).utf8)
            }
        }
    }
}
