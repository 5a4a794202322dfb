/// One token of a formula, with the 1-based column of its first character.
struct FormulaToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case number(Double)
        case name(String)
        case plus, minus, times, divide, power
        case openParenthesis, closeParenthesis, comma, equals
        case end
    }

    let kind: Kind
    /// The token as written (`1e-3`, `alpha`, `−`).
    let text: String
    let column: Int
}

/// Splits formula text into tokens.
///
/// ```
/// number   digits [. digits] [(e|E) [+|-] digits]   or   . digits [exponent]
/// name     [A-Za-z_][A-Za-z0-9_]*
/// operator + - * / ^ ** ( ) , =     and the Unicode forms − (minus), × · (times), ÷ (divide)
/// ```
/// Spaces and tabs separate tokens and are otherwise ignored.
enum FormulaTokenizer {
    /// The tokens of `text`, ending with an `.end` token one column past the last character.
    /// - Throws: ``FormulaError/unexpectedCharacter(_:column:)``,
    ///   ``FormulaError/malformedNumber(_:column:)``, ``FormulaError/numberOutOfRange(_:column:)``.
    static func tokens(_ text: String) throws -> [FormulaToken] {
        let chars = Array(text)
        var out: [FormulaToken] = []
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < chars.count && chars[k].isASCII && chars[k].isNumber }
        func isNameStart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c == "_") }
        func isNamePart(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" {
                i += 1
                continue
            }
            if isDigit(i) || (c == "." && isDigit(i + 1)) {
                var j = i
                while isDigit(j) { j += 1 }
                if j < chars.count, chars[j] == "." {
                    j += 1
                    while isDigit(j) { j += 1 }
                }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "+" || chars[k] == "-" { k += 1 }
                    guard isDigit(k) else {
                        throw FormulaError.malformedNumber(String(chars[i..<k]), column: column)
                    }
                    while isDigit(k) { k += 1 }
                    j = k
                }
                let literal = String(chars[i..<j])
                guard let value = Double(literal) else {
                    throw FormulaError.malformedNumber(literal, column: column)
                }
                guard value.isFinite else { throw FormulaError.numberOutOfRange(literal, column: column) }
                out.append(FormulaToken(kind: .number(value), text: literal, column: column))
                i = j
                continue
            }
            if isNameStart(c) {
                var j = i + 1
                while j < chars.count, isNamePart(chars[j]) { j += 1 }
                let name = String(chars[i..<j])
                out.append(FormulaToken(kind: .name(name), text: name, column: column))
                i = j
                continue
            }
            let kind: FormulaToken.Kind
            var length = 1
            switch c {
            case "+": kind = .plus
            case "-", "\u{2212}": kind = .minus
            case "*":
                if i + 1 < chars.count, chars[i + 1] == "*" {
                    kind = .power
                    length = 2
                } else {
                    kind = .times
                }
            case "\u{00D7}", "\u{00B7}": kind = .times
            case "/", "\u{00F7}": kind = .divide
            case "^": kind = .power
            case "(": kind = .openParenthesis
            case ")": kind = .closeParenthesis
            case ",": kind = .comma
            case "=": kind = .equals
            default:
                throw FormulaError.unexpectedCharacter(String(c), column: column)
            }
            out.append(FormulaToken(kind: kind, text: String(chars[i..<(i + length)]), column: column))
            i += length
        }
        out.append(FormulaToken(kind: .end, text: "", column: chars.count + 1))
        return out
    }
}
