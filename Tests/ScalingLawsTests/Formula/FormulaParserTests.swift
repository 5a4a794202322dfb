import Foundation
import ScalingLaws
import Testing
import TestSupport

/// The formula grammar: precedence, associativity, unary minus, functions, numbers.
@Suite("formula parser")
struct FormulaParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let tree: FormulaExpression
        var testDescription: String { text }
        init(_ text: String, _ tree: FormulaExpression) {
            self.text = text
            self.tree = tree
        }
    }

    static let precedence: [Case] = {
        let (a, b, c, d, x, y) = (F.a, F.b, F.c, F.d, F.x, F.y)
        return [
            Case("a + b*c", F.add(a, F.mul(b, c))),
            Case("a*b + c", F.add(F.mul(a, b), c)),
            Case("a - b/c", F.sub(a, F.div(b, c))),
            Case("a*b^c", F.mul(a, F.pow(b, c))),
            Case("a^b*c", F.mul(F.pow(a, b), c)),
            Case("(a + b)*c", F.mul(F.add(a, b), c)),
            Case("a/(b*c)", F.div(a, F.mul(b, c))),
            // left associativity of + - * /
            Case("a - b - c", F.sub(F.sub(a, b), c)),
            Case("a - b + c", F.add(F.sub(a, b), c)),
            Case("a + b + c", F.add(F.add(a, b), c)),
            Case("a/b/c", F.div(F.div(a, b), c)),
            Case("a/b*c", F.mul(F.div(a, b), c)),
            Case("a*b/c", F.div(F.mul(a, b), c)),
            // right associativity of ^
            Case("a^b^c", F.pow(a, F.pow(b, c))),
            Case("(a^b)^c", F.pow(F.pow(a, b), c)),
            Case("a**b**c", F.pow(a, F.pow(b, c))),
            // unary minus: ^ binds tighter, * / and + - looser
            Case("-x^2", F.neg(F.pow(x, F.n(2)))),
            Case("-x*y", F.mul(F.neg(x), y)),
            Case("-x + y", F.add(F.neg(x), y)),
            Case("x*-y", F.mul(x, F.neg(y))),
            Case("x - -y", F.sub(x, F.neg(y))),
            Case("--x", F.neg(F.neg(x))),
            Case("-(x + y)", F.neg(F.add(x, y))),
            Case("+x", x),
            Case("x^-y", F.pow(x, F.neg(y))),
            Case("x^-a^b", F.pow(x, F.neg(F.pow(F.a, F.b)))),
            Case("2^-x^2", F.pow(F.n(2), F.neg(F.pow(x, F.n(2))))),
            // a minus sign before a number is part of the literal, unless the number is raised
            Case("-2", F.n(-2)),
            Case("-2*x", F.mul(F.n(-2), x)),
            Case("x^-0.5", F.pow(x, F.n(-0.5))),
            Case("-2^2", F.neg(F.pow(F.n(2), F.n(2)))),
            Case("(-2)^2", F.pow(F.n(-2), F.n(2))),
            Case("-(2)", F.neg(F.n(2))),
            Case("x - 2", F.sub(x, F.n(2))),
            // Unicode operators
            Case("a × b · c ÷ d − x", F.sub(F.div(F.mul(F.mul(a, b), c), d), x)),
            Case("(((a)))", a),
            Case("  a\t+ b ", F.add(a, b)),
            Case("E + A/N^alpha + B/D^beta", F.chinchilla),
            Case("E+A/N^alpha+B/D^beta", F.chinchilla),
        ]
    }()

    @Test("precedence and associativity", arguments: precedence)
    func parsesTree(_ c: Case) throws {
        #expect(try FormulaParser.parse(c.text) == c.tree)
    }

    static let functions: [Case] = {
        let (a, b, x) = (F.a, F.b, F.x)
        return [
            Case("exp(x)", F.call(.exp, x)),
            Case("log(x)", F.call(.log, x)),
            Case("log10(x)", F.call(.log10, x)),
            Case("sqrt(x)", F.call(.sqrt, x)),
            Case("min(a, b)", F.call(.min, a, b)),
            Case("max(a,b)", F.call(.max, a, b)),
            Case("max(a + 1, b*2)", F.call(.max, F.add(a, F.n(1)), F.mul(b, F.n(2)))),
            Case("exp(-x)", F.call(.exp, F.neg(x))),
            Case("exp(log(x))", F.call(.exp, F.call(.log, x))),
            Case("min(a, max(b, x))", F.call(.min, a, F.call(.max, b, x))),
            Case("-exp(x)^2", F.neg(F.pow(F.call(.exp, x), F.n(2)))),
            Case("2*sqrt(x)", F.mul(F.n(2), F.call(.sqrt, x))),
            Case("exp_x + log_10", F.add(F.v("exp_x"), F.v("log_10"))),
        ]
    }()

    @Test("function calls", arguments: functions)
    func parsesFunction(_ c: Case) throws {
        #expect(try FormulaParser.parse(c.text) == c.tree)
    }

    static let numbers: [(String, Double)] = [
        ("0", 0), ("7", 7), ("007", 7), ("2.5", 2.5), ("0.5", 0.5), (".5", 0.5), ("3.", 3),
        ("1e-3", 0.001), ("1E3", 1000), ("1e+3", 1000), ("1.5e-10", 1.5e-10), ("6.02e23", 6.02e23),
        ("1e308", 1e308), ("-1e-3", -0.001),
    ]

    @Test("numbers, including scientific notation", arguments: numbers)
    func parsesNumber(_ text: String, _ value: Double) throws {
        let tree = try FormulaParser.parse(text)
        guard case let .number(parsed) = tree else {
            Issue.record("\(text) parsed as \(tree), not a number")
            return
        }
        #expect(isClose(parsed, value, rel: 1e-15))
    }

    @Test("names are ASCII letters, digits and underscores, case-sensitive")
    func names() throws {
        #expect(try FormulaParser.parse("alpha_1 + Alpha_1 + _x9") ==
                F.add(F.add(F.v("alpha_1"), F.v("Alpha_1")), F.v("_x9")))
        #expect(try FormulaParser.parse("E + A/N^alpha + B/D^beta").names == ["E", "A", "N", "alpha", "B", "D", "beta"])
        #expect(try FormulaParser.parse("a*x + a*y + exp(x)").names == ["a", "x", "y"])
    }

    @Test("a definition may name its response")
    func definition() throws {
        let named = try FormulaParser.parseDefinition("loss = E + A/N^alpha + B/D^beta")
        #expect(named.response == "loss")
        #expect(named.expression == F.chinchilla)
        let bare = try FormulaParser.parseDefinition("E + A/N^alpha + B/D^beta")
        #expect(bare.response == nil)
        #expect(bare.expression == F.chinchilla)
        #expect(try FormulaParser.parseDefinition("y=x").response == "y")
    }

    static let values: [(String, Double)] = [
        ("2 + 3*4", 14), ("(2 + 3)*4", 20), ("10 - 4 - 3", 3), ("2/4/2", 0.25), ("2^3^2", 512), ("(2^3)^2", 64),
        ("-2^2", -4), ("(-2)^2", 4), ("2^-1", 0.5), ("-3*-2", 6), ("exp(0)", 1), ("log(exp(2))", 2), ("log10(1000)", 3),
        ("sqrt(16)", 4), ("min(3, 1)", 1), ("max(3, 1)", 3), ("min(-1, -2)", -2), ("1e-3*1000", 1), ("8 ÷ 2 × 3 − 1", 11),
    ]

    @Test("evaluation follows the grammar", arguments: values)
    func evaluates(_ text: String, _ expected: Double) throws {
        let value = try FormulaParser.parse(text).value([:])
        #expect(isClose(value, expected, rel: 1e-14, abs: 1e-15), "\(text) = \(value)")
    }

    @Test("evaluation looks names up; a missing name is NaN")
    func evaluationWithNames() throws {
        let tree = try FormulaParser.parse("E + A/N^alpha + B/D^beta")
        let values = ["E": 1.8, "A": 400.0, "alpha": 0.34, "B": 410.0, "beta": 0.28, "N": 1e9, "D": 2e10]
        let expected = 1.8 + 400 / Foundation.pow(1e9, 0.34) + 410 / Foundation.pow(2e10, 0.28)
        #expect(isClose(tree.value(values), expected, rel: 1e-14))
        #expect(tree.value(["E": 1]).isNaN)
    }
}
