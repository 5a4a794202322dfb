import Foundation
import ScalingLaws

/// Forecasts from a fitted training-cost trend (Cottier et al. 2024, "The rising costs of
/// training frontier AI models", arXiv:2405.21015): the cost in a given year and the year a
/// cost threshold (e.g. $1e9) is crossed, each with intervals.
///
/// Two readings of the same fit (`ScalingLaws/CostTrend`, `log10 cost = c + g·(t − t̄)`):
///
/// 1. **The trend** (the typical frontier run): `10^(c + g(t − t̄))` with the confidence interval
///    of the mean line, `±q·s·√(1/n + (t − t̄)²/Sxx)`, and the prediction interval of a new run,
///    `±q·s·√(1 + 1/n + (t − t̄)²/Sxx)` (log10 units, `q` the Student t quantile with `n − 2`
///    degrees of freedom).
/// 2. **The largest run** (how the paper says "the largest training runs will cost more than a
///    billion dollars by 2027"): the most expensive run in the data, `C_max` at `t_max`, grown at
///    the trend's rate, `C_max·10^(g(t − t_max))`, with the interval of the slope
///    `[g − q·se, g + q·se]`.
///
/// Threshold crossings invert these. For the trend, the year the mean line reaches `T` is
/// `t̄ + (log10 T − c)/g`, and its interval is the set of years whose band contains `log10 T`
/// (Fieller's inverse-regression interval): with `u = log10 T − c`, `d = t − t̄`,
///
/// ```
/// (g² − q²s²/Sxx)·d² − 2ug·d + u² − q²s²·(k + 1/n) = 0      k = 0 (mean line), 1 (new run)
/// ```
/// whose two roots bound the interval when the slope interval excludes 0 (`g² > q²s²/Sxx`);
/// otherwise the interval is unbounded. The earliest year is where the upper band reaches `T`,
/// the latest where the lower band does.
///
/// **Extrapolation limit.** A log-linear trend says little far from its data. Years (and
/// crossings of the trend line) are accepted within one data span either side of the data:
/// `[first − (last − first), last + (last − first)]`; outside it the forecast throws
/// ``CostForecastError/yearOutsideRange(year:firstYear:lastYear:limit:)`` or
/// ``CostForecastError/crossingOutsideRange(threshold:year:limit:)``. Interval ends may fall
/// outside the limit (they are reported as computed).
///
/// On Cottier et al.'s 45 frontier runs (2015.93–2023.93, 0.389 OOM/yr): the trend line reaches
/// $1e9 in 2029.8 (95% CI 2027.9–2032.8); GPT-4 ($40.6M, 2023-03-15) grown at 2.45×/yr reaches it
/// in 2026.8 (2026.1–2028.0), the paper's "by 2027".
public struct CostTrendForecaster: Sendable, Equatable {
    /// The most expensive run of the data.
    public struct Run: Sendable, Equatable, Codable {
        /// The run's name, when the data has a name column.
        public let name: String?
        /// Its decimal year.
        public let year: Double
        /// Its cost (the trend's units, e.g. 2023 USD).
        public let cost: Double

        /// A run.
        /// - Parameters:
        ///   - name: The run's name, or `nil`.
        ///   - year: Its decimal year.
        ///   - cost: Its cost, in the trend's units.
        public init(name: String?, year: Double, cost: Double) {
            self.name = name
            self.year = year
            self.cost = cost
        }
    }

    /// The fitted trend.
    public let trend: CostTrend
    /// The earliest and latest decimal years of the data.
    public let firstYear: Double
    /// The latest decimal year of the data.
    public let lastYear: Double
    /// The most expensive run of the data.
    public let largestRun: Run

    /// `[first − span, last + span]`, `span = last − first`: the years a forecast may use.
    public var forecastLimit: ClosedRange<Double> {
        let span = lastYear - firstYear
        return (firstYear - span)...(lastYear + span)
    }

    /// - Parameters:
    ///   - trend: The fit of `costs` on `years`.
    ///   - years: The decimal years of the data.
    ///   - costs: The costs, one per year.
    ///   - names: The runs' names, one per year, or `nil`.
    /// - Throws: ``CostForecastError/dataMismatch(years:costs:)`` for empty or unequal columns.
    public init(trend: CostTrend, years: [Double], costs: [Double], names: [String]? = nil) throws {
        guard !years.isEmpty, years.count == costs.count, names.map({ $0.count == years.count }) ?? true else {
            throw CostForecastError.dataMismatch(years: years.count, costs: costs.count)
        }
        var first = years[0], last = years[0], largest = 0
        for i in years.indices {
            first = Swift.min(first, years[i])
            last = Swift.max(last, years[i])
            if costs[i] > costs[largest] { largest = i }
        }
        self.trend = trend
        self.firstYear = first
        self.lastYear = last
        self.largestRun = Run(name: names?[largest], year: years[largest], cost: costs[largest])
    }

    /// Fits the trend to a table and keeps what the forecasts need.
    ///
    /// - Parameters:
    ///   - table: The parsed file.
    ///   - dateColumn: ISO dates or decimal years.
    ///   - costColumn: Costs, `> 0`.
    ///   - nameColumn: Optional run names (`System` in Epoch's files).
    ///   - confidenceLevel: The level of every interval.
    /// - Throws: the errors of `ScalingLaws/CostTrend/fit(_:dateColumn:costColumn:confidenceLevel:)`
    ///   (file, line and column of the first bad cell), and
    ///   `ScalingLaws/DataError/missingColumn(source:column:suggestion:available:)` for the name column.
    public static func fit(
        _ table: CSVTable, dateColumn: String, costColumn: String, nameColumn: String? = nil, confidenceLevel: Double = 0.95
    ) throws -> CostTrendForecaster {
        let trend = try CostTrend.fit(table, dateColumn: dateColumn, costColumn: costColumn, confidenceLevel: confidenceLevel)
        let years = try DecimalYear.column(dateColumn, in: table)
        let costs = try Dataset(table: table, columns: [costColumn]).column(costColumn)
        var names: [String]?
        if let nameColumn {
            let index = try table.columnIndex(named: nameColumn)
            names = table.rows.map { $0[index] }
        }
        return try CostTrendForecaster(trend: trend, years: years, costs: costs, names: names)
    }

    // MARK: - Cost in a year

    /// The cost in `year`: the trend with its confidence and prediction intervals, and the
    /// largest run grown at the trend's rate with the slope's interval.
    /// - Throws: ``CostForecastError/invalidYear(_:)``,
    ///   ``CostForecastError/yearOutsideRange(year:firstYear:lastYear:limit:)``.
    public func cost(inYear year: Double) throws -> CostYearForecast {
        guard year.isFinite else { throw CostForecastError.invalidYear(year) }
        guard forecastLimit.contains(year) else {
            throw CostForecastError.yearOutsideRange(year: year, firstYear: firstYear, lastYear: lastYear, limit: forecastLimit)
        }
        let elapsed = year - largestRun.year
        let a = largestRun.cost * pow(10, trend.slopeInterval.lower * elapsed)
        let b = largestRun.cost * pow(10, trend.slopeInterval.upper * elapsed)
        return CostYearForecast(
            year: year, trend: trend.predict(at: year),
            largestRunCost: largestRun.cost * pow(10, trend.slope * elapsed),
            largestRunInterval: CostTrend.Interval(lower: Swift.min(a, b), upper: Swift.max(a, b)))
    }

    // MARK: - Threshold crossing

    /// The year the cost reaches `threshold`, by the trend line (with the intervals of the mean
    /// line and of a new run) and by the largest run grown at the trend's rate.
    /// - Throws: ``CostForecastError/invalidThreshold(_:)``, ``CostForecastError/flatTrend``,
    ///   ``CostForecastError/crossingOutsideRange(threshold:year:limit:)``.
    public func crossing(of threshold: Double) throws -> CostThresholdCrossing {
        guard threshold.isFinite, threshold > 0 else { throw CostForecastError.invalidThreshold(threshold) }
        guard trend.slope != 0, let year = trend.year(whenCostReaches: threshold) else { throw CostForecastError.flatTrend }
        guard forecastLimit.contains(year) else {
            throw CostForecastError.crossingOutsideRange(threshold: threshold, year: year, limit: forecastLimit)
        }
        let gap = log10(threshold) - log10(largestRun.cost)
        let largestYear = largestRun.year + gap / trend.slope
        return CostThresholdCrossing(
            threshold: threshold, year: year,
            confidence: bandCrossing(threshold, newRun: false),
            prediction: bandCrossing(threshold, newRun: true),
            largestRunYear: largestYear,
            largestRunInterval: largestRunCrossing(gap))
    }

    /// Fieller's interval: the years whose band (mean line, or a new run) contains `log10 T`.
    func bandCrossing(_ threshold: Double, newRun: Bool) -> YearInterval {
        let g = trend.slope, q = trend.tQuantile, s = trend.residualStandardError
        let u = log10(threshold) - trend.log10CostAtMeanYear
        let k = (newRun ? 1.0 : 0.0) + 1 / Double(trend.count)
        let qs2 = q * q * s * s
        let a = g * g - qs2 / trend.sumOfSquaredYearDeviations
        guard a > 0 else { return YearInterval(earliest: nil, latest: nil) }
        let halfB = u * g
        let c = u * u - qs2 * k
        let discriminant = halfB * halfB - a * c
        guard discriminant >= 0 else { return YearInterval(earliest: nil, latest: nil) }
        let root = discriminant.squareRoot()
        // Roots (halfB ∓ root)/a, the smaller one computed without cancellation.
        let large = (halfB + (halfB >= 0 ? root : -root)) / a
        let small = large != 0 ? c / (a * large) : 0
        return YearInterval(
            earliest: trend.meanYear + Swift.min(small, large), latest: trend.meanYear + Swift.max(small, large))
    }

    /// The crossing years of the largest run at the slope interval's endpoints; an end is open
    /// when that endpoint's slope does not lead to the threshold.
    func largestRunCrossing(_ gap: Double) -> YearInterval {
        if gap == 0 { return YearInterval(earliest: largestRun.year, latest: largestRun.year) }
        var known: [Double] = []
        for e in [trend.slopeInterval.lower, trend.slopeInterval.upper] where e * trend.slope > 0 {
            known.append(largestRun.year + gap / e)
        }
        let lowest = known.min(), highest = known.max()
        if known.count == 2 { return YearInterval(earliest: lowest, latest: highest) }
        // One endpoint slope has the other sign: the far side is open.
        return gap / trend.slope > 0 ? YearInterval(earliest: lowest, latest: nil) : YearInterval(earliest: nil, latest: highest)
    }
}

/// An interval of years; an absent end is unbounded.
public struct YearInterval: Sendable, Equatable, Codable {
    /// The earliest year, or `nil` when unbounded below.
    public let earliest: Double?
    /// The latest year, or `nil` when unbounded above.
    public let latest: Double?

    /// An interval of years.
    /// - Parameters:
    ///   - earliest: The earliest year, or `nil`.
    ///   - latest: The latest year, or `nil`.
    public init(earliest: Double?, latest: Double?) {
        self.earliest = earliest
        self.latest = latest
    }
}

/// The cost forecast for one year (see ``CostTrendForecaster/cost(inYear:)``).
public struct CostYearForecast: Sendable, Equatable, Codable {
    /// The decimal year.
    public let year: Double
    /// The trend at `year` with the confidence interval of the mean line and the prediction
    /// interval of a new run.
    public let trend: CostTrendPrediction
    /// `C_max·10^(g(t − t_max))`: the largest run of the data grown at the trend's rate.
    public let largestRunCost: Double
    /// The same at the slope interval's endpoints.
    public let largestRunInterval: CostTrend.Interval
}

/// When a cost threshold is crossed (see ``CostTrendForecaster/crossing(of:)``).
public struct CostThresholdCrossing: Sendable, Equatable, Codable {
    /// The cost threshold.
    public let threshold: Double
    /// The year the trend line reaches it.
    public let year: Double
    /// The years whose confidence band of the mean line contains it.
    public let confidence: YearInterval
    /// The years whose prediction band of a new run contains it.
    public let prediction: YearInterval
    /// The year the largest run, grown at the trend's rate, reaches it.
    public let largestRunYear: Double
    /// The same at the slope interval's endpoints.
    public let largestRunInterval: YearInterval
}
