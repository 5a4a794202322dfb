import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// The time and iteration limits bound the whole fit (start search, racing, every start, the
/// polish, the fallbacks), and a fit cut short says so; large fits search for starts on a
/// seeded sample of the rows and polish on all of them.
@Suite("whole-fit limits and large fits")
struct WholeFitLimitTests {
    /// Chinchilla data with log-normal noise (σ = 0.01): `runs` model sizes from 1e7 to 1e10,
    /// `rows / runs` checkpoints each, seeded.
    static func checkpoints(rows: Int, runs: Int = 40, seed: UInt64 = 1) throws -> Dataset {
        let p = ChinchillaParameters(e: 1.8172, a: 482.01, b: 2085.43, alpha: 0.3478, beta: 0.3658)
        var rng = SeededGenerator(seed: seed)
        var n: [Double] = [], d: [Double] = [], loss: [Double] = []
        let perRun = rows / runs
        for r in 0..<runs {
            let size = pow(10, 7 + 3 * Double(r) / Double(runs - 1))
            let total = 20 * size * pow(10, rng.nextUniform() - 0.5)
            for k in 0..<perRun {
                let tokens = total * Double(k + 1) / Double(perRun)
                n.append(size)
                d.append(tokens)
                loss.append((p.e + p.a / pow(size, p.alpha) + p.b / pow(tokens, p.beta)) * exp(0.01 * rng.nextNormal()))
            }
        }
        return try Dataset(source: "checkpoints", columns: ["N": n, "D": d, "loss": loss])
    }

    static let stoppedEarly = "the fit did not converge (stopped: time limit reached); the reported values are the best point reached"

    /// A clock that advances 1/1024 s at every reading and counts its readings.
    final class SteppingClock: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var readings: Int { lock.lock(); defer { lock.unlock() }; return count }
        var clock: FitClock {
            FitClock { [self] in
                lock.lock()
                defer { lock.unlock() }
                count += 1
                return Double(count) / 1024
            }
        }
    }

    @Test("a deadline passed in the start search stops it there and every later stage")
    func deadlineInStartSearch() throws {
        let data = try Self.checkpoints(rows: 20_000)
        let stepping = SteppingClock()
        var options = LawFitOptions(objective: .leastSquares)
        options.clock = stepping.clock
        // The clock is read once to start, then passes the limit at the third check; the
        // 900-point grid alone would check it 899 times.
        options.timeLimit = 3.0 / 1024
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        #expect(fit.statistics.termination == Termination.timeLimit.rawValue)
        #expect(!fit.statistics.converged)
        #expect(fit.warnings.contains(.notConverged(termination: .timeLimit)) && fit.warnings.map(\.description).contains(Self.stoppedEarly))
        // Nothing reads the clock after it passed, so nothing was waiting on it.
        #expect(stepping.readings == 4)
        // The grid stopped after a few of its 900 points: at most 2 + the base start survive
        // (kept is 6 + the base when the grid completes).
        #expect((fit.statistics.starts ?? 0) <= 3, "\(String(describing: fit.statistics.starts))")
        // No stage iterated after the limit: a handful of evaluations in all.
        #expect(fit.statistics.iterations == 0)
        #expect(fit.statistics.functionEvaluations <= 12, "\(fit.statistics.functionEvaluations)")
    }

    @Test("a tiny real time limit on 200,000 rows returns the best point, marked as stopped early")
    func tinyLimitOnLargeData() throws {
        let data = try Self.checkpoints(rows: 200_000)
        var options = LawFitOptions(objective: .leastSquares)
        options.timeLimit = 0.01
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        #expect(fit.statistics.termination == Termination.timeLimit.rawValue)
        #expect(!fit.statistics.converged)
        #expect(fit.warnings.contains(.notConverged(termination: .timeLimit)) && fit.warnings.map(\.description).contains(Self.stoppedEarly))
        let allFinite = fit.values.allSatisfy { $0.isFinite }
        #expect(allFinite, "\(fit.values)")
    }

    @Test("an iteration limit of 1 bounds the whole fit: one iteration, no fallback ladder")
    func oneIterationInAll() throws {
        let data = try Self.checkpoints(rows: 2_000)
        var options = LawFitOptions(objective: .leastSquares, starts: .single)
        options.maxIterations = 1
        options.start = [1.0, 100, 100, 0.5, 0.5]
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        #expect(fit.statistics.termination == Termination.maxIterations.rawValue)
        #expect(!fit.statistics.converged)
        // With the fallback ladder the polish (one more iteration from the end point) would
        // have been kept, reporting 2 iterations or more.
        #expect(fit.statistics.iterations == 1)
    }

    @Test("a start search on a 1,500-row sample reaches the optimum of the search on all 12,000 rows",
          arguments: [LawObjective.leastSquares, .logHuber(delta: 1e-3)])
    func sampledSearchSameOptimum(objective: LawObjective) throws {
        let data = try Self.checkpoints(rows: 12_000)
        var sampled = LawFitOptions(objective: objective)
        sampled.startSearchRows = 1_500
        var full = LawFitOptions(objective: objective)
        full.startSearchRows = .max
        let a = try LawFitter.fit(ChinchillaLaw(), to: data, options: sampled)
        let b = try LawFitter.fit(ChinchillaLaw(), to: data, options: full)
        #expect(a.statistics.converged && b.statistics.converged)
        #expect(isClose(a.values, b.values, rel: 1e-6), "\(a.values) vs \(b.values)")
        #expect(isClose(a.statistics.objective, b.statistics.objective, rel: 1e-9))
        // And the known parameters are recovered (noise 1%, 12,000 rows).
        NumericalEdgeCaseTests.expectRecovered(
            a, ["E": 1.8172, "A": 482.01, "B": 2085.43, "alpha": 0.3478, "beta": 0.3658], rel: 0.05)
    }
}
