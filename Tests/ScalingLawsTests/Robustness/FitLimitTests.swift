import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// The user's limits on a fit: an iteration limit per local run and a wall-clock limit for the
/// whole fit. Hitting either is reported in the result (termination, converged flag, warning),
/// never thrown.
@Suite("fit limits")
struct FitLimitTests {
    static func data() throws -> Dataset {
        try NumericalEdgeCaseTests.chinchillaData(ChinchillaParameters(e: 1.8, a: 400, b: 410, alpha: 0.34, beta: 0.28))
    }

    @Test("a time limit of 0 returns the starting point, reported as time-limit")
    func zeroTimeLimit() throws {
        var options = LawFitOptions(objective: .leastSquares, starts: .single)
        options.timeLimit = 0
        let start = [1.0, 100, 100, 0.5, 0.5]
        options.start = start
        let fit = try LawFitter.fit(ChinchillaLaw(), to: try Self.data(), options: options)
        #expect(fit.statistics.termination == Termination.timeLimit.rawValue)
        #expect(fit.statistics.iterations == 0)
        #expect(!fit.statistics.converged)
        #expect(isClose(fit.values, start, rel: 1e-12), "\(fit.values)")
        #expect(fit.warnings.contains(.notConverged(termination: .timeLimit)))
        #expect(fit.warnings.map(\.description).contains("the fit did not converge (stopped: time limit reached); the reported values are the best point reached"))
    }

    @Test("a time limit stops a 4,500-start grid search and is reported")
    func timeLimitStopsGrid() throws {
        var options = LawFitOptions(objective: .logHuber(delta: 1e-3), starts: .publishedGrid)
        options.timeLimit = 0.005
        let fit = try LawFitter.fit(ChinchillaLaw(), to: try Self.data(), options: options)
        #expect(fit.statistics.termination == Termination.timeLimit.rawValue)
        #expect(fit.statistics.starts == 4500)
        // Without the limit every start converges; with it most never start iterating.
        #expect((fit.statistics.convergedStarts ?? 0) < 4500)
    }

    @Test("an iteration limit of 1 stops every attempt: not converged, max-iterations")
    func oneIteration() throws {
        var options = LawFitOptions(objective: .leastSquares, starts: .single)
        options.maxIterations = 1
        options.start = [1.0, 100, 100, 0.5, 0.5]
        let fit = try LawFitter.fit(ChinchillaLaw(), to: try Self.data(), options: options)
        #expect(fit.statistics.termination == Termination.maxIterations.rawValue)
        #expect(!fit.statistics.converged)
    }

    @Test("without limits the same fit converges (the limits above are what stopped it)")
    func unlimited() throws {
        var options = LawFitOptions(objective: .leastSquares, starts: .single)
        options.start = [1.0, 100, 100, 0.5, 0.5]
        let fit = try LawFitter.fit(ChinchillaLaw(), to: try Self.data(), options: options)
        #expect(fit.statistics.converged)
        #expect(fit.statistics.iterations > 1)
    }

    @Test("invalid limits are rejected", arguments: [(-1.0, 10), (.nan, 10), (1.0, 0)])
    func invalid(timeLimit: Double, maxIterations: Int) throws {
        var options = LawFitOptions(objective: .leastSquares)
        options.timeLimit = timeLimit
        options.maxIterations = maxIterations
        #expect(throws: LawFitError.self) { try LawFitter.fit(ChinchillaLaw(), to: try Self.data(), options: options) }
    }
}
