import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Confidence intervals of the mean curve (CI) and prediction intervals of a new run (PI)
/// against the textbook OLS intervals of a straight line in log–log space (a power law fitted by
/// least squares on log residuals is exactly that line):
/// ```
/// CI = ŷ ± t·s·√(1/n + (x₀ − x̄)²/Sxx),   PI = ŷ ± t·s·√(1 + 1/n + (x₀ − x̄)²/Sxx)
/// ```
/// with `s² = RSS/(n − 2)`, `t` the Student quantile with `n − 2` degrees of freedom.
@Suite("Prediction intervals")
struct PredictionIntervalTests {
    static let rows = 200

    /// OLS of log y on log x, and the CI and PI half-widths at `x0` (log space).
    static func ols(_ data: Dataset, at x0: Double) throws -> (fit: Double, ci: Double, pi: Double) {
        let line = try BootstrapTestData.logLogLine(data)
        let s = line.s2.squareRoot()
        let t = Distributions.studentTQuantile(0.975, degreesOfFreedom: line.n - 2)
        let lever = 1 / line.n + (log(x0) - line.meanLogX) * (log(x0) - line.meanLogX) / line.sxx
        return (line.intercept + line.slope * log(x0), t * s * lever.squareRoot(), t * s * (1 + lever).squareRoot())
    }

    @Test("delta-method CI and PI equal the OLS intervals of the log–log line", arguments: [3.0, 100.0, 1e5])
    func deltaMatchesOLS(x0: Double) throws {
        let data = try BootstrapTestData.powerLaw(rows: Self.rows)
        let fit = try LawFitter.fit(PowerLaw(), to: data, options: BootstrapTestData.fitOptions)
        let p = try fit.predict([x0])
        let ols = try Self.ols(data, at: x0)
        #expect(isClose(log(p.value), ols.fit, rel: 1e-9))
        let lower = try #require(p.lower), upper = try #require(p.upper)
        let pLower = try #require(p.predictionLower), pUpper = try #require(p.predictionUpper)
        #expect(isClose(log(upper / p.value), ols.ci, rel: 1e-6))
        #expect(isClose(log(p.value / lower), ols.ci, rel: 1e-6))
        #expect(isClose(log(pUpper / p.value), ols.pi, rel: 1e-6))
        #expect(isClose(log(p.value / pLower), ols.pi, rel: 1e-6))
    }

    @Test("bootstrap CI and PI from the draws agree with the OLS intervals within 10%", arguments: [3.0, 1e5])
    func bootstrapMatchesOLS(x0: Double) throws {
        let data = try BootstrapTestData.powerLaw(rows: Self.rows)
        let result = try LawBootstrap.run(
            law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 4000, seed: 17),
            fitOptions: BootstrapTestData.fitOptions)
        let fit = result.fit.withBootstrap(LawFit.BootstrapSummary(result))
        let boot = try #require(try fit.bootstrapPrediction([x0]))
        let ols = try Self.ols(data, at: x0)
        let ci = log(boot.confidence.upper / boot.confidence.lower) / 2
        let pi = log(boot.prediction.upper / boot.prediction.lower) / 2
        print("BOOT prediction at x = \(x0): CI half-width (log) \(ci) vs OLS \(ols.ci); PI \(pi) vs OLS \(ols.pi)")
        #expect(boot.draws == 4000)
        #expect(isClose(ci, ols.ci, rel: 0.10))
        #expect(isClose(pi, ols.pi, rel: 0.10))
        #expect(boot.confidence.lower < boot.value && boot.value < boot.confidence.upper)
        #expect(boot.prediction.lower < boot.confidence.lower && boot.confidence.upper < boot.prediction.upper)
        // Same artifact, same intervals (the residual for draw j comes from the seeded stream j).
        #expect(try fit.bootstrapPrediction([x0]) == boot)
    }

    @Test("a fit without a bootstrap has no bootstrap prediction")
    func noBootstrap() throws {
        let data = try BootstrapTestData.powerLaw(rows: 30)
        let fit = try LawFitter.fit(PowerLaw(), to: data, options: BootstrapTestData.fitOptions)
        #expect(try fit.bootstrapPrediction([10]) == nil)
    }
}
