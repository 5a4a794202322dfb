import LinearAlgebra

extension FitResult {
    /// This result with the covariance of the free parameters replaced by `covariance` (rows in
    /// ``freeParameterNames`` order), e.g. a bootstrap covariance for a robust loss. Standard
    /// errors, correlations and intervals are recomputed from it as the engine computes them
    /// from the linearised covariance:
    ///
    /// ```
    /// SE_j = √C_jj,   interval_j = θ̂_j ± t_{(1+level)/2, n−p} · SE_j,   r_jk = C_jk / (SE_j SE_k)
    /// ```
    /// A tied parameter's standard error is `|factor|` times its target's.
    ///
    /// - Returns: `self` unchanged when `covariance` is not square in the free parameters or
    ///   holds a non-finite or non-positive variance.
    public func replacingCovariance(_ covariance: Matrix) -> FitResult {
        let q = freeParameterNames.count
        guard covariance.rows == q, covariance.columns == q, degreesOfFreedom > 0 else { return self }
        for k in 0..<q where !(covariance[k, k] > 0 && covariance[k, k].isFinite) { return self }
        var correlation = Matrix(rows: q, columns: q)
        for a in 0..<q {
            for b in 0..<q {
                correlation[a, b] = covariance[a, b] / (covariance[a, a] * covariance[b, b]).squareRoot()
            }
        }
        let t = Distributions.studentTQuantile(0.5 + confidenceLevel / 2, degreesOfFreedom: Double(degreesOfFreedom))
        var slot: [String: Int] = [:]
        for (k, name) in freeParameterNames.enumerated() { slot[name] = k }
        let updated = parameters.map { p -> FittedParameter in
            var se: Double?
            switch p.constraint {
            case .free:
                se = slot[p.name].map { covariance[$0, $0].squareRoot() }
            case let .tied(target, factor, _):
                se = slot[target].map { Swift.abs(factor) * covariance[$0, $0].squareRoot() }
            case .fixed:
                se = nil
            }
            let interval = se.map { (p.value - t * $0)...(p.value + t * $0) }
            return FittedParameter(
                name: p.name, value: p.value, standardError: se, interval: interval,
                initialValue: p.initialValue, constraint: p.constraint, atBound: p.atBound)
        }
        return FitResult(
            parameters: updated, covariance: covariance, correlation: correlation,
            freeParameterNames: freeParameterNames, conditionNumber: conditionNumber, jacobianRank: jacobianRank,
            objective: objective, chiSquare: chiSquare, degreesOfFreedom: degreesOfFreedom,
            reducedChiSquare: reducedChiSquare, aic: aic, bic: bic, rSquared: rSquared, residuals: residuals,
            predictions: predictions, iterations: iterations, functionEvaluations: functionEvaluations,
            jacobianEvaluations: jacobianEvaluations, termination: termination, converged: converged, loss: loss,
            confidenceLevel: confidenceLevel, attempts: attempts, multiStart: multiStart, warnings: warnings)
    }
}
