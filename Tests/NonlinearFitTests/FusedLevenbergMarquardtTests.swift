import Foundation
import LinearAlgebra
import NonlinearFit
import Testing
import TestSupport

/// The fused Levenberg–Marquardt solver for large data (`FitOptions.fusedNormalEquations`)
/// against GSL's trust region on the same problem: same optimum, same statistics, covariance
/// from `JᵀJ` equal to the SVD's; and where the rule sends a fit.
@Suite("fused Levenberg–Marquardt")
struct FusedLevenbergMarquardtTests {
    /// `y = a + b·exp(−c·x)` on `n` points, `x` in [0, 10], weights `1/σ_i²` with σ growing
    /// with `x`, seeded noise; `c` bounded to (0, 5), `a` tied-free, `b` free.
    static func problem(n: Int, seed: UInt64 = 7) -> LeastSquaresProblem {
        var rng = SeededGenerator(seed: seed)
        let x = (0..<n).map { 10 * Double($0) / Double(n - 1) }
        let sigma = x.map { 0.05 * (1 + 0.1 * $0) }
        let y = zip(x, sigma).map { xi, s in 1.5 + 4 * exp(-0.7 * xi) + s * rng.nextNormal() }
        let weights = sigma.map { 1 / ($0 * $0) }
        let parameters = [
            FitParameter("a", initialValue: 1),
            FitParameter("b", initialValue: 3),
            FitParameter("c", initialValue: 1, lowerBound: 0, upperBound: 5),
        ]
        var problem = LeastSquaresProblem(
            parameters: parameters, observations: y, weights: weights,
            model: { p, out in for i in x.indices { out[i] = p[0] + p[1] * exp(-p[2] * x[i]) } },
            jacobian: { p, jac in
                let n = x.count
                for i in x.indices {
                    let e = exp(-p[2] * x[i])
                    jac.elements[i] = 1
                    jac.elements[i + n] = e
                    jac.elements[i + 2 * n] = -p[1] * x[i] * e
                }
            })
        problem.rowKernel = RowKernel { p, rows, out, jac in
            for i in rows {
                let r = i - rows.lowerBound
                let e = exp(-p[2] * x[i])
                out[r] = p[0] + p[1] * e
                if let jac {
                    jac[3 * r] = 1
                    jac[3 * r + 1] = e
                    jac[3 * r + 2] = -p[1] * x[i] * e
                }
            }
        }
        return problem
    }

    static func options(fused: Bool) -> FitOptions {
        var options = FitOptions()
        options.method = .levenbergMarquardt
        options.solver = .cholesky
        options.fallbacks = .none
        options.fusedNormalEquations = fused
        return options
    }

    static func relative(_ a: Double, _ b: Double) -> Double {
        Swift.abs(a - b) / Swift.max(Swift.abs(b), 1e-300)
    }

    @Test("weighted, bounded: the fused solver reaches GSL's optimum, objective and standard errors")
    func agreesWithGSL() throws {
        let problem = Self.problem(n: 30_000)
        let fused = try NonlinearLeastSquares.fit(problem, options: Self.options(fused: true))
        let gsl = try NonlinearLeastSquares.fit(problem, options: Self.options(fused: false))
        #expect(fused.attempts.last?.hasSuffix("fused") == true, "\(fused.attempts)")
        #expect(gsl.attempts.last?.hasSuffix("fused") == false, "\(gsl.attempts)")
        #expect(fused.converged && gsl.converged, "\(fused.termination) \(gsl.termination)")
        for (f, g) in zip(fused.parameters, gsl.parameters) {
            #expect(Self.relative(f.value, g.value) < 1e-8, "\(f.name): \(f.value) vs \(g.value)")
            let fs = try #require(f.standardError)
            let gs = try #require(g.standardError)
            #expect(Self.relative(fs, gs) < 1e-6, "\(f.name) SE: \(fs) vs \(gs)")
        }
        #expect(Self.relative(fused.objective, gsl.objective) < 1e-12, "\(fused.objective) vs \(gsl.objective)")
        #expect(Self.relative(fused.chiSquare, gsl.chiSquare) < 1e-12)
        #expect(Self.relative(fused.conditionNumber, gsl.conditionNumber) < 1e-6, "\(fused.conditionNumber) vs \(gsl.conditionNumber)")
        #expect(fused.jacobianRank == gsl.jacobianRank)
        // The stored residuals and predictions are those of the end point.
        #expect(fused.residuals.count == 30_000 && fused.predictions.count == 30_000)
        var chi = 0.0
        for r in fused.residuals { chi += r * r }
        #expect(Self.relative(chi, fused.chiSquare) < 1e-12)
        // The recovered values are the truth within a few standard errors.
        for (p, truth) in zip(fused.parameters, [1.5, 4, 0.7]) {
            let se = try #require(p.standardError)
            #expect(Swift.abs(p.value - truth) < 4 * se, "\(p.name): \(p.value) ± \(se)")
        }
    }

    @Test("the same input gives the same bits (fixed chunks, fixed reduction order)")
    func deterministic() throws {
        let problem = Self.problem(n: 50_000, seed: 3)
        let a = try NonlinearLeastSquares.fit(problem, options: Self.options(fused: true))
        let b = try NonlinearLeastSquares.fit(problem, options: Self.options(fused: true))
        #expect(a.parameters.map(\.value) == b.parameters.map(\.value))
        #expect(a.objective.bitPattern == b.objective.bitPattern)
    }

    @Test("the rule: below the row minimum, with a robust loss or with fallbacks, the fit stays on GSL")
    func rule() throws {
        let small = Self.problem(n: FusedLevenbergMarquardt.minimumRows - 1)
        #expect(try NonlinearLeastSquares.fit(small, options: Self.options(fused: true)).attempts.last?.hasSuffix("fused") == false)
        let large = Self.problem(n: FusedLevenbergMarquardt.minimumRows)
        #expect(try NonlinearLeastSquares.fit(large, options: Self.options(fused: true)).attempts.last?.hasSuffix("fused") == true)
        var robust = Self.options(fused: true)
        robust.loss = .huber(delta: 1)
        #expect(try NonlinearLeastSquares.fit(large, options: robust).attempts.last?.hasSuffix("fused") == false)
        var ladder = Self.options(fused: true)
        ladder.fallbacks = .automatic
        #expect(try NonlinearLeastSquares.fit(large, options: ladder).attempts.contains { $0.hasSuffix("fused") } == false)
    }
}
