import Foundation
import ScalingLaws
import Testing

/// Linear parameters are read exactly from the symbolic derivatives.
@Suite("formula linearity")
struct FormulaLinearityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let formula: String
        var inputs: [String]? = nil
        let linear: [String]
        var testDescription: String { formula }
    }

    static let cases: [Case] = [
        Case(formula: "E + A/N^alpha + B/D^beta", linear: ["E", "A", "B"]),
        Case(formula: "E + A*N^-alpha + B*D^-beta", linear: ["E", "A", "B"]),
        Case(formula: "-A*N^alpha + E", linear: ["A", "E"]),
        Case(formula: "2*E + A/N^alpha", linear: ["E", "A"]),
        Case(formula: "E + A/(N + N0)^alpha", linear: ["E", "A"]),
        Case(formula: "A*exp(-k*N)", linear: ["A"]),
        Case(formula: "a + b*x + c*x^2", inputs: ["x"], linear: ["a", "b", "c"]),
        Case(formula: "(A + B)*N^alpha", linear: ["A", "B"]),
        // a product of two coefficients: only the first is taken
        Case(formula: "A*B*N^alpha", linear: ["A"]),
        // an offset outside the coefficients: variable projection cannot use them
        Case(formula: "E + A*N^alpha + 1", linear: []),
        Case(formula: "E + exp(a - alpha*log(N))", linear: []),
        // nonlinear in every parameter
        Case(formula: "A^2*N", linear: []),
        Case(formula: "log(A*N)", linear: []),
        Case(formula: "min(A*N, B)", linear: []),
        Case(formula: "N^alpha", linear: []),
        // A·N/A simplifies to N, an offset outside the coefficients
        Case(formula: "A*N/A + B*N", linear: []),
        // the simplifier cancels (A·N·B)/B, so A is found linear; B is not
        Case(formula: "A*N*B/B", linear: ["A"]),
    ]

    @Test("linear parameters", arguments: cases)
    func linear(_ c: Case) throws {
        let law = try FormulaLaw(c.formula, inputs: c.inputs)
        #expect(law.linearParameters == c.linear)
        #expect(law.parameters.filter(\.isLinear).map(\.name) == c.linear)
    }

    @Test("every linear parameter's derivative is free of the linear parameters")
    func derivativesFreeOfLinearParameters() throws {
        for c in Self.cases {
            let law = try FormulaLaw(c.formula, inputs: c.inputs)
            let linear = Set(law.linearParameters)
            for (name, gradient) in zip(law.parameterNames, law.gradientExpressions) where linear.contains(name) {
                #expect(!gradient.containsAny(of: linear), "\(c.formula): ∂f/∂\(name) = \(gradient)")
            }
        }
    }

    static let logSpace: [(String, Bool)] = [
        ("E in [0, inf]", true),
        ("E in [0.5, inf]", true),
        ("E in [0, 10]", false),
        ("E in [-1, inf]", false),
        ("E start 2", false),
        ("alpha in [0, inf]", false),
    ]

    @Test("a linear parameter bounded below by ≥ 0 and not above fits in log space", arguments: logSpace)
    func fitsInLogSpace(_ declaration: String, _ expected: Bool) throws {
        let law = try FormulaLaw("E + A/N^alpha", declarations: [try FormulaParameterDeclaration.parse(declaration)])
        let name = declaration.split(separator: " ")[0]
        let spec = try #require(law.parameters.first { $0.name == name })
        #expect(spec.fitsInLogSpace == expected)
        #expect(law.parameters.filter { $0.name != name }.allSatisfy { !$0.fitsInLogSpace })
    }
}
