import Foundation

/// A law the user writes as a formula, such as Chinchilla by hand:
///
/// ```
/// loss = E + A/N^alpha + B/D^beta
/// ```
/// (grammar: ``FormulaParser``). Its names split into inputs and parameters:
///
/// - Inputs are the names given as inputs (`--inputs N,D`), or by default those of `N`, `D`
///   and `C` (the standard column roles) the formula uses, in that order. Every other name is
///   a parameter, in the order the names first appear. Inputs are read from the columns of
///   the same role (see ``ColumnRoleResolver``). An undeclared parameter spelt like an input in
///   another case (`n` beside `N`) is refused rather than silently fitted as a constant.
/// - The response is named by a `RESPONSE =` prefix or `--response`; `loss` by default.
/// - An input must be positive when it is the base of a power whose exponent is not a whole
///   number, or the argument of `log`, `log10` or `sqrt` (`N^alpha`, `log(D)`).
///
/// Parameters:
/// - Bounds and starts come from ``FormulaParameterDeclaration``s; without them a parameter
///   is unbounded.
/// - Linear parameters are found exactly from the symbolic derivatives (see
///   `FormulaLinearity`), so the default start strategy solves them by variable projection.
///   A linear parameter declared with a lower bound ≥ 0 and no upper bound is positive
///   (``LawParameter/fitsInLogSpace``): fits work with its logarithm, as Hoffmann et al. fit
///   `a = log A`. (With a finite upper bound it is not, so that the bound is kept.)
/// - Starts: a declared start (the midpoint of a start range); otherwise 0.5 for an exponent
///   (a parameter that appears in an exponent `x^(…)` or inside `exp(…)`) and 1 for any other
///   parameter; a default start outside the declared bounds moves to the midpoint of finite
///   bounds, else 1 inside the finite bound.
///
/// Values and gradients are exact: the gradient is the symbolic derivative of the formula
/// (``FormulaExpression/derivative(withRespectTo:)``), compiled with the formula into one
/// `FormulaProgram` that computes shared subexpressions once.
public struct FormulaLaw: ScalingLaw {
    /// The names that are inputs when none are given, in order.
    public static let defaultInputs = ["N", "D", "C"]
    /// The response when none is named.
    public static let defaultResponse = "loss"

    /// The parsed right-hand side `f`.
    public let expression: FormulaExpression
    /// Input names, in the order ``evaluate(_:_:)`` reads them.
    public let inputNames: [String]
    /// The response's name (the formula's `NAME =` prefix, or `loss`).
    public let responseName: String
    /// Parameter names, in the order ``evaluate(_:_:)`` reads them.
    public let parameterNames: [String]
    /// `∂f/∂p` for each parameter, simplified.
    public let gradientExpressions: [FormulaExpression]
    /// The parameters the formula is linear in.
    public let linearParameters: [String]
    /// The user's parameter declarations (bounds and starts), as given.
    public let declarations: [FormulaParameterDeclaration]
    public let parameters: [LawParameter]
    public let inputs: [LawVariable]
    /// Start values in parameter order.
    public let starts: [Double]
    /// The name the user gave the law (``FormulaLawDefinition/name``), or `nil`.
    public private(set) var label: String?

    private let valueProgram: FormulaProgram
    private let gradientProgram: FormulaProgram

    /// A law from formula text, e.g. `"E + A/N^alpha + B/D^beta"` or `"loss = …"`.
    ///
    /// - Parameters:
    ///   - formula: The formula, optionally with a `RESPONSE =` prefix.
    ///   - inputs: The input names, or `nil` for `N`, `D`, `C` as used.
    ///   - response: The response name, or `nil` for the prefix or `loss`.
    ///   - declarations: Bounds and starts.
    ///   - name: The law's name (``label``), or `nil` for `formula`.
    /// - Throws: ``FormulaError`` for a formula that does not parse, inputs or declarations
    ///   that do not match its names, a formula without inputs or parameters.
    public init(
        _ formula: String, inputs: [String]? = nil, response: String? = nil,
        declarations: [FormulaParameterDeclaration] = [], name: String? = nil
    ) throws {
        try self.init(FormulaLawDefinition(formula: formula, inputs: inputs, response: response, declarations: declarations, name: name))
    }

    /// Refuses an undeclared parameter spelt like an input in another case (`n` beside the
    /// input `N`, or beside the default input `N` the formula does not use): the formula would
    /// otherwise fit `n` as a free constant without a word. A parameter declared with `--param`
    /// (or a `param` line) is taken as meant.
    /// - Throws: ``FormulaError/inputNameInOtherCase(_:input:)``.
    static func checkCaseSlips(parameters: [String], inputs: [String], candidates: [String], declared: Set<String>) throws {
        for name in parameters where !declared.contains(name) {
            let lowered = name.lowercased()
            if let input = (inputs + candidates).first(where: { $0 != name && $0.lowercased() == lowered }) {
                throw FormulaError.inputNameInOtherCase(name, input: input)
            }
        }
    }

    /// A law from a definition (command-line text and flags, or a law file).
    /// - Throws: as ``init(_:inputs:response:declarations:name:)``; syntax errors of a formula
    ///   from a file are wrapped in ``FormulaError/inFile(source:line:_:)``;
    ///   ``FormulaError/inputNameInOtherCase(_:input:)`` for an undeclared parameter spelt like
    ///   an input (`n` for `N`).
    public init(_ definition: FormulaLawDefinition) throws {
        let parsed: (response: String?, expression: FormulaExpression)
        do {
            parsed = try FormulaParser.parseDefinition(definition.formula)
        } catch let error as FormulaError {
            if let file = definition.file, let line = definition.line {
                throw FormulaError.inFile(source: file, line: line, error)
            }
            throw error
        }
        let expression = parsed.expression
        if let named = parsed.response, let option = definition.response, named != option {
            throw FormulaError.conflictingResponse(formula: named, option: option)
        }
        let response = definition.response ?? parsed.response ?? Self.defaultResponse
        let names = expression.names
        if names.contains(response) { throw FormulaError.responseInFormula(response) }

        let inputNames: [String]
        if let given = definition.inputs {
            var seen: Set<String> = []
            for name in given {
                guard seen.insert(name).inserted else { throw FormulaError.duplicateName(name, list: "the inputs") }
                guard names.contains(name) else { throw FormulaError.unusedInput(name) }
            }
            inputNames = given
        } else {
            inputNames = Self.defaultInputs.filter(names.contains)
            guard !inputNames.isEmpty else { throw FormulaError.noInputs(defaults: Self.defaultInputs) }
        }
        let parameterNames = names.filter { !inputNames.contains($0) }
        guard !parameterNames.isEmpty else { throw FormulaError.noParameters }

        try Self.checkCaseSlips(
            parameters: parameterNames, inputs: inputNames,
            candidates: definition.inputs ?? Self.defaultInputs,
            declared: Set(definition.declarations.map(\.name)))

        var declared: [String: FormulaParameterDeclaration] = [:]
        for declaration in definition.declarations {
            guard declared[declaration.name] == nil else { throw FormulaError.duplicateDeclaration(declaration.name) }
            if inputNames.contains(declaration.name) { throw FormulaError.declaredInput(declaration.name) }
            guard parameterNames.contains(declaration.name) else {
                throw FormulaError.unknownParameter(declaration.name, parameters: parameterNames)
            }
            declared[declaration.name] = declaration
        }

        let gradients = parameterNames.map { expression.derivative(withRespectTo: $0) }
        let linear = FormulaLinearity.linearParameters(of: expression, parameters: parameterNames, gradients: gradients)
        let exponents = Self.exponentParameters(expression)
        let positiveInputs = Self.positiveNames(expression)

        var specs: [LawParameter] = []
        var starts: [Double] = []
        for name in parameterNames {
            let declaration = declared[name]
            let lower = declaration?.lowerBound ?? -.infinity
            let upper = declaration?.upperBound ?? .infinity
            let isLinear = linear.contains(name)
            let isExponent = exponents.contains(name)
            let summary = isLinear ? "linear coefficient" : isExponent ? "exponent" : "parameter"
            specs.append(LawParameter(
                name, symbol: Self.symbol(for: name), summary: summary, lowerBound: lower, upperBound: upper,
                isLinear: isLinear, fitsInLogSpace: isLinear && lower >= 0 && upper == .infinity))
            starts.append(Self.start(declaration?.start, isExponent: isExponent, lower: lower, upper: upper))
        }

        self.label = definition.name
        self.expression = expression
        self.inputNames = inputNames
        self.responseName = response
        self.parameterNames = parameterNames
        self.gradientExpressions = gradients
        self.linearParameters = linear
        self.declarations = parameterNames.compactMap { declared[$0] }
        self.parameters = specs
        self.starts = starts
        self.inputs = inputNames.map { name in
            LawVariable(name, symbol: name, unit: "", summary: "input", mustBePositive: positiveInputs.contains(name))
        }
        self.valueProgram = FormulaProgram(compiling: [expression], inputs: inputNames, parameters: parameterNames)
        self.gradientProgram = FormulaProgram(compiling: gradients, inputs: inputNames, parameters: parameterNames)
    }

    // MARK: - ScalingLaw

    /// The name the user gave the law, else `formula`.
    public var name: String { label ?? "formula" }
    public var title: String { "user-written formula" }
    /// `RESPONSE = EXPRESSION`, as ``FormulaParser/parseDefinition(_:)`` reads it back.
    public var formula: String { "\(responseName) = \(expression)" }
    public var citation: String { "written by the user" }

    public var response: LawVariable {
        LawVariable(responseName, symbol: responseName, unit: "", summary: "response", mustBePositive: false)
    }

    public func evaluate(_ x: [Double], _ p: [Double]) -> Double {
        valueProgram.value(x, p)
    }

    public func gradient(_ x: [Double], _ p: [Double], into gradient: inout [Double]) {
        gradientProgram.values(x, p, into: &gradient)
    }

    /// The declared or default starts (see the type's documentation); the data are not used.
    public func initialGuess(inputs: [[Double]], response: [Double]) -> [Double] {
        starts
    }

    /// A full factorial grid over the declared start ranges, other parameters at their starts;
    /// empty when no range is declared. Each range contributes 5 points (fewer when more than
    /// five ranges are declared, so the grid stays within 10,000 points), evenly spaced, or
    /// log-spaced when the range is positive and spans a factor of 100 or more.
    public func startGrid() -> [[String: Double]] {
        let ranges: [(name: String, low: Double, high: Double)] = declarations.compactMap { declaration in
            guard case let .range(low, high)? = declaration.start else { return nil }
            return (declaration.name, low, high)
        }
        guard !ranges.isEmpty else { return [] }
        let perAxis = ranges.count <= 5 ? 5 : Swift.max(2, Int(pow(10_000, 1 / Double(ranges.count))))
        var base: [String: Double] = [:]
        for (name, start) in zip(parameterNames, starts) { base[name] = start }
        var grid: [[String: Double]] = [base]
        for range in ranges {
            let values = Self.rangePoints(range.low, range.high, count: perAxis)
            grid = grid.flatMap { point in
                values.map { value in
                    var next = point
                    next[range.name] = value
                    return next
                }
            }
        }
        return grid
    }

    // MARK: - Rules

    /// `count` points from `low` to `high`: log-spaced when `low > 0` and `high/low ≥ 100`.
    static func rangePoints(_ low: Double, _ high: Double, count: Int) -> [Double] {
        let logSpaced = low > 0 && high / low >= 100
        return (0..<count).map { i in
            let t = Double(i) / Double(count - 1)
            return logSpaced ? low * pow(high / low, t) : low + (high - low) * t
        }
    }

    /// The start of one parameter.
    static func start(_ declared: FormulaParameterDeclaration.Start?, isExponent: Bool, lower: Double, upper: Double) -> Double {
        switch declared {
        case let .value(v)?:
            return v
        case let .range(low, high)?:
            return rangePoints(low, high, count: 3)[1]
        case nil:
            let value = isExponent ? 0.5 : 1.0
            if value >= lower, value <= upper { return value }
            if lower.isFinite, upper.isFinite { return lower + (upper - lower) / 2 }
            return value < lower ? lower + 1 : upper - 1
        }
    }

    /// Names that appear in an exponent or inside `exp(…)`.
    static func exponentParameters(_ e: FormulaExpression) -> Set<String> {
        var out: Set<String> = []
        func visit(_ e: FormulaExpression) {
            switch e {
            case .number, .name: return
            case let .negate(a): visit(a)
            case let .add(a, b), let .subtract(a, b), let .multiply(a, b), let .divide(a, b):
                visit(a)
                visit(b)
            case let .power(a, b):
                visit(a)
                out.formUnion(b.names)
            case let .call(function, arguments):
                if function == .exp {
                    for argument in arguments { out.formUnion(argument.names) }
                } else {
                    arguments.forEach(visit)
                }
            }
        }
        visit(e)
        return out
    }

    /// Names that must be positive: the base of a power with an exponent that is not a whole
    /// literal, or the argument of `log`, `log10` or `sqrt`.
    static func positiveNames(_ e: FormulaExpression) -> Set<String> {
        var out: Set<String> = []
        func visit(_ e: FormulaExpression) {
            switch e {
            case .number, .name: return
            case let .negate(a): visit(a)
            case let .add(a, b), let .subtract(a, b), let .multiply(a, b), let .divide(a, b):
                visit(a)
                visit(b)
            case let .power(a, b):
                if case let .name(name) = a, !isWholeNumber(b) { out.insert(name) }
                visit(a)
                visit(b)
            case let .call(function, arguments):
                if [.log, .log10, .sqrt].contains(function), case let .name(name) = arguments[0] { out.insert(name) }
                arguments.forEach(visit)
            }
        }
        visit(e)
        return out
    }

    static func isWholeNumber(_ e: FormulaExpression) -> Bool {
        if case let .number(v) = e { return v == v.rounded() }
        return false
    }

    /// Greek letter names print as the letter (`alpha` → `α`); other names as themselves.
    static func symbol(for name: String) -> String {
        let greek: [String: String] = [
            "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
            "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
            "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        ]
        return greek[name] ?? name
    }

    /// Whether `text` given as `--law` is meant as a formula rather than a catalog name: it
    /// contains `+`, `*`, `/`, `^`, a parenthesis or `=` (or `−`, `×`, `·`, `÷`). A hyphen alone
    /// does not count, so a misspelt catalog name such as `kaplan-joint` stays a name.
    public static func looksLikeFormula(_ text: String) -> Bool {
        text.contains { "+*/^()=\u{2212}\u{00D7}\u{00B7}\u{00F7}".contains($0) }
    }
}

extension FormulaLaw: Equatable {
    public static func == (a: FormulaLaw, b: FormulaLaw) -> Bool {
        a.expression == b.expression && a.inputNames == b.inputNames && a.responseName == b.responseName
            && a.declarations == b.declarations && a.label == b.label
    }
}

extension FormulaLaw {
    /// Longest default name ``distinctlyNamed(_:)`` gives, in characters.
    static let abbreviationLength = 40

    /// `laws` with every unnamed formula law that shares the name `formula` with another law
    /// renamed after its own expression, abbreviated (`E + A/N^alpha + B/D^beta`), so that
    /// two formulas in one comparison are told apart; when two abbreviations coincide, the
    /// later ones end in `#2`, `#3`, …. Named formulas and catalog laws are unchanged.
    /// - Parameter laws: the laws in the order given.
    /// - Returns: the same laws in the same order, names distinct where they were `formula`.
    public static func distinctlyNamed(_ laws: [any ScalingLaw]) -> [any ScalingLaw] {
        let unnamed = laws.filter { ($0 as? FormulaLaw)?.label == nil && $0 is FormulaLaw }.count
        guard unnamed > 1 else { return laws }
        var taken = Set(laws.map(\.name))
        return laws.map { law in
            guard var formula = law as? FormulaLaw, formula.label == nil else { return law }
            let text = "\(formula.expression)"
            var base = text
            if base.count > abbreviationLength { base = String(base.prefix(abbreviationLength - 1)) + "…" }
            var name = base
            var k = 2
            while taken.contains(name) {
                name = "\(base) #\(k)"
                k += 1
            }
            taken.insert(name)
            formula.label = name
            return formula
        }
    }
}

extension FormulaLaw {
    /// The law `text` names on a command line: a catalog law by name (``LawRegistry``), else a
    /// formula (``looksLikeFormula(_:)``; `NAME: FORMULA` names it, see
    /// ``FormulaLawDefinition/commandLine(_:)``), else `nil`.
    /// - Parameter text: a catalog name or a formula.
    /// - Returns: the law, or `nil` for text that is neither.
    /// - Throws: ``FormulaError`` for a formula that does not read.
    public static func catalogOrFormula(_ text: String) throws -> (any ScalingLaw)? {
        if let law = LawRegistry.law(named: text) { return law }
        guard looksLikeFormula(text) else { return nil }
        return try FormulaLaw(try FormulaLawDefinition.commandLine(text))
    }
}
