/// Prints a ``FormulaExpression`` as formula text that ``FormulaParser`` reads back as an equal
/// tree, with only the parentheses the grammar needs:
///
/// ```
/// E + A/N^alpha + B/D^beta      a - (b - c)      -(x*y)      (-2)^x      x^-0.5      min(a, b)
/// ```
/// `+` and `-` are spaced, `*`, `/` and `^` are not. Numbers use the shortest text that reads
/// back as the same double (``FormulaNumber``).
enum FormulaPrinter {
    /// Binding strength, loosest first.
    enum Level: Int, Comparable {
        case sum = 1, product, unary, power, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    static func text(_ expression: FormulaExpression) -> String {
        render(expression, atLeast: .sum)
    }

    static func level(_ expression: FormulaExpression) -> Level {
        switch expression {
        case let .number(v): return v < 0 || (v == 0 && v.sign == .minus) ? .unary : .atom
        case .name, .call: return .atom
        case .negate: return .unary
        case .add, .subtract: return .sum
        case .multiply, .divide: return .product
        case .power: return .power
        }
    }

    /// `expression`, in parentheses when it binds more loosely than `minimum`.
    static func render(_ expression: FormulaExpression, atLeast minimum: Level) -> String {
        let body = bare(expression)
        return level(expression) < minimum ? "(" + body + ")" : body
    }

    static func bare(_ expression: FormulaExpression) -> String {
        switch expression {
        case let .number(v):
            return FormulaNumber.text(v)
        case let .name(name):
            return name
        case let .negate(a):
            // -(2) keeps its parentheses ("-2" would read as a literal). A negated sign or
            // negative literal is written "- -x", "- -2": with a space to stay readable, and
            // without parentheses, so printing adds no nesting or tokens to the text the tree
            // was parsed from ("--x" printed as "-(-x)" nested one level deeper per sign, and
            // a long chain then exceeded ``FormulaParser/maximumNesting``; found by fuzzing).
            switch a {
            case let .number(v) where !(v < 0 || (v == 0 && v.sign == .minus)):
                return "-(" + bare(a) + ")"
            case .number, .negate: return "- " + bare(a)
            default: return "-" + render(a, atLeast: .unary)
            }
        case let .add(a, b):
            return render(a, atLeast: .sum) + " + " + render(b, atLeast: .product)
        case let .subtract(a, b):
            return render(a, atLeast: .sum) + " - " + render(b, atLeast: .product)
        case let .multiply(a, b):
            return render(a, atLeast: .product) + "*" + render(b, atLeast: .unary)
        case let .divide(a, b):
            return render(a, atLeast: .product) + "/" + render(b, atLeast: .unary)
        case let .power(a, b):
            return render(a, atLeast: .atom) + "^" + render(b, atLeast: .unary)
        case let .call(function, arguments):
            return function.rawValue + "(" + arguments.map { render($0, atLeast: .sum) }.joined(separator: ", ") + ")"
        }
    }
}

extension FormulaExpression: CustomStringConvertible {
    /// The formula text (see `FormulaPrinter`); parsing it gives an equal tree.
    public var description: String { FormulaPrinter.text(self) }
}
