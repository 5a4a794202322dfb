import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Numerical edge cases of law fitting (issue #9): each ends in a converged fit that recovers
/// the constants the data were made from, or in a stated diagnostic.
///
/// Data are noise-free, so the least-squares optimum is the generating constants exactly and
/// recovery is measured against them.
@Suite("numerical edge cases")
struct NumericalEdgeCaseTests {
    /// A Chinchilla dataset on a 6 × 6 grid of N in [n0, n0·10^nDecades] and D likewise.
    static func chinchillaData(
        _ p: ChinchillaParameters, n0: Double = 3e7, nDecades: Double = 2.5, d0: Double = 1e9, dDecades: Double = 2.5
    ) throws -> Dataset {
        var n: [Double] = [], d: [Double] = [], loss: [Double] = []
        for i in 0..<6 {
            for j in 0..<6 {
                let ni = n0 * pow(10, nDecades * Double(i) / 5 + 0.01 * Double(j))
                let dj = d0 * pow(10, dDecades * Double(j) / 5 + 0.01 * Double(i))
                n.append(ni)
                d.append(dj)
                loss.append(p.e + p.a / pow(ni, p.alpha) + p.b / pow(dj, p.beta))
            }
        }
        return try Dataset(source: "synthetic", columns: ["N": n, "D": d, "loss": loss])
    }

    static func values(_ p: ChinchillaParameters) -> [String: Double] {
        ["E": p.e, "A": p.a, "B": p.b, "alpha": p.alpha, "beta": p.beta]
    }

    static func expectRecovered(_ fit: LawFit, _ truth: [String: Double], rel: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, expected) in truth.sorted(by: { $0.key < $1.key }) {
            let value = fit.value(name) ?? .nan
            #expect(isClose(value, expected, rel: rel), "\(name): \(value) vs \(expected)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Started at the optimum

    @Test("a fit started at the exact optimum of noise-free data is converged (GSL's EMAXITER/ENOPROG trap)",
          arguments: [LawObjective.leastSquares, .logLeastSquares, .logHuber(delta: 1e-3)])
    func startAtOptimum(objective: LawObjective) throws {
        let truth = ChinchillaParameters.epoch2024
        let data = try Self.chinchillaData(truth)
        var options = LawFitOptions(objective: objective, starts: .single)
        options.start = truth.vector
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        #expect(fit.statistics.converged)
        #expect(fit.statistics.termination == Termination.exactFit.rawValue)
        #expect(fit.statistics.objective <= 1e-24)
        Self.expectRecovered(fit, Self.values(truth), rel: 1e-12)
        #expect(!fit.warnings.contains { $0.description.contains("did not converge") })
    }

    @Test("the engine alone: a zero-residual start returns converged with termination exact-fit")
    func engineStartAtOptimum() throws {
        let x = (0..<20).map { Double($0) / 2 }
        let y = x.map { 3 * exp(-0.7 * $0) + 0.5 }
        let problem = LeastSquaresProblem.curve(
            x: x, y: y,
            parameters: [FitParameter("a", initialValue: 3), FitParameter("b", initialValue: 0.7), FitParameter("c", initialValue: 0.5)],
            value: { x, p in p[0] * exp(-p[1] * x) + p[2] })
        let result = try NonlinearLeastSquares.fit(problem)
        #expect(result.converged)
        #expect(result.termination == .exactFit)
        #expect(isClose(result.parameters.map(\.value), [3, 0.7, 0.5], rel: 1e-14))
    }

    // MARK: - Near the floor

    @Test("losses within 0.1% of the floor E: E, α, β and the reducible terms recovered")
    func nearTheFloor() throws {
        // At N ≥ 1e14 and D ≥ 3e16 the reducible loss is at most 8.5e-4 of E = 2.
        let truth = ChinchillaParameters(e: 2.0, a: 40, b: 41, alpha: 0.34, beta: 0.28)
        let data = try Self.chinchillaData(truth, n0: 1e14, d0: 3e16)
        let losses = try data.column("loss")
        #expect((losses.max() ?? 0) / truth.e - 1 < 1e-3)
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: .leastSquares))
        #expect(fit.statistics.converged)
        Self.expectRecovered(fit, Self.values(truth), rel: 1e-6)
    }

    // MARK: - Exponents near zero

    @Test("an exponent near zero (α = 0.01): converged and recovered")
    func exponentNearZero() throws {
        let truth = ChinchillaParameters(e: 1.7, a: 5, b: 410, alpha: 0.01, beta: 0.28)
        let data = try Self.chinchillaData(truth)
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: .leastSquares))
        #expect(fit.statistics.converged)
        Self.expectRecovered(fit, Self.values(truth), rel: 1e-4)
    }

    // MARK: - α ≈ β

    @Test("α = β: both exponents recovered, and the allocation matches the closed form", arguments: [0.0, 1e-9, 1e-4])
    func equalExponents(offset: Double) throws {
        let truth = ChinchillaParameters(e: 1.8, a: 400, b: 410, alpha: 0.3 + offset, beta: 0.3)
        let data = try Self.chinchillaData(truth)
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: .leastSquares))
        #expect(fit.statistics.converged)
        Self.expectRecovered(fit, Self.values(truth), rel: 1e-6)
    }

    // MARK: - Twelve orders of magnitude

    @Test("inputs spanning 12 orders of magnitude (x from 1 to 1e12): E + A/x^α recovered")
    func twelveDecades() throws {
        let x = (0...24).map { pow(10, Double($0) / 2) }
        let y = x.map { 1.5 + 10 / pow($0, 0.3) }
        let data = try Dataset(source: "synthetic", columns: ["x": x, "y": y])
        let fit = try LawFitter.fit(PowerLawFloor(), to: data, options: LawFitOptions(objective: .leastSquares))
        #expect(fit.statistics.converged)
        let names = PowerLawFloor().parameters.map(\.name)
        #expect(names.count == 3)
        let values = names.map { fit.value($0) ?? .nan }
        // Parameters in law order: the floor, the coefficient, the exponent.
        #expect(isClose(values, [1.5, 10, 0.3], rel: 1e-8), "\(names) = \(values)")
    }

    @Test("Chinchilla data spanning 12 orders of magnitude in N·D: recovered")
    func twelveDecadesChinchilla() throws {
        let truth = ChinchillaParameters.epoch2024
        let data = try Self.chinchillaData(truth, n0: 1e3, nDecades: 6, d0: 1e5, dDecades: 6)
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: .leastSquares))
        #expect(fit.statistics.converged)
        Self.expectRecovered(fit, Self.values(truth), rel: 1e-8)
    }
}
