import Foundation
import LinearAlgebra
import NonlinearFit
import Testing
import TestSupport

/// Bounds (active and inactive), fixed parameters and tied parameters.
@Suite("Bounds, fixed and tied parameters")
struct BoundsAndConstraintsTests {
    /// Unconstrained optimum of the decay problem (scipy curve_fit, see SyntheticRecoveryTests):
    /// b̂ = 0.3959, so b ≤ 0.3 and b ≥ 0.5 are active, b ≥ 0 is not.
    static let unconstrained = [4.965911533859423, 0.39588686600656575, 0.968956674415109]

    struct ActiveBoundCase: Sendable, CustomTestStringConvertible {
        let label: String
        let a: FitParameter
        let b: FitParameter
        let c: FitParameter
        /// scipy least_squares(method='trf', bounds=...) optimum.
        let expected: [Double]
        /// scipy's cost 0.5·Σr² at that optimum.
        let expectedObjective: Double
        let hit: FittedParameter.BoundHit
        let bound: Double
        var testDescription: String { label }
    }

    /// ```python
    /// res = lambda p: p[0] * np.exp(-p[1] * x) + p[2] - y          # x, y = Fixtures.decayX/Y
    /// J = lambda p: np.column_stack([np.exp(-p[1]*x), -p[0]*x*np.exp(-p[1]*x), np.ones_like(x)])
    /// r = least_squares(res, [4, b0, 0.5], jac=J, bounds=(lo, hi), method='trf',
    ///                   ftol=1e-15, xtol=1e-15, gtol=1e-15)        # r.x, r.cost
    /// ```
    /// (For each case a and c also equal, to 1e-13, the closed-form linear least squares of y on
    /// [exp(−b x), 1] with b at the bound.)
    static let activeCases: [ActiveBoundCase] = [
        ActiveBoundCase(
            label: "b ≤ 0.3 (upper only)",
            a: FitParameter("a", initialValue: 4),
            b: FitParameter("b", initialValue: 0.2, upperBound: 0.3),
            c: FitParameter("c", initialValue: 0.5),
            expected: [4.948747520057665, 0.3, 0.6337993632863728], expectedObjective: 0.5714900784615745,
            hit: .upper, bound: 0.3),
        ActiveBoundCase(
            label: "b ≥ 0.5 (lower only)",
            a: FitParameter("a", initialValue: 4),
            b: FitParameter("b", initialValue: 0.6, lowerBound: 0.5),
            c: FitParameter("c", initialValue: 0.5),
            expected: [5.067156741681126, 0.5, 1.1909760973162062], expectedObjective: 0.5408512358688082,
            hit: .lower, bound: 0.5),
        ActiveBoundCase(
            label: "a ∈ [0, 10], b ∈ [0.1, 0.35], c ∈ [0, 2]",
            a: FitParameter("a", initialValue: 4, lowerBound: 0, upperBound: 10),
            b: FitParameter("b", initialValue: 0.2, lowerBound: 0.1, upperBound: 0.35),
            c: FitParameter("c", initialValue: 0.5, lowerBound: 0, upperBound: 2),
            expected: [4.941795448852021, 0.35, 0.830958475116172], expectedObjective: 0.260218579389824,
            hit: .upper, bound: 0.35),
    ]

    @Test("an active bound holds the parameter on it", arguments: activeCases)
    func activeBound(_ c: ActiveBoundCase) throws {
        let problem = Fixtures.decayProblem(a: c.a, b: c.b, c: c.c)
        let result = try NonlinearLeastSquares.fit(problem)
        let b = try #require(result["b"])
        #expect(isClose(b.value, c.bound, rel: 1e-8), "b = \(b.value), bound \(c.bound)")
        #expect(b.atBound == c.hit)
        #expect(result["a"]?.atBound == nil)
        #expect(result["c"]?.atBound == nil)
        #expect(result.warnings.contains { $0.description.contains("'b'") && $0.description.contains("\(c.hit.rawValue) bound") },
                "warnings: \(result.warnings)")
        #expect(!result.warnings.contains { $0.description.contains("'a'") || $0.description.contains("'c'") })
        #expect(isClose(result["a"]!.value, c.expected[0], rel: 1e-8), "a = \(result["a"]!.value)")
        #expect(isClose(result["c"]!.value, c.expected[2], rel: 1e-8), "c = \(result["c"]!.value)")
        #expect(isClose(result.objective, c.expectedObjective, rel: 1e-10), "objective \(result.objective)")
        #expect(isClose(result.chiSquare, 2 * c.expectedObjective, rel: 1e-10))
    }

    /// Bounds that do not bind give the same optimum (and standard errors) as no bounds.
    @Test func inactiveBoundsChangeNothing() throws {
        let free = try NonlinearLeastSquares.fit(Fixtures.decayProblem())
        let bounded = try NonlinearLeastSquares.fit(Fixtures.decayProblem(
            a: FitParameter("a", initialValue: 4, lowerBound: 0),
            b: FitParameter("b", initialValue: 0.3, lowerBound: 0),
            c: FitParameter("c", initialValue: 0.5, lowerBound: -5, upperBound: 5)))
        #expect(isClose(bounded.values, free.values, rel: 1e-8), "\(bounded.values) vs \(free.values)")
        #expect(isClose(bounded.values, Self.unconstrained, rel: 1e-8))
        #expect(isClose(bounded.objective, free.objective, rel: 1e-12))
        for j in 0..<3 {
            let se = try #require(bounded.parameters[j].standardError)
            let seFree = try #require(free.parameters[j].standardError)
            #expect(isClose(se, seFree, rel: 1e-6))
            #expect(bounded.parameters[j].atBound == nil)
        }
        #expect(bounded.warnings.isEmpty, "\(bounded.warnings)")
    }

    struct BoundStartCase: Sendable, CustomTestStringConvertible {
        let label: String
        let a: FitParameter
        let c: FitParameter
        var testDescription: String { label }
    }

    /// Starting values exactly on a bound (allowed: validation accepts `lower ≤ start ≤ upper`),
    /// with the optimum well inside.
    static let boundStartCases: [BoundStartCase] = [
        BoundStartCase(label: "c ≥ 0, starting at 0",
                       a: FitParameter("a", initialValue: 4), c: FitParameter("c", initialValue: 0, lowerBound: 0)),
        BoundStartCase(label: "a ≤ 20, starting at 20",
                       a: FitParameter("a", initialValue: 20, upperBound: 20), c: FitParameter("c", initialValue: 0.5)),
        BoundStartCase(label: "c ∈ [0, 5], starting at 0",
                       a: FitParameter("a", initialValue: 4), c: FitParameter("c", initialValue: 0, lowerBound: 0, upperBound: 5)),
        BoundStartCase(label: "a ∈ [0, 20], starting at 20",
                       a: FitParameter("a", initialValue: 20, lowerBound: 0, upperBound: 20), c: FitParameter("c", initialValue: 0.5)),
    ]

    /// A parameter that starts on a bound must still be able to move off it to the interior
    /// optimum (here the unconstrained scipy optimum, which lies inside every range).
    @Test("a start on a bound is not a trap", arguments: boundStartCases)
    func startOnBound(_ c: BoundStartCase) throws {
        let result = try NonlinearLeastSquares.fit(Fixtures.decayProblem(a: c.a, c: c.c))
        #expect(isClose(result.values, Self.unconstrained, rel: 1e-7), "\(result.values), objective \(result.objective)")
        #expect(isClose(result.objective, 0.17420519390935374, rel: 1e-9))
        #expect(result.parameters.allSatisfy { $0.atBound == nil })
        #expect(result.warnings.isEmpty, "\(result.warnings)")
    }

    // MARK: - Fixed

    /// c fixed at 1: the value is kept exactly (a fixed parameter is never touched, so `==` is
    /// the claim being tested), it has no standard error, dof = n − 2, and a, b match scipy's
    /// two-parameter fit:
    /// ```python
    /// g = lambda x, a, b: a * np.exp(-b * x) + 1.0
    /// p, pcov = curve_fit(g, x, y, p0=[4, 0.3], ftol=1e-15, xtol=1e-15, gtol=1e-15)
    /// ```
    @Test func fixedParameterKeepsItsValue() throws {
        let problem = Fixtures.decayProblem(c: FitParameter("c", initialValue: 1.0, constraint: .fixed))
        let result = try NonlinearLeastSquares.fit(problem)
        let c = try #require(result["c"])
        #expect(c.value == 1.0)
        #expect(c.standardError == nil)
        #expect(c.interval == nil)
        #expect(c.constraint == .fixed)
        #expect(result.degreesOfFreedom == 50 - 2)
        #expect(result.freeParameterNames == ["a", "b"])
        let covariance = try #require(result.covariance)
        #expect(covariance.rows == 2 && covariance.columns == 2)
        #expect(isClose([result["a"]!.value, result["b"]!.value], [4.954380399769288, 0.40414808347143916], rel: 1e-8))
        #expect(isClose(result["a"]!.standardError ?? .nan, 0.045426008525080115, rel: 1e-6))
        #expect(isClose(result["b"]!.standardError ?? .nan, 0.005490605684176388, rel: 1e-6))
        #expect(isClose(result.reducedChiSquare, result.chiSquare / 48, rel: 1e-14))
    }

    // MARK: - Tied

    struct TieCase: Sendable, CustomTestStringConvertible {
        let factor: Double
        let offset: Double
        let y: [Double]
        /// scipy curve_fit of the hand-reparameterised model: a, b1, b2 and their standard errors.
        let expected: [Double]
        let expectedSE: [Double]
        var testDescription: String { "c = \(factor)·a + \(offset)" }
    }

    /// ```python
    /// x = 0.25 * np.arange(40)
    /// for seed, k, o, a in [(7, 2.0, 0.0, 1.5), (8, -0.5, 4.0, 2.0)]:
    ///     rng = np.random.default_rng(seed)
    ///     y = np.round(a*np.exp(-1.2*x) + (k*a + o)*np.exp(-0.2*x) + 0.02*rng.standard_normal(40), 6)
    ///     f = lambda x, a, b1, b2: a*np.exp(-b1*x) + (k*a + o)*np.exp(-b2*x)
    ///     p, pcov = curve_fit(f, x, y, p0=[1, 1, 0.1], ftol=1e-15, xtol=1e-15, gtol=1e-15)
    /// ```
    static let tieCases: [TieCase] = [
        TieCase(
            factor: 2, offset: 0,
            y: [
                4.500025, 3.970891, 3.532247, 3.174167, 2.898890, 2.651265, 2.471606, 2.324553, 2.137193, 2.001283,
                1.904069, 1.793312, 1.689529, 1.577891, 1.511664, 1.447669, 1.333447, 1.282238, 1.188459, 1.139451,
                1.070522, 1.047866, 0.975305, 0.956847, 0.907838, 0.856605, 0.767875, 0.767402, 0.739158, 0.706227,
                0.638973, 0.627326, 0.586221, 0.560048, 0.569324, 0.505212, 0.495277, 0.489422, 0.437051, 0.424601,
            ],
            expected: [1.4996981530432154, 1.194667213413664, 0.20190435630216264],
            expectedSE: [0.004816446126594843, 0.02639653619830558, 0.0007813751839957079]),
        TieCase(
            factor: -0.5, offset: 4,
            y: [
                4.965235, 4.308592, 3.784913, 3.388231, 3.012329, 2.778885, 2.533908, 2.376849, 2.211533, 2.075141,
                1.934516, 1.803555, 1.718278, 1.636731, 1.506675, 1.451525, 1.363593, 1.323239, 1.212004, 1.160884,
                1.115843, 1.058648, 0.968545, 0.959129, 0.902706, 0.855826, 0.815309, 0.782707, 0.703913, 0.735093,
                0.652408, 0.592099, 0.604186, 0.605400, 0.537753, 0.552402, 0.527076, 0.454487, 0.399426, 0.402135,
            ],
            expected: [1.9084550619201037, 1.2226971508984985, 0.20270213925017275],
            expectedSE: [0.030635585918272017, 0.016586592851024963, 0.001253710576919488]),
    ]

    /// A tied parameter follows its target; the optimum equals the hand-reparameterised model's
    /// (fitted by the same library and by scipy), and SE(tied) = |factor|·SE(target).
    @Test("tied parameter", arguments: tieCases)
    func tiedParameter(_ t: TieCase) throws {
        let x = Fixtures.twoExpX
        let tied = LeastSquaresProblem.curve(
            x: x, y: t.y,
            parameters: [
                FitParameter("a", initialValue: 1), FitParameter("b1", initialValue: 1),
                FitParameter("b2", initialValue: 0.1),
                FitParameter("c", initialValue: 0, constraint: .tied(to: "a", factor: t.factor, offset: t.offset)),
            ],
            value: Fixtures.twoExp, gradient: Fixtures.twoExpGradient)
        let k = t.factor
        let o = t.offset
        let handWritten = LeastSquaresProblem.curve(
            x: x, y: t.y,
            parameters: [FitParameter("a", initialValue: 1), FitParameter("b1", initialValue: 1), FitParameter("b2", initialValue: 0.1)],
            value: { x, p in p[0] * exp(-p[1] * x) + (k * p[0] + o) * exp(-p[2] * x) },
            gradient: { x, p, g in
                let e1 = exp(-p[1] * x)
                let e2 = exp(-p[2] * x)
                g[0] = e1 + k * e2
                g[1] = -p[0] * x * e1
                g[2] = -(k * p[0] + o) * x * e2
            })
        let result = try NonlinearLeastSquares.fit(tied)
        let reference = try NonlinearLeastSquares.fit(handWritten)
        #expect(result.converged && reference.converged)
        #expect(result.freeParameterNames == ["a", "b1", "b2"])
        #expect(result.degreesOfFreedom == 40 - 3)
        let values = Array(result.values.prefix(3))
        #expect(isClose(values, reference.values, rel: 1e-8), "\(values) vs \(reference.values)")
        #expect(isClose(values, t.expected, rel: 1e-8), "\(values) vs scipy \(t.expected)")
        let a = try #require(result["a"])
        let c = try #require(result["c"])
        #expect(isClose(c.value, k * a.value + o, rel: 1e-14))
        #expect(c.constraint == .tied(to: "a", factor: k, offset: o))
        #expect(isClose(result.objective, reference.objective, rel: 1e-10))
        for j in 0..<3 {
            let se = try #require(result.parameters[j].standardError)
            #expect(isClose(se, t.expectedSE[j], rel: 1e-6), "SE \(j): \(se) vs scipy \(t.expectedSE[j])")
        }
        let seA = try #require(a.standardError)
        let seC = try #require(c.standardError)
        #expect(isClose(seC, Swift.abs(k) * seA, rel: 1e-12))
        #expect(isClose(seC, Swift.abs(k) * t.expectedSE[0], rel: 1e-6))
        let interval = try #require(c.interval)
        #expect(interval.lowerBound < c.value && c.value < interval.upperBound)
    }

    /// A parameter tied to a fixed parameter follows it and is not counted as free.
    @Test func tiedToFixedFollowsTheFixedValue() throws {
        let problem = LeastSquaresProblem.curve(
            x: Fixtures.twoExpX, y: Self.tieCases[0].y,
            parameters: [
                FitParameter("a", initialValue: 1.5, constraint: .fixed), FitParameter("b1", initialValue: 1),
                FitParameter("b2", initialValue: 0.1),
                FitParameter("c", initialValue: 0, constraint: .tied(to: "a", factor: 2, offset: 0.25)),
            ],
            value: Fixtures.twoExp, gradient: Fixtures.twoExpGradient)
        let result = try NonlinearLeastSquares.fit(problem)
        #expect(result.freeParameterNames == ["b1", "b2"])
        #expect(result.degreesOfFreedom == 38)
        #expect(result["a"]?.value == 1.5)
        #expect(result["c"]?.value == 3.25)
        #expect(result["a"]?.standardError == nil)
        #expect(result["c"]?.standardError == nil)
    }
}
