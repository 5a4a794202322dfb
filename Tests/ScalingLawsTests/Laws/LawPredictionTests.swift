import Foundation
import ScalingLaws
import Testing
import TestSupport

/// Predictions of a fitted law carry the delta-method interval of the mean curve.
@Suite("Law predictions")
struct LawPredictionTests {
    static func fit() throws -> LawFit {
        let c = LawConformanceCase.chinchilla
        return try LawFitter.fit(c.law, to: c.dataset(seed: 3), options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
    }

    @Test("the standard error is √(gᵀCg) with g by central differences in the fitted parameters")
    func deltaMethod() throws {
        let fit = try Self.fit()
        let law = ChinchillaLaw()
        let x = [7e10, 1.4e12]
        let prediction = try fit.predict(x)
        // Independent gradient: central differences of the law in the fitted parameterization
        // (log E, log A, log B, α, β).
        let fitted = fit.fittedValues
        func value(_ theta: [Double]) -> Double {
            law.evaluate(x, [exp(theta[0]), exp(theta[1]), exp(theta[2]), theta[3], theta[4]])
        }
        var g: [Double] = []
        for name in fit.covarianceNames {
            guard let k = fit.fittedNames.firstIndex(of: name) else { continue }
            let h = 1e-6 * max(abs(fitted[k]), 1e-2)
            var plus = fitted, minus = fitted
            plus[k] += h
            minus[k] -= h
            g.append((value(plus) - value(minus)) / (2 * h))
        }
        let covariance = try #require(fit.covariance)
        var variance = 0.0
        for a in g.indices { for b in g.indices { variance += g[a] * covariance[a][b] * g[b] } }
        let se = try #require(prediction.standardError)
        #expect(isClose(se, variance.squareRoot(), rel: 1e-5))
        #expect(isClose(prediction.value, law.evaluate(x, fit.values), rel: 1e-14))
        // The interval is taken in log space, so it is asymmetric but brackets the value.
        let lower = try #require(prediction.lower), upper = try #require(prediction.upper)
        #expect(lower < prediction.value && prediction.value < upper)
        #expect(isClose(log(upper) - log(prediction.value), log(prediction.value) - log(lower), rel: 1e-12))
    }

    @Test("predicting with the wrong number of inputs is an error")
    func wrongInputs() throws {
        let fit = try Self.fit()
        #expect(throws: LawFitError.invalidOption("law 'chinchilla' takes 2 inputs (N, D), got 1")) {
            try fit.predict([1e9])
        }
    }
}
