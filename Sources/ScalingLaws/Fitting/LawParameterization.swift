import Foundation
import LinearAlgebra
import NonlinearFit

/// The parameters a law is fitted in: the law's own, except that positive scale parameters
/// (``LawParameter/fitsInLogSpace``) are fitted as their logarithms (`log_A` for `A`), as
/// Hoffmann et al. fit `a = log A`, under every objective: the optimum is the same, the
/// standard errors agree to first order (`SE(A) = A·SE(log A)`), and intervals taken on the
/// log scale stay positive. Converts values, starts and problems between the two.
struct LawParameterization: Sendable {
    let law: any ScalingLaw
    let objective: LawObjective
    /// For each law parameter, whether it is fitted as its logarithm.
    let logged: [Bool]

    init(law: any ScalingLaw, objective: LawObjective) {
        self.law = law
        self.objective = objective
        self.logged = law.parameters.map(\.fitsInLogSpace)
    }

    /// The fitted name of law parameter `k`.
    func fittedName(_ k: Int) -> String {
        logged[k] ? "log_\(law.parameters[k].name)" : law.parameters[k].name
    }

    var fittedNames: [String] { law.parameters.indices.map(fittedName) }

    /// Law values from fitted values.
    func lawValues(_ fitted: [Double]) -> [Double] {
        fitted.indices.map { logged[$0] ? exp(fitted[$0]) : fitted[$0] }
    }

    /// Fitted values from law values (a non-positive logged value maps to log(1e-12)).
    func fittedValues(_ values: [Double]) -> [Double] {
        values.indices.map { logged[$0] ? log(Swift.max(values[$0], 1e-12)) : values[$0] }
    }

    /// A start in fitted names from a start in law names.
    func fittedStart(_ point: [String: Double], fixed: [String: Double]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (k, spec) in law.parameters.enumerated() where fixed[spec.name] == nil {
            guard let v = point[spec.name] else { continue }
            out[fittedName(k)] = logged[k] ? log(Swift.max(v, 1e-12)) : v
        }
        return out
    }

    /// The least-squares problem for the data, starting at law values `start`.
    func problem(inputs: [[Double]], response: [Double], start: [Double], fixed: [String: Double]) -> LeastSquaresProblem {
        problem(inputs: inputs, response: response, fitted: fittedValues(start), fixed: fixed)
    }

    /// The least-squares problem for the data, starting at fitted values `fitted`.
    func problem(inputs: [[Double]], response: [Double], fitted: [Double], fixed: [String: Double]) -> LeastSquaresProblem {
        let law = self.law
        let logged = self.logged
        let logSpace = objective.isLogSpace
        let m = law.parameters.count
        let n = response.count
        var parameters: [FitParameter] = []
        for (k, spec) in law.parameters.enumerated() {
            var value = fitted[k]
            var constraint = FitParameter.Constraint.free
            if let v = fixed[spec.name] {
                value = logged[k] ? log(Swift.max(v, 1e-300)) : v
                constraint = .fixed
            }
            if logged[k] {
                parameters.append(FitParameter(fittedName(k), initialValue: value, constraint: constraint))
            } else {
                let clamped = Swift.min(Swift.max(value, spec.lowerBound), spec.upperBound)
                let width = spec.upperBound - spec.lowerBound
                // Keep starts strictly inside finite bounds so the bound transform has a gradient.
                var start = clamped
                if spec.lowerBound.isFinite, start <= spec.lowerBound {
                    start = spec.lowerBound + (width.isFinite ? 1e-6 * width : Swift.max(1e-6 * Swift.abs(spec.lowerBound), 1e-6))
                }
                if spec.upperBound.isFinite, start >= spec.upperBound {
                    start = spec.upperBound - (width.isFinite ? 1e-6 * width : Swift.max(1e-6 * Swift.abs(spec.upperBound), 1e-6))
                }
                parameters.append(FitParameter(
                    fittedName(k), initialValue: constraint == .fixed ? value : start,
                    lowerBound: spec.lowerBound, upperBound: spec.upperBound, constraint: constraint))
            }
        }
        let columns = inputs
        let observations = logSpace ? response.map { log($0) } : response
        if logSpace, logged == law.parameters.map(\.fitsInLogSpace), let kernel = law.logSpaceKernel(inputs: inputs) {
            return LeastSquaresProblem(parameters: parameters, observations: observations, model: kernel.model, jacobian: kernel.jacobian)
        }
        if !logSpace, logged == law.parameters.map(\.fitsInLogSpace), let kernel = law.responseKernel(inputs: inputs) {
            var problem = LeastSquaresProblem(parameters: parameters, observations: observations, model: kernel.model, jacobian: kernel.jacobian)
            problem.rowKernel = kernel.rows
            return problem
        }
        let model: LeastSquaresProblem.Model = { fitted, out in
            var p = [Double](repeating: 0, count: m)
            for k in 0..<m { p[k] = logged[k] ? exp(fitted[k]) : fitted[k] }
            var x = [Double](repeating: 0, count: columns.count)
            for i in 0..<n {
                for c in columns.indices { x[c] = columns[c][i] }
                let f = law.evaluate(x, p)
                out[i] = logSpace ? log(f) : f
            }
        }
        let jacobian: LeastSquaresProblem.Jacobian = { fitted, jac in
            var p = [Double](repeating: 0, count: m)
            for k in 0..<m { p[k] = logged[k] ? exp(fitted[k]) : fitted[k] }
            var x = [Double](repeating: 0, count: columns.count)
            var g = [Double](repeating: 0, count: m)
            for i in 0..<n {
                for c in columns.indices { x[c] = columns[c][i] }
                law.gradient(x, p, into: &g)
                let scale = logSpace ? 1 / law.evaluate(x, p) : 1
                for k in 0..<m {
                    // chain rule: d/d(log p) = p · d/dp
                    let chain = logged[k] ? p[k] : 1
                    jac.elements[i + k * n] = g[k] * chain * scale
                }
            }
        }
        return LeastSquaresProblem(parameters: parameters, observations: observations, model: model, jacobian: jacobian)
    }
}
