import Foundation
import NonlinearFit
import ScalingLaws
import Testing

/// Printing: minimal parentheses, exact numbers, and print-then-parse giving an equal tree.
@Suite("formula printer")
struct FormulaPrinterTests {
    static let printed: [(String, String)] = [
        ("E + A/N^alpha + B/D^beta", "E + A/N^alpha + B/D^beta"),
        ("E+A/N^alpha+B/D^beta", "E + A/N^alpha + B/D^beta"),
        ("((E) + ((A)/(N^alpha)))", "E + A/N^alpha"),
        ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"),
        ("a + (b + c)", "a + (b + c)"),
        ("a/(b*c)", "a/(b*c)"),
        ("(a/b)*c", "a/b*c"),
        ("a*(b/c)", "a*(b/c)"),
        ("(a + b)*c", "(a + b)*c"),
        ("2^(3^x)", "2^3^x"),
        ("(2^3)^x", "(2^3)^x"),
        ("-(x*y)", "-(x*y)"),
        ("-x*y", "-x*y"),
        ("-(x^2)", "-x^2"),
        ("(-x)^2", "(-x)^2"),
        ("--x", "- -x"),
        ("-(-2)", "- -2"),
        ("-+2", "-2"),
        ("-(2)", "-(2)"),
        ("-2", "-2"),
        ("(-2)^x", "(-2)^x"),
        ("x^(-0.5)", "x^-0.5"),
        ("x^(a + b)", "x^(a + b)"),
        ("x^(-a)", "x^-a"),
        ("x - (-y)", "x - -y"),
        ("exp(-k*x)", "exp(-k*x)"),
        ("min(a,b) + max( a , b )", "min(a, b) + max(a, b)"),
        ("1e-3", "0.001"),
        ("1e20", "1e+20"),
        ("2.50", "2.5"),
        ("100000", "100000"),
        ("a × b ÷ c − d", "a*b/c - d"),
        ("a ** b", "a^b"),
    ]

    @Test("prints with only the parentheses the grammar needs", arguments: printed)
    func prints(_ text: String, _ expected: String) throws {
        #expect(try FormulaParser.parse(text).description == expected)
    }

    static let roundTrip: [String] = [
        "E + A/N^alpha + B/D^beta",
        "E + A/(N + N0)^alpha + B/D^beta",
        "loss_floor + (A*N^-alpha + B*D^-beta)^gamma",
        "a - b - c + d", "a - (b - c) - (d + x)", "a/b/c", "a/(b/c)", "a*(b*c)", "(a*b)*c",
        "a^b^c", "(a^b)^c", "-a^-b^-c", "(-a)^(-b)", "-(-(-a))", "x*-y/-z", "-2^-2", "(-2)^(-2)",
        "2 - -2", "-0.5*x", "x^-0.5", "0.1 + 0.2", "1.2345678901234567e-300*x", "6.02e23*n",
        "exp(log(x)) + log10(sqrt(x))", "min(max(a, b), -c)", "max(-a, -(b*c))^2",
        "a·b × c ÷ d − e", "E + A*exp(-k*N)", "log(exp(a - alpha*log(N)) + exp(b - beta*log(D)) + exp(e))",
    ]

    @Test("print then parse gives an equal tree, and printing is a fixed point", arguments: roundTrip)
    func roundTrips(_ text: String) throws {
        let tree = try FormulaParser.parse(text)
        let printed = tree.description
        let reparsed = try FormulaParser.parse(printed)
        #expect(reparsed == tree, "'\(text)' printed as '\(printed)'")
        #expect(reparsed.description == printed)
    }

    /// Trees the parser would not build from typical text (negated literals, negative bases,
    /// right-nested sums) still print to text that parses back to them.
    static let built: [FormulaExpression] = {
        let (a, b, c, x) = (F.a, F.b, F.c, F.x)
        return [
            F.neg(F.n(2)), F.neg(F.n(-2)), F.neg(F.neg(F.n(1))), F.pow(F.n(-2), x), F.pow(x, F.n(-2)),
            F.pow(x, F.neg(F.n(2))), F.sub(a, F.n(-3)), F.add(a, F.n(-3)), F.mul(F.n(-1), x), F.mul(x, F.n(-1)),
            F.mul(F.neg(a), F.neg(b)), F.add(a, F.add(b, c)), F.mul(a, F.mul(b, c)), F.div(a, F.div(b, c)),
            F.sub(a, F.sub(b, c)), F.pow(F.pow(a, b), c), F.pow(F.neg(a), b), F.neg(F.pow(F.n(2), x)),
            F.neg(F.pow(F.n(-2), x)), F.pow(x, F.pow(F.n(-2), a)), F.n(1.2345678901234568e+17), F.n(5e-324),
            F.n(0.1 + 0.2), F.n(-1e300), F.call(.min, F.n(-1), F.neg(x)), F.div(F.n(-1), F.n(-2)),
        ]
    }()

    @Test("built trees round-trip", arguments: built)
    func builtTreesRoundTrip(_ tree: FormulaExpression) throws {
        #expect(try FormulaParser.parse(tree.description) == tree, "printed as '\(tree.description)'")
    }

    @Test("500 random trees round-trip")
    func randomTrees() throws {
        var rng = SeededGenerator(seed: 2024)
        for _ in 0..<500 {
            let tree = Self.randomTree(depth: 5, rng: &rng)
            let text = tree.description
            let reparsed = try FormulaParser.parse(text)
            #expect(reparsed == tree, "'\(text)'")
        }
    }

    static func randomTree(depth: Int, rng: inout SeededGenerator) -> FormulaExpression {
        let numbers: [Double] = [0, 1, 2, -1, -2.5, 0.1, 1e-3, 6.02e23, -7e-8, 0.1 + 0.2]
        let names = ["a", "b", "x", "alpha", "N"]
        let leaf = depth == 0 || rng.nextUniform() < 0.25
        if leaf {
            return rng.nextUniform() < 0.5
                ? .number(numbers[Int(rng.next() % UInt64(numbers.count))])
                : .name(names[Int(rng.next() % UInt64(names.count))])
        }
        let left = randomTree(depth: depth - 1, rng: &rng)
        let right = randomTree(depth: depth - 1, rng: &rng)
        switch rng.next() % 13 {
        case 0: return .negate(left)
        case 1: return .add(left, right)
        case 2: return .subtract(left, right)
        case 3: return .multiply(left, right)
        case 4: return .divide(left, right)
        case 5: return .power(left, right)
        case 6: return .call(.exp, [left])
        case 7: return .call(.log, [left])
        case 8: return .call(.log10, [left])
        case 9: return .call(.sqrt, [left])
        case 10: return .call(.min, [left, right])
        case 11: return .call(.max, [left, right])
        default: return .negate(.negate(left))
        }
    }
}
