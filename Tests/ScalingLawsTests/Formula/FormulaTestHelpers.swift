import ScalingLaws

/// Short builders for expected trees in formula tests.
enum F {
    static func n(_ v: Double) -> FormulaExpression { .number(v) }
    static func v(_ name: String) -> FormulaExpression { .name(name) }
    static func neg(_ a: FormulaExpression) -> FormulaExpression { .negate(a) }
    static func add(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression { .add(a, b) }
    static func sub(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression { .subtract(a, b) }
    static func mul(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression { .multiply(a, b) }
    static func div(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression { .divide(a, b) }
    static func pow(_ a: FormulaExpression, _ b: FormulaExpression) -> FormulaExpression { .power(a, b) }
    static func call(_ f: FormulaFunction, _ arguments: FormulaExpression...) -> FormulaExpression { .call(f, arguments) }

    static let a = v("a"), b = v("b"), c = v("c"), d = v("d"), x = v("x"), y = v("y")

    /// `E + A/N^alpha + B/D^beta` as the parser builds it.
    static let chinchilla = add(
        add(v("E"), div(v("A"), pow(v("N"), v("alpha")))),
        div(v("B"), pow(v("D"), v("beta"))))
}
