import Foundation
import LinearAlgebra
import NonlinearFit

/// A log-linear trend of cost in time, as Cottier et al. 2024 ("The rising costs of training
/// frontier AI models", arXiv:2405.21015) fit the growth of frontier training costs:
///
/// ```
/// log10 cost_i = c + g·(t_i − t̄) + ε_i,     ε_i ~ N(0, σ²) independent
/// ```
/// by ordinary least squares (LAPACK `dgelsd` through `LinearLeastSquares/solve(_:_:rcond:)`),
/// with `t` in decimal years (``DecimalYear``) centred at their mean `t̄` so that `c` and `g` are
/// uncorrelated. Reported, at ``confidenceLevel`` (two-sided, Student t with `n − 2` degrees of
/// freedom):
///
/// ```
/// slope g (OOM/yr) ± t·s/√Sxx              s² = RSS/(n − 2),  Sxx = Σ (t_i − t̄)²
/// growth factor 10^g per year               interval 10^(g ± t·se)
/// doubling time 12·log10(2)/g months        interval from the slope's endpoints
/// R² = 1 − RSS/TSS
/// ```
/// Predictions at a date `t` (``predict(at:)``) give the trend (the median cost under log-normal
/// scatter) with the confidence interval of the line, `±t·s·√(1/n + (t − t̄)²/Sxx)`, and the
/// prediction interval of a new run, `±t·s·√(1 + 1/n + (t − t̄)²/Sxx)`, both in log10 space.
///
/// On the 45-run frontier set this gives 0.389 OOM/yr (95% CI 0.293–0.485), 2.45×/yr
/// (1.96–3.05), R² = 0.608; the paper prints 2.4× (2.0×, 3.1×).
public struct CostTrend: Sendable, Equatable, Codable {
    /// A closed interval.
    public struct Interval: Sendable, Equatable, Codable {
        /// The lower end.
        public let lower: Double
        /// The upper end.
        public let upper: Double

        /// An interval `[lower, upper]`.
        /// - Parameters:
        ///   - lower: The lower end.
        ///   - upper: The upper end.
        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// The number of runs.
    public let count: Int
    /// The level of every interval (0.95 by default).
    public let confidenceLevel: Double
    /// `t̄`, the mean decimal year: the centre of the fit.
    public let meanYear: Double
    /// `c`, the fitted `log10 cost` at `t̄`.
    public let log10CostAtMeanYear: Double
    /// `g`, orders of magnitude per year.
    public let slope: Double
    /// The standard error of `g`, `s/√Sxx`.
    public let slopeStandardError: Double
    /// The interval of `g`, `g ± t·se`.
    public let slopeInterval: Interval
    /// `s`, the residual standard deviation in log10 units.
    public let residualStandardError: Double
    /// `R² = 1 − RSS/TSS`.
    public let rSquared: Double
    /// `Sxx = Σ (t_i − t̄)²`, years².
    public let sumOfSquaredYearDeviations: Double
    /// `t_{(1+level)/2, n−2}`, the quantile the intervals use.
    public let tQuantile: Double

    /// `n − 2`.
    public var degreesOfFreedom: Int { count - 2 }

    /// `10^g`, the growth factor per year.
    public var growthFactor: Double { Self.growthFactor(oomPerYear: slope) }

    /// `10^(g ± t·se)`.
    public var growthFactorInterval: Interval {
        Interval(lower: Self.growthFactor(oomPerYear: slopeInterval.lower),
                 upper: Self.growthFactor(oomPerYear: slopeInterval.upper))
    }

    /// `12·log10(2)/g` months (negative for a falling trend: the halving time).
    public var doublingTimeMonths: Double { Self.doublingTimeMonths(oomPerYear: slope) }

    /// The doubling times at the slope interval's endpoints, shorter first; `nil` when the
    /// slope interval contains 0 (the doubling time is then unbounded).
    public var doublingTimeInterval: Interval? {
        let lo = slopeInterval.lower, hi = slopeInterval.upper
        guard lo > 0 || hi < 0 else { return nil }
        return Interval(lower: Self.doublingTimeMonths(oomPerYear: hi), upper: Self.doublingTimeMonths(oomPerYear: lo))
    }

    // MARK: - Unit conversions

    /// The growth factor per year of a trend of `g` orders of magnitude per year: `10^g`.
    public static func growthFactor(oomPerYear g: Double) -> Double {
        pow(10, g)
    }

    /// The doubling time in months of a trend of `g` orders of magnitude per year:
    /// `12·log10(2)/g` (0.38198 OOM/yr → 9.46 months).
    public static func doublingTimeMonths(oomPerYear g: Double) -> Double {
        12 * log10(2.0) / g
    }

    // MARK: - Fitting

    /// Fits the trend to dates and costs.
    ///
    /// - Parameters:
    ///   - years: Decimal years (see ``DecimalYear``).
    ///   - costs: Costs, `> 0`.
    ///   - confidenceLevel: The level of the intervals, in (0, 1).
    ///   - source: The name used in messages.
    /// - Throws: ``DataError/columnLengthMismatch(source:column:expected:got:)``,
    ///   ``DataError/notFinite(source:line:column:text:)``,
    ///   ``DataError/notPositive(source:line:column:value:reason:)`` (rows numbered as in a file
    ///   with a header, from line 2), ``TrendError/tooFewPoints(source:count:needed:)``,
    ///   ``TrendError/noSpreadInDates(source:)``, ``TrendError/invalidConfidenceLevel(_:)``, and
    ///   LAPACK failures as `LinearAlgebraError`.
    public static func fit(
        years: [Double], costs: [Double], confidenceLevel: Double = 0.95, source: String = "<input>"
    ) throws -> CostTrend {
        let data = try Dataset(source: source, columns: ["year": years, "cost": costs])
        return try fit(data, yearColumn: "year", costColumn: "cost", confidenceLevel: confidenceLevel)
    }

    /// Fits the trend to a table: a date column (ISO dates or decimal years) and a cost column.
    ///
    /// - Parameters:
    ///   - table: The parsed file.
    ///   - dateColumn: The dates (`Publication date` in Epoch's files).
    ///   - costColumn: The costs (`cost_hw_capex_energy_2023usd` in the frontier set).
    ///   - confidenceLevel: The level of the intervals.
    /// - Throws: the errors of ``DecimalYear/column(_:in:)`` and ``Dataset/init(table:columns:)``
    ///   naming file, line and column, and those of ``fit(years:costs:confidenceLevel:source:)``.
    public static func fit(
        _ table: CSVTable, dateColumn: String = "Publication date", costColumn: String, confidenceLevel: Double = 0.95
    ) throws -> CostTrend {
        let years = try DecimalYear.column(dateColumn, in: table)
        var data = try Dataset(table: table, columns: [costColumn])
        let costKey = try data.resolvedName(costColumn)
        let dateKey = table.header[try table.columnIndex(named: dateColumn)]
        data.columns[dateKey] = years
        return try fit(data, yearColumn: dateKey, costColumn: costKey, confidenceLevel: confidenceLevel)
    }

    /// Fits the trend to two columns of a dataset: decimal years and costs.
    ///
    /// - Throws: as ``fit(years:costs:confidenceLevel:source:)``, and
    ///   ``DataError/missingColumn(source:column:suggestion:available:)``.
    public static func fit(
        _ data: Dataset, yearColumn: String, costColumn: String, confidenceLevel: Double = 0.95
    ) throws -> CostTrend {
        guard confidenceLevel > 0, confidenceLevel < 1 else { throw TrendError.invalidConfidenceLevel(confidenceLevel) }
        let years = try data.column(yearColumn)
        let costs = try data.column(costColumn)
        for (name, values) in [(yearColumn, years), (costColumn, costs)] {
            for r in values.indices where !values[r].isFinite {
                throw DataError.notFinite(source: data.source, line: data.rowLines[r], column: data.label(of: name), text: "\(values[r])")
            }
        }
        try data.requirePositive([costColumn], reason: "for a log-linear cost trend")
        let n = years.count
        guard n >= 3 else { throw TrendError.tooFewPoints(source: data.source, count: n, needed: 3) }

        var meanYear = 0.0
        for t in years { meanYear += t }
        meanYear /= Double(n)
        var sxx = 0.0
        for t in years { sxx += (t - meanYear) * (t - meanYear) }
        guard sxx > 0 else { throw TrendError.noSpreadInDates(source: data.source) }

        var design = Matrix(rows: n, columns: 2)
        var logCosts = [Double](repeating: 0, count: n)
        for i in 0..<n {
            design[i, 0] = 1
            design[i, 1] = years[i] - meanYear
            logCosts[i] = log10(costs[i])
        }
        let solution = try LinearLeastSquares.solve(design, logCosts)
        guard solution.rank == 2 else { throw TrendError.noSpreadInDates(source: data.source) }
        let c = solution.solution[0], g = solution.solution[1]

        let meanLog = logCosts.reduce(0, +) / Double(n)
        var tss = 0.0
        for v in logCosts { tss += (v - meanLog) * (v - meanLog) }
        let rss = solution.residualSumOfSquares
        let dof = Double(n - 2)
        let s = (rss / dof).squareRoot()
        let se = s / sxx.squareRoot()
        let t = Distributions.studentTQuantile(0.5 + confidenceLevel / 2, degreesOfFreedom: dof)
        return CostTrend(
            count: n, confidenceLevel: confidenceLevel, meanYear: meanYear, log10CostAtMeanYear: c,
            slope: g, slopeStandardError: se, slopeInterval: Interval(lower: g - t * se, upper: g + t * se),
            residualStandardError: s, rSquared: tss > 0 ? 1 - rss / tss : 1,
            sumOfSquaredYearDeviations: sxx, tQuantile: t)
    }

    // MARK: - Using the trend

    /// The trend's `log10 cost` at decimal year `year`.
    public func log10Cost(at year: Double) -> Double {
        log10CostAtMeanYear + slope * (year - meanYear)
    }

    /// The trend's cost at `year`, with confidence and prediction intervals.
    public func predict(at year: Double) -> CostTrendPrediction {
        let center = log10Cost(at: year)
        let d = year - meanYear
        let leverage = 1 / Double(count) + d * d / sumOfSquaredYearDeviations
        let seMean = residualStandardError * leverage.squareRoot()
        let seNew = residualStandardError * (1 + leverage).squareRoot()
        return CostTrendPrediction(
            year: year, cost: pow(10, center), log10Cost: center,
            log10StandardErrorOfMean: seMean, log10StandardErrorOfNewRun: seNew,
            confidence: Interval(lower: pow(10, center - tQuantile * seMean), upper: pow(10, center + tQuantile * seMean)),
            prediction: Interval(lower: pow(10, center - tQuantile * seNew), upper: pow(10, center + tQuantile * seNew)))
    }

    /// The decimal year at which the trend reaches `threshold` (e.g. 1e9 USD), or `nil` for a
    /// flat trend or a non-positive threshold. The year may lie in the past or outside the data.
    public func year(whenCostReaches threshold: Double) -> Double? {
        guard threshold > 0, threshold.isFinite, slope != 0 else { return nil }
        return meanYear + (log10(threshold) - log10CostAtMeanYear) / slope
    }
}

/// The trend's cost at one date, with intervals (all in the cost's units).
public struct CostTrendPrediction: Sendable, Equatable, Codable {
    /// The decimal year.
    public let year: Double
    /// `10^(c + g(t − t̄))`: the trend, the median cost of a run at `year`.
    public let cost: Double
    /// `c + g(t − t̄)`.
    public let log10Cost: Double
    /// `s·√(1/n + (t − t̄)²/Sxx)`, the standard error of the trend line (log10 units).
    public let log10StandardErrorOfMean: Double
    /// `s·√(1 + 1/n + (t − t̄)²/Sxx)`, the standard error of a new run (log10 units).
    public let log10StandardErrorOfNewRun: Double
    /// The confidence interval of the trend at the fit's level.
    public let confidence: CostTrend.Interval
    /// The prediction interval of a new run at the fit's level.
    public let prediction: CostTrend.Interval
}
