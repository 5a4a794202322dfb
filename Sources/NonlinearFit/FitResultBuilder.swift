import Foundation
import LinearAlgebra

/// Assembles a ``FitResult`` from the end point of a solver run: statistics, covariance,
/// intervals, bound hits and warnings.
enum FitResultBuilder {
    static func build(
        problem: LeastSquaresProblem, mapping: ParameterMapping, evaluator: ResidualEvaluator,
        solution: LocalSolution, options: FitOptions, attempts: [String],
        functionEvaluations: Int, jacobianEvaluations: Int, multiStart: MultiStartSummary?
    ) throws -> FitResult {
        let n = problem.observations.count
        let q = mapping.freeCount
        let state = evaluator.externalState(internal: solution.internalValues)
        let external = evaluator.external
        let predictions = evaluator.predictions
        let raw = state.raw
        var chiSquare = 0.0
        var objective = 0.0
        var equivalentSS = 0.0
        for i in 0..<n {
            chiSquare += raw[i] * raw[i]
            objective += options.loss.rho(raw[i])
            equivalentSS += state.equivalent[i] * state.equivalent[i]
        }
        let dof = n - q
        // For a robust loss the covariance uses the equivalent residuals, whose squares sum to 2Σρ.
        let scaleSS = options.loss == .linear ? chiSquare : equivalentSS
        let scale = varianceScale(scaleSS, dof: dof, options: options)
        let estimate: CovarianceEstimate
        do {
            estimate = try CovarianceEstimate(jacobian: state.jacobian, varianceScale: scale)
        } catch {
            throw FitError.numericalBreakdown("the SVD of the Jacobian at the optimum failed (\(error))")
        }
        return assemble(
            problem: problem, mapping: mapping, external: external, predictions: predictions, residuals: raw,
            chiSquare: chiSquare, objective: objective, estimate: estimate, solution: solution, options: options,
            attempts: attempts, functionEvaluations: functionEvaluations, jacobianEvaluations: jacobianEvaluations,
            multiStart: multiStart)
    }

    /// The covariance's scale `s²`: `χ²/dof`, or 1 with absolute sigma or no degrees of freedom
    /// (then the decomposition still gives the rank and condition number, and no covariance is reported).
    static func varianceScale(_ scaleSS: Double, dof: Int, options: FitOptions) -> Double {
        options.absoluteSigma ? 1 : (dof > 0 ? scaleSS / Double(dof) : 1)
    }

    /// The result from the end point's predictions, raw residuals and covariance estimate.
    static func assemble(
        problem: LeastSquaresProblem, mapping: ParameterMapping, external: [Double], predictions: [Double],
        residuals raw: [Double], chiSquare: Double, objective: Double, estimate: CovarianceEstimate,
        solution: LocalSolution, options: FitOptions, attempts: [String],
        functionEvaluations: Int, jacobianEvaluations: Int, multiStart: MultiStartSummary?
    ) -> FitResult {
        let n = problem.observations.count
        let q = mapping.freeCount
        let dof = n - q
        var warnings: [FitWarning] = []
        let covariance = dof > 0 || options.absoluteSigma ? estimate.covariance : nil
        if estimate.rank < q || estimate.covariance == nil {
            warnings.append(.notIdentified(rank: estimate.rank, parameters: q))
        } else if dof == 0 && !options.absoluteSigma {
            warnings.append(.noDegreesOfFreedom)
        }
        // A flat direction (FitThresholds.flatDirection) is named even when the covariance
        // exists: the data barely determine that combination.
        if estimate.rank == q, estimate.conditionNumber.isFinite, 1 / estimate.conditionNumber < FitThresholds.flatDirection,
           estimate.weakestDirection.count == q {
            let names = mapping.freeIndices.map { problem.parameters[$0].name }
            var components: [FitWarning.Component] = []
            for (j, c) in estimate.weakestDirection.enumerated() where Swift.abs(c) >= 0.1 {
                components.append(FitWarning.Component(parameter: names[j], coefficient: c))
            }
            components.sort { Swift.abs($0.coefficient) > Swift.abs($1.coefficient) }
            if let first = components.first, first.coefficient < 0 {
                components = components.map { FitWarning.Component(parameter: $0.parameter, coefficient: -$0.coefficient) }
            }
            warnings.append(.flatDirection(ratio: 1 / estimate.conditionNumber, direction: components))
        }
        if estimate.conditionNumber > FitThresholds.illConditioned, estimate.covariance != nil {
            warnings.append(.illConditioned(conditionNumber: estimate.conditionNumber))
        }

        let level = options.confidenceLevel
        let t = dof > 0 ? Distributions.studentTQuantile(0.5 + level / 2, degreesOfFreedom: Double(dof)) : .nan
        var freeSlot: [Int: Int] = [:]
        for (slot, k) in mapping.freeIndices.enumerated() { freeSlot[k] = slot }
        var parameters: [FittedParameter] = []
        for (k, spec) in problem.parameters.enumerated() {
            var se: Double?
            if let cov = covariance {
                if let slot = freeSlot[k] {
                    se = cov[slot, slot].squareRoot()
                } else if case let .tied(target, factor, _) = spec.constraint,
                          let tk = problem.parameters.firstIndex(where: { $0.name == target }),
                          let slot = freeSlot[tk] {
                    se = Swift.abs(factor) * cov[slot, slot].squareRoot()
                }
            }
            if let s = se, !s.isFinite { se = nil }
            let value = external[k]
            let interval: ClosedRange<Double>? = se.flatMap { s in t.isFinite ? (value - t * s)...(value + t * s) : nil }
            var hit: FittedParameter.BoundHit?
            if spec.isFree {
                let scale = Swift.max(Swift.abs(value), 1e-12)
                let width = spec.upperBound - spec.lowerBound
                let tolerance = FitThresholds.atBound * (width.isFinite ? width : scale)
                if spec.lowerBound.isFinite, value - spec.lowerBound <= tolerance { hit = .lower }
                if spec.upperBound.isFinite, spec.upperBound - value <= tolerance { hit = .upper }
                if let hit {
                    warnings.append(.parameterAtBound(
                        parameter: spec.name, side: hit, bound: hit == .lower ? spec.lowerBound : spec.upperBound))
                }
            }
            parameters.append(FittedParameter(
                name: spec.name, value: value, standardError: se, interval: interval,
                initialValue: spec.initialValue, constraint: spec.constraint, atBound: hit))
        }
        if !solution.converged {
            warnings.append(.notConverged(termination: solution.termination))
        }

        let weights = problem.weights
        var sw = 0.0
        var swy = 0.0
        for i in 0..<n {
            let w = weights?[i] ?? 1
            sw += w
            swy += w * problem.observations[i]
        }
        let mean = sw > 0 ? swy / sw : 0
        var tss = 0.0
        for i in 0..<n {
            let w = weights?[i] ?? 1
            let d = problem.observations[i] - mean
            tss += w * d * d
        }
        let nn = Double(n)
        let pp = Double(q)
        let logLikelihoodTerm = chiSquare > 0 ? nn * log(chiSquare / nn) : -.infinity
        let correlation = covariance == nil ? nil : estimate.correlation
        return FitResult(
            parameters: parameters,
            covariance: covariance,
            correlation: correlation,
            freeParameterNames: mapping.freeIndices.map { problem.parameters[$0].name },
            conditionNumber: estimate.conditionNumber,
            jacobianRank: estimate.rank,
            objective: objective,
            chiSquare: chiSquare,
            degreesOfFreedom: dof,
            reducedChiSquare: dof > 0 ? chiSquare / Double(dof) : .nan,
            aic: logLikelihoodTerm + 2 * pp,
            bic: logLikelihoodTerm + pp * log(nn),
            rSquared: tss > 0 ? 1 - chiSquare / tss : .nan,
            residuals: raw,
            predictions: predictions,
            iterations: solution.iterations,
            functionEvaluations: functionEvaluations,
            jacobianEvaluations: jacobianEvaluations,
            termination: solution.termination,
            converged: solution.converged,
            loss: options.loss,
            confidenceLevel: level,
            attempts: attempts,
            multiStart: multiStart,
            warnings: warnings)
    }
}
