import ArgumentParser
import Forecast
import Foundation
import Reports
import ScalingLaws

/// `scaling-laws cost-trend FILE --cost-column C [--date-column D] [--year Y] [--threshold T]`:
/// the log-linear trend of training cost in time (Cottier et al. 2024) and its forecasts.
struct CostTrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost-trend",
        abstract: "Fit the growth of training costs over time and forecast a year's cost or when a threshold is crossed.",
        discussion: """
            Ordinary least squares of log10(cost) on the date in decimal years (Cottier et al. \
            2024): slope in orders of magnitude per year, growth factor per year, doubling time, \
            R², with t intervals. --year gives the trend's cost in that year with the confidence \
            interval of the mean line and the prediction interval of a new run, and the largest \
            run of the data grown at the trend's rate. --threshold gives the year each of these \
            reaches the cost (intervals by inverting the bands). Forecasts are limited to one \
            data span either side of the data.

            Example:
              scaling-laws cost-trend costs.csv --date-column 'Publication date' \\
                --cost-column cost_hw_capex_energy_2023usd --year 2027 --threshold 1e9
            """
    )

    @Argument(help: ArgumentHelp("CSV file with one training run per row.", valueName: "file"))
    var file: String

    @Option(name: .customLong("date-column"), help: ArgumentHelp("Column of dates (YYYY-MM-DD) or decimal years.", valueName: "column"))
    var dateColumn: String = "Publication date"

    @Option(name: .customLong("cost-column"), help: ArgumentHelp("Column of costs (> 0).", valueName: "column"))
    var costColumn: String

    @Option(name: .customLong("name-column"), help: ArgumentHelp("Column naming each run (e.g. System), for the largest run.", valueName: "column"))
    var nameColumn: String?

    @Option(help: ArgumentHelp("Forecast the cost in this year (decimal year or YYYY-MM-DD).", valueName: "year"))
    var year: String?

    @Option(help: ArgumentHelp("Forecast when the cost reaches this amount (e.g. 1e9).", valueName: "cost"))
    var threshold: String?

    @Option(help: ArgumentHelp("Confidence level of every interval.", valueName: "level"))
    var level: Double = 0.95

    @OptionGroup
    var separatorOption: SeparatorOption

    /// The field separator (`--sep`), when given.
    var separator: Character? { separatorOption.value }

    @Option(help: "How to write costs in the table: human (83.4M) or scientific (8.337e+07).")
    var numbers: NumberStyle = .human

    @OptionGroup(title: "Output")
    var output: OutputOptions

    func run() throws {
        try Console.run {
            let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: file), separator: separator)
            let forecaster = try CostTrendForecaster.fit(
                table, dateColumn: dateColumn, costColumn: costColumn, nameColumn: nameColumn, confidenceLevel: level)
            var yearForecast: CostYearForecast?
            if let year {
                guard let value = DecimalYear.parse(year) else {
                    throw CLIError.invalidNumber(option: "--year", text: year, expected: "a decimal year (2027, 2027.5) or a date (2027-06-30)")
                }
                yearForecast = try forecaster.cost(inYear: value)
            }
            var crossing: CostThresholdCrossing?
            if let threshold {
                guard let value = Syntax.number(threshold) else {
                    throw CLIError.invalidNumber(option: "--threshold", text: threshold, expected: "a positive cost, e.g. 1e9")
                }
                crossing = try forecaster.crossing(of: value)
            }
            let report = CostTrendRenderer.Report(
                forecaster: forecaster, source: table.source, costColumn: costColumn, yearForecast: yearForecast, crossing: crossing)
            let text = try CostTrendRenderer.render(report, format: output.format.report, numbers: numbers)
            try output.emit(report: text) { Array(try CostTrendRenderer.render(report, format: .json).utf8) }
        }
    }
}
