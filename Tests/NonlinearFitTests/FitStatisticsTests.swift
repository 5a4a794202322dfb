import Foundation
import LinearAlgebra
import NonlinearFit
import Testing
import TestSupport

/// Fit statistics of a straight line fitted by the nonlinear solver, against the closed-form
/// (weighted) ordinary least squares written out in the test.
@Suite("Fit statistics")
struct FitStatisticsTests {
    static let x: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    static let y: [Double] = [3.12, 4.95, 7.21, 8.83, 11.26, 12.71, 15.18, 16.94, 19.32, 20.77, 23.24, 24.88]

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let weights: [Double]?
        let absoluteSigma: Bool
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "unweighted", weights: nil, absoluteSigma: false),
        Case(label: "weighted", weights: [1, 4, 0.5, 2, 1, 3, 0.25, 1, 2, 1, 0.5, 4], absoluteSigma: false),
        Case(label: "weighted, absolute sigma", weights: [1, 4, 0.5, 2, 1, 3, 0.25, 1, 2, 1, 0.5, 4], absoluteSigma: true),
    ]

    /// Two-sided 95% Student t quantile for 10 degrees of freedom: scipy.stats.t.ppf(0.975, 10).
    static let t975dof10 = 2.228138851986274

    @Test("line statistics against closed-form OLS", arguments: cases)
    func lineStatistics(_ c: Case) throws {
        let x = Self.x
        let y = Self.y
        let n = x.count
        let w = c.weights ?? [Double](repeating: 1, count: n)
        let problem = LeastSquaresProblem.curve(
            x: x, y: y, weights: c.weights,
            parameters: [FitParameter("a", initialValue: 0), FitParameter("b", initialValue: 1)],
            value: { x, p in p[0] + p[1] * x },
            gradient: { x, _, g in
                g[0] = 1
                g[1] = x
            })
        let result = try NonlinearLeastSquares.fit(problem, options: FitOptions().with { $0.absoluteSigma = c.absoluteSigma })

        // Normal equations of the weighted line, written out.
        var sw = 0.0, swx = 0.0, swy = 0.0, swxx = 0.0, swxy = 0.0
        for i in 0..<n {
            sw += w[i]
            swx += w[i] * x[i]
            swy += w[i] * y[i]
            swxx += w[i] * x[i] * x[i]
            swxy += w[i] * x[i] * y[i]
        }
        let det = sw * swxx - swx * swx
        let b = (sw * swxy - swx * swy) / det
        let a = (swy - b * swx) / sw
        var chi2 = 0.0
        var tss = 0.0
        let mean = swy / sw
        for i in 0..<n {
            let r = a + b * x[i] - y[i]
            chi2 += w[i] * r * r
            tss += w[i] * (y[i] - mean) * (y[i] - mean)
        }
        let nn = Double(n)
        let dof = n - 2
        let s2 = c.absoluteSigma ? 1 : chi2 / Double(dof)
        let varA = s2 * swxx / det
        let varB = s2 * sw / det
        let covAB = -s2 * swx / det

        #expect(result.converged)
        #expect(result.observationCount == n)
        #expect(isClose(result["a"]!.value, a, rel: 1e-9), "a = \(result["a"]!.value) vs \(a)")
        #expect(isClose(result["b"]!.value, b, rel: 1e-9), "b = \(result["b"]!.value) vs \(b)")
        #expect(isClose(result.chiSquare, chi2, rel: 1e-9))
        #expect(isClose(result.objective, chi2 / 2, rel: 1e-9))
        #expect(result.degreesOfFreedom == dof)
        #expect(isClose(result.reducedChiSquare, chi2 / Double(dof), rel: 1e-9))
        #expect(isClose(result.rSquared, 1 - chi2 / tss, rel: 1e-9))
        #expect(isClose(result.aic, nn * log(chi2 / nn) + 2 * 2, rel: 1e-9))
        #expect(isClose(result.bic, nn * log(chi2 / nn) + 2 * log(nn), rel: 1e-9))
        let cov = try #require(result.covariance)
        #expect(isClose(cov[0, 0], varA, rel: 1e-9))
        #expect(isClose(cov[1, 1], varB, rel: 1e-9))
        #expect(isClose(cov[0, 1], covAB, rel: 1e-9))
        #expect(isClose(cov[1, 0], covAB, rel: 1e-9))
        let corr = try #require(result.correlation)
        #expect(isClose(corr[0, 1], covAB / (varA * varB).squareRoot(), rel: 1e-9))
        #expect(isClose(corr[0, 0], 1, rel: 1e-12))
        let seA = try #require(result["a"]?.standardError)
        let seB = try #require(result["b"]?.standardError)
        #expect(isClose(seA, varA.squareRoot(), rel: 1e-9))
        #expect(isClose(seB, varB.squareRoot(), rel: 1e-9))
        // 95% intervals: value ± t(0.975, 10)·SE
        let interval = try #require(result["b"]?.interval)
        #expect(result.confidenceLevel == 0.95)
        #expect(isClose(interval.lowerBound, b - Self.t975dof10 * varB.squareRoot(), rel: 1e-9))
        #expect(isClose(interval.upperBound, b + Self.t975dof10 * varB.squareRoot(), rel: 1e-9))
        // residuals √w(f − y) and predictions
        for i in 0..<n {
            let f = a + b * x[i]
            #expect(isClose(result.predictions[i], f, rel: 1e-9))
            #expect(isClose(result.residuals[i], w[i].squareRoot() * (f - y[i]), rel: 1e-6, abs: 1e-9))
        }
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        #expect(result.attempts.count >= 1)
        #expect(result.iterations >= 1 && result.functionEvaluations >= 1 && result.jacobianEvaluations >= 1)
    }

    /// A 90% level uses t(0.95, 10) = 1.8124611228116756 (scipy.stats.t.ppf(0.95, 10)).
    @Test func confidenceLevelSetsTheIntervalWidth() throws {
        let problem = LeastSquaresProblem.curve(
            x: Self.x, y: Self.y, parameters: [FitParameter("a", initialValue: 0), FitParameter("b", initialValue: 1)],
            value: { x, p in p[0] + p[1] * x })
        let result = try NonlinearLeastSquares.fit(problem, options: FitOptions().with { $0.confidenceLevel = 0.9 })
        let b = try #require(result["b"])
        let se = try #require(b.standardError)
        let interval = try #require(b.interval)
        #expect(result.confidenceLevel == 0.9)
        #expect(isClose(interval.upperBound - b.value, 1.8124611228116756 * se, rel: 1e-9))
        #expect(isClose(b.value - interval.lowerBound, 1.8124611228116756 * se, rel: 1e-9))
    }

    /// As many free parameters as observations: an exact fit, no standard errors, a warning.
    @Test func exactFitWithNoDegreesOfFreedom() throws {
        let problem = LeastSquaresProblem.curve(
            x: [1, 3], y: [2, 8], parameters: [FitParameter("a", initialValue: 0), FitParameter("b", initialValue: 1)],
            value: { x, p in p[0] + p[1] * x })
        let result = try NonlinearLeastSquares.fit(problem)
        #expect(result.degreesOfFreedom == 0)
        #expect(isClose(result["a"]!.value, -1, rel: 1e-9))
        #expect(isClose(result["b"]!.value, 3, rel: 1e-9))
        #expect(result.converged)
        #expect(result.covariance == nil)
        #expect(result["a"]?.standardError == nil)
        #expect(result.reducedChiSquare.isNaN)
        #expect(result.jacobianRank == 2)
        #expect(result.warnings.contains { $0.description.contains("no degrees of freedom") }, "\(result.warnings)")
        // the Jacobian [1 1; 1 3] has full rank: nothing may claim otherwise
        #expect(!result.warnings.contains { $0.description.contains("rank deficient") }, "\(result.warnings)")
    }
}

/// Distribution functions against scipy.stats.
@Suite("Distributions")
struct DistributionsTests {
    /// ```python
    /// stats.t.ppf(0.975, 10), stats.t.ppf(0.975, 8), stats.t.ppf(0.95, 3.5), stats.t.ppf(0.025, 47)
    /// ```
    @Test func studentT() {
        #expect(isClose(Distributions.studentTQuantile(0.975, degreesOfFreedom: 10), 2.228138851986274, rel: 1e-9))
        #expect(isClose(Distributions.studentTQuantile(0.975, degreesOfFreedom: 8), 2.306004135204166, rel: 1e-9))
        #expect(isClose(Distributions.studentTQuantile(0.95, degreesOfFreedom: 3.5), 2.2224334936496004, rel: 1e-9))
        #expect(isClose(Distributions.studentTQuantile(0.025, degreesOfFreedom: 47), -2.011740513729766, rel: 1e-9))
        #expect(isClose(Distributions.studentTQuantile(0.975, degreesOfFreedom: .infinity), 1.959963984540054, rel: 1e-12))
    }

    /// ```python
    /// stats.norm.ppf(0.975), stats.norm.ppf(0.001), stats.norm.cdf(1.0), stats.norm.cdf(-2.5)
    /// ```
    @Test func normal() {
        #expect(isClose(Distributions.normalQuantile(0.975), 1.959963984540054, rel: 1e-12))
        #expect(isClose(Distributions.normalQuantile(0.001), -3.090232306167813, rel: 1e-12))
        #expect(isClose(Distributions.normalCDF(1.0), 0.8413447460685429, rel: 1e-12))
        #expect(isClose(Distributions.normalCDF(-2.5), 0.006209665325776132, rel: 1e-12))
    }

    /// ```python
    /// stats.chi2.ppf(0.95, 3), stats.chi2.ppf(0.5, 10), stats.chi2.sf(5.0, 3), stats.chi2.sf(30.0, 20)
    /// stats.f.ppf(0.95, 2, 10), stats.f.ppf(0.99, 5, 30)
    /// ```
    @Test func chiSquareAndF() {
        #expect(isClose(Distributions.chiSquareQuantile(0.95, degreesOfFreedom: 3), 7.814727903251179, rel: 1e-9))
        #expect(isClose(Distributions.chiSquareQuantile(0.5, degreesOfFreedom: 10), 9.34181776559197, rel: 1e-9))
        #expect(isClose(Distributions.chiSquareSurvival(5.0, degreesOfFreedom: 3), 0.1717971442967335, rel: 1e-11))
        #expect(isClose(Distributions.chiSquareSurvival(30.0, degreesOfFreedom: 20), 0.06985366069940986, rel: 1e-11))
        #expect(isClose(Distributions.fQuantile(0.95, 2, 10), 4.1028210151304, rel: 1e-9))
        #expect(isClose(Distributions.fQuantile(0.99, 5, 30), 3.6990188114125706, rel: 1e-9))
    }
}

/// SplitMix64 against the reference outputs of Vigna's splitmix64.c.
@Suite("SeededGenerator")
struct SeededGeneratorTests {
    @Test func splitMix64ReferenceOutputs() {
        var g0 = SeededGenerator(seed: 0)
        #expect(g0.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g0.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g0.next() == 0x06C4_5D18_8009_454F)
        var g1 = SeededGenerator(seed: 1_234_567)
        #expect(g1.next() == 6_457_827_717_110_365_317)
        #expect(g1.next() == 0x2C73_F084_5854_0FA5)
        #expect(g1.next() == 0x883E_BCE5_A3F2_7C77)
    }

    @Test func uniformAndNormalDeviates() {
        // nextUniform is the top 53 bits of next() scaled by 2^-53.
        var a = SeededGenerator(seed: 0)
        #expect(a.nextUniform() == Double(UInt64(0xE220_A839_7B1D_CDAF) >> 11) * 0x1.0p-53)
        var g = SeededGenerator(seed: 99)
        var sum = 0.0
        var sumSquares = 0.0
        var minimum = 1.0
        var maximum = 0.0
        let count = 20000
        for _ in 0..<count {
            let u = g.nextUniform()
            minimum = Swift.min(minimum, u)
            maximum = Swift.max(maximum, u)
            let z = g.nextNormal()
            sum += z
            sumSquares += z * z
        }
        #expect(minimum >= 0 && maximum < 1)
        // mean within 4/√n of 0, variance within 5% of 1
        #expect(Swift.abs(sum / Double(count)) < 4 / Double(count).squareRoot())
        #expect(Swift.abs(sumSquares / Double(count) - 1) < 0.05)
    }
}
