import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Exact symbolic derivatives: against central finite differences at random points, and their
/// simplified form.
@Suite("formula derivatives")
struct FormulaDerivativeTests {
    /// Formulas over x, y, z, smooth on the sampled box x, y, z ∈ [0.5, 2].
    static let smooth: [String] = [
        "x", "3*x + 0*y", "x^2", "x^y", "y^x", "x^x", "x^-0.5", "1/x", "x*x*x", "-x^2", "-(x*y)", "x - -y",
        "2^x", "exp(x*y)", "exp(-z*x)", "log(x)", "log(x*y + 1)", "log10(x*y)", "sqrt(x + y)", "x/y", "(x + 1)/(x + y)",
        "(x^2 + y^2)^0.5", "log(exp(x) + exp(y))", "z*exp(-y*x) + 3", "(x*y)^z/(1 + x)", "x^(y + z)", "(x + y)^(x - z)",
        "sqrt(log10(1 + x^y))", "exp(log(x)*y)", "x/y/z", "x - y - z", "-x^-y^-z", "1e-3*x^2 - 1000/y",
    ]

    @Test("matches central differences at 20 random points", arguments: smooth)
    func matchesFiniteDifferences(_ text: String) throws {
        let f = try FormulaParser.parse(text)
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<20 {
            let point = ["x": 0.5 + 1.5 * rng.nextUniform(), "y": 0.5 + 1.5 * rng.nextUniform(), "z": 0.5 + 1.5 * rng.nextUniform()]
            for variable in ["x", "y", "z"] {
                let exact = f.derivative(withRespectTo: variable).value(point)
                let fd = Self.centralDifference(f, variable, at: point)
                #expect(isClose(exact, fd, rel: 1e-7, abs: 1e-8), "d(\(text))/d\(variable) at \(point): \(exact) vs \(fd)")
            }
        }
    }

    static func centralDifference(_ f: FormulaExpression, _ variable: String, at point: [String: Double]) -> Double {
        let h = 1e-5 * Swift.max(Swift.abs(point[variable] ?? 0), 1)
        var plus = point, minus = point
        plus[variable]! += h
        minus[variable]! -= h
        return (f.value(plus) - f.value(minus)) / (2 * h)
    }

    @Test("Chinchilla's derivatives match central differences at realistic N, D")
    func chinchillaDerivatives() throws {
        let f = try FormulaParser.parse("E + A/N^alpha + B/D^beta")
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<20 {
            var point = ["E": 1.5 + rng.nextUniform(), "A": 200 + 400 * rng.nextUniform(), "B": 300 + 2000 * rng.nextUniform(),
                         "alpha": 0.2 + 0.3 * rng.nextUniform(), "beta": 0.2 + 0.3 * rng.nextUniform()]
            point["N"] = Foundation.pow(10, 7 + 4 * rng.nextUniform())
            point["D"] = Foundation.pow(10, 9 + 4 * rng.nextUniform())
            for variable in ["E", "A", "alpha", "B", "beta"] {
                let exact = f.derivative(withRespectTo: variable).value(point)
                let fd = Self.centralDifference(f, variable, at: point)
                #expect(isClose(exact, fd, rel: 1e-6, abs: 1e-10), "d/d\(variable): \(exact) vs \(fd)")
            }
        }
    }

    static let simplified: [(String, String, String)] = [
        ("E + A/N^alpha + B/D^beta", "E", "1"),
        ("E + A/N^alpha + B/D^beta", "A", "1/N^alpha"),
        ("E + A/N^alpha + B/D^beta", "alpha", "-(A/N^alpha*log(N))"),
        ("E + A/N^alpha + B/D^beta", "N", "-(A/N^alpha*(alpha*N^(alpha - 1)/N^alpha))"),
        ("A*N^-alpha", "alpha", "-(A*(N^-alpha*log(N)))"),
        ("x", "x", "1"),
        ("x", "y", "0"),
        ("7", "x", "0"),
        ("x^1", "x", "1"),
        ("x^2", "x", "2*x"),
        ("x^3", "x", "3*x^2"),
        ("3*x + 0*y", "x", "3"),
        ("x*y", "x", "y"),
        ("x + y*0 + 1*x", "x", "2"),
        ("exp(2*x)", "x", "exp(2*x)*2"),
        ("exp(x)", "x", "exp(x)"),
        ("log(x)", "x", "1/x"),
        ("log10(x)", "x", "1/(x*log(10))"),
        ("sqrt(x)", "x", "1/(2*sqrt(x))"),
        ("2^x", "x", "2^x*log(2)"),
        ("-x", "x", "-1"),
        ("a - x", "x", "-1"),
        ("min(x, y)", "x", "1 - step(x - y)"),
        ("min(x, y)", "y", "step(x - y)"),
        ("max(x, y)", "x", "1 - step(y - x)"),
        ("min(2*x, 2*x)", "x", "2"),
    ]

    @Test("derivatives come simplified: no 0·x, 1·x, x + 0, x^1", arguments: simplified)
    func simplifiedForm(_ text: String, _ variable: String, _ expected: String) throws {
        #expect(try FormulaParser.parse(text).derivative(withRespectTo: variable).description == expected)
    }

    @Test("simplified() drops trivial terms and folds numbers")
    func simplify() throws {
        #expect(try FormulaParser.parse("0*x + 1*y + z^1 + (w + 0) - 0").simplified().description == "y + z + w")
        #expect(try FormulaParser.parse("2*3 + x^0 + 0/x + x/1 + --x").simplified().description == "7 + x + x")
        #expect(try FormulaParser.parse("(x*y)/x + (a - a)").simplified().description == "y")
        #expect(try FormulaParser.parse("1/0").simplified() == F.div(F.n(1), F.n(0)))
    }

    @Test("min and max differentiate as the active argument; ties take the first")
    func minMaxPieces() throws {
        let min = try FormulaParser.parse("min(x, y^2)")
        let max = try FormulaParser.parse("max(x, y^2)")
        let dMinX = min.derivative(withRespectTo: "x"), dMinY = min.derivative(withRespectTo: "y")
        let dMaxX = max.derivative(withRespectTo: "x"), dMaxY = max.derivative(withRespectTo: "y")
        // x < y²: min is x, max is y²
        let below = ["x": 1.0, "y": 2.0]
        #expect(dMinX.value(below) == 1)
        #expect(dMinY.value(below) == 0)
        #expect(dMaxX.value(below) == 0)
        #expect(isClose(dMaxY.value(below), 4, rel: 1e-15))
        // x > y²: min is y², max is x
        let above = ["x": 5.0, "y": 2.0]
        #expect(isClose(dMinY.value(above), 4, rel: 1e-15))
        #expect(dMinX.value(above) == 0)
        #expect(dMaxX.value(above) == 1)
        #expect(dMaxY.value(above) == 0)
        // tie x = y²: both take the first argument's derivative
        let tie = ["x": 4.0, "y": 2.0]
        #expect(dMinX.value(tie) == 1)
        #expect(dMinY.value(tie) == 0)
        #expect(dMaxX.value(tie) == 1)
        #expect(dMaxY.value(tie) == 0)
    }
}
