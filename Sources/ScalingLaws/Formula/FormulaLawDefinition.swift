/// Everything a user writes to define a law: the formula, and optionally its inputs, response
/// and parameter declarations. Comes from `--law` text and flags, or from a law file.
///
/// A law file holds one formula line and declaration lines; `#` starts a comment:
///
/// ```
/// # Chinchilla, by hand
/// loss = E + A/N^alpha + B/D^beta
/// inputs N, D
/// param E in [0, inf]
/// param alpha in [0, 2] start 0.3
/// ```
/// Lines starting with `param` hold a ``FormulaParameterDeclaration``, `inputs` a list of
/// names (commas or spaces), `response` one name, `name` the law's name (``name``); any other
/// non-blank line is the formula.
public struct FormulaLawDefinition: Sendable, Equatable {
    /// The formula text, optionally with a `RESPONSE =` prefix.
    public var formula: String
    /// The input names, or `nil` for the default rule (see ``FormulaLaw``).
    public var inputs: [String]?
    /// The response name, or `nil` for the formula's prefix or `loss`.
    public var response: String?
    /// The `param` declarations: bounds and starts of named parameters.
    public var declarations: [FormulaParameterDeclaration]
    /// The law file holding the formula and the formula's line there (for messages), or `nil`
    /// for a formula given on the command line.
    public var file: String?
    /// The formula's 1-based line in ``file``, or `nil`.
    public var line: Int?
    /// The law's name in reports, comparisons and artifacts (`NAME: FORMULA` on the command
    /// line, a `name` line in a law file), or `nil` for `formula`. A formula name (letters,
    /// digits, `_`) that is no catalog law's name.
    public var name: String?

    /// A definition from its parts.
    /// - Parameters:
    ///   - formula: the formula text, optionally with a `RESPONSE =` prefix.
    ///   - inputs: the input names, or `nil` for the default rule.
    ///   - response: the response name, or `nil` for the prefix or `loss`.
    ///   - declarations: bounds and starts of parameters.
    ///   - name: the law's name, or `nil` for `formula`.
    public init(
        formula: String, inputs: [String]? = nil, response: String? = nil, declarations: [FormulaParameterDeclaration] = [],
        name: String? = nil
    ) {
        self.name = name
        self.formula = formula
        self.inputs = inputs
        self.response = response
        self.declarations = declarations
    }

    /// Reads a law file's text. `source` names the file in messages.
    /// - Throws: ``FormulaError/inFile(source:line:_:)`` around a declaration that does not
    ///   read, ``FormulaError/noFormulaInFile(source:)``,
    ///   ``FormulaError/twoFormulasInFile(source:first:second:)``.
    public static func parseFile(_ text: String, source: String) throws -> FormulaLawDefinition {
        var formula: (text: String, line: Int)?
        var inputs: [String]?
        var response: String?
        var name: String?
        var declarations: [FormulaParameterDeclaration] = []
        // "\r\n" is one Character in Swift: split on it as well as on "\n" and "\r".
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let content = String(line).trimmingSpaces
            if content.isEmpty { continue }
            let (keyword, rest) = Self.keyword(content)
            do {
                switch keyword {
                case "param":
                    let declaration = try FormulaParameterDeclaration.parse(rest)
                    if declarations.contains(where: { $0.name == declaration.name }) {
                        throw FormulaError.duplicateDeclaration(declaration.name)
                    }
                    declarations.append(declaration)
                case "inputs":
                    inputs = try names(rest, list: "the inputs")
                case "response":
                    let names = try names(rest, list: "the response")
                    guard names.count == 1 else {
                        throw FormulaError.invalidNames(rest, reason: "expected one response name")
                    }
                    response = names[0]
                case "name":
                    name = try Self.lawName(rest)
                default:
                    if let first = formula {
                        throw FormulaError.twoFormulasInFile(source: source, first: first.line, second: number)
                    }
                    formula = (content, number)
                }
            } catch let error as FormulaError {
                if case .twoFormulasInFile = error { throw error }
                throw FormulaError.inFile(source: source, line: number, error)
            }
        }
        guard let formula else { throw FormulaError.noFormulaInFile(source: source) }
        var definition = FormulaLawDefinition(
            formula: formula.text, inputs: inputs, response: response, declarations: declarations, name: name)
        definition.file = source
        definition.line = formula.line
        return definition
    }

    /// The definition with options from the command line applied over it: given inputs and
    /// response replace the file's, and a declaration replaces the file's declaration of the
    /// same parameter.
    /// - Throws: ``FormulaError/duplicateDeclaration(_:)`` for a parameter declared twice
    ///   among `declarations`.
    public func overriding(
        inputs: [String]?, response: String?, declarations: [FormulaParameterDeclaration]
    ) throws -> FormulaLawDefinition {
        var seen: Set<String> = []
        for declaration in declarations where !seen.insert(declaration.name).inserted {
            throw FormulaError.duplicateDeclaration(declaration.name)
        }
        var out = self
        if let inputs { out.inputs = inputs }
        if let response { out.response = response }
        out.declarations = self.declarations.filter { !seen.contains($0.name) } + declarations
        return out
    }

    /// Names separated by commas or spaces (`N, D` or `N D`), each a formula name, none twice.
    /// - Throws: ``FormulaError/invalidNames(_:reason:)``, ``FormulaError/duplicateName(_:list:)``.
    public static func names(_ text: String, list: String) throws -> [String] {
        let names = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
        guard !names.isEmpty else {
            throw FormulaError.invalidNames(text, reason: "expected names separated by commas")
        }
        var seen: Set<String> = []
        for name in names {
            guard name.isFormulaName else {
                throw FormulaError.invalidNames(text, reason: "'\(name)' is not a name (ASCII letters, digits and '_', not starting with a digit)")
            }
            guard seen.insert(name).inserted else { throw FormulaError.duplicateName(name, list: list) }
        }
        return names
    }

    /// The first word of a line when it is a declaration keyword followed by a space.
    private static func keyword(_ line: String) -> (String?, String) {
        for keyword in ["param", "inputs", "response", "name"] {
            guard line.hasPrefix(keyword) else { continue }
            let rest = line.dropFirst(keyword.count)
            if let c = rest.first, c == " " || c == "\t" { return (keyword, String(rest).trimmingSpaces) }
        }
        return (nil, line)
    }

    /// A formula given on the command line: `FORMULA`, or `NAME: FORMULA` to name the law
    /// (`--law 'hand: E + A/N^alpha + B/D^beta'`), so that two formulas in one comparison
    /// or two artifacts are told apart. A formula itself never contains `:`.
    /// - Parameter text: the `--law` text.
    /// - Returns: the definition, with ``name`` set when the text names the law.
    /// - Throws: ``FormulaError/invalidLawName(_:reason:)`` for a name that is not a formula
    ///   name or is a catalog law's name.
    public static func commandLine(_ text: String) throws -> FormulaLawDefinition {
        guard let colon = text.firstIndex(of: ":") else { return FormulaLawDefinition(formula: text) }
        let name = try lawName(String(text[..<colon]))
        return FormulaLawDefinition(formula: String(text[text.index(after: colon)...]).trimmingSpaces, name: name)
    }

    /// A law name: one formula name (letters, digits and `_`) that no catalog law has.
    /// - Throws: ``FormulaError/invalidLawName(_:reason:)``.
    static func lawName(_ text: String) throws -> String {
        let name = text.trimmingSpaces
        guard name.isFormulaName else {
            throw FormulaError.invalidLawName(name, reason: "expected a name of ASCII letters, digits and '_' before ':', e.g. 'hand: E + A/N^alpha'")
        }
        guard name != "formula", LawRegistry.law(named: name) == nil else {
            throw FormulaError.invalidLawName(name, reason: "a catalog law is called that; choose another name")
        }
        return name
    }
}
