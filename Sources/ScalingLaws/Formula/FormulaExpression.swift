import Foundation

/// A function a formula can call.
public enum FormulaFunction: String, Sendable, Hashable, Codable {
    /// `exp(x) = eˣ`.
    case exp
    /// `log(x)`, the natural logarithm (defined for x > 0).
    case log
    /// `log10(x)`, the base-10 logarithm (defined for x > 0).
    case log10
    /// `sqrt(x) = √x` (defined for x ≥ 0).
    case sqrt
    /// `min(a, b)`, the smaller argument.
    case min
    /// `max(a, b)`, the larger argument.
    case max
    /// The Heaviside step `H(t) = 1` for `t > 0`, else `0`. It is not part of the formula
    /// grammar: it appears only in derivatives of `min` and `max`.
    case step

    /// The functions users may call, in the order messages list them.
    public static let userFunctions: [FormulaFunction] = [.exp, .log, .log10, .sqrt, .min, .max]

    /// The function a user may call by `name`, or `nil`.
    public static func user(named name: String) -> FormulaFunction? {
        userFunctions.first { $0.rawValue == name }
    }

    /// The number of arguments.
    public var arity: Int {
        switch self {
        case .min, .max: return 2
        case .exp, .log, .log10, .sqrt, .step: return 1
        }
    }

    /// The value at `a` (and `b` for two-argument functions).
    @inline(__always)
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(a)
        case .log: return Foundation.log(a)
        case .log10: return Foundation.log10(a)
        case .sqrt: return a.squareRoot()
        case .min: return a.isNaN || b.isNaN ? .nan : Swift.min(a, b)
        case .max: return a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
        case .step: return a.isNaN ? .nan : (a > 0 ? 1 : 0)
        }
    }
}

/// The expression tree of a user-written law, over named inputs and parameters.
///
/// ```
/// E + A/N^alpha + B/D^beta
///   = .add(.add(.name("E"), .divide(.name("A"), .power(.name("N"), .name("alpha")))),
///          .divide(.name("B"), .power(.name("D"), .name("beta"))))
/// ```
/// Trees come from ``FormulaParser`` and print back with ``description`` (see
/// `FormulaPrinter`): parsing the printed text gives an equal tree. Derivatives are exact
/// (``derivative(withRespectTo:)``, symbolic). Literal numbers are finite; the parser reads a
/// minus sign directly before a number (`-2`, `x^-0.5`) as a negative literal.
///
/// (Named `FormulaExpression`, not `Expression`: Foundation has a public `Expression`, and the
/// two would be ambiguous in every file that imports both modules.)
public indirect enum FormulaExpression: Sendable, Hashable {
    /// A finite literal number.
    case number(Double)
    /// An input or a parameter.
    case name(String)
    /// `−a`.
    case negate(FormulaExpression)
    /// `a + b`.
    case add(FormulaExpression, FormulaExpression)
    /// `a − b`.
    case subtract(FormulaExpression, FormulaExpression)
    /// `a · b`.
    case multiply(FormulaExpression, FormulaExpression)
    /// `a / b`.
    case divide(FormulaExpression, FormulaExpression)
    /// `base ^ exponent`.
    case power(FormulaExpression, FormulaExpression)
    /// A function call; the argument count equals the function's ``FormulaFunction/arity``.
    case call(FormulaFunction, [FormulaExpression])

    /// The names used, each once, in the order they first appear (left to right).
    public var names: [String] {
        var seen: Set<String> = []
        var out: [String] = []
        visitNames { name in
            if seen.insert(name).inserted { out.append(name) }
        }
        return out
    }

    /// Whether `name` appears anywhere in the tree.
    public func contains(_ name: String) -> Bool {
        var found = false
        visitNames { if $0 == name { found = true } }
        return found
    }

    /// Whether any of `names` appears in the tree.
    public func containsAny(of names: Set<String>) -> Bool {
        var found = false
        visitNames { if names.contains($0) { found = true } }
        return found
    }

    /// Calls `body` for every name occurrence, left to right.
    func visitNames(_ body: (String) -> Void) {
        switch self {
        case .number: return
        case let .name(name): body(name)
        case let .negate(a): a.visitNames(body)
        case let .add(a, b), let .subtract(a, b), let .multiply(a, b), let .divide(a, b), let .power(a, b):
            a.visitNames(body)
            b.visitNames(body)
        case let .call(_, arguments):
            for argument in arguments { argument.visitNames(body) }
        }
    }

    /// The value with every name looked up in `values` (a missing name counts as NaN).
    /// For one-off evaluation and tests; laws evaluate through a compiled `FormulaProgram`.
    public func value(_ values: [String: Double]) -> Double {
        switch self {
        case let .number(v): return v
        case let .name(name): return values[name] ?? .nan
        case let .negate(a): return -a.value(values)
        case let .add(a, b): return a.value(values) + b.value(values)
        case let .subtract(a, b): return a.value(values) - b.value(values)
        case let .multiply(a, b): return a.value(values) * b.value(values)
        case let .divide(a, b): return a.value(values) / b.value(values)
        case let .power(a, b): return pow(a.value(values), b.value(values))
        case let .call(function, arguments):
            let a = arguments[0].value(values)
            let b = arguments.count > 1 ? arguments[1].value(values) : 0
            return function.apply(a, b)
        }
    }

    /// The tree with every occurrence of `name` replaced by `replacement`.
    public func substituting(_ name: String, with replacement: FormulaExpression) -> FormulaExpression {
        switch self {
        case .number: return self
        case let .name(n): return n == name ? replacement : self
        case let .negate(a): return .negate(a.substituting(name, with: replacement))
        case let .add(a, b): return .add(a.substituting(name, with: replacement), b.substituting(name, with: replacement))
        case let .subtract(a, b): return .subtract(a.substituting(name, with: replacement), b.substituting(name, with: replacement))
        case let .multiply(a, b): return .multiply(a.substituting(name, with: replacement), b.substituting(name, with: replacement))
        case let .divide(a, b): return .divide(a.substituting(name, with: replacement), b.substituting(name, with: replacement))
        case let .power(a, b): return .power(a.substituting(name, with: replacement), b.substituting(name, with: replacement))
        case let .call(function, arguments): return .call(function, arguments.map { $0.substituting(name, with: replacement) })
        }
    }

    /// The number of nodes.
    public var size: Int {
        switch self {
        case .number, .name: return 1
        case let .negate(a): return 1 + a.size
        case let .add(a, b), let .subtract(a, b), let .multiply(a, b), let .divide(a, b), let .power(a, b):
            return 1 + a.size + b.size
        case let .call(_, arguments): return arguments.reduce(1) { $0 + $1.size }
        }
    }
}
