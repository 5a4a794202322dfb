import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// The implicit M4 law of Alabdulmohsin et al. 2022 (laws.md §10).
@Suite("M4 law")
struct M4LawTests {
    /// laws.md §10: (β, c, α, ε_∞, ε_0) = (50, −0.3, 0.8, 0.1, 1).
    static let vectorParameters = [50, -0.3, 0.8, 0.1, 1.0]

    struct Vector: Sendable, CustomStringConvertible {
        let x: Double
        let printed: Double
        /// Root of the equation by scipy's brentq at xtol 1e-16.
        let independent: Double
        var description: String { "ε(\(x)) = \(printed)" }
    }

    @Test("ε(1e6) = 0.531819, ε(1e8) = 0.256957", arguments: [
        Vector(x: 1e6, printed: 0.531819, independent: 0.5318185908830257),
        Vector(x: 1e8, printed: 0.256957, independent: 0.25695714618736204),
    ])
    func testVector(_ v: Vector) {
        let value = M4Law().evaluate([v.x], Self.vectorParameters)
        #expect(Swift.abs(value - v.printed) <= 0.5e-6, "\(v): \(value)")
        #expect(isClose(value, v.independent, rel: 1e-13), "\(v): \(value)")
    }

    /// The residual of the defining equation in log form,
    /// `log(ε − ε_∞) − α log(ε_0 − ε) − log β − c log x`.
    static func logResidual(_ x: Double, _ p: [Double], _ e: Double) -> Double {
        log(e - p[3]) - p[2] * log(p[4] - e) - log(p[0]) - p[1] * log(x)
    }

    /// Over x where ε − ε_∞ and ε_0 − ε stay above 1e-13 (beyond that ε rounds to an end).
    @Test("solves the equation to full precision from the ε_0 end to the ε_∞ end",
          arguments: [1e-6, 1e-2, 1.0, 1e2, 1e4, 1e6, 1e8, 1e10, 1e14, 1e20])
    func solvesEquation(_ x: Double) {
        for p in [Self.vectorParameters, [0.3, -0.6, 2.5, 0.02, 0.9], [5, -0.1, 0.3, 0.0, 0.5]] {
            let e = M4Law().evaluate([x], p)
            #expect(e > p[3] && e < p[4], "ε(\(x)) = \(e) outside (ε_∞, ε_0) for \(p)")
            // Near either end, ε − ε_∞ or ε_0 − ε is tiny and ε itself carries the error of
            // one rounding; compare the equation's residual with that.
            let u = e - p[3], v = p[4] - e
            let tolerance = 8 * Double.ulpOfOne * Swift.abs(e) * (1 / u + p[2] / v) + 1e-13
            #expect(Swift.abs(Self.logResidual(x, p, e)) <= tolerance, "x = \(x), p = \(p): residual \(Self.logResidual(x, p, e))")
        }
    }

    @Test("monotone in x for c < 0, limits ε_0 and ε_∞")
    func monotone() {
        let law = M4Law()
        var previous = Double.infinity
        for k in -4...24 {
            let e = law.evaluate([pow(10, Double(k))], Self.vectorParameters)
            #expect(e < previous)
            previous = e
        }
        #expect(isClose(law.evaluate([1e-40], Self.vectorParameters), 1.0, rel: 1e-9))
        #expect(isClose(law.evaluate([1e60], Self.vectorParameters), 0.1, rel: 1e-9))
    }

    @Test("outside the domain (ε_0 ≤ ε_∞, β ≤ 0) the law is NaN")
    func domain() {
        #expect(M4Law().evaluate([1e6], [50, -0.3, 0.8, 1.0, 0.1]).isNaN)
        #expect(M4Law().evaluate([1e6], [0, -0.3, 0.8, 0.1, 1.0]).isNaN)
    }

    @Test("the implicit-function gradient sums to one over (ε_∞, ε_0)")
    func shiftInvariance() {
        var g = [Double](repeating: 0, count: 5)
        for x in [1e2, 1e6, 1e10] {
            M4Law().gradient([x], Self.vectorParameters, into: &g)
            #expect(isClose(g[3] + g[4], 1, rel: 1e-14))
        }
    }

    @Test("fits recover the truth from noiseless data")
    func noiselessRecovery() throws {
        let c = LawConformanceCase.m4
        let columns: [String: [Double]] = ["x": c.design[0], "y": c.law.evaluate(inputs: c.design, parameters: c.truth)]
        let fit = try LawFitter.fit(c.law, to: Dataset(source: "noiseless-m4", columns: columns), options: c.fitOptions)
        #expect(isClose(fit.values, c.truth, rel: 1e-5), "\(fit.values)")
    }
}

extension LawConformanceCase {
    /// m4: the laws.md test-vector constants on 40 points log-spaced over 1e2–1e12 (the error
    /// falls from 0.96 to 0.11, covering both ends of the sigmoid), 1% log-normal noise, least
    /// squares on log residuals.
    static let m4 = LawConformanceCase(
        law: M4Law(),
        truth: [50, -0.3, 0.8, 0.1, 1.0],
        design: [logSpaced(1e2, 1e12, count: 40)],
        noise: .multiplicative(0.01),
        objective: .logLeastSquares)
}
