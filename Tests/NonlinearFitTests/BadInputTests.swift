import Foundation
import NonlinearFit
import Testing
import TestSupport

/// Invalid input is thrown as a ``FitError`` with an exact payload and message; numerically
/// awkward but valid problems still return a result.
@Suite("Bad input and awkward models")
struct BadInputTests {
    static let x: [Double] = (1...10).map(Double.init)
    static let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1, 18.0, 19.9]

    static func line(
        y: [Double] = y, weights: [Double]? = nil,
        parameters: [FitParameter] = [FitParameter("a", initialValue: 0), FitParameter("b", initialValue: 1)]
    ) -> LeastSquaresProblem {
        let x = Array(Self.x.prefix(y.count))
        return .curve(x: x, y: y, weights: weights, parameters: parameters, value: { x, p in p[0] + p[1] * x })
    }

    /// Runs `body`, requires a `FitError`, and returns it.
    static func fitError(_ body: () throws -> Void) -> FitError? {
        do {
            try body()
            return nil
        } catch let error as FitError {
            return error
        } catch {
            return nil
        }
    }

    @Test func nanObservation() {
        var y = Self.y
        y[2] = .nan
        let problem = Self.line(y: y)
        #expect(throws: FitError.nonFiniteData("observation 3 of 10 is nan; every observation must be finite")) {
            try NonlinearLeastSquares.fit(problem)
        }
        let error = Self.fitError { _ = try NonlinearLeastSquares.fit(problem) }
        #expect(error?.description == "observation 3 of 10 is nan; every observation must be finite")
    }

    @Test func infiniteObservation() {
        var y = Self.y
        y[9] = -.infinity
        #expect(throws: FitError.nonFiniteData("observation 10 of 10 is -inf; every observation must be finite")) {
            try NonlinearLeastSquares.fit(Self.line(y: y))
        }
    }

    @Test func badWeights() {
        var w = [Double](repeating: 1, count: 10)
        w[1] = -1
        #expect(throws: FitError.nonFiniteData("weight 2 of 10 is -1.0; weights must be finite and non-negative")) {
            try NonlinearLeastSquares.fit(Self.line(weights: w))
        }
        #expect(throws: FitError.dimensionMismatch("3 weights for 10 observations")) {
            try NonlinearLeastSquares.fit(Self.line(weights: [1, 1, 1]))
        }
    }

    @Test func tooFewObservations() {
        let problem = LeastSquaresProblem.curve(
            x: [1, 2], y: [1, 2],
            parameters: [FitParameter("a", initialValue: 1), FitParameter("b", initialValue: 1), FitParameter("c", initialValue: 1)],
            value: { x, p in p[0] + p[1] * x + p[2] * x * x })
        #expect(throws: FitError.tooFewObservations(observations: 2, freeParameters: 3)) {
            try NonlinearLeastSquares.fit(problem)
        }
        #expect(FitError.tooFewObservations(observations: 2, freeParameters: 3).description
            == "2 observations cannot determine 3 free parameters: at least 3 are needed")
        #expect(FitError.tooFewObservations(observations: 1, freeParameters: 2).description
            == "1 observation cannot determine 2 free parameters: at least 2 are needed")
        // fixing one parameter makes the same data sufficient
        let fixed = problem.updatingParameter("c") { $0.constraint = .fixed; $0.initialValue = 0 }
        #expect(throws: Never.self) { try NonlinearLeastSquares.fit(fixed) }
    }

    @Test func lowerBoundAboveUpperBound() {
        let problem = Self.line(parameters: [
            FitParameter("a", initialValue: 0), FitParameter("b", initialValue: 1.5, lowerBound: 2, upperBound: 1),
        ])
        let expected = FitError.invalidParameter(name: "b", reason: "lower bound 2.0 is greater than upper bound 1.0")
        #expect(throws: expected) { try NonlinearLeastSquares.fit(problem) }
        #expect(expected.description == "parameter 'b': lower bound 2.0 is greater than upper bound 1.0")
    }

    @Test func startOutsideBounds() {
        let problem = Self.line(parameters: [
            FitParameter("a", initialValue: 0), FitParameter("b", initialValue: 5, lowerBound: 0, upperBound: 1),
        ])
        #expect(throws: FitError.invalidParameter(name: "b", reason: "initial value 5.0 lies outside its bounds [0.0, 1.0]")) {
            try NonlinearLeastSquares.fit(problem)
        }
        let below = Self.line(parameters: [FitParameter("a", initialValue: -1, lowerBound: 0), FitParameter("b", initialValue: 1)])
        #expect(throws: FitError.invalidParameter(name: "a", reason: "initial value -1.0 lies outside its bounds [0.0, inf]")) {
            try NonlinearLeastSquares.fit(below)
        }
    }

    @Test func otherUnusableParameters() {
        let equalBounds = Self.line(parameters: [FitParameter("a", initialValue: 1, lowerBound: 1, upperBound: 1), FitParameter("b", initialValue: 1)])
        #expect(throws: FitError.invalidParameter(name: "a", reason: "lower and upper bounds are equal (1.0); declare it fixed instead")) {
            try NonlinearLeastSquares.fit(equalBounds)
        }
        let infiniteStart = Self.line(parameters: [FitParameter("a", initialValue: .infinity), FitParameter("b", initialValue: 1)])
        #expect(throws: FitError.invalidParameter(name: "a", reason: "initial value inf is not finite")) {
            try NonlinearLeastSquares.fit(infiniteStart)
        }
        let nanBound = Self.line(parameters: [FitParameter("a", initialValue: 0, upperBound: .nan), FitParameter("b", initialValue: 1)])
        #expect(throws: FitError.invalidParameter(name: "a", reason: "a bound is NaN")) {
            try NonlinearLeastSquares.fit(nanBound)
        }
    }

    @Test func duplicateName() {
        let problem = Self.line(parameters: [FitParameter("a", initialValue: 0), FitParameter("a", initialValue: 1)])
        #expect(throws: FitError.duplicateParameter("a")) { try NonlinearLeastSquares.fit(problem) }
        #expect(FitError.duplicateParameter("a").description == "parameter 'a' is declared twice")
    }

    @Test func tieToUnknownOrTiedParameter() {
        let unknown = LeastSquaresProblem.curve(
            x: Self.x, y: Self.y,
            parameters: [FitParameter("a", initialValue: 0), FitParameter("b", initialValue: 1),
                         FitParameter("c", initialValue: 0, constraint: .tied(to: "z", factor: 1, offset: 0))],
            value: { x, p in p[0] + p[1] * x + p[2] })
        #expect(throws: FitError.invalidParameter(name: "c", reason: "tied to unknown parameter 'z'")) {
            try NonlinearLeastSquares.fit(unknown)
        }
        let chained = LeastSquaresProblem.curve(
            x: Self.x, y: Self.y,
            parameters: [FitParameter("a", initialValue: 0), FitParameter("b", initialValue: 1, constraint: .tied(to: "a")),
                         FitParameter("c", initialValue: 0, constraint: .tied(to: "b"))],
            value: { x, p in p[0] + p[1] * x + p[2] })
        #expect(throws: FitError.invalidParameter(name: "c", reason: "tied to 'b', which is itself tied; tie both to a free or fixed parameter")) {
            try NonlinearLeastSquares.fit(chained)
        }
    }

    @Test func allFixedOrTied() {
        let problem = Self.line(parameters: [
            FitParameter("a", initialValue: 0, constraint: .fixed), FitParameter("b", initialValue: 1, constraint: .tied(to: "a", factor: 2)),
        ])
        #expect(throws: FitError.noFreeParameters) { try NonlinearLeastSquares.fit(problem) }
        #expect(FitError.noFreeParameters.description == "every parameter is fixed or tied: there is nothing to fit")
    }

    /// y = a·log(x − b) is NaN at x ≤ b: with b = 2.5 at the start, observations 1 and 2 (x = 1, 2).
    @Test func modelNotFiniteAtStart() {
        let problem = Self.line(parameters: [FitParameter("a", initialValue: 1), FitParameter("b", initialValue: 2.5)])
        let logModel = LeastSquaresProblem(
            parameters: problem.parameters, observations: Self.y,
            model: { p, out in for i in Self.x.indices { out[i] = p[0] * log(Self.x[i] - p[1]) } })
        let expected = "the model is not finite at the starting point (a=1.0, b=2.5) for observations 1, 2"
        #expect(throws: FitError.nonFiniteModel(expected)) { try NonlinearLeastSquares.fit(logModel) }
        #expect(Self.fitError { _ = try NonlinearLeastSquares.fit(logModel) }?.description == expected)
        // one bad observation: singular wording
        let single = logModel.updatingParameter("b") { $0.initialValue = 1.5 }
        #expect(throws: FitError.nonFiniteModel("the model is not finite at the starting point (a=1.0, b=1.5) for observation 1")) {
            try NonlinearLeastSquares.fit(single)
        }
    }

    @Test func modelReturningTheWrongNumberOfPredictions() {
        let problem = LeastSquaresProblem(
            parameters: [FitParameter("a", initialValue: 1)], observations: Self.y,
            model: { p, out in
                for i in out.indices { out[i] = p[0] }
                out.append(p[0])
            })
        #expect(throws: FitError.dimensionMismatch("the model returned 11 predictions for 10 observations")) {
            try NonlinearLeastSquares.fit(problem)
        }
    }

    /// A model that writes fewer predictions than observations must be reported as a
    /// dimension mismatch (as one that writes more is), not crash the process. Run in a child
    /// process (exit test) so a crash fails this test only.
    @Test func modelReturningTooFewPredictionsThrowsInsteadOfCrashing() async {
        await #expect(processExitsWith: .success) {
            let problem = LeastSquaresProblem(
                parameters: [FitParameter("a", initialValue: 1)], observations: [1, 2, 3, 4],
                model: { p, out in out = [p[0], p[0], p[0]] })
            do {
                _ = try NonlinearLeastSquares.fit(problem)
                exit(1)
            } catch let error as FitError {
                exit(error == .dimensionMismatch("the model returned 3 predictions for 4 observations") ? 0 : 2)
            } catch {
                exit(3)
            }
        }
    }

    /// Counts model evaluations at which the model was not finite.
    final class NonFiniteCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func record() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    /// Data for y = a + √b·x (NaN for b < 0): a line with slope ≈ 0.04, so b̂ ≈ 0.0016.
    static let sqrtY = [1.05, 1.07, 1.13, 1.15, 1.21, 1.23, 1.29, 1.31, 1.37, 1.39]

    static func sqrtProblem(start b0: Double, counter: NonFiniteCounter) -> LeastSquaresProblem {
        LeastSquaresProblem.curve(
            x: x, y: sqrtY,
            parameters: [FitParameter("a", initialValue: 1), FitParameter("b", initialValue: b0)],
            value: { x, p in
                let v = p[0] + p[1].squareRoot() * x
                if !v.isFinite { counter.record() }
                return v
            },
            gradient: { x, p, g in
                g[0] = 1
                g[1] = x / (2 * p[1].squareRoot())
            })
    }

    /// The closed-form least-squares line y = a + s·x through the sqrt data: (a, s).
    static func sqrtClosedForm() -> (a: Double, s: Double) {
        let n = Double(x.count)
        var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        for i in x.indices {
            sx += x[i]
            sy += sqrtY[i]
            sxx += x[i] * x[i]
            sxy += x[i] * sqrtY[i]
        }
        let s = (n * sxy - sx * sy) / (n * sxx - sx * sx)
        return ((sy - s * sx) / n, s)
    }

    /// y = a + √b·x is NaN for b < 0. Started at b = 0.1 with the optimum at b = s² ≈ 0.00155,
    /// the first step of every trust-region method overshoots to b < 0. A single trust-region run
    /// (no fallback ladder) must reject that non-finite trial point, shrink its step and still
    /// converge to the closed-form optimum.
    @Test("a non-finite trial step is rejected, not accepted", arguments: FitOptions.Method.allCases)
    func nonFiniteTrialStepsAreRejected(_ method: FitOptions.Method) throws {
        let counter = NonFiniteCounter()
        let problem = Self.sqrtProblem(start: 0.1, counter: counter)
        let (a, s) = Self.sqrtClosedForm()
        #expect(s > 0)
        let result: FitResult
        do {
            result = try NonlinearLeastSquares.fit(problem, options: FitOptions().with {
                $0.method = method
                $0.fallbacks = .none
            })
        } catch {
            Issue.record("\(method.rawValue): \(error) (after \(counter.value) non-finite model values)")
            return
        }
        #expect(counter.value > 0, "the test must exercise a non-finite trial point")
        #expect(result.converged, "\(result.termination)")
        #expect(isClose(result["a"]!.value, a, rel: 1e-9), "a = \(result["a"]!.value), expected \(a)")
        #expect(isClose(result["b"]!.value, s * s, rel: 1e-8), "b = \(result["b"]!.value), expected \(s * s)")
        #expect(result.standardErrors.allSatisfy { $0 != nil && $0!.isFinite })
    }

    /// With the default options (fallback ladder on) the same problem reaches the optimum.
    @Test func nonFiniteTrialStepsWithDefaultOptions() throws {
        let counter = NonFiniteCounter()
        let result = try NonlinearLeastSquares.fit(Self.sqrtProblem(start: 0.1, counter: counter))
        let (a, s) = Self.sqrtClosedForm()
        #expect(counter.value > 0, "the test must exercise a non-finite trial point")
        #expect(result.converged, "\(result.termination)")
        #expect(isClose(result["a"]!.value, a, rel: 1e-9))
        #expect(isClose(result["b"]!.value, s * s, rel: 1e-8))
        #expect(result.values.allSatisfy { $0.isFinite })
    }

    /// y = a·b·x: only the product is identified. No covariance, a rank-deficiency warning, no
    /// NaN anywhere, and the product equals the closed-form slope through the origin Σxy/Σx².
    @Test func redundantParametersGiveNoCovariance() throws {
        let problem = LeastSquaresProblem.curve(
            x: Self.x, y: Self.y,
            parameters: [FitParameter("a", initialValue: 1), FitParameter("b", initialValue: 1)],
            value: { x, p in p[0] * p[1] * x },
            gradient: { x, p, g in
                g[0] = p[1] * x
                g[1] = p[0] * x
            })
        let result = try NonlinearLeastSquares.fit(problem)
        var sxy = 0.0, sxx = 0.0
        for i in Self.x.indices {
            sxy += Self.x[i] * Self.y[i]
            sxx += Self.x[i] * Self.x[i]
        }
        let a = try #require(result["a"])
        let b = try #require(result["b"])
        #expect(isClose(a.value * b.value, sxy / sxx, rel: 1e-9), "a·b = \(a.value * b.value), expected \(sxy / sxx)")
        #expect(result.covariance == nil)
        #expect(result.correlation == nil)
        #expect(result.jacobianRank == 1)
        #expect(a.standardError == nil && b.standardError == nil)
        #expect(a.interval == nil && b.interval == nil)
        #expect(result.warnings.contains { $0.description.contains("rank deficient") }, "\(result.warnings)")
        #expect(result.values.allSatisfy { $0.isFinite })
        #expect(result.objective.isFinite && result.chiSquare.isFinite && result.rSquared.isFinite)
    }
}
