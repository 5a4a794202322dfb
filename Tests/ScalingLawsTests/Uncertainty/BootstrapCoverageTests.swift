import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Coverage of the bootstrap's 95% intervals, by simulation at the Epoch design.
///
/// Truth: the Chinchilla law fitted to the 240 Epoch rows (summed Huber, δ = 1e-3). Each trial
/// keeps the 240 (N, D) points and draws new losses `log L_i = log f*(N_i, D_i) + ε_i`, the ε_i
/// drawn with replacement from the fit's own log-space residuals (so the noise has the Epoch
/// residuals' scale, skew and tails; these residuals satisfy the Huber estimating equations,
/// so the truth is what the estimator targets). The trial's data are fitted (warm start at the
/// truth) and bootstrapped (row resamples); coverage is the share of trials whose interval
/// contains the true α, β, E and N_opt(1e24).
///
/// CI size: `COVERAGE_TRIALS` (default 300) trials × `COVERAGE_RESAMPLES` (default 200)
/// resamples; `COVERAGE_METHOD=bca` for BCa intervals. `Benchmarks/run-bootstrap-coverage.sh`
/// runs a larger version and prints the table.
@Suite("Bootstrap coverage", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/epoch_chinchilla"))
struct BootstrapCoverageTests {
    static let objective = LawObjective.logHuber(delta: 1e-3)
    static let budget = 1e24

    struct Quantity {
        let name: String
        let truth: Double
        var hits = 0
        var below = 0
        var above = 0
        var widthSum = 0.0
    }

    static func environment(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
    }

    static func nOpt(_ p: [Double]) -> Double {
        ChinchillaLaw.computeOptimal(
            budget: budget, parameters: ChinchillaParameters(e: p[0], a: p[1], b: p[2], alpha: p[3], beta: p[4])).parameters
    }

    @Test("95% bootstrap intervals of α, β, E and N_opt(1e24) cover the truth 90–98% of the time")
    func coverage() throws {
        let trials = Self.environment("COVERAGE_TRIALS", default: 300)
        let resamples = Self.environment("COVERAGE_RESAMPLES", default: 200)
        let method: BootstrapOptions.IntervalMethod = ProcessInfo.processInfo.environment["COVERAGE_METHOD"] == "bca" ? .bca : .percentile
        let law = ChinchillaLaw()
        let data = try EpochChinchilla.data()
        let truthFit = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: Self.objective))
        let truth = truthFit.values
        let n = try data.column("N")
        let d = try data.column("D")
        let loss = try data.column("loss")
        let logFitted = law.evaluate(inputs: [n, d], parameters: truth).map { log($0) }
        var residuals: [Double] = []
        for i in loss.indices { residuals.append(log(loss[i]) - logFitted[i]) }

        var quantities = [
            Quantity(name: "alpha", truth: truth[3]), Quantity(name: "beta", truth: truth[4]),
            Quantity(name: "E", truth: truth[0]), Quantity(name: "N_opt(1e24)", truth: Self.nOpt(truth)),
        ]
        var fitOptions = LawFitOptions(objective: Self.objective, starts: .single)
        fitOptions.start = truth
        let clock = ContinuousClock()
        let started = clock.now
        var excluded = 0
        for trial in 0..<trials {
            var rng = SeededGenerator.stream(seed: 20_240_417, index: trial)
            var y = [Double](repeating: 0, count: n.count)
            for i in y.indices {
                let k = Int(truncatingIfNeeded: rng.next().multipliedFullWidth(by: UInt64(residuals.count)).high)
                y[i] = exp(logFitted[i] + residuals[k])
            }
            let simulated = try Dataset(source: "simulation \(trial)", columns: ["N": n, "D": d, "loss": y])
            let boot = try LawBootstrap.run(
                law: law, data: simulated,
                options: BootstrapOptions(resamples: resamples, seed: UInt64(trial), intervalMethod: method),
                fitOptions: fitOptions)
            excluded += boot.nonConverged
            let intervals = [
                try #require(boot.parameter("alpha")).interval, try #require(boot.parameter("beta")).interval,
                try #require(boot.parameter("E")).interval, boot.quantity(Self.nOpt).interval,
            ]
            for (k, interval) in intervals.enumerated() {
                let t = quantities[k].truth
                if t < interval.lower {
                    quantities[k].above += 1  // the interval lies above the truth
                } else if t > interval.upper {
                    quantities[k].below += 1
                } else {
                    quantities[k].hits += 1
                }
                quantities[k].widthSum += interval.width / t
            }
        }
        let elapsed = clock.now - started
        print("BOOT coverage: \(trials) trials × \(resamples) resamples, \(method) intervals, \(excluded) refits excluded, \(elapsed)")
        print("BOOT coverage: quantity        truth        coverage  (miss: interval above / below truth)  mean width/truth")
        for q in quantities {
            let share = Double(q.hits) / Double(trials)
            let name = q.name.padding(toLength: 14, withPad: " ", startingAt: 0)
            print("BOOT coverage: \(name)" + String(format: " %12.5g   %6.1f%%   (%d / %d)   %.4f",
                         q.truth, 100 * share, q.above, q.below, q.widthSum / Double(trials)))
            #expect(share >= 0.90 && share <= 0.98, "coverage of \(q.name): \(100 * share)%")
        }
    }
}
