import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Forecasts from a training-cost trend (Cottier et al. 2024): cost in a year, threshold
/// crossings with inverted bands, the extrapolation limit.
@Suite("Cost-trend forecasts")
struct CostTrendForecasterTests {
    /// Decimal years 2016…2024 and costs on an exact trend 10^(5 + 0.5(t − 2020)), with ±0.3 in
    /// log10 alternating so the residual scatter is known.
    static func synthetic() throws -> CostTrendForecaster {
        let years = (0..<9).map { 2016 + Double($0) }
        let costs = years.enumerated().map { k, t in pow(10, 5 + 0.5 * (t - 2020) + (k % 2 == 0 ? 0.3 : -0.3)) }
        let trend = try CostTrend.fit(years: years, costs: costs)
        return try CostTrendForecaster(trend: trend, years: years, costs: costs)
    }

    @Test("the crossing year inverts the trend, and each interval end lies on its band")
    func bandsInvert() throws {
        let f = try Self.synthetic()
        let crossing = try f.crossing(of: 1e8)
        // The mean line reaches 1e8 where log10 = 8.
        #expect(isClose(f.trend.log10Cost(at: crossing.year), 8, rel: 1e-12))
        let earliest = try #require(crossing.confidence.earliest), latest = try #require(crossing.confidence.latest)
        #expect(earliest < crossing.year && crossing.year < latest)
        #expect(isClose(f.trend.predict(at: earliest).confidence.upper, 1e8, rel: 1e-10))
        #expect(isClose(f.trend.predict(at: latest).confidence.lower, 1e8, rel: 1e-10))
        let pEarliest = try #require(crossing.prediction.earliest), pLatest = try #require(crossing.prediction.latest)
        #expect(pEarliest < earliest && latest < pLatest)
        #expect(isClose(f.trend.predict(at: pEarliest).prediction.upper, 1e8, rel: 1e-10))
        #expect(isClose(f.trend.predict(at: pLatest).prediction.lower, 1e8, rel: 1e-10))
    }

    @Test("the forecast range is one data span either side; outside it, an error naming the year and the data range")
    func limits() throws {
        let f = try Self.synthetic()
        #expect(f.forecastLimit == 2008...2032)
        #expect(try f.cost(inYear: 2032).year == 2032)
        #expect(throws: CostForecastError.yearOutsideRange(year: 2033, firstYear: 2016, lastYear: 2024, limit: 2008...2032)) {
            try f.cost(inYear: 2033)
        }
        #expect(CostForecastError.yearOutsideRange(year: 2033, firstYear: 2016, lastYear: 2024, limit: 2008...2032).description
            == "year 2033.00 is too far from the data (2016.00–2024.00): forecasts are limited to 2008.00–2032.00 (one data span either side)")
        #expect(throws: CostForecastError.invalidThreshold(0)) { try f.crossing(of: 0) }
        #expect(throws: CostForecastError.invalidThreshold(-1e9)) { try f.crossing(of: -1e9) }
        #expect(CostForecastError.invalidThreshold(-1e9).description == "threshold must be a positive finite cost, got -1e+09")
        // 1e12 is reached in 2034: beyond the range.
        #expect(throws: CostForecastError.self) { try f.crossing(of: 1e12) }
        #expect(CostForecastError.crossingOutsideRange(threshold: 1e12, year: 2034, limit: 2008...2032).description
            == "the trend reaches 1e+12 only in 2034.00, outside the forecast range 2008.00–2032.00 (one data span either side of the data)")
        #expect(throws: CostForecastError.self) { try f.cost(inYear: .nan) }
        #expect(throws: CostForecastError.dataMismatch(years: 2, costs: 3)) {
            try CostTrendForecaster(trend: f.trend, years: [1, 2], costs: [1, 2, 3])
        }
    }

    @Test("a slope interval containing 0 leaves the crossing interval unbounded")
    func unbounded() throws {
        let years = [2020.0, 2021, 2022, 2023]
        let costs = [5.0, 50, 5, 60]
        let trend = try CostTrend.fit(years: years, costs: costs)
        let f = try CostTrendForecaster(trend: trend, years: years, costs: costs)
        #expect(trend.slopeInterval.lower < 0)
        let crossing = try f.crossing(of: 100)
        #expect(crossing.confidence == YearInterval(earliest: nil, latest: nil))
        #expect(crossing.largestRunInterval.latest == nil)
    }

    // MARK: Cottier et al.'s frontier set

    static var cottierURL: URL? { RepositoryPaths.sharedDataset("epoch_training_costs/cottier2024_frontier_costs_45.csv") }

    @Test("Cottier et al. 2024: 0.389 OOM/yr (0.293–0.485), 2.45×/yr (1.96–3.05), R² 0.608; $1B crossing; 2027 costs",
          .enabled(if: RepositoryPaths.hasSharedData))
    func cottier() throws {
        let table = try CSVTable.read(contentsOf: try #require(Self.cottierURL))
        let f = try CostTrendForecaster.fit(
            table, dateColumn: "Publication date", costColumn: "cost_hw_capex_energy_2023usd", nameColumn: "System")
        let t = f.trend
        #expect(t.count == 45)
        #expect(isClose(t.slope, 0.389, abs: 5e-4))
        #expect(isClose(t.slopeInterval.lower, 0.293, abs: 5e-4))
        #expect(isClose(t.slopeInterval.upper, 0.485, abs: 5e-4))
        #expect(isClose(t.growthFactor, 2.45, abs: 5e-3))
        #expect(isClose(t.growthFactorInterval.lower, 1.96, abs: 5e-3))
        #expect(isClose(t.growthFactorInterval.upper, 3.05, abs: 5e-3))
        #expect(isClose(t.rSquared, 0.608, abs: 5e-4))

        // Data range and the largest run: GPT-4, $40.6M, 2023-03-15.
        #expect(isClose(f.firstYear, 2015.9342465753425, rel: 1e-13))
        #expect(isClose(f.lastYear, 2023.9287671232876, rel: 1e-13))
        #expect(f.largestRun == CostTrendForecaster.Run(name: "GPT-4", year: 2023 + 73.0 / 365, cost: 40_586_590))

        // 2027: numpy from the textbook formulas (t = 2.016692199227824, 43 dof).
        let y = try f.cost(inYear: 2027)
        let got = [y.trend.cost, y.trend.confidence.lower, y.trend.confidence.upper, y.trend.prediction.lower, y.trend.prediction.upper]
        #expect(isClose(got, [83367604.51316957, 19163109.655958723, 362684220.20447594, 2280812.093647806, 3047229318.72417], rel: 1e-9))
        #expect(isClose(y.largestRunCost, 1219320987.897683, rel: 1e-9))

        // $1e9: the trend line in 2029.77; its interval from scipy's brentq on each band
        // (independent of the closed-form roots).
        let crossing = try f.crossing(of: 1e9)
        #expect(isClose(crossing.year, 2029.774657721716, rel: 1e-12))
        #expect(isClose(try #require(crossing.confidence.earliest), 2027.9173716154332, abs: 1e-9))
        #expect(isClose(try #require(crossing.confidence.latest), 2032.8079012194232, abs: 1e-9))
        #expect(isClose(try #require(crossing.prediction.earliest), 2025.8558637889223, abs: 1e-9))
        #expect(isClose(try #require(crossing.prediction.latest), 2034.8694090459342, abs: 1e-9))
        // The paper's "the largest training runs will cost more than a billion dollars by 2027":
        // GPT-4 grown at 2.45×/yr crosses $1B in 2026.78 (2026.07–2027.95).
        #expect(isClose(crossing.largestRunYear, 2026.778547249765, abs: 1e-9))
        #expect(crossing.largestRunYear < 2027)
        #expect(isClose(try #require(crossing.largestRunInterval.earliest), 2026.069431564883, abs: 1e-9))
        #expect(isClose(try #require(crossing.largestRunInterval.latest), 2027.9531921280402, abs: 1e-9))

        // Years more than one span (7.99 years) past the data are refused.
        #expect(throws: CostForecastError.self) { try f.cost(inYear: 2032) }
        #expect(try f.cost(inYear: 2031.9).year == 2031.9)
    }
}
