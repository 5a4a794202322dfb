import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// The broken neural scaling law of Caballero et al. 2022 (laws.md §10).
@Suite("Broken neural scaling law")
struct BrokenPowerLawTests {
    /// laws.md §10: (a, b, c0, c1, d1, f1) = (0.1, 10, 0.2, 0.5, 1e4, 0.3).
    static let vectorParameters = [0.1, 10, 0.2, 0.5, 1e4, 0.3]

    struct Vector: Sendable, CustomStringConvertible {
        let x: Double
        let printed: Double
        let decimals: Int
        /// The product form in Python, double precision.
        let independent: Double
        var description: String { "y(\(x)) = \(printed)" }
    }

    @Test("y(1e2) = 4.08107, y(1e4) = 1.52839, y(1e6) = 0.163096", arguments: [
        Vector(x: 1e2, printed: 4.08107, decimals: 5, independent: 4.0810715768806025),
        Vector(x: 1e4, printed: 1.52839, decimals: 5, independent: 1.528385722894334),
        Vector(x: 1e6, printed: 0.163096, decimals: 6, independent: 0.163095732408985),
    ])
    func testVector(_ v: Vector) {
        let value = BrokenPowerLaw(breaks: 1).evaluate([v.x], Self.vectorParameters)
        #expect(Swift.abs(value - v.printed) <= 0.5 * pow(10, -Double(v.decimals)), "\(v): \(value)")
        #expect(isClose(value, v.independent, rel: 1e-12), "\(v): \(value)")
    }

    @Test("names, parameter order and formula")
    func catalog() {
        let one = BrokenPowerLaw(breaks: 1)
        let two = BrokenPowerLaw(breaks: 2)
        #expect(one.name == "bnsl")
        #expect(two.name == "bnsl-2")
        #expect(one.parameters.map(\.name) == ["a", "b", "c0", "c1", "d1", "f1"])
        #expect(two.parameters.map(\.name) == ["a", "b", "c0", "c1", "d1", "f1", "c2", "d2", "f2"])
        #expect(one.parameters.filter(\.isLinear).map(\.name) == ["a", "b"])
        #expect(two.formula.contains("(x/d2)"))
    }

    @Test("a second break with c2 = 0 leaves the law unchanged")
    func zeroBreak() {
        let two = BrokenPowerLaw(breaks: 2)
        for x in [1.0, 1e2, 1e4, 1e6, 1e9] {
            let expected = BrokenPowerLaw(breaks: 1).evaluate([x], Self.vectorParameters)
            #expect(isClose(two.evaluate([x], Self.vectorParameters + [0, 1e6, 0.5]), expected, rel: 1e-14))
        }
    }

    @Test("sharp breaks at extreme x stay finite and match the asymptotic power law")
    func extremes() {
        // f = 0.01: (x/d)^(1/f) = 1e2600 at x = 1e30 overflows the product form. (a = 0, so
        // the power term is not lost to rounding beside a.)
        let p = [0, 10, 0.2, 0.5, 1e4, 0.01]
        let value = BrokenPowerLaw(breaks: 1).evaluate([1e30], p)
        // Far past the break: y − a = b·x^(−c0)·(x/d)^(−c1) = 10·1e30^(−0.2)·(1e26)^(−0.5).
        let asymptote = 10 * pow(1e30, -0.2) * pow(1e26, -0.5)
        #expect(isClose(value, asymptote, rel: 1e-12), "\(value)")
        var g = [Double](repeating: 0, count: 6)
        BrokenPowerLaw(breaks: 1).gradient([1e30], p, into: &g)
        #expect(g.allSatisfy { $0.isFinite })
        // Far before the break, y − a = b·x^(−c0).
        #expect(isClose(BrokenPowerLaw(breaks: 1).evaluate([1e-10], p), 10 * pow(1e-10, -0.2), rel: 1e-12))
    }

    @Test("the grid guess lands near the truth on noiseless data", arguments: [LawConformanceCase.bnsl, .bnsl2])
    func guess(_ c: LawConformanceCase) {
        let y = c.law.evaluate(inputs: c.design, parameters: c.truth)
        let guess = c.law.initialGuess(inputs: c.design, response: y)
        let fitted = c.law.evaluate(inputs: c.design, parameters: guess)
        var worst = 0.0
        for i in y.indices { worst = Swift.max(worst, Swift.abs(log(fitted[i] / y[i]))) }
        #expect(worst < 0.3, "\(c.law.name): worst log residual of the guess \(worst), guess \(guess)")
    }

    @Test("fits recover the truth from noiseless data", arguments: [LawConformanceCase.bnsl, .bnsl2])
    func noiselessRecovery(_ c: LawConformanceCase) throws {
        let columns: [String: [Double]] = ["x": c.design[0], "y": c.law.evaluate(inputs: c.design, parameters: c.truth)]
        let fit = try LawFitter.fit(c.law, to: Dataset(source: "noiseless-\(c.law.name)", columns: columns), options: c.fitOptions)
        #expect(isClose(fit.values, c.truth, rel: 1e-5), "\(c.law.name): \(fit.values)")
    }
}

extension LawConformanceCase {
    /// bnsl: the laws.md test vector (a break at 1e4 from slope 0.2 to 0.7) on 40 points
    /// log-spaced over 10–1e8, 1% log-normal noise, least squares on log residuals.
    static let bnsl = LawConformanceCase(
        law: BrokenPowerLaw(breaks: 1),
        truth: [0.1, 10, 0.2, 0.5, 1e4, 0.3],
        design: [logSpaced(10, 1e8, count: 40)],
        noise: .multiplicative(0.01),
        objective: .logLeastSquares)

    /// bnsl-2: a slow start (slope 0.1), a steep middle after a break at 1e3 (slope 0.7) and a
    /// slower tail after a break at 1e6 (slope 0.3), floor 0.05, on 60 points log-spaced over
    /// 1–1e9, 1% log-normal noise, least squares on log residuals.
    static let bnsl2 = LawConformanceCase(
        law: BrokenPowerLaw(breaks: 2),
        truth: [0.05, 5, 0.1, 0.6, 1e3, 0.3, -0.4, 1e6, 0.3],
        design: [logSpaced(1, 1e9, count: 60)],
        noise: .multiplicative(0.01),
        objective: .logLeastSquares)
}
