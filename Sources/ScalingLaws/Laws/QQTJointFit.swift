import Foundation

extension QQTParameters {
    /// The QQT constants of a joint fit of several pools (Goyal et al. 2024, arXiv:2404.07177:
    /// pools share the sample scale `a` and the floor `d`; each has its own utility `b` and
    /// half-life `τ`): `a` and `d` from the fit's shared or fixed values, one ``QQTPool`` per
    /// group named by its label, and the samples per pool `S` from the rows' `pool` column.
    ///
    /// - Parameter fit: a ``SharedParameterFit`` of the `qqt` law.
    /// - Throws: ``LawFitError/invalidOption(_:)`` when the fit is not of `qqt`, when `a` or `d`
    ///   is not shared (or fixed), or when the pool size is not one constant across all rows.
    public init(jointFit fit: SharedParameterFit) throws {
        guard fit.law == QQTLaw().name else {
            throw LawFitError.invalidOption("a data-filtering plan needs a joint fit of the qqt law, got \(MessageText.quoted(fit.law))")
        }
        guard let a = fit.sharedValue("a"), let d = fit.sharedValue("d") else {
            throw LawFitError.invalidOption("the pools must share a and d for a mixture: fit with --shared a,d (or --shared a --fix d=VALUE)")
        }
        guard let poolColumn = fit.inputRoles.firstIndex(of: "pool"),
              let b = fit.parameterNames.firstIndex(of: "b"), let tau = fit.parameterNames.firstIndex(of: "tau")
        else { throw LawFitError.invalidOption("the joint fit lacks the qqt pool input or the b and tau parameters") }
        let sizes = fit.groups.flatMap { $0.inputs[poolColumn] }
        guard let size = sizes.first, sizes.allSatisfy({ $0 == size }) else {
            throw LawFitError.invalidOption("the pools do not share one pool size S (the pool column varies from \(sizes.min() ?? .nan) to \(sizes.max() ?? .nan))")
        }
        self.init(a: a, d: d, poolSize: size,
                  pools: fit.groups.map { QQTPool($0.label, utility: $0.values[b], halfLife: $0.values[tau]) })
    }
}
