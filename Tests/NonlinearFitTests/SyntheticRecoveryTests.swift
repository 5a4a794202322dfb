import Foundation
import LinearAlgebra
import NonlinearFit
import Testing
import TestSupport

/// Recovery of known parameters from simulated data, and the covariance against scipy.
@Suite("Synthetic recovery")
struct SyntheticRecoveryTests {
    static let truth = [5.0, 0.4, 1.0]
    static let sigma = 0.1

    /// Data `y = 5·exp(−0.4·x) + 1 + σ·N(0,1)` on the 50 points of ``Fixtures/decayX``, with the
    /// noise drawn from `SeededGenerator(seed:)`.
    static func simulated(seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        return Fixtures.decayX.map { x in truth[0] * exp(-truth[1] * x) + truth[2] + sigma * rng.nextNormal() }
    }

    /// Over 40 seeds, the truth lies within 3 reported standard errors for at least 95% of the
    /// 120 (seed, parameter) pairs. To make sure the standard errors are not simply inflated
    /// (which would pass the 3-SE test trivially), the 1-SE coverage must also be near the
    /// nominal 68% (between 50% and 85%), and the spread of the estimates over the seeds must
    /// agree with the mean reported standard error (ratio within [0.7, 1.4]).
    @Test func trueValuesLieWithinThreeStandardErrors() throws {
        var within3 = 0
        var within1 = 0
        var pairs = 0
        var estimates: [[Double]] = [[], [], []]
        var reported: [[Double]] = [[], [], []]
        for seed in UInt64(1)...40 {
            let problem = Fixtures.decayProblem(y: Self.simulated(seed: seed))
            let result = try NonlinearLeastSquares.fit(problem)
            #expect(result.converged, "seed \(seed): \(result.termination)")
            for j in 0..<3 {
                let p = result.parameters[j]
                let se = try #require(p.standardError, "seed \(seed) parameter \(p.name) has no standard error")
                #expect(se.isFinite && se > 0)
                let z = Swift.abs(p.value - Self.truth[j]) / se
                if z <= 3 { within3 += 1 }
                if z <= 1 { within1 += 1 }
                pairs += 1
                estimates[j].append(p.value)
                reported[j].append(se)
            }
        }
        #expect(pairs == 120)
        #expect(Double(within3) >= 0.95 * Double(pairs), "\(within3) of \(pairs) pairs within 3 SE")
        let oneSE = Double(within1) / Double(pairs)
        #expect(oneSE >= 0.50 && oneSE <= 0.85, "\(within1) of \(pairs) pairs within 1 SE")
        for j in 0..<3 {
            let n = Double(estimates[j].count)
            let mean = estimates[j].reduce(0, +) / n
            var ss = 0.0
            for v in estimates[j] { ss += (v - mean) * (v - mean) }
            let sd = (ss / (n - 1)).squareRoot()
            let meanSE = reported[j].reduce(0, +) / n
            #expect(sd / meanSE > 0.7 && sd / meanSE < 1.4, "parameter \(j): sd of estimates \(sd), mean SE \(meanSE)")
        }
    }

    /// Values, standard errors and the full covariance on one fixed data set against
    /// `scipy.optimize.curve_fit` (χ²/dof-scaled `pcov`):
    /// ```python
    /// # x, y as in Fixtures.decayX / decayY
    /// f = lambda x, a, b, c: a * np.exp(-b * x) + c
    /// jac = lambda x, a, b, c: np.column_stack([np.exp(-b*x), -a*x*np.exp(-b*x), np.ones_like(x)])
    /// p, pcov = curve_fit(f, x, y, p0=[4, 0.3, 0.5], jac=jac, ftol=1e-15, xtol=1e-15, gtol=1e-15)
    /// ```
    @Test func covarianceMatchesScipyCurveFit() throws {
        let expectedValues = [4.965911533859423, 0.39588686600656575, 0.968956674415109]
        let expectedCovariance: [[Double]] = [
            [0.002165431246497773, 6.874204265595365e-05, -0.0003616389057424515],
            [6.874204265595365e-05, 9.389994452428038e-05, 0.0002505969032367959],
            [-0.0003616389057424515, 0.0002505969032367959, 0.0009575234004653839],
        ]
        let result = try NonlinearLeastSquares.fit(Fixtures.decayProblem())
        #expect(result.converged)
        #expect(result.freeParameterNames == ["a", "b", "c"])
        #expect(isClose(result.values, expectedValues, rel: 1e-8), "\(result.values)")
        let covariance = try #require(result.covariance)
        #expect(covariance.rows == 3 && covariance.columns == 3)
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(isClose(covariance[i, j], expectedCovariance[i][j], rel: 1e-6),
                        "cov[\(i),\(j)] = \(covariance[i, j]), scipy \(expectedCovariance[i][j])")
            }
            let se = try #require(result.parameters[i].standardError)
            #expect(isClose(se, expectedCovariance[i][i].squareRoot(), rel: 1e-6))
        }
        // Correlation is the covariance normalised by the standard errors.
        let correlation = try #require(result.correlation)
        for i in 0..<3 {
            for j in 0..<3 {
                let expected = expectedCovariance[i][j] / (expectedCovariance[i][i] * expectedCovariance[j][j]).squareRoot()
                #expect(isClose(correlation[i, j], expected, rel: 1e-6, abs: 1e-12))
            }
        }
    }
}
