import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// laws.md §2: Approach 2 on a noiseless rounded-Hoffmann surface, 9 budgets 6e18–3e21 (log
/// spaced), 16 log-spaced sizes from N_opt/8 to 8·N_opt per budget.
@Suite("iso-FLOP: Approach-2 parabola bias on the Chinchilla surface")
struct IsoFlopApproach2BiasTests {
    static let constants = ChinchillaParameters.hoffmannRounded

    static func surface() -> [IsoFlopRun] {
        let law = ChinchillaLaw()
        var runs: [IsoFlopRun] = []
        for k in 0..<9 {
            let budget = 6e18 * pow(3e21 / 6e18, Double(k) / 8)
            let nOpt = ChinchillaLaw.computeOptimal(budget: budget, parameters: constants).parameters
            for j in 0..<16 {
                let n = nOpt / 8 * pow(64, Double(j) / 15)
                let d = budget / (6 * n)
                runs.append(IsoFlopRun(parameters: n, loss: law.evaluate([n, d], constants.vector), compute: 6 * n * d))
            }
        }
        return runs
    }

    @Test("the exponent is β/(α+β) = 0.4516 to 4 digits; every vertex is 1.030× the analytic N_opt")
    func bias() throws {
        let analysis = try IsoFlopAnalysis.run(Self.surface(), options: IsoFlopOptions(compareApproach3: false))
        #expect(analysis.profiles.count == 9)
        #expect(analysis.accepted.count == 9)
        #expect(Swift.abs(analysis.parameterLaw.exponent - 0.4516) < 5e-5)
        // The tokens exponent is 1 − a exactly under C = 6ND: 0.5484.
        #expect(Swift.abs(analysis.tokenLaw.exponent - 0.5484) < 5e-5)
        for profile in analysis.profiles {
            let optimum = try #require(profile.optimum)
            let analytic = ChinchillaLaw.computeOptimal(budget: profile.budget, parameters: Self.constants).parameters
            let ratio = optimum.parameters / analytic
            #expect(Swift.abs(ratio - 1.030) < 5e-4, "budget \(profile.budget): ratio \(ratio)")
            // numpy.polyfit on the same grid gives 1.0296657490079 at every budget.
            #expect(isClose(ratio, 1.0296657490079, rel: 1e-9))
            // Noiseless but not a parabola: the residuals give a (narrow) delta-method interval around N*.
            let lower = try #require(optimum.parametersLower), upper = try #require(optimum.parametersUpper)
            #expect(lower < optimum.parameters && optimum.parameters < upper)
            #expect(isClose(optimum.tokens, profile.budget / (6 * optimum.parameters), rel: 1e-12))
        }
    }

    @Test("grouping by C = 6ND within a tolerance and by an exact budget agree on the surface")
    func grouping() throws {
        let runs = Self.surface()
        let byTolerance = try IsoFlopAnalysis.run(runs, options: IsoFlopOptions(grouping: .relativeTolerance(1e-6), compareApproach3: false))
        #expect(byTolerance.profiles.count == 9)
        #expect(byTolerance.profiles.allSatisfy { $0.runs == 16 })
        let budgets = (0..<9).map { 6e18 * pow(3e21 / 6e18, Double($0) / 8) }
        #expect(isClose(byTolerance.profiles.map(\.budget), budgets, rel: 1e-12))
    }

    @Test("the Approach-3 fit of the same noiseless runs recovers a3 = 0.4516 and N_opt exactly")
    func approach3() throws {
        let analysis = try IsoFlopAnalysis.run(Self.surface())
        let comparison = try #require(analysis.approach3)
        #expect(comparison.converged)
        #expect(comparison.runs == 144)
        #expect(isClose(comparison.parametricExponent, 0.28 / 0.62, rel: 1e-5))
        #expect(Swift.abs(comparison.exponentDifference) < 1e-4)
        #expect(comparison.rows.count == 9)
        for row in comparison.rows { #expect(Swift.abs(row.ratio - 1.030) < 5e-4) }
    }
}
