import Foundation

/// A condition on one column of a table of runs, the `--where EXPR` language.
///
/// Grammar (spaces between tokens are optional):
///
/// ```
/// predicate  = column op value                      N>=1e8   dataset!=comma   experiment==llama_3
///            | number lower column lower number     1e8<=N<=1e10   (lower is < or <=)
///            | column "in" "[" value ("," value)* "]"   run in [a, b, 'c d']
/// op         = "==" | "=" | "!=" | "<" | "<=" | ">" | ">="
/// value      = number | word | 'text' | "text"
/// ```
///
/// A bare word that reads as a number (``NumericCell/parse(_:)``: `5.76e23`, `70B`, `1.4T`) is a
/// number; any other bare word, and anything quoted, is text. Inside quotes a doubled quote
/// stands for itself (`'it''s'`). Column names are bare words or quoted.
///
/// Numbers compare numerically with numeric cells; text compares exactly with the cell's text
/// (surrounding spaces trimmed on both sides). `<`, `<=`, `>`, `>=` need a number.
/// ``description`` prints the canonical form, and `try RowPredicate(parsing: p.description) == p`
/// for every predicate.
public struct RowPredicate: Sendable, Equatable, TextCoded {
    /// A comparison operator.
    public enum Operator: String, Sendable, Equatable, Codable, CaseIterable {
        /// `==` (also written `=`): the cell equals the value.
        case equal = "=="
        /// `!=`: the cell differs from the value.
        case notEqual = "!="
        /// `<`: the cell is below the number.
        case less = "<"
        /// `<=`: the cell is at most the number.
        case lessOrEqual = "<="
        /// `>`: the cell is above the number.
        case greater = ">"
        /// `>=`: the cell is at least the number.
        case greaterOrEqual = ">="

        /// Whether the operator orders values (and so needs a number).
        public var isOrdering: Bool { self != .equal && self != .notEqual }

        func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .equal: return a == b
            case .notEqual: return a != b
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            }
        }
    }

    /// A literal: a finite number or a text.
    public enum Value: Sendable, Equatable, Codable, CustomStringConvertible {
        /// A number (a bare word that reads as one, such as `1e8` or `70B`).
        case number(Double)
        /// A text (any other bare word, or anything quoted).
        case text(String)

        /// The canonical spelling: numbers in shortest round-trip form (integers without `.0`),
        /// text bare when it reads back as the same text, else in single quotes.
        public var description: String {
            switch self {
            case let .number(value): return DataMessage.formatNumber(value)
            case let .text(text): return RowPredicate.spell(text)
            }
        }
    }

    /// What is tested.
    public enum Test: Sendable, Equatable, Codable {
        /// `column op value`.
        case compare(Operator, Value)
        /// `column in [values]` (at least one value).
        case member([Value])
        /// `lower lowerOp column upperOp upper` with each op `<` (strict) or `<=`.
        case between(lower: Double, lowerStrict: Bool, upper: Double, upperStrict: Bool)
    }

    /// The column the predicate reads.
    public var column: String
    /// The test applied to each row's cell.
    public var test: Test

    /// A predicate on `column`.
    /// - Parameters:
    ///   - column: The column the predicate reads.
    ///   - test: The test applied to each row's cell.
    public init(column: String, test: Test) {
        self.column = column
        self.test = test
    }

    /// Parses an expression.
    /// - Throws: ``RowPredicateError`` naming the expression and what was expected.
    public init(parsing text: String) throws {
        var parser = RowPredicateParser(text)
        self = try parser.parse()
    }

    /// The canonical form: `N >= 100000000`, `dataset != comma`, `run in [a, 'b c']`,
    /// `100000000 <= N <= 10000000000`.
    public var description: String {
        let name = Self.spell(column)
        switch test {
        case let .compare(op, value):
            return "\(name) \(op.rawValue) \(value)"
        case let .member(values):
            return "\(name) in [\(values.map(\.description).joined(separator: ", "))]"
        case let .between(lower, lowerStrict, upper, upperStrict):
            return "\(DataMessage.formatNumber(lower)) \(lowerStrict ? "<" : "<=") \(name) \(upperStrict ? "<" : "<=") \(DataMessage.formatNumber(upper))"
        }
    }

    /// Whether the test is `==`, `!=` or `in` (which text values can also make).
    var comparesEquality: Bool {
        switch test {
        case let .compare(op, _): return !op.isOrdering
        case .member: return true
        case .between: return false
        }
    }

    /// Whether the test needs numeric cells (`nil`: a mixture, decided per value).
    var needsNumber: Bool? {
        switch test {
        case let .compare(op, value):
            if op.isOrdering { return true }
            if case .number = value { return true }
            return false
        case .between:
            return true
        case let .member(values):
            let numbers = values.filter { if case .number = $0 { return true } else { return false } }.count
            if numbers == values.count { return true }
            if numbers == 0 { return false }
            return nil
        }
    }

    /// The outcome of testing one cell.
    enum Outcome: Equatable {
        case kept
        case dropped
        /// A number was compared with a cell that is not a number.
        case textCell
    }

    /// Tests one cell (its text as written). Text values never fail on numeric cells here: a
    /// text test against a column of numbers is reported by the caller once the whole column
    /// has been seen (``InputSpecification``).
    func evaluate(cell raw: String) -> Outcome {
        let cell = raw.trimmingCharacters(in: .whitespaces)
        let number = NumericCell.parse(cell).flatMap { $0.isFinite ? $0 : nil }
        func equal(_ value: Value) -> Bool? {
            switch value {
            case let .number(v): return number.map { $0 == v }
            case let .text(t): return cell == t
            }
        }
        switch test {
        case let .compare(op, value):
            switch (op, value) {
            case let (_, .number(v)):
                guard let number else { return .textCell }
                return op.holds(number, v) ? .kept : .dropped
            case let (.equal, .text(t)):
                return cell == t ? .kept : .dropped
            case let (.notEqual, .text(t)):
                return cell != t ? .kept : .dropped
            default:
                return .textCell  // an ordering on text is refused when parsing
            }
        case let .member(values):
            var sawNumberOnText = false
            for value in values {
                if let hit = equal(value) {
                    if hit { return .kept }
                } else {
                    sawNumberOnText = true
                }
            }
            return sawNumberOnText && needsNumber == true ? .textCell : .dropped
        case let .between(lower, lowerStrict, upper, upperStrict):
            guard let number else { return .textCell }
            let aboveLower = lowerStrict ? number > lower : number >= lower
            let belowUpper = upperStrict ? number < upper : number <= upper
            return aboveLower && belowUpper ? .kept : .dropped
        }
    }

    // MARK: - Spelling

    /// Characters that end a bare word.
    static func isBareBreaker(_ c: Character) -> Bool {
        c.isWhitespace || "=!<>'\"[],".contains(c)
    }

    /// `text` bare when it reads back as the same text word, else single-quoted.
    static func spell(_ text: String) -> String {
        let bare = !text.isEmpty && !text.contains(where: isBareBreaker) && NumericCell.parse(text) == nil
            && text != "in"
        if bare { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// A `--where` expression that does not parse. The message is one line.
public enum RowPredicateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression is malformed; `expected` says what should have come at `position` (0-based
    /// character offset).
    case syntax(expression: String, position: Int, expected: String)
    /// An ordering (`<`, `>`, …) or a range with a text value.
    case orderingOnText(expression: String, value: String)
    /// A number that is not finite (`inf`, `nan`).
    case notFinite(expression: String, value: String)
    /// A range whose lower end is above its upper end.
    case emptyRange(expression: String)

    /// The message, one line whatever text it echoes (``MessageText/line(_:)``).
    public var description: String { MessageText.line(message) }

    private var message: String {
        switch self {
        case let .syntax(expression, position, expected):
            return "invalid --where '\(DataMessage.cellForMessage(expression))': expected \(expected) at character \(position + 1)"
                + "; e.g. 'N>=1e8', 'dataset==rw', 'run in [a, b]' or '1e8<=N<=1e10'"
        case let .orderingOnText(expression, value):
            return "invalid --where '\(DataMessage.cellForMessage(expression))': '\(DataMessage.cellForMessage(value))' is text; <, <=, > and >= compare numbers"
        case let .notFinite(expression, value):
            return "invalid --where '\(DataMessage.cellForMessage(expression))': '\(DataMessage.cellForMessage(value))' is not a finite number"
        case let .emptyRange(expression):
            return "invalid --where '\(DataMessage.cellForMessage(expression))': the lower end is above the upper end"
        }
    }
}

/// The recursive-descent reader of ``RowPredicate``'s grammar.
struct RowPredicateParser {
    /// One lexical unit.
    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case op(RowPredicate.Operator)
        case open, close, comma
    }

    let text: String
    var tokens: [(token: Token, position: Int)] = []
    var index = 0

    init(_ text: String) {
        self.text = text
    }

    mutating func parse() throws -> RowPredicate {
        tokens = try tokenize()
        guard !tokens.isEmpty else { throw fail(at: 0, "COLUMN OP VALUE") }
        // The chained form starts with a number followed by < or <=.
        if case let .word(first)? = peek, tokens.count > 1, case let .op(op) = tokens[1].token,
           op == .less || op == .lessOrEqual, NumericCell.parse(first) != nil {
            return try chained()
        }
        let column = try name("a column name")
        if case .word("in")? = peek {
            index += 1
            return RowPredicate(column: column, test: .member(try list()))
        }
        guard case let .op(op)? = peek else { throw fail(at: position, "an operator (==, !=, <, <=, >, >=) or 'in'") }
        index += 1
        let value = try self.value()
        try end()
        if op.isOrdering, case let .text(t) = value { throw RowPredicateError.orderingOnText(expression: text, value: t) }
        return RowPredicate(column: column, test: .compare(op, value))
    }

    private mutating func chained() throws -> RowPredicate {
        let lower = try number()
        let lowerOp = try ordering()
        let column = try name("a column name")
        let upperOp = try ordering()
        let upper = try number()
        try end()
        guard lower <= upper else { throw RowPredicateError.emptyRange(expression: text) }
        return RowPredicate(
            column: column,
            test: .between(lower: lower, lowerStrict: lowerOp == .less, upper: upper, upperStrict: upperOp == .less))
    }

    private mutating func list() throws -> [RowPredicate.Value] {
        guard case .open? = peek else { throw fail(at: position, "'[' after 'in'") }
        index += 1
        var values: [RowPredicate.Value] = []
        while true {
            values.append(try value())
            switch peek {
            case .comma?: index += 1
            case .close?:
                index += 1
                try end()
                return values
            default: throw fail(at: position, "',' or ']'")
            }
        }
    }

    /// Whether `text` would merge with a space or quote printed before it (it starts with a
    /// combining mark or another grapheme extender): such text cannot be printed back, so it is
    /// refused (found by fuzzing: a value after a tab lost its first mark on the round trip).
    private static func startsWithExtender(_ text: String) -> Bool {
        !text.isEmpty && (" " + text).count != text.count + 1
    }

    private mutating func value() throws -> RowPredicate.Value {
        switch peek {
        case let .word(text)? where Self.startsWithExtender(text), let .quoted(text)? where Self.startsWithExtender(text):
            throw fail(at: position, "a value that does not start with a combining mark")
        case let .word(word)?:
            index += 1
            if let number = NumericCell.parse(word) {
                guard number.isFinite else { throw RowPredicateError.notFinite(expression: text, value: word) }
                return .number(number)
            }
            return .text(word)
        case let .quoted(quoted)?:
            index += 1
            let trimmed = quoted.trimmingCharacters(in: .whitespaces)
            guard !Self.startsWithExtender(trimmed) else {
                index -= 1
                throw fail(at: position, "a value that does not start with a combining mark")
            }
            return .text(trimmed)
        default:
            throw fail(at: position, "a value (a number, a word or quoted text)")
        }
    }

    private mutating func number() throws -> Double {
        guard case let .word(word)? = peek, let value = NumericCell.parse(word) else {
            throw fail(at: position, "a number")
        }
        guard value.isFinite else { throw RowPredicateError.notFinite(expression: text, value: word) }
        index += 1
        return value
    }

    private mutating func ordering() throws -> RowPredicate.Operator {
        guard case let .op(op)? = peek, op == .less || op == .lessOrEqual else { throw fail(at: position, "'<' or '<='") }
        index += 1
        return op
    }

    private mutating func name(_ what: String) throws -> String {
        switch peek {
        case let .word(text)? where Self.startsWithExtender(text), let .quoted(text)? where Self.startsWithExtender(text):
            throw fail(at: position, "a column name that does not start with a combining mark")
        case let .word(word)?:
            index += 1
            return word
        case let .quoted(quoted)? where !quoted.isEmpty:
            index += 1
            return quoted
        default:
            throw fail(at: position, what)
        }
    }

    private func end() throws {
        guard index == tokens.count else { throw fail(at: position, "the end of the expression") }
    }

    private var peek: Token? { index < tokens.count ? tokens[index].token : nil }
    private var position: Int { index < tokens.count ? tokens[index].position : text.count }

    private func fail(at position: Int, _ expected: String) -> RowPredicateError {
        .syntax(expression: text, position: position, expected: expected)
    }

    private func tokenize() throws -> [(token: Token, position: Int)] {
        let characters = Array(text)
        var out: [(Token, Int)] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            switch c {
            case "[": out.append((.open, i)); i += 1
            case "]": out.append((.close, i)); i += 1
            case ",": out.append((.comma, i)); i += 1
            case "=", "!", "<", ">":
                let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
                let op: RowPredicate.Operator
                switch (c, next) {
                case ("=", "="?): op = .equal; i += 2
                case ("=", _): op = .equal; i += 1
                case ("!", "="?): op = .notEqual; i += 2
                case ("<", "="?): op = .lessOrEqual; i += 2
                case ("<", _): op = .less; i += 1
                case (">", "="?): op = .greaterOrEqual; i += 2
                case (">", _): op = .greater; i += 1
                default: throw fail(at: i, "'!='")
                }
                out.append((.op(op), start))
            case "'", "\"":
                var value = ""
                i += 1
                var closed = false
                while i < characters.count {
                    if characters[i] == c {
                        if i + 1 < characters.count, characters[i + 1] == c {
                            value.append(c)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    value.append(characters[i])
                    i += 1
                }
                guard closed else { throw fail(at: characters.count, "a closing \(c)") }
                out.append((.quoted(value), start))
            default:
                var word = ""
                while i < characters.count, !RowPredicate.isBareBreaker(characters[i]) {
                    word.append(characters[i])
                    i += 1
                }
                out.append((.word(word), start))
            }
        }
        return out
    }
}
