/// Exact symbolic differentiation of formulas.
extension FormulaExpression {
    /// The exact partial derivative `∂e/∂name`, simplified (see `FormulaSimplifier`).
    ///
    /// ```
    /// (a/b)'  = a'/b − (a/b)·(b'/b)          so (A/N^α)' wrt α = −(A/N^α · log(N))
    /// (a^b)'  = b·a^(b−1)·a'                  when b does not contain the variable
    ///         = a^b·log(a)·b'                 when a does not contain it
    ///         = a^b·(b'·log(a) + b·a'/a)      otherwise
    /// exp(a)' = exp(a)·a'     log(a)' = a'/a     log10(a)' = a'/(a·log(10))
    /// sqrt(a)' = a'/(2·sqrt(a))
    /// min(a, b)' = a' + (b' − a')·step(a − b)      (a' where a ≤ b, else b')
    /// max(a, b)' = a' + (b' − a')·step(b − a)      (a' where a ≥ b, else b')
    /// ```
    /// `step` is the Heaviside step (``FormulaFunction/step``), whose own derivative is taken
    /// as 0. At a tie of `min` or `max` the derivative is the one-sided derivative of the first
    /// argument.
    public func derivative(withRespectTo variable: String) -> FormulaExpression {
        typealias S = FormulaSimplifier
        guard contains(variable) else { return S.zero }
        switch self {
        case .number:
            return S.zero
        case let .name(name):
            return name == variable ? S.one : S.zero
        case let .negate(a):
            return S.negate(a.derivative(withRespectTo: variable))
        case let .add(a, b):
            return S.add(a.derivative(withRespectTo: variable), b.derivative(withRespectTo: variable))
        case let .subtract(a, b):
            return S.subtract(a.derivative(withRespectTo: variable), b.derivative(withRespectTo: variable))
        case let .multiply(a, b):
            let da = a.derivative(withRespectTo: variable)
            let db = b.derivative(withRespectTo: variable)
            return S.add(S.multiply(da, b), S.multiply(a, db))
        case let .divide(a, b):
            let da = a.derivative(withRespectTo: variable)
            let db = b.derivative(withRespectTo: variable)
            let first = S.divide(da, b)
            if S.isZero(db) { return first }
            return S.subtract(first, S.multiply(S.divide(a, b), S.divide(db, b)))
        case let .power(a, b):
            let aVaries = a.contains(variable)
            let bVaries = b.contains(variable)
            let da = a.derivative(withRespectTo: variable)
            let db = b.derivative(withRespectTo: variable)
            if !bVaries {
                return S.multiply(S.multiply(b, S.power(a, S.subtract(b, S.one))), da)
            }
            let logA = S.call(.log, [a])
            if !aVaries {
                return S.multiply(S.power(a, b), S.multiply(logA, db))
            }
            return S.multiply(S.power(a, b), S.add(S.multiply(db, logA), S.divide(S.multiply(b, da), a)))
        case let .call(function, arguments):
            let a = arguments[0]
            let da = a.derivative(withRespectTo: variable)
            switch function {
            case .exp:
                return S.multiply(S.call(.exp, [a]), da)
            case .log:
                return S.divide(da, a)
            case .log10:
                return S.divide(da, S.multiply(a, S.call(.log, [.number(10)])))
            case .sqrt:
                return S.divide(da, S.multiply(.number(2), S.call(.sqrt, [a])))
            case .min, .max:
                let b = arguments[1]
                let db = b.derivative(withRespectTo: variable)
                if da == db { return da }
                let switchAt = function == .min ? S.subtract(a, b) : S.subtract(b, a)
                return S.add(da, S.multiply(S.subtract(db, da), S.call(.step, [switchAt])))
            case .step:
                return S.zero
            }
        }
    }
}
