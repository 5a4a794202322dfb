/// Which parameters a formula is linear in, read exactly from its symbolic derivatives, so the
/// default variable-projection start can solve them by linear least squares.
///
/// A set `L` of parameters is accepted when
/// 1. for each `p` in `L`, the simplified `∂f/∂p` contains no parameter of `L` (so `f` is
///    affine in `L` jointly, with no products such as `A·B`), and
/// 2. `f` with every parameter of `L` set to 0 simplifies to 0 (so `f = Σ c_k φ_k` exactly,
///    with no offset outside the coefficients, which variable projection would ignore).
///
/// Parameters are taken greedily in formula order: `p` joins when its derivative contains no
/// member and no member's derivative contains `p`. When condition 2 fails no parameter is
/// marked linear. The check is conservative: a derivative that mentions `p` only in a form the
/// simplifier cannot cancel (`A·N/A`) makes `p` count as nonlinear, never the reverse.
enum FormulaLinearity {
    /// The linear parameters, in formula order.
    static func linearParameters(
        of expression: FormulaExpression, parameters: [String], gradients: [FormulaExpression]
    ) -> [String] {
        var members: [String] = []
        var memberGradients: [FormulaExpression] = []
        for (p, gradient) in zip(parameters, gradients) {
            let set = Set(members + [p])
            guard !gradient.containsAny(of: set) else { continue }
            guard !memberGradients.contains(where: { $0.contains(p) }) else { continue }
            members.append(p)
            memberGradients.append(gradient)
        }
        guard !members.isEmpty else { return [] }
        var atZero = expression
        for p in members { atZero = atZero.substituting(p, with: .number(0)) }
        guard atZero.simplified() == .number(0) else { return [] }
        return members
    }
}
