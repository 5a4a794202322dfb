import Foundation

/// Builders of expression nodes that drop trivial terms as they build, so derivatives stay
/// small:
///
/// ```
/// 0 + x = x    x - 0 = x    0 - x = -x    0·x = 0    1·x = x    (-1)·x = -x    0/x = 0
/// x/1 = x      x/x = 1      (x·y)/x = y   x^1 = x    x^0 = 1    1^x = 1    -(-x) = x
/// (-x)·y = -(x·y)    x + -y = x - y    x - -y = x + y    numbers with numbers are folded
/// ```
/// Function calls are kept as written (`log(10)` stays a call). The rules are the usual
/// symbolic conventions (`0·x = 0` even where `x` is infinite); they never change a value where
/// the original is finite.
enum FormulaSimplifier {
    static let zero = FormulaExpression.number(0)
    static let one = FormulaExpression.number(1)

    static func number(_ e: FormulaExpression) -> Double? {
        if case let .number(v) = e { return v }
        return nil
    }

    static func isZero(_ e: FormulaExpression) -> Bool { number(e) == 0 }
    static func isOne(_ e: FormulaExpression) -> Bool { number(e) == 1 }

    /// `value` as a literal when it is finite, else `nil` (the caller keeps the operation).
    static func folded(_ value: Double) -> FormulaExpression? {
        value.isFinite ? .number(value) : nil
    }

    static func negate(_ a: FormulaExpression) -> FormulaExpression {
        switch a {
        case let .number(v): return .number(-v)
        case let .negate(inner): return inner
        default: return .negate(a)
        }
    }

    static func add(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression {
        if let x = number(a), let y = number(b), let v = folded(x + y) { return v }
        if isZero(a) { return b }
        if isZero(b) { return a }
        if case let .negate(c) = b { return subtract(a, c) }
        if case let .negate(c) = a { return subtract(b, c) }
        return .add(a, b)
    }

    static func subtract(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression {
        if let x = number(a), let y = number(b), let v = folded(x - y) { return v }
        if isZero(b) { return a }
        if isZero(a) { return negate(b) }
        if case let .negate(c) = b { return add(a, c) }
        if a == b { return zero }
        return .subtract(a, b)
    }

    static func multiply(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression {
        if let x = number(a), let y = number(b), let v = folded(x * y) { return v }
        if isZero(a) || isZero(b) { return zero }
        if isOne(a) { return b }
        if isOne(b) { return a }
        if number(a) == -1 { return negate(b) }
        if number(b) == -1 { return negate(a) }
        if case let .negate(c) = a { return negate(multiply(c, b)) }
        if case let .negate(c) = b { return negate(multiply(a, c)) }
        return .multiply(a, b)
    }

    static func divide(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression {
        if let x = number(a), let y = number(b), y != 0, let v = folded(x / y) { return v }
        if isZero(a) { return zero }
        if isOne(b) { return a }
        if a == b { return one }
        if case let .multiply(x, y) = a {
            if x == b { return y }
            if y == b { return x }
        }
        if case let .negate(c) = a { return negate(divide(c, b)) }
        if case let .negate(c) = b { return negate(divide(a, c)) }
        return .divide(a, b)
    }

    static func power(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression {
        if let x = number(a), let y = number(b), let v = folded(pow(x, y)) { return v }
        if isOne(b) { return a }
        if isZero(b) { return one }
        if isOne(a) { return one }
        return .power(a, b)
    }

    static func call(_ function: FormulaFunction, _ arguments: [FormulaExpression]) -> FormulaExpression {
        .call(function, arguments)
    }

    /// `e` rebuilt bottom-up through the builders.
    static func simplify(_ e: FormulaExpression) -> FormulaExpression {
        switch e {
        case .number, .name: return e
        case let .negate(a): return negate(simplify(a))
        case let .add(a, b): return add(simplify(a), simplify(b))
        case let .subtract(a, b): return subtract(simplify(a), simplify(b))
        case let .multiply(a, b): return multiply(simplify(a), simplify(b))
        case let .divide(a, b): return divide(simplify(a), simplify(b))
        case let .power(a, b): return power(simplify(a), simplify(b))
        case let .call(function, arguments): return call(function, arguments.map(simplify))
        }
    }
}

extension FormulaExpression {
    /// The tree with trivial terms removed (`0·x`, `1·x`, `x + 0`, `x^1`, …; see
    /// `FormulaSimplifier`). Parsed formulas are kept as written; derivatives come simplified.
    public func simplified() -> FormulaExpression {
        FormulaSimplifier.simplify(self)
    }
}
