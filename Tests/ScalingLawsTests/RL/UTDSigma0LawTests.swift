import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Rybkin et al. 2025's data-efficiency law in the σ0 form the authors print,
/// `D_J(σ) = D_min·(1 + (σ/σ0)^−α)`, against the β form `D_min + (β/σ)^α`.
@Suite("RL D_J in the σ0 form")
struct UTDSigma0LawTests {
    @Test("the Gym J = 800 fit in the σ0 form: σ0 = 2.28952·1.03082^(−1/0.70038), the same curve as the printed form")
    func gymSigma0() {
        let p = UTDDataEfficiencySigma0Law.gymJ800
        #expect(p[0] == 2.17e5)
        #expect(isClose(p[1], 2.28952 * pow(1.03082, -1 / 0.70038), rel: 1e-12))
        #expect(abs(p[1] - 2.192) < 5e-4)
        #expect(p[2] == 0.70038)
        let law = UTDDataEfficiencySigma0Law()
        for sigma in [0.25, 1, 2.192, 6.29, 16] {
            // The authors' printed form, exact: m·(c + (σ/b)^−a) with c·m = 2.17e5.
            let printed = 2.17e5 * (1.03082 + pow(sigma / 2.28952, -0.70038)) / 1.03082
            #expect(isClose(law.evaluate([sigma], p), printed, rel: 1e-12))
        }
        // At σ0 exactly twice D_min are needed.
        #expect(isClose(law.evaluate([p[1]], p), 2 * 2.17e5, rel: 1e-12))
        // The print that drops 1/c (σ0 = 2.29) is 2% high at σ = 1 (laws.md §7: D_J(1) = 5.930e5).
        #expect(isClose(law.evaluate([1], p), 5.930e5, rel: 5e-4))
        #expect(isClose(2.17e5 * (1 + pow(1 / 2.28952, -0.70038)), 6.05e5, rel: 2e-3))
    }

    @Test("β form ↔ σ0 form round trip")
    func roundTrip() {
        let p = [3.1e4, 4.2e6, 0.55]
        let q = UTDDataEfficiencyLaw.betaForm(UTDDataEfficiencyLaw.sigma0Form(p))
        #expect(isClose(q, p, rel: 1e-13))
        let beta = UTDDataEfficiencyLaw()
        let sigma0 = UTDDataEfficiencySigma0Law()
        for s in [0.1, 1, 10] {
            #expect(isClose(beta.evaluate([s], p), sigma0.evaluate([s], UTDDataEfficiencyLaw.sigma0Form(p)), rel: 1e-13))
        }
    }

    @Test("both forms fitted to the same seeded data give the same curve; σ0 recovers the truth")
    func fitsAgree() throws {
        var g = SeededGenerator(seed: 11)
        let truth = UTDDataEfficiencySigma0Law.gymJ800
        let law = UTDDataEfficiencySigma0Law()
        var sigma: [Double] = []
        var steps: [Double] = []
        for s in [0.25, 0.5, 1, 2, 4, 8, 16] {
            for _ in 0..<4 {
                sigma.append(s)
                steps.append(law.evaluate([s], truth) * exp(0.02 * g.nextNormal()))
            }
        }
        let data = try Dataset(columns: ["sigma": sigma, "steps": steps])
        let fitSigma0 = try LawFitter.fit(law, to: data, options: LawFitOptions())
        let fitBeta = try LawFitter.fit(UTDDataEfficiencyLaw(), to: data, options: LawFitOptions())
        let converted = UTDDataEfficiencyLaw.sigma0Form(fitBeta.values)
        #expect(isClose(fitSigma0.values, converted, rel: 1e-5), "\(fitSigma0.values) vs \(converted)")
        // Recovery within 3 standard errors (σ0 and D_min trade off: σ0's error is ~10%).
        for (k, parameter) in fitSigma0.parameters.enumerated() {
            let se = try #require(parameter.standardError)
            #expect(abs(parameter.value - truth[k]) < 3 * se, "\(parameter.name): \(parameter.value) ± \(se) vs \(truth[k])")
        }
    }
}

extension LawConformanceCase {
    /// RL data efficiency in the σ0 form: the Gym J = 800 law on 13 UTD ratios from 0.25 to 16
    /// (three seeds each), 3% multiplicative noise on the step counts, fitted on log residuals.
    static let utdDataSigma0 = LawConformanceCase(
        law: UTDDataEfficiencySigma0Law(),
        truth: UTDDataEfficiencySigma0Law.gymJ800,
        design: [logSpaced(0.25, 16, count: 13).flatMap { [$0, $0, $0] }],
        noise: .multiplicative(0.03),
        objective: .logLeastSquares)
}
