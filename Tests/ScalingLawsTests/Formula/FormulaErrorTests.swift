import Foundation
import ScalingLaws
import Testing

/// Every message a user can get from a formula, a declaration or a law file, exactly.
@Suite("formula errors")
struct FormulaErrorTests {
    static let syntax: [(String, String)] = [
        ("", "formula: empty expression"),
        ("   \t", "formula: empty expression"),
        ("E + A/(N^alpha))", "formula: unexpected ')' at column 16"),
        ("E + A/N^alpha + B/D^beta)", "formula: unexpected ')' at column 25"),
        ("()", "formula: unexpected ')' at column 2"),
        ("E N", "formula: unexpected 'N' at column 3"),
        ("2x", "formula: unexpected 'x' at column 2"),
        ("E + * N", "formula: unexpected '*' at column 5"),
        ("N,D", "formula: unexpected ',' at column 2"),
        ("loss = E + N", "formula: unexpected '=' at column 6"),
        ("E − A/N^a)", "formula: unexpected ')' at column 10"),
        ("E +", "formula: unexpected end of expression at column 4"),
        ("N^", "formula: unexpected end of expression at column 3"),
        ("-", "formula: unexpected end of expression at column 2"),
        ("exp(N", "formula: '(' at column 4 is never closed"),
        ("(E + N", "formula: '(' at column 1 is never closed"),
        ("min(N, D", "formula: '(' at column 4 is never closed"),
        ("E $ N", "formula: unexpected character '$' at column 3"),
        ("E + α/N", "formula: unexpected character 'α' at column 5 (names use ASCII letters, digits and '_')"),
        ("N!", "formula: unexpected character '!' at column 2"),
        ("1e + N", "formula: malformed number '1e' at column 1"),
        ("N*2.5e+", "formula: malformed number '2.5e+' at column 3"),
        ("1e400*N", "formula: number '1e400' at column 1 is too large"),
        ("sin(x)", "formula: unknown function 'sin' at column 1 (functions: exp, log, log10, sqrt, min, max)"),
        ("E + ln(N)", "formula: unknown function 'ln' at column 5 (functions: exp, log, log10, sqrt, min, max)"),
        ("A(N)", "formula: unknown function 'A' at column 1 (functions: exp, log, log10, sqrt, min, max)"),
        ("E + step(N)", "formula: unknown function 'step' at column 5 (functions: exp, log, log10, sqrt, min, max)"),
        ("min(N)", "formula: min() takes 2 arguments, got 1 at column 1"),
        ("E + max(N, D, C)", "formula: max() takes 2 arguments, got 3 at column 5"),
        ("max()", "formula: max() takes 2 arguments, got 0 at column 1"),
        ("exp(N, D)", "formula: exp() takes 1 argument, got 2 at column 1"),
        ("exp + N", "formula: function 'exp' used without arguments at column 1"),
        ("N*log", "formula: function 'log' used without arguments at column 3"),
    ]

    @Test("syntax errors name the position", arguments: syntax)
    func syntaxError(_ text: String, _ message: String) {
        #expect(Self.message { _ = try FormulaParser.parse(text) } == message)
    }

    @Test("limits: at most 1000 tokens and 100 levels of nesting; long formulas within them work")
    func limits() throws {
        let tooLong = String(repeating: "a + ", count: 600) + "N"
        #expect(Self.message { _ = try FormulaParser.parse(tooLong) } == "formula: too long: 1201 tokens (at most 1000)")
        let deep = String(repeating: "(", count: 101) + "N" + String(repeating: ")", count: 101)
        #expect(Self.message { _ = try FormulaParser.parse(deep) } == "formula: nested more than 100 levels deep at column 101")
        let signs = String(repeating: "-", count: 101) + "N"
        #expect(Self.message { _ = try FormulaParser.parse(signs) } == "formula: nested more than 100 levels deep at column 101")
        let calls = String(repeating: "exp(", count: 101) + "N" + String(repeating: ")", count: 101)
        #expect(Self.message { _ = try FormulaParser.parse(calls) } == "formula: nested more than 100 levels deep at column 404")
        let powers = String(repeating: "N^", count: 101) + "N"
        #expect(Self.message { _ = try FormulaParser.parse(powers) } == "formula: nested more than 100 levels deep at column 202")

        // Within the limits: 999 tokens in a chain, 100 levels of parentheses.
        let chain = String(repeating: "a*N + ", count: 249) + "N^b"
        let law = try FormulaLaw(chain)
        #expect(law.parameterNames == ["a", "b"])
        #expect(try FormulaParser.parse(law.expression.description) == law.expression)
        #expect(law.evaluate([2], [1, 1]) == 249 * 2 + 2)
        let nested = String(repeating: "(", count: 100) + "N" + String(repeating: ")", count: 100)
        #expect(try FormulaParser.parse(nested) == .name("N"))
    }

    @Test("a definition has at most one '='")
    func definitionErrors() {
        #expect(Self.message { _ = try FormulaParser.parseDefinition("a = b = c") } == "formula: unexpected '=' at column 7")
        #expect(Self.message { _ = try FormulaParser.parseDefinition("loss =") } == "formula: unexpected end of expression at column 7")
        #expect(Self.message { _ = try FormulaParser.parseDefinition("= N") } == "formula: unexpected '=' at column 1")
    }

    struct LawCase: Sendable, CustomTestStringConvertible {
        let formula: String
        var inputs: [String]? = nil
        var response: String? = nil
        var declarations: [String] = []
        let message: String
        var testDescription: String { message }
    }

    static let meaning: [LawCase] = [
        LawCase(formula: "E + A*x^b", message: "formula: no input variable: the formula uses none of N, D, C; name its inputs with --inputs"),
        LawCase(formula: "a + b*x", inputs: ["x", "z"], message: "formula: input 'z' does not appear in the formula"),
        LawCase(formula: "a + b*x", inputs: ["x", "x"], message: "formula: 'x' appears twice in the inputs"),
        LawCase(formula: "E + loss*N", message: "formula: the response 'loss' appears in the formula"),
        LawCase(formula: "y = a + b*y*N", message: "formula: the response 'y' appears in the formula"),
        LawCase(formula: "loss = E + A/N^alpha", response: "val", message: "formula: the response is named twice: 'loss' in the formula and 'val' by --response"),
        LawCase(formula: "N^2 + D", message: "formula: the formula has no parameters to fit"),
        LawCase(formula: "E + A/N^alpha + B/D^beta", declarations: ["gamma in [0, 1]"],
                message: "formula: 'gamma' is not a parameter of the formula (parameters: E, A, alpha, B, beta)"),
        LawCase(formula: "E + A/N^alpha + B/D^beta", declarations: ["N in [0, inf]"], message: "formula: 'N' is an input, not a parameter"),
        LawCase(formula: "E + A/N^alpha", declarations: ["alpha in [0, 1]", "alpha start 0.3"], message: "formula: parameter 'alpha' is declared twice"),
        // A lower-case input name would silently become a fitted constant (issue 13).
        LawCase(formula: "E + A/n^alpha + B/D^beta",
                message: "formula: 'n' is not an input; did you mean N? declare it with --param if it is a parameter"),
        LawCase(formula: "E + A/N^alpha + B/d^beta",
                message: "formula: 'd' is not an input; did you mean D? declare it with --param if it is a parameter"),
        LawCase(formula: "a + b*X^k + x", inputs: ["X"], declarations: ["k in [0, 2]"],
                message: "formula: 'x' is not an input; did you mean X? declare it with --param if it is a parameter"),
    ]

    @Test("a parameter spelt like an input is accepted once declared with --param")
    func declaredCaseSlip() throws {
        let law = try FormulaLaw("E + A/N^alpha + c*D", declarations: [try FormulaParameterDeclaration.parse("c in [0, 1]")])
        #expect(law.inputNames == ["N", "D"])
        #expect(law.parameterNames == ["E", "A", "alpha", "c"])
    }

    @Test("inputs, response and declarations must match the formula's names", arguments: meaning)
    func meaningError(_ c: LawCase) {
        #expect(Self.message {
            _ = try FormulaLaw(c.formula, inputs: c.inputs, response: c.response,
                               declarations: try c.declarations.map(FormulaParameterDeclaration.parse))
        } == c.message)
    }

    static let declarations: [(String, String)] = [
        ("alpha", "formula: parameter declaration 'alpha': expected 'in [LOWER, UPPER]' or 'start VALUE' after 'alpha'"),
        ("", "formula: parameter declaration '': expected a parameter name first"),
        ("1alpha in [0, 1]", "formula: parameter declaration '1alpha in [0, 1]': expected a parameter name first"),
        ("alpha in [0 2]", "formula: parameter declaration 'alpha in [0 2]': expected ',' between the two ends of the interval"),
        ("alpha in 0, 2", "formula: parameter declaration 'alpha in 0, 2': expected '[' after 'in'"),
        ("alpha in [0, 2", "formula: parameter declaration 'alpha in [0, 2': expected ']' after the second end of the interval"),
        ("alpha in [a, 2]", "formula: parameter declaration 'alpha in [a, 2]': expected the first end as a number, got 'a'"),
        ("alpha in [, 2]", "formula: parameter declaration 'alpha in [, 2]': expected the first end as a number"),
        ("alpha in [0, nan]", "formula: parameter declaration 'alpha in [0, nan]': expected the second end as a number, got 'nan'"),
        ("alpha start", "formula: parameter declaration 'alpha start': expected a number after 'start'"),
        ("alpha start x", "formula: parameter declaration 'alpha start x': expected a finite number after 'start', got 'x'"),
        ("alpha start inf", "formula: parameter declaration 'alpha start inf': expected a finite number after 'start', got 'inf'"),
        ("alpha between [0, 1]", "formula: parameter declaration 'alpha between [0, 1]': unexpected 'between'; expected 'in' or 'start'"),
        ("alpha in [0, 1] in [0, 2]", "formula: parameter declaration 'alpha in [0, 1] in [0, 2]': 'in' is given twice"),
        ("alpha start 1 start 2", "formula: parameter declaration 'alpha start 1 start 2': 'start' is given twice"),
        ("alpha start [0, inf]", "formula: parameter declaration 'alpha start [0, inf]': a start range needs finite ends"),
        ("alpha start [2, 1]", "formula: parameter declaration 'alpha start [2, 1]': the start range [2, 1] is empty"),
        ("alpha in [2, 1]", "formula: parameter 'alpha': the lower bound 2 is not below the upper bound 1"),
        ("alpha in [1, 1]", "formula: parameter 'alpha': the lower bound 1 is not below the upper bound 1"),
        ("alpha in [0, 1] start 2", "formula: parameter 'alpha': start 2 is outside [0, 1]"),
        ("alpha in [0, inf] start -0.5", "formula: parameter 'alpha': start -0.5 is outside [0, inf]"),
        ("alpha in [0, 1] start [0.5, 2]", "formula: parameter 'alpha': start [0.5, 2] is outside [0, 1]"),
    ]

    @Test("parameter declarations that do not read", arguments: declarations)
    func declarationError(_ text: String, _ message: String) {
        #expect(Self.message { _ = try FormulaParameterDeclaration.parse(text) } == message)
    }

    static let files: [(String, String)] = [
        ("# nothing but a comment\nparam alpha in [0, 1]\n", "law.txt: no formula (a line such as 'loss = E + A/N^alpha')"),
        ("", "law.txt: no formula (a line such as 'loss = E + A/N^alpha')"),
        ("\nE + A/N^alpha\nE + B/D^beta\n", "law.txt: two formulas, on lines 2 and 3 (declarations start with 'param', 'inputs' or 'response')"),
        ("parm alpha in [0, 1]\nE + A/N^alpha\n", "law.txt: two formulas, on lines 1 and 2 (declarations start with 'param', 'inputs' or 'response')"),
        ("# Chinchilla\nE + A/(N^alpha))\n", "law.txt, line 2: unexpected ')' at column 16"),
        ("E + A/N^alpha\nparam alpha in [0 2]\n", "law.txt, line 2: parameter declaration 'alpha in [0 2]': expected ',' between the two ends of the interval"),
        ("E + A/N^alpha\nparam alpha in [0, 2]\nparam alpha start 1\n", "law.txt, line 3: parameter 'alpha' is declared twice"),
        ("E + A/N^alpha\nresponse y z\n", "law.txt, line 2: invalid names 'y z': expected one response name"),
        ("E + A/N^alpha\ninputs N, 2D\n", "law.txt, line 2: invalid names 'N, 2D': '2D' is not a name (ASCII letters, digits and '_', not starting with a digit)"),
        ("E + A/N^alpha\ninputs N, N\n", "law.txt, line 2: 'N' appears twice in the inputs"),
    ]

    @Test("law files: errors name the file and line", arguments: files)
    func fileError(_ text: String, _ message: String) {
        #expect(Self.message { _ = try FormulaLaw(FormulaLawDefinition.parseFile(text, source: "law.txt")) } == message)
    }

    @Test("options over a law file: a declaration given twice is an error")
    func overridingErrors() throws {
        let file = try FormulaLawDefinition.parseFile("E + A/N^alpha\n", source: "law.txt")
        let twice = try ["alpha start 1", "alpha start 2"].map(FormulaParameterDeclaration.parse)
        #expect(Self.message { _ = try file.overriding(inputs: nil, response: nil, declarations: twice) } ==
                "formula: parameter 'alpha' is declared twice")
        #expect(Self.message { _ = try FormulaLawDefinition.names(" , ", list: "--inputs") } ==
                "formula: invalid names ' , ': expected names separated by commas")
        #expect(Self.message { _ = try FormulaLawDefinition.names("N, N", list: "--inputs") } ==
                "formula: 'N' appears twice in --inputs")
    }

    /// The description of the error `body` throws, or a marker when it throws none.
    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "<no error>"
        } catch {
            return String(describing: error)
        }
    }
}
