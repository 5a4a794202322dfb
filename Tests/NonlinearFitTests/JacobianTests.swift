import Foundation
import NonlinearFit
import Testing
import TestSupport

/// The finite-difference Jacobian (`jacobian: nil`) against the analytic one.
@Suite("Analytic and finite-difference Jacobians")
struct JacobianTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let make: @Sendable (_ analytic: Bool) -> LeastSquaresProblem
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "decay, free") { analytic in
            Fixtures.decayProblem(analyticJacobian: analytic)
        },
        Case(label: "decay, inactive bounds") { analytic in
            Fixtures.decayProblem(
                a: FitParameter("a", initialValue: 4, lowerBound: 0, upperBound: 20),
                b: FitParameter("b", initialValue: 0.3, lowerBound: 0),
                analyticJacobian: analytic)
        },
        Case(label: "decay, c fixed") { analytic in
            Fixtures.decayProblem(c: FitParameter("c", initialValue: 1, constraint: .fixed), analyticJacobian: analytic)
        },
        Case(label: "two exponentials, c tied to a") { analytic in
            LeastSquaresProblem.curve(
                x: Fixtures.twoExpX, y: BoundsAndConstraintsTests.tieCases[1].y,
                parameters: [
                    FitParameter("a", initialValue: 1), FitParameter("b1", initialValue: 1),
                    FitParameter("b2", initialValue: 0.1),
                    FitParameter("c", initialValue: 0, constraint: .tied(to: "a", factor: -0.5, offset: 4)),
                ],
                value: Fixtures.twoExp, gradient: analytic ? Fixtures.twoExpGradient : nil)
        },
    ]

    @Test("finite differences reach the analytic optimum", arguments: cases)
    func finiteDifferencesMatchAnalytic(_ c: Case) throws {
        let analytic = try NonlinearLeastSquares.fit(c.make(true))
        let numeric = try NonlinearLeastSquares.fit(c.make(false))
        #expect(analytic.converged && numeric.converged)
        #expect(isClose(numeric.values, analytic.values, rel: 1e-7), "\(numeric.values) vs \(analytic.values)")
        for (p, q) in zip(numeric.parameters, analytic.parameters) {
            #expect((p.standardError == nil) == (q.standardError == nil))
            if let s = p.standardError, let t = q.standardError {
                #expect(isClose(s, t, rel: 1e-5), "\(p.name): SE \(s) vs \(t)")
            }
        }
        #expect(isClose(numeric.objective, analytic.objective, rel: 1e-10))
        // the finite-difference path really ran: two extra model calls per varied parameter per Jacobian
        #expect(numeric.functionEvaluations >= analytic.functionEvaluations + 2 * numeric.freeParameterNames.count)
    }

    /// The analytic problem reaches scipy's optimum (values in SyntheticRecoveryTests), so the
    /// finite-difference one does too.
    @Test func finiteDifferencesReachScipyOptimum() throws {
        let numeric = try NonlinearLeastSquares.fit(Fixtures.decayProblem(analyticJacobian: false))
        #expect(isClose(numeric.values, [4.965911533859423, 0.39588686600656575, 0.968956674415109], rel: 1e-7))
        #expect(isClose(numeric["b"]?.standardError ?? .nan, 0.009690198373835305, rel: 1e-5))
    }
}
