import Foundation

/// Why a cost forecast (a cost-trend extrapolation or a bottom-up hardware estimate) could not
/// be made. Every case prints as one exact sentence naming the value and what was expected.
///
/// ```
/// year 2040 is too far from the data (2015.93–2023.93): forecasts are limited to 2007.94–2031.92 (one data span either side)
/// threshold must be a positive finite cost, got -1
/// hardware.json: 'tdpWatts' must be a positive number, got -700
/// ```
public enum CostForecastError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A forecast year outside ``CostTrendForecaster/forecastLimit``.
    case yearOutsideRange(year: Double, firstYear: Double, lastYear: Double, limit: ClosedRange<Double>)
    /// A year that is not a finite number.
    case invalidYear(Double)
    /// A cost threshold that is not a positive finite number.
    case invalidThreshold(Double)
    /// The trend reaches the threshold only outside ``CostTrendForecaster/forecastLimit``.
    case crossingOutsideRange(threshold: Double, year: Double, limit: ClosedRange<Double>)
    /// A flat trend (slope 0) never reaches another cost.
    case flatTrend
    /// The trend's dates and costs do not line up, or are empty.
    case dataMismatch(years: Int, costs: Int)
    /// A model or hardware quantity outside its domain: `name` is the field (`tdpWatts`, `mfu`).
    case invalidValue(name: String, value: Double, expected: String)
    /// No preset has this name.
    case unknownHardware(name: String, known: [String])
    /// A hardware description (JSON) that cannot be read; `source` is the file name.
    case invalidHardwareDescription(source: String, reason: String)
    /// A hardware description field with a value outside its domain.
    case invalidHardwareField(source: String, field: String, value: Double, expected: String)
    /// The cost in rental is asked for but the hardware has no rental price.
    case noRentalPrice(hardware: String)
    /// A date field of a hardware description that is not an ISO date or decimal year.
    case invalidHardwareDate(source: String, field: String, text: String)
    /// A date option that does not parse.
    case invalidDate(option: String, text: String)
    /// A training date needs a release date (the hardware has none).
    case noReleaseDate(hardware: String)
    /// Training before the hardware existed.
    case trainingBeforeRelease(hardware: String, release: String, training: String)

    public var description: String {
        switch self {
        case let .yearOutsideRange(year, first, last, limit):
            return "year \(Self.year(year)) is too far from the data (\(Self.year(first))–\(Self.year(last))): "
                + "forecasts are limited to \(Self.year(limit.lowerBound))–\(Self.year(limit.upperBound)) (one data span either side)"
        case let .invalidYear(year):
            return "year must be a finite decimal year, got \(Self.format(year))"
        case let .invalidThreshold(threshold):
            return "threshold must be a positive finite cost, got \(Self.format(threshold))"
        case let .crossingOutsideRange(threshold, year, limit):
            return "the trend reaches \(Self.format(threshold)) only in \(Self.year(year)), outside the forecast range "
                + "\(Self.year(limit.lowerBound))–\(Self.year(limit.upperBound)) (one data span either side of the data)"
        case .flatTrend:
            return "the fitted trend is flat (slope 0): it never reaches another cost"
        case let .dataMismatch(years, costs):
            return "a cost trend needs one cost per date, got \(years) dates and \(costs) costs"
        case let .invalidValue(name, value, expected):
            return "invalid \(name): expected \(expected), got \(Self.format(value))"
        case let .unknownHardware(name, known):
            return "unknown hardware '\(name)' (presets: \(known.joined(separator: ", ")))"
        case let .invalidHardwareDescription(source, reason):
            return "\(source): \(reason)"
        case let .invalidHardwareField(source, field, value, expected):
            return "\(source): '\(field)' must be \(expected), got \(Self.format(value))"
        case let .invalidHardwareDate(source, field, text):
            return "\(source): invalid \(field) '\(text)': expected a date YYYY-MM-DD or a decimal year"
        case let .invalidDate(option, text):
            return "invalid \(option) '\(text)': expected a date YYYY-MM-DD (e.g. 2024-03-01) or a decimal year (2024.2)"
        case let .noReleaseDate(hardware):
            return "--training-date: hardware \(hardware) has no release date; give --release-date YYYY-MM-DD or --years-since-acquisition"
        case let .trainingBeforeRelease(hardware, release, training):
            return "--training-date \(training) is before \(hardware)'s release date \(release)"
        case let .noRentalPrice(hardware):
            return "hardware '\(hardware)' has no rental price per chip-hour; give one"
        }
    }

    /// `%g` with 4 significant digits: `1e+09`, `-700`.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        return String(format: "%.4g", value)
    }

    /// A decimal year with two decimals: `2023.93`.
    static func year(_ value: Double) -> String {
        guard value.isFinite else { return format(value) }
        return String(format: "%.2f", value)
    }
}
