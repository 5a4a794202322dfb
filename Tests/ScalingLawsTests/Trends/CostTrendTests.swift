import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

// MARK: - Conformance case

extension LawConformanceCase {
    /// Cottier et al.'s magnitudes: A = 10^5.2 USD at 2020, g = 0.389 OOM/yr, 45 runs evenly
    /// spread over 2016–2024, log-normal scatter of 0.7 in log10 (1.61 in natural log, as in the
    /// real frontier set), fitted by least squares on log residuals.
    static let exponentialTrend = LawConformanceCase(
        law: ExponentialTrendLaw(),
        truth: [pow(10, 5.2), 0.389],
        design: [(0..<45).map { 2016 + 8 * Double($0) / 44 }],
        noise: .multiplicative(0.7 * log(10.0)),
        objective: .logLeastSquares)
}

// MARK: - Tests

/// Training-cost trends (Cottier et al. 2024): decimal years, the OLS trend, and its agreement
/// with the `exponential-trend` law.
@Suite("Cost trends")
struct CostTrendTests {
    static let bundledURL = RepositoryPaths.root.appendingPathComponent("Datasets/frontier-cost-synthetic/data.csv")

    // MARK: Unit conversions (laws.md §9)

    @Test("0.38198 OOM/yr is 2.410× per year and a doubling time of 9.46 months")
    func conversions() {
        #expect(isClose(CostTrend.growthFactor(oomPerYear: 0.38198), 2.410, abs: 5e-4))
        #expect(isClose(CostTrend.doublingTimeMonths(oomPerYear: 0.38198), 9.46, abs: 5e-3))
        // One OOM per year doubles every 12·log10 2 = 3.6124 months.
        #expect(isClose(CostTrend.doublingTimeMonths(oomPerYear: 1), 3.612359947967774, rel: 1e-14))
        #expect(CostTrend.growthFactor(oomPerYear: 0) == 1)
    }

    // MARK: Decimal years

    /// A cell and its decimal year `year + offset/days`.
    struct YearCase: Sendable, CustomStringConvertible {
        let text: String
        let year: Double
        let offset: Double
        let days: Double
        var expected: Double { year + offset / days }
        var description: String { "'\(text)'" }
    }

    static let yearCases: [YearCase] = [
        YearCase(text: "2023-01-01", year: 2023, offset: 0, days: 365),
        YearCase(text: "2023-03-15", year: 2023, offset: 73, days: 365),
        YearCase(text: "2023-12-31", year: 2023, offset: 364, days: 365),
        YearCase(text: "2024-02-29", year: 2024, offset: 59, days: 366),
        YearCase(text: "2024-03-01", year: 2024, offset: 60, days: 366),
        YearCase(text: "2024-12-31", year: 2024, offset: 365, days: 366),
        YearCase(text: "2000-03-01", year: 2000, offset: 60, days: 366),
        YearCase(text: "1900-03-01", year: 1900, offset: 59, days: 365),
        YearCase(text: " 2016-09-26 ", year: 2016, offset: 269, days: 366),
        YearCase(text: "2023", year: 2023, offset: 0, days: 1),
        YearCase(text: "2023.5", year: 2023.5, offset: 0, days: 1),
        YearCase(text: "+2023.25", year: 2023.25, offset: 0, days: 1),
        YearCase(text: "2023.", year: 2023, offset: 0, days: 1),
    ]

    @Test("decimal years: Y + (day of year − 1)/(days in Y)", arguments: yearCases)
    func decimalYears(_ c: YearCase) throws {
        let value = try #require(DecimalYear.parse(c.text))
        #expect(isClose(value, c.expected, rel: 1e-15), "\(c.text) → \(value)")
    }

    @Test("cells that are neither ISO dates nor decimal years", arguments: [
        "", "March 2023", "2023-3-15", "15/03/2023", "2023-02-30", "2023-13-01", "2023-00-10", "1e3", "nan", "inf",
        "2,023", "2k", "2023-03-15T00:00", "0x7e7", ".",
    ])
    func notDates(_ text: String) {
        #expect(DecimalYear.parse(text) == nil, "'\(text)' was read as \(DecimalYear.parse(text) ?? .nan)")
    }

    @Test("a bad date cell names file, line, column and what was expected")
    func dateErrors() throws {
        let table = try CSVTable.parse(
            "System,Publication date,cost\nA,2020-01-05,10\nB,March 2021,20\nC,2021-02-29,30\nD,,40\n", source: "costs.csv")
        #expect(throws: TrendError.notADate(source: "costs.csv", line: 3, column: "Publication date", text: "March 2021")) {
            try DecimalYear.column("Publication date", in: table)
        }
        #expect(TrendError.notADate(source: "costs.csv", line: 3, column: "Publication date", text: "March 2021").description
            == "costs.csv, line 3, column 'Publication date': expected a date (YYYY-MM-DD) or a decimal year, got 'March 2021'")
        let invalid = try CSVTable.parse("date\n2021-02-29\n", source: "d.csv")
        #expect(throws: TrendError.invalidDate(source: "d.csv", line: 2, column: "date", text: "2021-02-29", reason: "February 2021 has 28 days")) {
            try DecimalYear.column("date", in: invalid)
        }
        #expect(TrendError.invalidDate(source: "d.csv", line: 2, column: "date", text: "2021-02-29", reason: "February 2021 has 28 days").description
            == "d.csv, line 2, column 'date': '2021-02-29' is not a date: February 2021 has 28 days")
        let empty = try CSVTable.parse("date,x\n2021-01-01,1\n,2\n", source: "e.csv")
        #expect(throws: TrendError.emptyDate(source: "e.csv", line: 3, column: "date")) {
            try DecimalYear.column("date", in: empty)
        }
        #expect(throws: DataError.self) { try DecimalYear.column("when", in: empty) == [] }
        // The first bad row stops the read, through the cost-trend entry point too.
        #expect(throws: TrendError.notADate(source: "costs.csv", line: 3, column: "Publication date", text: "March 2021")) {
            try CostTrend.fit(table, costColumn: "cost")
        }
    }

    // MARK: The trend

    @Test("an exact exponential is recovered exactly, with R² = 1")
    func exactTrend() throws {
        let years = (0..<9).map { 2015 + 1.1 * Double($0) }
        let costs = years.map { 3e6 * pow(10, 0.3 * ($0 - 2020)) }
        let trend = try CostTrend.fit(years: years, costs: costs)
        #expect(isClose(trend.slope, 0.3, rel: 1e-12))
        #expect(isClose(trend.rSquared, 1, rel: 1e-12))
        #expect(isClose(trend.predict(at: 2020).cost, 3e6, rel: 1e-11))
        #expect(isClose(try #require(trend.year(whenCostReaches: 3e9)), 2030, rel: 1e-12))
        #expect(trend.slopeStandardError < 1e-12)
    }

    @Test("on the bundled data the OLS matches scipy.stats.linregress and t intervals by hand")
    func bundledTrend() throws {
        let table = try CSVTable.read(contentsOf: Self.bundledURL)
        let trend = try CostTrend.fit(table, dateColumn: "publication_date", costColumn: "cost")
        #expect(trend.count == 45)
        #expect(trend.degreesOfFreedom == 43)
        // scipy.stats.linregress of log10(cost) on the `year` column, t quantile from scipy.
        #expect(isClose(trend.slope, 0.4298598238222042, rel: 1e-12))
        #expect(isClose(trend.slopeStandardError, 0.042562880783433045, rel: 1e-10))
        #expect(isClose(trend.slopeInterval.lower, 0.34402359416959094, rel: 1e-10))
        #expect(isClose(trend.slopeInterval.upper, 0.5156960534748175, rel: 1e-10))
        #expect(isClose(trend.rSquared, 0.7034441985719904, rel: 1e-12))
        #expect(isClose(trend.residualStandardError, 0.6824688469452164, rel: 1e-12))
        #expect(isClose(trend.growthFactor, pow(10, 0.4298598238222042), rel: 1e-12))
        let doubling = try #require(trend.doublingTimeInterval)
        #expect(isClose(doubling.lower, 12 * log10(2.0) / 0.5156960534748175, rel: 1e-10))
        #expect(isClose(doubling.upper, 12 * log10(2.0) / 0.34402359416959094, rel: 1e-10))
        // Mean-line and new-run intervals at three dates (numpy, from the textbook formulas).
        let expected: [(Double, [Double])] = [
            (2020, [131314.74740055663, 81873.29179595932, 210612.79578016198, 5330.59094719229, 3234831.3828046485]),
            (2025, [18518790.631830186, 6196314.679081065, 55346705.941735916, 647837.0621142221, 529370155.74001795]),
            (2030, [2611630553.7218566, 342459147.3647375, 19916577500.174664, 60542387.90102593, 112658492431.51451]),
        ]
        for (year, values) in expected {
            let p = trend.predict(at: year)
            let got = [p.cost, p.confidence.lower, p.confidence.upper, p.prediction.lower, p.prediction.upper]
            #expect(isClose(got, values, rel: 1e-9), "\(year): \(got)")
            #expect(p.prediction.lower < p.confidence.lower && p.confidence.upper < p.prediction.upper)
        }
        // The $1B crossing, and the prediction there.
        let crossing = try #require(trend.year(whenCostReaches: 1e9))
        #expect(isClose(crossing, 2029.030121640332, rel: 1e-10))
        #expect(isClose(trend.predict(at: crossing).cost, 1e9, rel: 1e-10))
    }

    @Test("the exponential-trend law fitted on log residuals agrees with the OLS trend")
    func lawAgreesWithOLS() throws {
        let table = try CSVTable.read(contentsOf: Self.bundledURL)
        let trend = try CostTrend.fit(table, dateColumn: "publication_date", costColumn: "cost")
        let data = try ColumnRoleResolver().resolve(["year", "cost"], in: table).dataset(from: table)
        try Self.expectAgreement(trend, data)
    }

    static func expectAgreement(_ trend: CostTrend, _ data: Dataset, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let law = ExponentialTrendLaw()
        let fit = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: law.defaultObjective))
        #expect(fit.statistics.converged, sourceLocation: sourceLocation)
        let g = try #require(fit.parameters.first { $0.name == "g" })
        let a = try #require(fit.parameters.first { $0.name == "A" })
        #expect(isClose(g.value, trend.slope, rel: 1e-9), "g \(g.value) vs \(trend.slope)", sourceLocation: sourceLocation)
        #expect(isClose(a.value, trend.predict(at: 2020).cost, rel: 1e-9), sourceLocation: sourceLocation)
        // Same residuals up to ln 10, same dof: the same standard error and t interval.
        #expect(isClose(try #require(g.standardError), trend.slopeStandardError, rel: 1e-6), sourceLocation: sourceLocation)
        #expect(isClose(try #require(g.lower), trend.slopeInterval.lower, rel: 1e-6), sourceLocation: sourceLocation)
        #expect(isClose(try #require(g.upper), trend.slopeInterval.upper, rel: 1e-6), sourceLocation: sourceLocation)
        #expect(isClose(try #require(fit.statistics.rSquared), trend.rSquared, rel: 1e-6), sourceLocation: sourceLocation)
    }

    @Test("errors: too few runs, one date only, a non-positive cost, a bad level")
    func fitErrors() throws {
        #expect(throws: TrendError.tooFewPoints(source: "<input>", count: 2, needed: 3)) {
            try CostTrend.fit(years: [2020, 2021], costs: [1, 2])
        }
        #expect(throws: TrendError.noSpreadInDates(source: "<input>")) {
            try CostTrend.fit(years: [2020, 2020, 2020], costs: [1, 2, 3])
        }
        #expect(throws: DataError.notPositive(source: "<input>", line: 3, column: "cost", value: 0, reason: "for a log-linear cost trend")) {
            try CostTrend.fit(years: [2020, 2021, 2022], costs: [1, 0, 3])
        }
        #expect(throws: DataError.columnLengthMismatch(source: "<input>", column: "year", expected: 3, got: 2)) {
            try CostTrend.fit(years: [2020, 2021], costs: [1, 2, 3])
        }
        #expect(throws: TrendError.invalidConfidenceLevel(1)) {
            try CostTrend.fit(years: [2020, 2021, 2022], costs: [1, 2, 3], confidenceLevel: 1)
        }
        let table = try CSVTable.parse("Publication date,cost\n2020-01-01,5\n2021-01-01,abc\n2022-01-01,7\n", source: "c.csv")
        #expect(throws: DataError.notANumber(source: "c.csv", line: 3, column: "cost", text: "abc")) {
            try CostTrend.fit(table, costColumn: "cost")
        }
        // A falling trend has a negative "doubling" (halving) time; a flat one none.
        let falling = try CostTrend.fit(years: [2020, 2021, 2022, 2023], costs: [1000, 110, 9, 1.1])
        #expect(falling.doublingTimeMonths < 0)
        let flat = try CostTrend.fit(years: [2020, 2021, 2022, 2023], costs: [5, 50, 5, 50])
        #expect(flat.doublingTimeInterval == nil)
    }

    // MARK: The real frontier set (Cottier et al. 2024)

    @Test("Cottier et al.'s 45 frontier runs: 0.389 OOM/yr (0.293–0.485), 2.45×/yr (1.96–3.05), R² 0.608",
          .enabled(if: RepositoryPaths.hasSharedData))
    func cottierFrontier() throws {
        let url = try #require(RepositoryPaths.sharedDataset("epoch_training_costs/cottier2024_frontier_costs_45.csv"))
        let table = try CSVTable.read(contentsOf: url)
        let trend = try CostTrend.fit(table, dateColumn: "Publication date", costColumn: "cost_hw_capex_energy_2023usd")
        #expect(trend.count == 45)
        #expect(isClose(trend.slope, 0.389, abs: 5e-4))
        #expect(isClose(trend.slopeInterval.lower, 0.293, abs: 5e-4))
        #expect(isClose(trend.slopeInterval.upper, 0.485, abs: 5e-4))
        #expect(isClose(trend.growthFactor, 2.45, abs: 5e-3))
        #expect(isClose(trend.growthFactorInterval.lower, 1.96, abs: 5e-3))
        #expect(isClose(trend.growthFactorInterval.upper, 3.05, abs: 5e-3))
        #expect(isClose(trend.rSquared, 0.608, abs: 5e-4))
        // scipy.stats.linregress on the same decimal years: 0.38887775919434037, R² 0.6076436844541485.
        #expect(isClose(trend.slope, 0.38887775919434037, rel: 1e-11))
        #expect(isClose(trend.rSquared, 0.6076436844541485, rel: 1e-11))
        #expect(isClose(trend.doublingTimeMonths, 9.28919142985112, rel: 1e-10))

        // The law, fitted by the generic engine on the same decimal years, agrees.
        let years = try DecimalYear.column("Publication date", in: table)
        let costs = try Dataset(table: table, columns: ["cost_hw_capex_energy_2023usd"]).column("cost_hw_capex_energy_2023usd")
        let data = try Dataset(source: url.lastPathComponent, columns: ["year": years, "cost": costs], rowLines: table.lineNumbers)
        try Self.expectAgreement(trend, data)
    }
}
