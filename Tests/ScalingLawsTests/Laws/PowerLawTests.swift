import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// The one-variable power laws and the diffusion-transformer compute laws of Liang et al. 2024
/// (arXiv:2410.08184, Section 3), to the digits printed there and against an independent double-precision
/// computation (Python) to 12 digits.
@Suite("Power laws")
struct PowerLawTests {
    struct DiTVector: Sendable, CustomStringConvertible {
        let preset: String
        let budget: Double
        let printed: Double
        /// Significant digits printed.
        let digits: Int
        let independent: Double
        var description: String { "\(preset) at C = \(budget)" }
    }

    /// `|value − printed| ≤ half a unit in the last printed significant digit`.
    static func matchesSignificant(_ value: Double, _ printed: Double, digits: Int) -> Bool {
        let unit = pow(10, floor(log10(Swift.abs(printed))) - Double(digits - 1))
        return Swift.abs(value - printed) <= 0.5 * unit
    }

    @Test("power-law without options fits log-log least squares, the OLS line of log y on log x (not linear least squares)")
    func defaultObjectiveIsLogLog() throws {
        // y = 0.1·x^0.5 with fixed multiplicative scatter, over three decades.
        let noise = [0.08, -0.05, 0.12, -0.10, 0.03, -0.07, 0.10, -0.02, 0.06, -0.09]
        let x = (0..<10).map { 1e16 * pow(10, Double($0) / 3) }
        let y = zip(x, noise).map { 0.1 * $0.squareRoot() * exp($1) }
        let data = try Dataset(source: "scatter", columns: ["x": x, "y": y])
        // The OLS slope of log y on log x, written out.
        let lx = x.map { Foundation.log($0) }, ly = y.map { Foundation.log($0) }
        let mx = lx.reduce(0, +) / 10, my = ly.reduce(0, +) / 10
        var sxy = 0.0, sxx = 0.0
        for i in 0..<10 {
            sxy += (lx[i] - mx) * (ly[i] - my)
            sxx += (lx[i] - mx) * (lx[i] - mx)
        }
        let slope = sxy / sxx

        #expect(PowerLaw().defaultObjective == .logLeastSquares)
        let fit = try LawFitter.fit(PowerLaw(), to: data)
        #expect(fit.objective == .logLeastSquares)
        #expect(isClose(try #require(fit.value("alpha")), -slope, rel: 1e-9))
        // Linear least squares, the old default, weights the largest y most and lands elsewhere.
        let linear = try LawFitter.fit(PowerLaw(), to: data, options: LawFitOptions(objective: .leastSquares))
        #expect(Swift.abs(try #require(linear.value("alpha")) + slope) > 1e-3)
    }

    @Test("Liang et al. 2024 compute laws at C = 1e17 and 1.5e21 FLOP", arguments: [
        DiTVector(preset: "liang2024-n-opt", budget: 1e17, printed: 4.09e6, digits: 3, independent: 4092064.8665502234),
        DiTVector(preset: "liang2024-d-opt", budget: 1e17, printed: 4.11e9, digits: 3, independent: 4109615939.2451887),
        DiTVector(preset: "liang2024-loss", budget: 1e17, printed: 0.8224, digits: 4, independent: 0.822391410233638),
        DiTVector(preset: "liang2024-fid", budget: 1e17, printed: 237.4, digits: 4, independent: 237.38571644694835),
        DiTVector(preset: "liang2024-n-opt", budget: 1.5e21, printed: 9.65e8, digits: 3, independent: 964672623.2286823),
        DiTVector(preset: "liang2024-d-opt", budget: 1.5e21, printed: 2.61e11, digits: 3, independent: 261489980047.0471),
        DiTVector(preset: "liang2024-loss", budget: 1.5e21, printed: 0.6325, digits: 4, independent: 0.6325156480434136),
        DiTVector(preset: "liang2024-fid", budget: 1.5e21, printed: 25.02, digits: 4, independent: 25.017806502126565),
    ])
    func ditVectors(_ v: DiTVector) throws {
        let parameters = try #require(PowerLawParameters.preset(named: v.preset))
        let value = PowerLaw().evaluate([v.budget], parameters.vector)
        #expect(Self.matchesSignificant(value, v.printed, digits: v.digits), "\(v): \(value)")
        #expect(isClose(value, v.independent, rel: 1e-12), "\(v): \(value)")
        #expect(parameters(v.budget) == value)
    }

    @Test("sign convention: y = a·x^k is A = a, α = −k")
    func signConvention() {
        let nOpt = PowerLawParameters.ditOptimalParameters
        #expect(nOpt.a == 0.0009)
        #expect(nOpt.alpha == -0.5681)
        #expect(nOpt.exponent == 0.5681)
        #expect(PowerLawParameters.ditLoss.alpha == 0.0273)
        // Growing for α < 0, decaying for α > 0.
        #expect(nOpt(1e18) > nOpt(1e17))
        #expect(PowerLawParameters.ditLoss(1e18) < PowerLawParameters.ditLoss(1e17))
        // The law's bounds admit both signs.
        let alpha = PowerLaw().parameters[1]
        #expect(alpha.lowerBound < 0 && alpha.upperBound > 0)
    }

    @Test("power-law-floor: y = E + A·x^(−α), independent value")
    func floorValue() {
        // 1.69 + 406.4·1e9^(−0.34), computed in Python.
        let value = PowerLawFloor().evaluate([1e9], [1.69, 406.4, 0.34])
        #expect(isClose(value, 2.043959602958151, rel: 1e-12))
        #expect(isClose(PowerLawFloor().evaluate([1e300], [1.69, 406.4, 0.34]), 1.69, rel: 1e-12))
    }

    @Test("log-log guess is exact for a noiseless growing law (N_opt of Liang et al.)")
    func guessWithNegativeExponent() {
        let c = LawConformanceCase.logSpaced(1e17, 6e18, count: 6)
        let truth = PowerLawParameters.ditOptimalParameters.vector
        let y = c.map { PowerLaw().evaluate([$0], truth) }
        let guess = PowerLaw().initialGuess(inputs: [c], response: y)
        #expect(isClose(guess[0], 0.0009, rel: 1e-8), "A = \(guess[0])")
        #expect(isClose(guess[1], -0.5681, rel: 1e-10), "α = \(guess[1])")
    }

    @Test("floor guess: E, A by non-negative least squares over an α grid, close on noiseless data")
    func floorGuess() {
        let c = LawConformanceCase.powerLawFloor
        let y = c.law.evaluate(inputs: c.design, parameters: c.truth)
        let guess = c.law.initialGuess(inputs: c.design, response: y)
        #expect(Swift.abs(guess[2] - c.truth[2]) < 0.05, "\(guess)")
        #expect(isClose(guess[0], c.truth[0], rel: 0.1), "\(guess)")
    }

    @Test("fits recover the truth from noiseless data with both objectives")
    func noiselessRecovery() throws {
        for c in [LawConformanceCase.powerLaw, LawConformanceCase.powerLawFloor] {
            for objective in [LawObjective.leastSquares, .logLeastSquares] {
                let columns: [String: [Double]] = ["x": c.design[0], "y": c.law.evaluate(inputs: c.design, parameters: c.truth)]
                let fit = try LawFitter.fit(c.law, to: Dataset(source: "noiseless-\(c.law.name)", columns: columns),
                                            options: LawFitOptions(objective: objective))
                #expect(isClose(fit.values, c.truth, rel: 1e-6), "\(c.law.name), \(objective): \(fit.values)")
            }
        }
    }
}

extension LawConformanceCase {
    /// power-law: the compute-optimal size law of Liang et al. 2024 (`N_opt = 0.0009·C^0.5681`,
    /// a negative α) on 16 budgets from 1e17 to 6e18 FLOP (their iso-FLOP range), 3% log-normal
    /// noise (parabola vertices are noisy), least squares on log residuals.
    static let powerLaw = LawConformanceCase(
        law: PowerLaw(),
        truth: PowerLawParameters.ditOptimalParameters.vector,
        design: [logSpaced(1e17, 6e18, count: 16)],
        noise: .multiplicative(0.03),
        objective: .logLeastSquares)

    /// power-law-floor: a compute law with an irreducible loss, `L = 1.8 + 500·C^(−0.15)`, on 20
    /// budgets from 1e17 to 1e23 FLOP, additive noise of 0.005 nats, ordinary least squares.
    static let powerLawFloor = LawConformanceCase(
        law: PowerLawFloor(),
        truth: [1.8, 500, 0.15],
        design: [logSpaced(1e17, 1e23, count: 20)],
        noise: .additive(0.005),
        objective: .leastSquares)
}
