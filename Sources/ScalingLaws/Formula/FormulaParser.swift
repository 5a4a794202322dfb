/// A recursive-descent parser for formulas.
///
/// ```
/// definition := [name '='] expression                 (``parseDefinition(_:)`` only)
/// expression := term (('+' | '-') term)*               left-associative
/// term       := unary (('*' | '/') unary)*             left-associative
/// unary      := ('-' | '+') unary | power
/// power      := primary [('^' | '**') unary]           right-associative
/// primary    := number | name | function '(' arguments ')' | '(' expression ')'
/// function   := exp | log | log10 | sqrt | min | max   (min and max take two arguments)
/// ```
/// Exponentiation binds tighter than unary minus, as in mathematics: `-x^2 = -(x^2)`, and its
/// exponent may carry a sign: `x^-a^b = x^(-(a^b))`. A minus sign directly before a number
/// that is not itself raised to a power is part of the number: `-2` is the literal −2, while
/// `-2^2` is `-(2^2)`. `log` is the natural logarithm.
///
/// Formulas are limited to ``maximumTokens`` tokens and ``maximumNesting`` levels of
/// parentheses, calls, signs and exponents, so no input can exhaust the stack.
public enum FormulaParser {
    /// The most tokens a formula may have.
    public static let maximumTokens = 1000
    /// The deepest nesting of parentheses, function calls, signs and exponents.
    public static let maximumNesting = 100

    /// Parses an expression.
    /// - Throws: ``FormulaError`` with the column of the problem.
    public static func parse(_ text: String) throws -> FormulaExpression {
        var parser = try State(text)
        let expression = try parser.expression()
        try parser.expectEnd()
        return expression
    }

    /// Parses `[response =] expression`: the response name when given, and the expression.
    /// - Throws: ``FormulaError`` with the column of the problem.
    public static func parseDefinition(_ text: String) throws -> (response: String?, expression: FormulaExpression) {
        var parser = try State(text)
        var response: String?
        if case let .name(name) = parser.current.kind, parser.peek(1).kind == .equals {
            response = name
            parser.advance()
            parser.advance()
        }
        let expression = try parser.expression()
        try parser.expectEnd()
        return (response, expression)
    }

    struct State {
        let tokens: [FormulaToken]
        var index = 0

        /// The current nesting of parentheses, calls, signs and exponents.
        var depth = 0

        init(_ text: String) throws {
            tokens = try FormulaTokenizer.tokens(text)
            if tokens.count == 1 { throw FormulaError.empty }
            if tokens.count - 1 > FormulaParser.maximumTokens {
                throw FormulaError.tooLong(tokens: tokens.count - 1, limit: FormulaParser.maximumTokens)
            }
        }

        /// Runs `body` one nesting level deeper.
        mutating func nested<T>(_ body: (inout State) throws -> T) throws -> T {
            depth += 1
            defer { depth -= 1 }
            guard depth <= FormulaParser.maximumNesting else {
                throw FormulaError.nestedTooDeeply(column: current.column, limit: FormulaParser.maximumNesting)
            }
            return try body(&self)
        }

        var current: FormulaToken { tokens[index] }

        func peek(_ offset: Int) -> FormulaToken {
            tokens[Swift.min(index + offset, tokens.count - 1)]
        }

        mutating func advance() {
            if index < tokens.count - 1 { index += 1 }
        }

        /// The error for the current token where it cannot stand.
        func unexpected() -> FormulaError {
            current.kind == .end
                ? .unexpectedEnd(column: current.column)
                : .unexpectedToken(current.text, column: current.column)
        }

        func expectEnd() throws {
            guard current.kind == .end else { throw unexpected() }
        }

        mutating func expression() throws -> FormulaExpression {
            var left = try term()
            while true {
                switch current.kind {
                case .plus:
                    advance()
                    left = .add(left, try term())
                case .minus:
                    advance()
                    left = .subtract(left, try term())
                default:
                    return left
                }
            }
        }

        mutating func term() throws -> FormulaExpression {
            var left = try unary()
            while true {
                switch current.kind {
                case .times:
                    advance()
                    left = .multiply(left, try unary())
                case .divide:
                    advance()
                    left = .divide(left, try unary())
                default:
                    return left
                }
            }
        }

        mutating func unary() throws -> FormulaExpression {
            switch current.kind {
            case .minus:
                // A negative literal, unless the number is raised to a power (-2^2 = -(2^2)).
                // Unary pluses between are dropped (-+2 is the literal -2), so that printing,
                // which writes a negated number as -(2), never needs more tokens than the text.
                var k = 1
                while peek(k).kind == .plus, k < tokens.count { k += 1 }
                if case let .number(value) = peek(k).kind, peek(k + 1).kind != .power {
                    for _ in 0...k { advance() }
                    return .number(-value)
                }
                return try nested { state in
                    state.advance()
                    return .negate(try state.unary())
                }
            case .plus:
                return try nested { state in
                    state.advance()
                    return try state.unary()
                }
            default:
                return try power()
            }
        }

        mutating func power() throws -> FormulaExpression {
            let base = try primary()
            guard current.kind == .power else { return base }
            return try nested { state in
                state.advance()
                return .power(base, try state.unary())
            }
        }

        mutating func primary() throws -> FormulaExpression {
            let token = current
            switch token.kind {
            case let .number(value):
                advance()
                return .number(value)
            case let .name(name):
                advance()
                if current.kind == .openParenthesis {
                    guard let function = FormulaFunction.user(named: name) else {
                        throw FormulaError.unknownFunction(name, column: token.column)
                    }
                    let open = current
                    let arguments = try nested { state in
                        state.advance()
                        return try state.argumentList(open: open)
                    }
                    guard arguments.count == function.arity else {
                        throw FormulaError.wrongArgumentCount(
                            function: name, expected: function.arity, got: arguments.count, column: token.column)
                    }
                    return .call(function, arguments)
                }
                if FormulaFunction.user(named: name) != nil {
                    throw FormulaError.functionWithoutArguments(name, column: token.column)
                }
                return .name(name)
            case .openParenthesis:
                return try nested { state in
                    state.advance()
                    let inner = try state.expression()
                    try state.close(token)
                    return inner
                }
            default:
                throw unexpected()
            }
        }

        /// Arguments after `(` up to and including the matching `)`.
        mutating func argumentList(open: FormulaToken) throws -> [FormulaExpression] {
            if current.kind == .closeParenthesis {
                advance()
                return []
            }
            var arguments = [try expression()]
            while current.kind == .comma {
                advance()
                arguments.append(try expression())
            }
            try close(open)
            return arguments
        }

        /// Consumes the `)` that closes `open`.
        mutating func close(_ open: FormulaToken) throws {
            switch current.kind {
            case .closeParenthesis:
                advance()
            case .end:
                throw FormulaError.unclosedParenthesis(column: open.column)
            default:
                throw unexpected()
            }
        }
    }
}
