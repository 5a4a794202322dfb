import Foundation
import Forecast
import ScalingLaws

/// Renders a training-cost trend (`ScalingLaws/CostTrend`, Cottier et al. 2024) and its
/// forecasts (`Forecast/CostTrendForecaster`): the fit (slope in OOM/yr, growth factor per
/// year, doubling time, R², each with its interval), then the cost in a year and the year a
/// threshold is crossed, by the trend (mean line and new run) and by the largest run grown at the
/// trend's rate. CSV and JSON carry exact values.
public enum CostTrendRenderer {
    /// What the report is about.
    public struct Report: Sendable {
        /// The fitted trend and the data's years and largest run.
        public let forecaster: CostTrendForecaster
        /// The data file.
        public let source: String
        /// The cost column.
        public let costColumn: String
        /// The cost forecast for a year, when asked for.
        public let yearForecast: CostYearForecast?
        /// The year a cost threshold is crossed, when asked for.
        public let crossing: CostThresholdCrossing?

        /// A report's content.
        /// - Parameters:
        ///   - forecaster: The fitted trend.
        ///   - source: The data file.
        ///   - costColumn: The cost column.
        ///   - yearForecast: The cost forecast for a year, or `nil`.
        ///   - crossing: The year a threshold is crossed, or `nil`.
        public init(forecaster: CostTrendForecaster, source: String, costColumn: String,
                    yearForecast: CostYearForecast? = nil, crossing: CostThresholdCrossing? = nil) {
            self.forecaster = forecaster
            self.source = source
            self.costColumn = costColumn
            self.yearForecast = yearForecast
            self.crossing = crossing
        }
    }

    /// One row of the flat form (CSV): a quantity, its estimate and interval, its unit.
    struct Line {
        let quantity: String
        let estimate: Double
        let lower: Double?
        let upper: Double?
        let unit: String
    }

    /// The report in `format`, ending in a newline.
    /// - Throws: ``ReportError/encoding(_:)`` for `json`.
    public static func render(_ report: Report, format: ReportFormat, numbers: NumberStyle = .human) throws -> String {
        try document(report, numbers: numbers).render(format, payload: JSONForm(report))
    }

    /// The trend and its forecasts as a report: the fit's fields, the cost in a year and the
    /// crossing year as tables; CSV is the flat quantity, estimate, lower, upper, unit table.
    public static func document(_ report: Report, numbers: NumberStyle = .human) -> Reports.Report {
        var trend = ReportSection(title: "Training-cost trend", subtitle: "OLS of log10 cost on decimal year; Cottier et al. 2024")
        trend.fields(fields(report, numbers))
        var flat = ReportTable(
            columns: ["quantity", "estimate", "lower", "upper", "unit"].map { ReportColumn($0, visibility: .csvOnly) }, exportsToCSV: true)
        for line in lines(report) {
            flat.append([ReportCell(line.quantity), ReportCell(NumberFormat.exact(line.estimate)), ReportCell(NumberFormat.exact(line.lower)),
                         ReportCell(NumberFormat.exact(line.upper)), ReportCell(line.unit)])
        }
        trend.table(flat)
        var document = Reports.Report(title: "Training-cost trend", sections: [trend])
        if let grid = yearGrid(report, numbers) {
            var section = ReportSection(title: yearTitle(report))
            section.table(ReportTable(title: nil, grid))
            document.append(section)
        }
        if let grid = crossingGrid(report) {
            var section = ReportSection(title: crossingTitle(report))
            section.table(ReportTable(title: nil, grid))
            document.append(section)
        }
        return document
    }

    static func level(_ report: Report) -> String {
        NumberFormat.significant(report.forecaster.trend.confidenceLevel * 100, digits: 4) + "%"
    }

    static func year(_ value: Double?) -> String {
        value.map { NumberFormat.fixed($0, decimals: 2) } ?? "unbounded"
    }

    static func fields(_ report: Report, _ numbers: NumberStyle = .human) -> [(String, String)] {
        let f = report.forecaster, t = f.trend
        let ci = level(report) + " CI"
        var fields: [(String, String)] = [
            ("data", "\(report.source), column '\(report.costColumn)': \(t.count) runs, "
                + "\(year(f.firstYear))–\(year(f.lastYear))"),
            ("slope", "\(NumberFormat.significant(t.slope, digits: 4)) OOM/yr (\(ci) "
                + "\(NumberFormat.significant(t.slopeInterval.lower, digits: 4))–\(NumberFormat.significant(t.slopeInterval.upper, digits: 4)))"),
            ("growth", "\(NumberFormat.significant(t.growthFactor, digits: 4))×/yr (\(ci) "
                + "\(NumberFormat.significant(t.growthFactorInterval.lower, digits: 4))–\(NumberFormat.significant(t.growthFactorInterval.upper, digits: 4)))"),
        ]
        if let doubling = t.doublingTimeInterval {
            fields.append(("doubling time", "\(NumberFormat.significant(t.doublingTimeMonths, digits: 4)) months (\(ci) "
                + "\(NumberFormat.significant(doubling.lower, digits: 4))–\(NumberFormat.significant(doubling.upper, digits: 4)))"))
        } else {
            fields.append(("doubling time", "\(NumberFormat.significant(t.doublingTimeMonths, digits: 4)) months (interval unbounded: the slope interval contains 0)"))
        }
        fields += [
            ("R²", NumberFormat.significant(t.rSquared, digits: 4)),
            ("residual sd", "\(NumberFormat.significant(t.residualStandardError, digits: 4)) log10 units"),
            ("largest run", "\(f.largestRun.name.map { $0 + ", " } ?? "")\(year(f.largestRun.year)), "
                + (numbers == .human ? NumberFormat.human(f.largestRun.cost) : NumberFormat.significant(f.largestRun.cost, digits: 4))),
            ("forecast range", "\(year(f.forecastLimit.lowerBound))–\(year(f.forecastLimit.upperBound)) (one data span either side of the data)"),
        ]
        return fields
    }

    static func yearTitle(_ report: Report) -> String {
        "Cost in \(year(report.yearForecast?.year))"
    }

    static func crossingTitle(_ report: Report) -> String {
        "Year the cost reaches \(NumberFormat.significant(report.crossing?.threshold ?? .nan, digits: 4))"
    }

    static func yearGrid(_ report: Report, _ numbers: NumberStyle) -> TextTable? {
        guard let y = report.yearForecast else { return nil }
        let level = level(report)
        var grid = TextTable(header: ["", "cost", "\(level) low", "\(level) high"], numeric: [false, true, true, true])
        func cost(_ v: Double) -> String { numbers == .human ? NumberFormat.human(v) : NumberFormat.significant(v, digits: 4) }
        grid.append(["trend (mean line)", cost(y.trend.cost), cost(y.trend.confidence.lower), cost(y.trend.confidence.upper)])
        grid.append(["a new run (prediction)", cost(y.trend.cost), cost(y.trend.prediction.lower), cost(y.trend.prediction.upper)])
        grid.append(["largest run at the trend rate", cost(y.largestRunCost), cost(y.largestRunInterval.lower), cost(y.largestRunInterval.upper)])
        return grid
    }

    static func crossingGrid(_ report: Report) -> TextTable? {
        guard let c = report.crossing else { return nil }
        let level = level(report)
        var grid = TextTable(header: ["", "year", "\(level) earliest", "\(level) latest"], numeric: [false, true, true, true])
        grid.append(["trend (mean line)", year(c.year), year(c.confidence.earliest), year(c.confidence.latest)])
        grid.append(["a new run (prediction)", year(c.year), year(c.prediction.earliest), year(c.prediction.latest)])
        grid.append(["largest run at the trend rate", year(c.largestRunYear), year(c.largestRunInterval.earliest), year(c.largestRunInterval.latest)])
        return grid
    }

    static func lines(_ report: Report) -> [Line] {
        let t = report.forecaster.trend
        var lines = [
            Line(quantity: "slope", estimate: t.slope, lower: t.slopeInterval.lower, upper: t.slopeInterval.upper, unit: "OOM/yr"),
            Line(quantity: "growth_factor", estimate: t.growthFactor, lower: t.growthFactorInterval.lower,
                 upper: t.growthFactorInterval.upper, unit: "x/yr"),
            Line(quantity: "doubling_time", estimate: t.doublingTimeMonths, lower: t.doublingTimeInterval?.lower,
                 upper: t.doublingTimeInterval?.upper, unit: "months"),
            Line(quantity: "r_squared", estimate: t.rSquared, lower: nil, upper: nil, unit: ""),
        ]
        if let y = report.yearForecast {
            lines += [
                Line(quantity: "cost_trend", estimate: y.trend.cost, lower: y.trend.confidence.lower, upper: y.trend.confidence.upper, unit: "cost at \(y.year)"),
                Line(quantity: "cost_new_run", estimate: y.trend.cost, lower: y.trend.prediction.lower, upper: y.trend.prediction.upper, unit: "cost at \(y.year)"),
                Line(quantity: "cost_largest_run", estimate: y.largestRunCost, lower: y.largestRunInterval.lower,
                     upper: y.largestRunInterval.upper, unit: "cost at \(y.year)"),
            ]
        }
        if let c = report.crossing {
            let unit = "year cost reaches \(c.threshold)"
            lines += [
                Line(quantity: "crossing_trend", estimate: c.year, lower: c.confidence.earliest, upper: c.confidence.latest, unit: unit),
                Line(quantity: "crossing_new_run", estimate: c.year, lower: c.prediction.earliest, upper: c.prediction.latest, unit: unit),
                Line(quantity: "crossing_largest_run", estimate: c.largestRunYear, lower: c.largestRunInterval.earliest,
                     upper: c.largestRunInterval.latest, unit: unit),
            ]
        }
        return lines
    }

    struct JSONForm: Encodable {
        let source: String
        let costColumn: String
        let trend: CostTrend
        let firstYear: Double
        let lastYear: Double
        let forecastRange: [Double]
        let largestRun: CostTrendForecaster.Run
        let growthFactor: Double
        let growthFactorInterval: CostTrend.Interval
        let doublingTimeMonths: Double
        let doublingTimeInterval: CostTrend.Interval?
        let yearForecast: CostYearForecast?
        let crossing: CostThresholdCrossing?

        init(_ report: Report) {
            let f = report.forecaster
            source = report.source
            costColumn = report.costColumn
            trend = f.trend
            firstYear = f.firstYear
            lastYear = f.lastYear
            forecastRange = [f.forecastLimit.lowerBound, f.forecastLimit.upperBound]
            largestRun = f.largestRun
            growthFactor = f.trend.growthFactor
            growthFactorInterval = f.trend.growthFactorInterval
            doublingTimeMonths = f.trend.doublingTimeMonths
            doublingTimeInterval = f.trend.doublingTimeInterval
            yearForecast = report.yearForecast
            crossing = report.crossing
        }
    }
}
