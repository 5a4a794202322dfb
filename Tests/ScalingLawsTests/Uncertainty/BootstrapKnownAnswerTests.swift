import Foundation
import NonlinearFit
@testable import ScalingLaws
import Testing
import TestSupport

/// Bootstrap standard errors and intervals against closed forms: the OLS slope of a power law
/// in log–log space (homoscedastic normal noise, 200 rows, 2,000 resamples).
@Suite("Bootstrap known answers")
struct BootstrapKnownAnswerTests {
    static let rows = 200

    @Test("row bootstrap SE and percentile interval of the exponent match OLS theory")
    func rowsMatchOLS() throws {
        let data = try BootstrapTestData.powerLaw(rows: Self.rows)
        let ols = try BootstrapTestData.olsExponent(data)
        let result = try LawBootstrap.run(
            law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 2000, seed: 1),
            fitOptions: BootstrapTestData.fitOptions)
        let alpha = try #require(result.parameter("alpha"))
        let z = Distributions.normalQuantile(0.975)
        print("BOOT rows: alpha \(alpha.estimate) SE \(alpha.standardError) (OLS \(ols.standardError)) percentile \(alpha.percentile) vs ±z·SE (\(ols.alpha - z * ols.standardError), \(ols.alpha + z * ols.standardError))")
        #expect(result.nonConverged == 0)
        #expect(result.draws.count == 2000)
        #expect(isClose(alpha.estimate, ols.alpha, rel: 1e-8))
        #expect(isClose(alpha.standardError, ols.standardError, rel: 0.10))
        let width = 2 * z * ols.standardError
        #expect(abs(alpha.percentile.lower - (ols.alpha - z * ols.standardError)) <= 0.10 * width)
        #expect(abs(alpha.percentile.upper - (ols.alpha + z * ols.standardError)) <= 0.10 * width)
        #expect(alpha.interval == alpha.percentile)
        #expect(alpha.bca == nil)
    }

    @Test("residual bootstrap SE matches the OLS SE scaled by √((n − 2)/n)")
    func residualsMatchOLS() throws {
        let data = try BootstrapTestData.powerLaw(rows: Self.rows)
        let ols = try BootstrapTestData.olsExponent(data)
        let result = try LawBootstrap.run(
            law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 2000, seed: 2, kind: .residuals),
            fitOptions: BootstrapTestData.fitOptions)
        let alpha = try #require(result.parameter("alpha"))
        let expected = ols.standardError * (Double(Self.rows - 2) / Double(Self.rows)).squareRoot()
        print("BOOT residuals: alpha SE \(alpha.standardError) (expected \(expected))")
        #expect(result.nonConverged == 0)
        #expect(isClose(alpha.standardError, expected, rel: 0.10))
        // The design is fixed: the mean of the draws sits on the estimate (unbiased OLS).
        #expect(abs(alpha.mean - alpha.estimate) <= 0.1 * alpha.standardError)
    }

    @Test("BCa with a row jackknife: near the percentile interval for a symmetric case")
    func bcaSymmetric() throws {
        let data = try BootstrapTestData.powerLaw(rows: Self.rows)
        let result = try LawBootstrap.run(
            law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 2000, seed: 1, intervalMethod: .bca),
            fitOptions: BootstrapTestData.fitOptions)
        let alpha = try #require(result.parameter("alpha"))
        let bca = try #require(alpha.bca)
        print("BOOT bca: \(bca) percentile \(alpha.percentile)")
        #expect(result.intervalMethod == .bca)
        #expect(result.jackknife?.count == Self.rows)
        #expect(alpha.interval == bca)
        #expect(abs(bca.lower - alpha.percentile.lower) <= 0.10 * alpha.percentile.width)
        #expect(abs(bca.upper - alpha.percentile.upper) <= 0.10 * alpha.percentile.width)
        // Same seed: the draws and percentile intervals do not depend on the interval method.
        let plain = try LawBootstrap.run(
            law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 2000, seed: 1),
            fitOptions: BootstrapTestData.fitOptions)
        #expect(plain.draws == result.draws)
    }

    @Test("BCa falls back to percentile, with a note, for a residual bootstrap")
    func bcaResidualFallback() throws {
        let data = try BootstrapTestData.powerLaw(rows: 50)
        let result = try LawBootstrap.run(
            law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 100, kind: .residuals, intervalMethod: .bca),
            fitOptions: BootstrapTestData.fitOptions)
        #expect(result.intervalMethod == .percentile)
        #expect(result.jackknife == nil)
        #expect(result.parameters.allSatisfy { $0.bca == nil && $0.interval == $0.percentile })
        #expect(result.notes.contains { $0.contains("BCa") })
    }

    @Test("derived quantities propagate through the draws")
    func quantity() throws {
        let data = try BootstrapTestData.powerLaw(rows: 100)
        let result = try LawBootstrap.run(
            law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 500, seed: 5),
            fitOptions: BootstrapTestData.fitOptions)
        // A linear function of one parameter: SE scales, interval maps endpoint to endpoint.
        let alpha = try #require(result.parameter("alpha"))
        let doubled = result.quantity { 2 * $0[1] + 1 }
        #expect(isClose(doubled.estimate, 2 * alpha.estimate + 1, rel: 1e-14))
        #expect(isClose(doubled.standardError, 2 * alpha.standardError, rel: 1e-9))
        #expect(isClose(doubled.percentile.lower, 2 * alpha.percentile.lower + 1, rel: 1e-12))
        #expect(isClose(doubled.percentile.upper, 2 * alpha.percentile.upper + 1, rel: 1e-12))
        // A narrower level gives a narrower band inside the wider one.
        let band = result.quantity({ $0[1] }, confidenceLevel: 0.8)
        #expect(band.percentile.lower > alpha.percentile.lower && band.percentile.upper < alpha.percentile.upper)
        #expect(band.confidenceLevel == 0.8)
        // The bootstrap covariance's diagonal is the squared SE.
        #expect(isClose(result.covariance[1][1], alpha.standardError * alpha.standardError, rel: 1e-9))
    }

    @Test("quantiles, acceleration and BCa reduce to known values")
    func statistics() {
        #expect(BootstrapStatistics.quantile(sorted: [1, 2, 3, 4], 0.5) == 2.5)
        #expect(BootstrapStatistics.quantile(sorted: [1, 2, 3, 4], 0.25) == 1.75)
        #expect(BootstrapStatistics.quantile(sorted: [1, 2, 3, 4], 1) == 4)
        #expect(BootstrapStatistics.acceleration(jackknife: [-1, 0, 1]) == 0)
        // One far-low jackknife value (θ̄ − θ₍ᵢ₎ large positive) gives a positive acceleration.
        #expect(BootstrapStatistics.acceleration(jackknife: [-10, 0, 0, 0, 0]) > 0)
        // z0 = 0 and a = 0: BCa is the percentile interval.
        let sorted = (0...100).map(Double.init)
        let bca = BootstrapStatistics.bca(sorted: sorted, estimate: 50, jackknife: [-1, 0, 1], level: 0.9)
        let pct = BootstrapStatistics.percentile(sorted: sorted, level: 0.9)
        #expect(isClose(bca.lower, pct.lower, rel: 1e-9) && isClose(bca.upper, pct.upper, rel: 1e-9))
        // An estimate above most draws shifts the interval up.
        let shifted = BootstrapStatistics.bca(sorted: sorted, estimate: 70, jackknife: [-1, 0, 1], level: 0.9)
        #expect(shifted.lower > pct.lower && shifted.upper > pct.upper)
    }
}
