import Foundation
import LinearAlgebra
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// The large-data polish of a least-squares Chinchilla fit runs on the fused
/// Levenberg–Marquardt solver (the law's response kernel a block of rows at a time); its
/// result agrees with GSL's trust region on the same rows.
@Suite("fused large-data polish")
struct FusedPolishTests {
    /// The least-squares problem `LawFitter` polishes (fitted parameters `log E, log A, log B,
    /// α, β`, the exponents bounded to [0, 5]), starting at `start` (fitted values).
    static func problem(_ data: Dataset, start: [Double]) throws -> LeastSquaresProblem {
        let law = ChinchillaLaw()
        let inputs = [try data.column("N"), try data.column("D")]
        let kernel = try #require(law.responseKernel(inputs: inputs))
        #expect(kernel.rows != nil)
        let parameters = [
            FitParameter("log_E", initialValue: start[0]),
            FitParameter("log_A", initialValue: start[1]),
            FitParameter("log_B", initialValue: start[2]),
            FitParameter("alpha", initialValue: start[3], lowerBound: 0, upperBound: 5),
            FitParameter("beta", initialValue: start[4], lowerBound: 0, upperBound: 5),
        ]
        var problem = LeastSquaresProblem(
            parameters: parameters, observations: try data.column("loss"), model: kernel.model, jacobian: kernel.jacobian)
        problem.rowKernel = kernel.rows
        return problem
    }

    static func relative(_ a: Double, _ b: Double) -> Double {
        Swift.abs(a - b) / Swift.max(Swift.abs(b), 1e-300)
    }

    @Test("20,000 rows: LawFitter's fused polish agrees with GSL's polish (estimates 1e-8, objective 1e-12, standard errors 1e-6)")
    func agreesWithGSL() throws {
        let data = try WholeFitLimitTests.checkpoints(rows: 20_000)
        let fit = try LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: .leastSquares))
        #expect(fit.statistics.converged)
        // GSL (its default: QR, geodesic acceleration, the fallback ladder) from a start 1e-3 away.
        let fitted = [log(fit.values[0]), log(fit.values[1]), log(fit.values[2]), fit.values[3], fit.values[4]]
        let start = fitted.map { $0 * (1 + 1e-3) }
        let reference = try NonlinearLeastSquares.fit(try Self.problem(data, start: start))
        #expect(reference.converged)
        #expect(reference.attempts.allSatisfy { !$0.hasSuffix("fused") })
        for k in 0..<5 {
            let value = reference.parameters[k].value
            let law = k < 3 ? exp(value) : value
            #expect(Self.relative(fit.values[k], law) < 1e-8, "\(fit.parameters[k].name): \(fit.values[k]) vs \(law)")
            let se = try #require(reference.parameters[k].standardError)
            let lawSE = k < 3 ? law * se : se
            let ours = try #require(fit.parameters[k].standardError)
            #expect(Self.relative(ours, lawSE) < 1e-6, "\(fit.parameters[k].name) SE: \(ours) vs \(lawSE)")
        }
        #expect(Self.relative(fit.statistics.objective, reference.objective) < 1e-12,
                "\(fit.statistics.objective) vs \(reference.objective)")
        // And the fused solver alone, from the same start, reaches the same point.
        var options = FitOptions()
        options.method = .levenbergMarquardt
        options.fallbacks = .none
        options.fusedNormalEquations = true
        let fused = try NonlinearLeastSquares.fit(try Self.problem(data, start: start), options: options)
        #expect(fused.attempts.last?.hasSuffix("fused") == true)
        for k in 0..<5 {
            #expect(Self.relative(fused.parameters[k].value, reference.parameters[k].value) < 1e-8)
        }
    }

    @Test("the row kernel gives the model's and the Jacobian's values bit for bit")
    func rowKernelMatchesModel() throws {
        let data = try WholeFitLimitTests.checkpoints(rows: 1_000)
        let inputs = [try data.column("N"), try data.column("D")]
        let kernel = try #require(ChinchillaLaw().responseKernel(inputs: inputs))
        let rowKernel = try #require(kernel.rows)
        let p = [0.6, 6.1, 7.6, 0.35, 0.37]
        var model = [Double](repeating: 0, count: 1_000)
        kernel.model(p, &model)
        var jacobian = Matrix(rows: 1_000, columns: 5)
        kernel.jacobian(p, &jacobian)
        var rows = [Double](repeating: 0, count: 1_000 - 37)
        var rowJacobian = [Double](repeating: 0, count: 5 * (1_000 - 37))
        p.withUnsafeBufferPointer { pb in
            rows.withUnsafeMutableBufferPointer { out in
                rowJacobian.withUnsafeMutableBufferPointer { jac in
                    rowKernel.evaluate(pb, 37..<1_000, out.baseAddress!, jac.baseAddress)
                }
            }
        }
        for i in 37..<1_000 {
            #expect(rows[i - 37].bitPattern == model[i].bitPattern)
            for j in 0..<5 { #expect(rowJacobian[5 * (i - 37) + j].bitPattern == jacobian[i, j].bitPattern) }
        }
    }
}
