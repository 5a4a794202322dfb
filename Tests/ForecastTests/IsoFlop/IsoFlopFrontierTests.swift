import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// ``IsoFlopFrontier/extrapolate(to:)``: the Student-t interval of the log-log line at a budget
/// beyond the sweep, checked for coverage in a seeded simulation of the whole Approach-2 pipeline.
@Suite("iso-FLOP: frontier extrapolation intervals")
struct IsoFlopFrontierTests {
    /// SplitMix64 (Steele et al. 2014), for a seeded simulation without platform randomness.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A standard normal draw (Box–Muller).
        mutating func normal() -> Double {
            let u1 = Double(next() >> 11) / Double(1 << 53) + 1e-300, u2 = Double(next() >> 11) / Double(1 << 53)
            return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        }
    }

    /// True frontier N*(C) = 0.1·C^0.5. Each of 6 budgets 1e18–1e21 samples 9 sizes at
    /// log-offsets −2…2 from N*, with loss 2 + 0.05·(log N − log N*)² + N(0, σ²): the profile is
    /// exactly a parabola in log N, so the vertices are unbiased and only noise moves them.
    static func sweep(noise sigma: Double, rng: inout SplitMix) -> [IsoFlopRun] {
        var runs: [IsoFlopRun] = []
        for k in 0..<6 {
            let budget = 1e18 * pow(10, Double(k) * 0.6)
            let nStar = 0.1 * pow(budget, 0.5)
            for j in 0..<9 {
                let x = -2 + 0.5 * Double(j)
                let n = nStar * exp(x)
                runs.append(IsoFlopRun(parameters: n, loss: 2 + 0.05 * x * x + sigma * rng.normal(), compute: budget))
            }
        }
        return runs
    }

    @Test("seeded coverage at 1e24 FLOP (1,000× beyond the sweep): Student t covers 93–97%; the normal quantile undercovers")
    func coverage() throws {
        var rng = SplitMix(state: 20_261_204)
        let target = 1e24, truth = 0.1 * pow(target, 0.5)
        let options = IsoFlopOptions(grouping: .exactBudget, compareApproach3: false)
        var coveredT = 0, coveredNormal = 0
        let replications = 400
        for _ in 0..<replications {
            let analysis = try IsoFlopAnalysis.run(Self.sweep(noise: 0.004, rng: &rng), options: options)
            let frontier = try #require(analysis.frontier)
            let n = frontier.extrapolate(to: target).parameters
            let lower = try #require(n.lower), upper = try #require(n.upper), se = try #require(n.logStandardError)
            if lower <= truth, truth <= upper { coveredT += 1 }
            if abs(log(truth / n.value)) <= 1.959964 * se { coveredNormal += 1 }
        }
        let t = Double(coveredT) / Double(replications), normal = Double(coveredNormal) / Double(replications)
        // Measured with this seed: t 0.950, normal 0.890 (4 residual dof: t_{0.975,4} = 2.776 vs 1.960).
        #expect(t >= 0.93 && t <= 0.97, "t coverage \(t)")
        #expect(normal < 0.92, "normal coverage \(normal)")
        print("iso-FLOP extrapolation coverage (400 seeded sweeps): Student t \(t), normal \(normal)")
    }

    @Test("the interval is the textbook OLS mean-line interval: a 3-point line by hand")
    func threePoints() throws {
        // log y = 1 + 0.5·log x with residuals (+0.1, −0.2, +0.1) at x = e^0, e^1, e^2.
        let x = [1.0, exp(1), exp(2)], y = [exp(1.1), exp(1.3), exp(2.1)]
        let line = try #require(LogLogRegression.fit(x: x, y: y))
        #expect(isClose(line.exponent, 0.5, rel: 1e-12))
        #expect(isClose(log(line.coefficient), 1.0, rel: 1e-12))
        // s² = 0.06/1, Suu = 2, ū = 1: Var(log ŷ(e^4)) = 0.06·(1/3 + 9/2) = 0.29.
        #expect(isClose(try #require(line.residualVariance), 0.06, rel: 1e-10))
        #expect(isClose(try #require(line.logCoefficientExponentCovariance), -0.03, rel: 1e-10))
        // Var(log k) = s²·(1/n + ū²/Suu) = 0.06·(1/3 + 1/2) = 0.05, Var(a) = s²/Suu = 0.03.
        let covariance = try #require(line.covariance)
        #expect(isClose(covariance[0][0], 0.05, rel: 1e-10) && isClose(covariance[1][1], 0.03, rel: 1e-10))
        #expect(covariance[0][1] == covariance[1][0])
        let p = line.prediction(at: exp(4))
        #expect(isClose(try #require(p.logStandardError), 0.29.squareRoot(), rel: 1e-10))
        // t_{0.975, 1} = 12.7062 (standard tables).
        #expect(isClose(try #require(p.upper) / p.value, exp(12.706204736174694 * 0.29.squareRoot()), rel: 1e-8))
        #expect(isClose(p.value, exp(3), rel: 1e-12))
    }
}
