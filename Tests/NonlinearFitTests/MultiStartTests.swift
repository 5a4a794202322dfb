import Foundation
import NonlinearFit
import Testing
import TestSupport

/// Multi-start on a problem with many local optima: y = sin(ω·x) over three periods.
@Suite("Multi-start")
struct MultiStartTests {
    static let x: [Double] = (0..<60).map { 0.1 * Double($0) }

    /// ```python
    /// rng = np.random.default_rng(5)
    /// x = 0.1 * np.arange(60)
    /// y = np.round(np.sin(3.0 * x) + 0.1 * rng.standard_normal(60), 6)
    /// ```
    static let y: [Double] = [
        -0.080193, 0.163084, 0.539806, 0.825371, 1.045644, 1.008466, 0.918583, 0.784731, 0.750338, 0.590858,
        0.168397, -0.281079, -0.538347, -0.527764, -0.851288, -1.150744, -1.004534, -1.042137, -0.835693, -0.599486,
        -0.350747, 0.072152, 0.305233, 0.519497, 0.834632, 1.020986, 0.834241, 0.944217, 0.756524, 0.645654,
        0.283177, 0.126523, -0.178115, -0.487970, -0.804667, -0.919315, -1.090069, -1.130073, -0.896850, -0.872919,
        -0.419543, -0.191573, -0.166159, 0.354687, 0.481902, 0.807090, 0.948059, 0.800466, 0.942316, 0.820168,
        0.746488, 0.278596, 0.181558, -0.300756, -0.505551, -0.795833, -0.742694, -0.927244, -0.749486, -0.848391,
    ]

    /// ```python
    /// f = lambda x, w: np.sin(w * x)
    /// p, pcov = curve_fit(f, x, y, p0=[2.9], ftol=1e-15, xtol=1e-15, gtol=1e-15)   # global
    /// p, _ = curve_fit(f, x, y, p0=[0.5], ...)                                    # local
    /// # a scan of 0.5·Σ(sin(ωx) − y)² over ω ∈ [−70, 70] (step 1e-4): the global minimum 0.2798
    /// # at ω = 3.0027 (and its aliases ω + 2πk/0.1 on this grid of x); the next lowest local
    /// # minima are 15.222 (ω ≈ −0.021, 62.81) and 15.354 (ω ≈ 31.42); all others are above 23.
    /// ```
    static let globalOmega = 3.002728724363859
    static let globalObjective = 0.2797529385825364
    static let globalSE = 0.005419646893879504
    static let localOmega = 0.67631547
    static let localObjective = 27.72335292159821

    static func problem(start: Double = 0.5) -> LeastSquaresProblem {
        .curve(x: x, y: y, parameters: [FitParameter("omega", initialValue: start)],
               value: { x, p in sin(p[0] * x) },
               gradient: { x, p, g in g[0] = x * cos(p[0] * x) })
    }

    static func options(seed: UInt64 = 42, parallel: Bool = true) -> FitOptions {
        FitOptions().with {
            $0.multiStart = MultiStart(
                .latinHypercube(count: 64, ranges: ["omega": 0.1...20], logScale: []), seed: seed, parallel: parallel)
        }
    }

    /// Without multi-start, the poor start ω = 0.5 ends in a local optimum (scipy does too).
    @Test func singleStartFromPoorGuessStaysLocal() throws {
        let result = try NonlinearLeastSquares.fit(Self.problem())
        #expect(result.multiStart == nil)
        #expect(isClose(result["omega"]!.value, Self.localOmega, rel: 1e-6), "omega \(result["omega"]!.value)")
        #expect(isClose(result.objective, Self.localObjective, rel: 1e-8))
    }

    @Test func latinHypercubeFindsTheGlobalOptimum() throws {
        let result = try NonlinearLeastSquares.fit(Self.problem(), options: Self.options())
        let omega = try #require(result["omega"])
        #expect(isClose(omega.value, Self.globalOmega, rel: 1e-8), "omega \(omega.value)")
        #expect(isClose(result.objective, Self.globalObjective, rel: 1e-10))
        #expect(isClose(omega.standardError ?? .nan, Self.globalSE, rel: 1e-6))
        #expect(result.converged)
        let summary = try #require(result.multiStart)
        #expect(summary.starts == 65)  // 64 + the initial value
        #expect(summary.converged <= summary.starts)
        #expect(summary.converged > 0)
        #expect(summary.distinctOptima > 1)
        #expect(summary.optimumObjectives.count == Swift.min(summary.distinctOptima, 10))
        #expect(summary.optimumObjectives == summary.optimumObjectives.sorted())
        #expect(isClose(summary.optimumObjectives.first ?? .nan, Self.globalObjective, rel: 1e-8))
        // every other optimum is a genuine local minimum, the lowest of which is 15.222 (scan above)
        for other in summary.optimumObjectives.dropFirst() { #expect(other > 15.2) }
        #expect(summary.bestStart >= 0 && summary.bestStart < summary.starts)
    }

    /// The same seed gives bit-identical results (`==` on the whole result, floats included,
    /// is deliberate: this is the determinism guarantee), and so does a serial run.
    @Test func seededRunsAreBitIdentical() throws {
        let first = try NonlinearLeastSquares.fit(Self.problem(), options: Self.options(seed: 7))
        let second = try NonlinearLeastSquares.fit(Self.problem(), options: Self.options(seed: 7))
        let serial = try NonlinearLeastSquares.fit(Self.problem(), options: Self.options(seed: 7, parallel: false))
        #expect(first == second)
        #expect(first.values == second.values)
        #expect(first.objective == second.objective)
        #expect(first.multiStart == second.multiStart)
        #expect(first == serial)
        #expect(first.values == serial.values)
        #expect(first.multiStart == serial.multiStart)
        #expect(first.functionEvaluations == serial.functionEvaluations)
    }

    struct GridCase: Sendable, CustomTestStringConvertible {
        let grid: [String: [Double]]
        let includeInitial: Bool
        let expectedStarts: Int
        var testDescription: String { "\(grid.keys.sorted()) includeInitial=\(includeInitial)" }
    }

    static let gridCases: [GridCase] = [
        GridCase(grid: ["a": [3, 5, 7], "b": [0.1, 0.5]], includeInitial: false, expectedStarts: 6),
        GridCase(grid: ["a": [3, 5, 7], "b": [0.1, 0.5]], includeInitial: true, expectedStarts: 7),
        GridCase(grid: ["a": [3, 5, 7], "b": [0.1, 0.5], "c": [0, 1]], includeInitial: false, expectedStarts: 12),
        GridCase(grid: ["a": [3, 5, 7], "b": [0.1, 0.5], "c": [0, 1]], includeInitial: true, expectedStarts: 13),
        GridCase(grid: ["b": [0.05, 0.2, 0.4, 0.8, 1.6]], includeInitial: true, expectedStarts: 6),
    ]

    @Test("grid starts = product of list lengths (+1 with the initial values)", arguments: gridCases)
    func gridStartCount(_ c: GridCase) throws {
        let options = FitOptions().with { $0.multiStart = MultiStart(.grid(c.grid), includeInitial: c.includeInitial) }
        let result = try NonlinearLeastSquares.fit(Fixtures.decayProblem(), options: options)
        let summary = try #require(result.multiStart)
        #expect(summary.starts == c.expectedStarts)
        #expect(summary.converged <= summary.starts)
        #expect(isClose(result.values, [4.965911533859423, 0.39588686600656575, 0.968956674415109], rel: 1e-8))
    }

    @Test func listAndAroundInitialStartCounts() throws {
        let list = FitOptions().with {
            $0.multiStart = MultiStart(.list([["a": 3], ["b": 0.2, "c": 2], ["a": 6, "b": 0.6]]), includeInitial: false)
        }
        #expect(try NonlinearLeastSquares.fit(Fixtures.decayProblem(), options: list).multiStart?.starts == 3)
        let around = FitOptions().with { $0.multiStart = MultiStart(.aroundInitial(count: 10, decades: 0.5), seed: 3) }
        #expect(try NonlinearLeastSquares.fit(Fixtures.decayProblem(), options: around).multiStart?.starts == 11)
    }

    /// A Latin hypercube puts exactly one point in each of the `count` strata of every axis, and
    /// the same seed gives the same points (`==` deliberate: determinism).
    @Test func latinHypercubeStratifiesEveryAxis() {
        var rng = SeededGenerator(seed: 11)
        let points = MultiStart.latinHypercube(count: 64, dimensions: 3, rng: &rng)
        #expect(points.count == 64)
        for d in 0..<3 {
            let column = points.map { $0[d] }
            #expect(column.allSatisfy { $0 >= 0 && $0 < 1 })
            #expect(Set(column.map { Int(($0 * 64).rounded(.down)) }) == Set(0..<64))
        }
        var again = SeededGenerator(seed: 11)
        #expect(MultiStart.latinHypercube(count: 64, dimensions: 3, rng: &again) == points)
        var other = SeededGenerator(seed: 12)
        #expect(MultiStart.latinHypercube(count: 64, dimensions: 3, rng: &other) != points)
    }

    @Test func strategyNamingAnUnknownParameterIsRejected() {
        let options = FitOptions().with { $0.multiStart = MultiStart(.grid(["zeta": [1, 2]])) }
        #expect(throws: FitError.invalidParameter(name: "zeta", reason: "named by the multi-start strategy but not a free parameter")) {
            try NonlinearLeastSquares.fit(Self.problem(), options: options)
        }
    }

    @Test func logScaleRangeMustBePositive() {
        let options = FitOptions().with {
            $0.multiStart = MultiStart(.latinHypercube(count: 4, ranges: ["omega": 0...20], logScale: ["omega"]))
        }
        #expect(throws: FitError.invalidParameter(name: "omega", reason: "a log-scale start range must be positive, got 0.0...20.0")) {
            try NonlinearLeastSquares.fit(Self.problem(), options: options)
        }
    }
}
