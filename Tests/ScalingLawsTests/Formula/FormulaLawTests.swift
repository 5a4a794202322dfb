import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// `FormulaLaw`: which names are inputs and parameters, declarations, starts, the start grid,
/// law files, and the law conformance checks every catalog law passes.
@Suite("formula law")
struct FormulaLawTests {
    @Test("by default N, D and C are the inputs, in that order; other names are parameters in order of appearance")
    func defaultInputs() throws {
        let chinchilla = try FormulaLaw("E + A/N^alpha + B/D^beta")
        #expect(chinchilla.inputNames == ["N", "D"])
        #expect(chinchilla.parameterNames == ["E", "A", "alpha", "B", "beta"])
        #expect(chinchilla.responseName == "loss")
        #expect(chinchilla.inputs.map(\.role) == ["N", "D"])
        #expect(chinchilla.parameters.map(\.name) == ["E", "A", "alpha", "B", "beta"])

        let reordered = try FormulaLaw("E + B/D^beta + A/N^alpha")
        #expect(reordered.inputNames == ["N", "D"])
        #expect(reordered.parameterNames == ["E", "B", "beta", "A", "alpha"])

        let compute = try FormulaLaw("E + A*C^-gamma")
        #expect(compute.inputNames == ["C"])
        #expect(compute.parameterNames == ["E", "A", "gamma"])
    }

    @Test("given inputs replace the default; N, D, C not among them are parameters")
    func givenInputs() throws {
        let law = try FormulaLaw("a + b*x^c", inputs: ["x"])
        #expect(law.inputNames == ["x"])
        #expect(law.parameterNames == ["a", "b", "c"])
        let renamed = try FormulaLaw("E + A*N^C", inputs: ["N"])
        #expect(renamed.parameterNames == ["E", "A", "C"])
        let two = try FormulaLaw("a + b*log(t)*s", inputs: ["s", "t"])
        #expect(two.inputNames == ["s", "t"])
    }

    @Test("the response: loss, a prefix, or the option; the formula reads back as the same law")
    func response() throws {
        let prefixed = try FormulaLaw("y = a + b*x", inputs: ["x"])
        #expect(prefixed.responseName == "y")
        #expect(prefixed.response.role == "y")
        #expect(prefixed.formula == "y = a + b*x")
        let option = try FormulaLaw("a + b*x", inputs: ["x"], response: "acc")
        #expect(option.formula == "acc = a + b*x")
        let same = try FormulaLaw("acc = a + b*x", inputs: ["x"], response: "acc")
        #expect(same.responseName == "acc")

        let chinchilla = try FormulaLaw("E+A/N^alpha+B/D^beta")
        #expect(chinchilla.formula == "loss = E + A/N^alpha + B/D^beta")
        #expect(try FormulaLaw(chinchilla.formula, inputs: chinchilla.inputNames) == chinchilla)
        #expect(chinchilla.name == "formula")
    }

    @Test("inputs that must be positive: bases of non-integer powers and arguments of log, log10, sqrt")
    func positiveInputs() throws {
        let law = try FormulaLaw("a + b*x^2 + c*y^k + d*log(z) + e*sqrt(w) + f*v", inputs: ["x", "y", "z", "w", "v"])
        let positive = Dictionary(uniqueKeysWithValues: law.inputs.map { ($0.role, $0.mustBePositive) })
        #expect(positive == ["x": false, "y": true, "z": true, "w": true, "v": false])
        #expect(!law.response.mustBePositive)
    }

    @Test("symbols: Greek names print as letters")
    func symbols() throws {
        let law = try FormulaLaw("E + A/N^alpha + B/D^beta + 0*gamma_1")
        #expect(law.parameters.map(\.symbol) == ["E", "A", "α", "B", "β", "gamma_1"])
    }

    static let starts: [(formula: String, declarations: [String], starts: [Double])] = [
        ("E + A/N^alpha + B/D^beta", [], [1, 1, 0.5, 1, 0.5]),
        ("A*exp(-k*N) + E", [], [1, 0.5, 1]),
        ("E + A/N^alpha", ["alpha start 0.3"], [1, 1, 0.3]),
        ("E + A/N^alpha", ["alpha start [0, 2]"], [1, 1, 1]),
        ("E + A/N^alpha", ["A start [1, 1e4]"], [1, 100, 0.5]),
        ("E + A/N^alpha", ["E in [2, 5]"], [3.5, 1, 0.5]),
        ("E + A/N^alpha", ["E in [2, inf]"], [3, 1, 0.5]),
        ("E + A/N^alpha", ["alpha in [-inf, 0]"], [1, 1, -1]),
        ("E + A/N^alpha", ["alpha in [0, 2]"], [1, 1, 0.5]),
    ]

    @Test("starts: declared, else 0.5 for exponents and 1 otherwise, moved inside the bounds", arguments: starts)
    func initialGuess(_ formula: String, _ declarations: [String], _ expected: [Double]) throws {
        let law = try FormulaLaw(formula, declarations: try declarations.map(FormulaParameterDeclaration.parse))
        let guess = law.initialGuess(inputs: [[1e9]], response: [3])
        #expect(isClose(guess, expected, rel: 1e-12), "\(guess)")
    }

    @Test("declared bounds reach the law's parameters")
    func bounds() throws {
        let law = try FormulaLaw("E + A/N^alpha", declarations: try ["alpha in [0, 2] start 0.3", "E in [0, inf]"].map(FormulaParameterDeclaration.parse))
        let alpha = try #require(law.parameters.first { $0.name == "alpha" })
        #expect(alpha.lowerBound == 0)
        #expect(alpha.upperBound == 2)
        let a = try #require(law.parameters.first { $0.name == "A" })
        #expect(a.lowerBound == -.infinity)
        #expect(a.upperBound == .infinity)
        #expect(law.declarations.map(\.name) == ["E", "alpha"])
    }

    @Test("declarations read: bounds, starts and ranges")
    func declarations() throws {
        #expect(try FormulaParameterDeclaration.parse("alpha in [0, 2] start 0.3") ==
                FormulaParameterDeclaration("alpha", lowerBound: 0, upperBound: 2, start: .value(0.3)))
        #expect(try FormulaParameterDeclaration.parse("  alpha start 0.3 in [0,2] ") ==
                FormulaParameterDeclaration("alpha", lowerBound: 0, upperBound: 2, start: .value(0.3)))
        #expect(try FormulaParameterDeclaration.parse("E in [-inf, +inf]") == FormulaParameterDeclaration("E"))
        #expect(try FormulaParameterDeclaration.parse("E in [1e-3, inf]") == FormulaParameterDeclaration("E", lowerBound: 0.001))
        #expect(try FormulaParameterDeclaration.parse("beta start [0, 2]") == FormulaParameterDeclaration("beta", start: .range(0, 2)))
        #expect(try FormulaParameterDeclaration.parse("k start -1.5") == FormulaParameterDeclaration("k", start: .value(-1.5)))
    }

    @Test("the start grid: a factorial over declared ranges, log-spaced over wide positive ranges")
    func startGrid() throws {
        #expect(try FormulaLaw("E + A/N^alpha").startGrid().isEmpty)
        let law = try FormulaLaw("E + A/N^alpha + B/D^beta", declarations: try [
            "alpha start [0, 2]", "beta start [0, 2]", "A start [1, 1e4]", "E start 1.5",
        ].map(FormulaParameterDeclaration.parse))
        let grid = law.startGrid()
        #expect(grid.count == 125)
        #expect(Set(grid.compactMap { $0["alpha"] }) == [0, 0.5, 1, 1.5, 2])
        let a = Set(grid.compactMap { $0["A"] }).sorted()
        #expect(isClose(a, [1, 10, 100, 1000, 10000], rel: 1e-12))
        #expect(grid.allSatisfy { $0["E"] == 1.5 && $0["B"] == 1 && $0.count == 5 })

        let many = try FormulaLaw("a*x + b*x^2 + c*x^3 + d*x^4 + e*x^5 + f*x^6", inputs: ["x"],
                                  declarations: try ["a", "b", "c", "d", "e", "f"].map { try FormulaParameterDeclaration.parse("\($0) start [0, 1]") })
        let big = many.startGrid()
        #expect(big.count <= 10_000)
        #expect(big.count == 4096)
    }

    @Test("a law file: formula, inputs, response and declarations; options override it")
    func lawFile() throws {
        let text = """
            # Chinchilla, by hand
            loss = E + A/N^alpha + B/D^beta   # Hoffmann et al. 2022

            inputs N, D
            param E in [0, inf]
            param alpha in [0, 2] start 0.3\r
            param beta start [0, 2]
            """
        let definition = try FormulaLawDefinition.parseFile(text, source: "chinchilla.law")
        #expect(definition.formula == "loss = E + A/N^alpha + B/D^beta")
        #expect(definition.inputs == ["N", "D"])
        #expect(definition.response == nil)
        #expect(definition.file == "chinchilla.law")
        #expect(definition.line == 2)
        #expect(definition.declarations.map(\.name) == ["E", "alpha", "beta"])
        let law = try FormulaLaw(definition)
        #expect(law.parameters.first { $0.name == "E" }?.fitsInLogSpace == true)
        #expect(law.initialGuess(inputs: [], response: []) == [1, 1, 0.3, 1, 1])

        let overridden = try definition.overriding(
            inputs: nil, response: "loss", declarations: [try FormulaParameterDeclaration.parse("alpha start 0.4")])
        #expect(overridden.declarations.map(\.name) == ["E", "beta", "alpha"])
        #expect(try FormulaLaw(overridden).initialGuess(inputs: [], response: []) == [1, 1, 0.4, 1, 1])

        let custom = try FormulaLawDefinition.parseFile("a + b*x\ninputs x\nresponse y\n", source: "lin.law")
        let linear = try FormulaLaw(custom)
        #expect(linear.inputNames == ["x"])
        #expect(linear.formula == "y = a + b*x")
    }

    @Test("values and gradients equal the built-in Chinchilla law's")
    func matchesBuiltIn() throws {
        let formula = try FormulaLaw("E + A/N^alpha + B/D^beta")
        let builtIn = ChinchillaLaw()
        // built-in order [E, A, B, alpha, beta]; formula order [E, A, alpha, B, beta]
        let order = [0, 1, 3, 2, 4]
        var rng = SeededGenerator(seed: 5)
        var g = [Double](repeating: 0, count: 5)
        var h = [Double](repeating: 0, count: 5)
        for _ in 0..<50 {
            let p = [1 + rng.nextUniform(), 100 + 900 * rng.nextUniform(), 100 + 3000 * rng.nextUniform(),
                     0.1 + 0.6 * rng.nextUniform(), 0.1 + 0.6 * rng.nextUniform()]
            let x = [Foundation.pow(10, 7 + 4 * rng.nextUniform()), Foundation.pow(10, 9 + 4 * rng.nextUniform())]
            let q = order.map { p[$0] }
            #expect(isClose(formula.evaluate(x, q), builtIn.evaluate(x, p), rel: 1e-14))
            formula.gradient(x, q, into: &g)
            builtIn.gradient(x, p, into: &h)
            #expect(isClose(g, order.map { h[$0] }, rel: 1e-12), "\(g) vs \(h)")
        }
    }

    // MARK: - Conformance

    /// Chinchilla written by hand, on the catalog case's design and noise.
    static let chinchillaCase: LawConformanceCase = {
        let law = try! FormulaLaw("E + A/N^alpha + B/D^beta")
        let p = ChinchillaParameters.epoch2024
        return LawConformanceCase(
            law: law, truth: [p.e, p.a, p.alpha, p.b, p.beta],
            design: LawConformanceCase.factorial([
                LawConformanceCase.logSpaced(5e7, 1e10, count: 6), LawConformanceCase.logSpaced(1e9, 1e12, count: 8),
            ]),
            noise: .multiplicative(0.01), objective: .logLeastSquares)
    }()

    /// An exponential decay with a floor, on a custom input, by least squares.
    static let decayCase: LawConformanceCase = {
        let law = try! FormulaLaw("y = c + a*exp(-k*t)", inputs: ["t"])
        return LawConformanceCase(
            law: law, truth: [2, 1.5, 0.7],
            design: [(0..<30).map { Double($0) * 0.25 }],
            noise: .additive(0.02), objective: .leastSquares)
    }()

    static let conformance: [LawConformanceCase] = [chinchillaCase, decayCase]

    @Test("conformance: finite, gradient against central differences", arguments: conformance)
    func conformanceGradient(_ c: LawConformanceCase) {
        let suite = LawConformanceTests()
        suite.finite(c)
        suite.gradient(c)
    }

    @Test("conformance: recovery within 3 standard errors and JSON round trip", arguments: conformance)
    func conformanceRecovery(_ c: LawConformanceCase) throws {
        let suite = LawConformanceTests()
        try suite.recovery(c)
        try suite.jsonRoundTrip(c)
    }

    @Test("--starts grid over declared ranges reaches the default strategy's optimum")
    func gridStarts() throws {
        let law = try FormulaLaw("E + A/N^alpha + B/D^beta", declarations: try [
            "alpha start [0.1, 1]", "beta start [0.1, 1]",
        ].map(FormulaParameterDeclaration.parse))
        let data = try Self.chinchillaCase.dataset(seed: 3)
        let auto = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: .logLeastSquares))
        let grid = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: .logLeastSquares, starts: .publishedGrid))
        #expect(grid.statistics.starts == 25)
        #expect(isClose(grid.statistics.objective, auto.statistics.objective, rel: 1e-6))
        #expect(isClose(grid.values, auto.values, rel: 1e-4))
    }
}
