/// Everything that can be wrong with a user-written law: the formula text, the parameter
/// declarations, the law file, or how inputs, parameters and response fit together.
///
/// ``description`` is the exact one-line message a user sees. Positions are 1-based columns
/// (characters) of the text as given, so `formula: unexpected ')' at column 14` points at the
/// fourteenth character.
public enum FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    // MARK: - Syntax of the formula

    /// The formula is empty or blank.
    case empty
    /// A character that starts no token (`$`, `α`, …).
    case unexpectedCharacter(String, column: Int)
    /// A token where it cannot stand (`)` after an operator, two names in a row, …).
    case unexpectedToken(String, column: Int)
    /// The formula ends where an operand or `)` is still needed. `column` is one past the end.
    case unexpectedEnd(column: Int)
    /// An opening parenthesis without its `)`.
    case unclosedParenthesis(column: Int)
    /// A number that does not read (`1e`, `2.5e+`).
    case malformedNumber(String, column: Int)
    /// A number too large for a double (`1e400`).
    case numberOutOfRange(String, column: Int)
    /// A call of a function the grammar does not have (`sin(x)`).
    case unknownFunction(String, column: Int)
    /// A function called with the wrong number of arguments.
    case wrongArgumentCount(function: String, expected: Int, got: Int, column: Int)
    /// A function name used as a value (`exp + 1`).
    case functionWithoutArguments(String, column: Int)
    /// More tokens than ``FormulaParser/maximumTokens``.
    case tooLong(tokens: Int, limit: Int)
    /// Parentheses, calls and signs nested deeper than ``FormulaParser/maximumNesting``.
    case nestedTooDeeply(column: Int, limit: Int)

    // MARK: - Meaning

    /// None of the formula's names is an input.
    case noInputs(defaults: [String])
    /// An input named by the user that the formula does not use.
    case unusedInput(String)
    /// The response appears on the right-hand side.
    case responseInFormula(String)
    /// The response is named twice, differently (in the formula and by an option).
    case conflictingResponse(formula: String, option: String)
    /// A declaration names something that is not a parameter of the formula.
    case unknownParameter(String, parameters: [String])
    /// A declaration names an input.
    case declaredInput(String)
    /// A name given twice in one list.
    case duplicateName(String, list: String)
    /// A formula without parameters.
    case noParameters
    /// An undeclared parameter whose name is an input's name in another case (`n` where the
    /// input is `N`): almost always a typing slip that would silently fit a constant.
    case inputNameInOtherCase(String, input: String)

    // MARK: - Parameter declarations

    /// A list of names (`--inputs`, an `inputs` or `response` line) that does not read.
    case invalidNames(String, reason: String)
    /// A parameter declaration that does not read; `reason` says what was expected.
    case invalidDeclaration(String, reason: String)
    /// The same parameter declared twice.
    case duplicateDeclaration(String)
    /// A parameter with its lower bound not below its upper bound.
    case emptyBounds(parameter: String, lower: Double, upper: Double)
    /// A start (or start range) outside the declared bounds.
    case startOutsideBounds(parameter: String, start: String, lower: Double, upper: Double)
    /// A law name (`NAME: FORMULA`, a `name` line) that is not a formula name, or is a catalog
    /// law's name; `reason` says which.
    case invalidLawName(String, reason: String)

    // MARK: - Law files

    /// A problem on one line of a law file.
    indirect case inFile(source: String, line: Int, FormulaError)
    /// A law file without a formula line.
    case noFormulaInFile(source: String)
    /// A law file with two formula lines.
    case twoFormulasInFile(source: String, first: Int, second: Int)

    /// The functions a formula may call, as listed in messages.
    static let functionList = FormulaFunction.userFunctions.map(\.rawValue).joined(separator: ", ")

    public var description: String {
        switch self {
        case .inFile, .noFormulaInFile, .twoFormulasInFile:
            return MessageText.line(fileMessage)
        default:
            return MessageText.line("formula: " + detail)
        }
    }

    /// Text from the user between single quotes, escaped (see ``MessageText``).
    private func q(_ text: String) -> String { MessageText.quoted(text) }
    /// Text from the user escaped, without quotes.
    private func e(_ text: String) -> String { MessageText.escaped(text) }

    private var fileMessage: String {
        switch self {
        case let .inFile(source, line, error): return "\(e(source)), line \(line): \(error.detail)"
        case let .noFormulaInFile(source): return "\(e(source)): no formula (a line such as 'loss = E + A/N^alpha')"
        case let .twoFormulasInFile(source, first, second):
            return "\(e(source)): two formulas, on lines \(first) and \(second) (declarations start with 'param', 'inputs' or 'response')"
        default: return detail
        }
    }

    /// The message without the `formula: ` prefix. Every piece of user text goes through
    /// ``MessageText``, so the message stays one line (a raw line break here was found by
    /// fuzzing).
    var detail: String {
        switch self {
        case .empty:
            return "empty expression"
        case let .unexpectedCharacter(text, column):
            let hint = text.unicodeScalars.contains { $0.properties.isAlphabetic && !$0.isASCII }
                ? " (names use ASCII letters, digits and '_')" : ""
            return "unexpected character '\(DataMessage.cellForMessage(text))' at column \(column)\(hint)"
        case let .unexpectedToken(text, column):
            return "unexpected '\(DataMessage.cellForMessage(text))' at column \(column)"
        case let .unexpectedEnd(column):
            return "unexpected end of expression at column \(column)"
        case let .unclosedParenthesis(column):
            return "'(' at column \(column) is never closed"
        case let .malformedNumber(text, column):
            return "malformed number '\(DataMessage.cellForMessage(text))' at column \(column)"
        case let .numberOutOfRange(text, column):
            return "number '\(DataMessage.cellForMessage(text))' at column \(column) is too large"
        case let .unknownFunction(name, column):
            return "unknown function \(q(name)) at column \(column) (functions: \(Self.functionList))"
        case let .wrongArgumentCount(function, expected, got, column):
            return "\(e(function))() takes \(expected) argument\(expected == 1 ? "" : "s"), got \(got) at column \(column)"
        case let .functionWithoutArguments(name, column):
            return "function \(q(name)) used without arguments at column \(column)"
        case let .tooLong(tokens, limit):
            return "too long: \(tokens) tokens (at most \(limit))"
        case let .nestedTooDeeply(column, limit):
            return "nested more than \(limit) levels deep at column \(column)"
        case let .noInputs(defaults):
            return "no input variable: the formula uses none of \(defaults.map(e).joined(separator: ", ")); name its inputs with --inputs"
        case let .unusedInput(name):
            return "input \(q(name)) does not appear in the formula"
        case let .responseInFormula(name):
            return "the response \(q(name)) appears in the formula"
        case let .conflictingResponse(formula, option):
            return "the response is named twice: \(q(formula)) in the formula and \(q(option)) by --response"
        case let .unknownParameter(name, parameters):
            return "\(q(name)) is not a parameter of the formula (parameters: \(parameters.map(e).joined(separator: ", ")))"
        case let .declaredInput(name):
            return "\(q(name)) is an input, not a parameter"
        case let .duplicateName(name, list):
            return "\(q(name)) appears twice in \(e(list))"
        case .noParameters:
            return "the formula has no parameters to fit"
        case let .inputNameInOtherCase(name, input):
            return "'\(name)' is not an input; did you mean \(input)? declare it with --param if it is a parameter"
        case let .invalidNames(text, reason):
            return "invalid names '\(DataMessage.cellForMessage(text))': \(e(reason))"
        case let .invalidDeclaration(text, reason):
            return "parameter declaration '\(DataMessage.cellForMessage(text))': \(e(reason))"
        case let .duplicateDeclaration(name):
            return "parameter \(q(name)) is declared twice"
        case let .emptyBounds(parameter, lower, upper):
            return "parameter \(q(parameter)): the lower bound \(FormulaNumber.text(lower)) is not below the upper bound \(FormulaNumber.text(upper))"
        case let .startOutsideBounds(parameter, start, lower, upper):
            return "parameter \(q(parameter)): start \(e(start)) is outside [\(FormulaNumber.text(lower)), \(FormulaNumber.text(upper))]"
        case let .invalidLawName(name, reason):
            return "law name '\(DataMessage.cellForMessage(name))': \(e(reason))"
        case .inFile, .noFormulaInFile, .twoFormulasInFile:
            return fileMessage
        }
    }
}
