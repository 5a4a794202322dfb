import Foundation
import Forecast
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Propagated intervals when a step-1 parameter is not identified: they come from draws that
/// leave the flat direction out, hold their estimate, and say why.
@Suite("propagated intervals")
struct PropagatedIntervalTests {
    /// Step-1 data whose loss does not depend on D (L = 1.8 + 400/N^0.34 with 1% log-normal
    /// noise, seed 3; the data of `FitWarningCommandTests`): under the default objective the fit
    /// has a covariance, but the objective is flat along log E − log B.
    static func flatLossFit() throws -> LawFit {
        let losses: [Double] = [2.615014,2.497533,2.572919,2.547678,2.550613,2.319606,2.278127,2.319227,2.304587,2.403157,2.153242,2.140823,2.142351,2.134081,2.125836,2.031838,2.049649,2.034934,2.059424,2.035723,1.959718,1.989765,1.969952,1.949369,1.955664]
        var n: [Double] = [], d: [Double] = []
        for ni in [1e8, 3e8, 1e9, 3e9, 1e10] {
            for di in [2e9, 6e9, 2e10, 6e10, 2e11] {
                n.append(ni)
                d.append(di)
            }
        }
        return try LawFitter.fit(ChinchillaLaw(), to: try Dataset(columns: ["N": n, "D": d, "loss": losses]),
                                 options: LawFitOptions(objective: .logHuber(delta: 1e-3)))
    }

    static func accuracyFit() throws -> LawFit {
        var noise = TestNoise(seed: 12)
        let losses = (0..<30).map { 2.2 + 1.4 * Double($0) / 29 }
        let acc = losses.map { LossToAccuracyLaw().evaluate([$0], [-0.7, 5.0, 2.6, 0.95]) + 0.015 * noise.normal() }
        return try LawFitter.fit(LossToAccuracyLaw(), to: try Dataset(columns: ["loss": losses, "score": acc]),
                                 options: LawFitOptions(objective: .leastSquares))
    }

    @Test("a step-1 fit with a flat direction: intervals hold the estimate and carry a typed warning")
    func flatStepOne() throws {
        let lossFit = try Self.flatLossFit()
        #expect(lossFit.warnings.contains { $0.meansNotIdentified }, "\(lossFit.warnings)")
        #expect(lossFit.covariance != nil)
        let chain = try TwoStepAccuracyForecaster(lossFit: lossFit, accuracyFit: try Self.accuracyFit(), draws: 2000, seed: 3)
        #expect(chain.warnings.contains {
            if case .inputNotIdentified(fit: "the step-1 loss fit", _) = $0 { return true }
            return false
        }, "\(chain.warnings)")
        for (n, d) in [(1e8, 1e10), (1e10, 3e11), (7e10, 1.4e12)] {
            let f = try chain.forecast(parameters: n, tokens: d)
            let lossLower = try #require(f.lossLower), lossUpper = try #require(f.lossUpper)
            let lower = try #require(f.lower), upper = try #require(f.upper)
            #expect(lossLower <= f.loss && f.loss <= lossUpper, "loss \(f.loss) in [\(lossLower), \(lossUpper)]")
            #expect(lower <= f.accuracy && f.accuracy <= upper, "accuracy \(f.accuracy) in [\(lower), \(upper)]")
            #expect(lossUpper.isFinite && lossLower.isFinite)
        }
    }

    @Test("a percentile interval that misses its estimate is widened to hold it")
    func widened() throws {
        let interval = try #require(PropagatedInterval.make(estimate: 0.4, values: (0..<100).map { 0.2 + 0.004 * Double($0) }, level: 0.5))
        #expect(interval.widened == false)
        let skewed = try #require(PropagatedInterval.make(estimate: 0.65, values: (0..<100).map { 0.7 + 0.01 * Double($0) }, level: 0.95))
        #expect(skewed.widened)
        #expect(skewed.lower == 0.65)
        #expect(isClose(skewed.upper, 0.7 + 0.01 * 96.525, rel: 1e-12), "\(skewed.upper)")
    }
}
