import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// One synthetic case per diagnostic that triggers it, and a clean case that triggers none.
@Suite("Fit diagnostics")
struct FitDiagnosticsTests {
    /// `y = f(x)·exp(σz)` (or `+ σz` with `additive`) at the given x, seeded.
    static func data(_ x: [Double], sigma: Double = 0.01, additive: Bool = false, seed: UInt64 = 5,
                     _ f: (Double) -> Double) throws -> Dataset {
        var rng = SeededGenerator(seed: seed)
        let y = x.map { xi in additive ? f(xi) + sigma * rng.nextNormal() : f(xi) * exp(sigma * rng.nextNormal()) }
        return try Dataset(columns: ["x": x, "y": y])
    }

    /// Chinchilla-shaped rows from Epoch's constants with log-normal noise σ, seeded.
    static func chinchilla(n: [Double], d: [Double], sigma: Double = 0.005, seed: UInt64 = 3) throws -> Dataset {
        var rng = SeededGenerator(seed: seed)
        let p = ChinchillaParameters.epoch2024
        var loss: [Double] = []
        for i in n.indices {
            let l = p.e + p.a / pow(n[i], p.alpha) + p.b / pow(d[i], p.beta)
            loss.append(l * exp(sigma * rng.nextNormal()))
        }
        return try Dataset(columns: ["N": n, "D": d, "loss": loss])
    }

    static func logSpaced(_ lo: Double, _ hi: Double, _ count: Int) -> [Double] {
        (0..<count).map { lo * pow(hi / lo, Double($0) / Double(count - 1)) }
    }

    static func kinds(_ law: any ScalingLaw, _ data: Dataset, _ options: LawFitOptions) throws -> [FitDiagnostic.Kind] {
        let fit = try LawFitter.fit(law, to: data, options: options)
        return FitDiagnostics.evaluate(fit, law: law, data: data).map(\.kind)
    }

    @Test("clean case: a power law over x in [0.1, 10] with 40 points triggers nothing")
    func clean() throws {
        let data = try Self.data(Self.logSpaced(0.1, 10, 40), sigma: 0.05) { 2 * pow($0, -0.3) }
        let fit = try LawFitter.fit(PowerLaw(), to: data, options: LawFitOptions(objective: .logLeastSquares))
        let diagnostics = FitDiagnostics.evaluate(fit, law: PowerLaw(), data: data)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test("a slope capped below its true value ends at the bound")
    func atBound() throws {
        let law = try FormulaLaw("y = a + b*x", inputs: ["x"], declarations: [FormulaParameterDeclaration("b", upperBound: 0.2)])
        let data = try Self.data((0..<20).map(Double.init), sigma: 0.05, additive: true) { 1 + 0.5 * $0 }
        let fit = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: .leastSquares))
        let diagnostics = FitDiagnostics.evaluate(fit, law: law, data: data)
        let bound = try #require(diagnostics.first { $0.kind == .parameterAtBound })
        #expect(bound.message.hasPrefix("b = 0.2 is at its upper bound 0.2:"), "\(bound.message)")
    }

    @Test("x far from zero makes intercept and slope almost perfectly correlated")
    func illConditioned() throws {
        let law = try FormulaLaw("y = a + b*x", inputs: ["x"])
        let data = try Self.data((0..<20).map { 1000 + Double($0) / 19 }, sigma: 0.05, additive: true) { 1 + 0.5 * $0 }
        let fit = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: .leastSquares))
        let diagnostics = FitDiagnostics.evaluate(fit, law: law, data: data)
        let found = diagnostics.filter { $0.kind == .illConditioned }
        // corr(a, b) = −x̄/√(x̄² + var x) ≈ −1 + 1e-7; κ of the scaled Jacobian ≈ 2/√(1 − r²) ≈ 6e3.
        #expect(found.contains { $0.message.contains("a–b -1.0000") }, "\(diagnostics)")
    }

    /// Two distinct x values and two free parameters: the fitter accepts it (as many distinct
    /// points as parameters; fewer is an error, see `BadInputCatalogTests`), the diagnostic says
    /// the curve's shape is not determined.
    @Test("an input with two distinct values cannot determine a curve's shape")
    func fewDistinctValues() throws {
        let law = try FormulaLaw("y = b*exp(-c*x)", inputs: ["x"])
        let x = (0..<20).map { $0 % 2 == 0 ? 1.0 : 3.0 }
        let data = try Self.data(x, sigma: 0.01, additive: true) { 2 * exp(-0.5 * $0) }
        var options = LawFitOptions(objective: .leastSquares)
        options.starts = .single
        let fit = try LawFitter.fit(law, to: data, options: options)
        let diagnostics = FitDiagnostics.evaluate(fit, law: law, data: data)
        let found = try #require(diagnostics.first { $0.kind == .fewDistinctValues })
        #expect(found.message.hasPrefix("x takes 2 distinct values; 2 parameters depend on it (b, c) and a curve needs at least 3"), "\(found.message)")
    }

    /// A fixed ratio D = 20N (peers.md mistake 7): log N and log D are collinear, so α and β
    /// trade off along a direction the data cannot see.
    @Test("a fixed tokens-per-parameter design leaves a flat direction")
    func flatDirection() throws {
        let n = Self.logSpaced(1e8, 1e10, 30)
        let data = try Self.chinchilla(n: n, d: n.map { 20 * $0 })
        let law = ChinchillaLaw()
        let kinds = try Self.kinds(law, data, LawFitOptions(objective: law.defaultObjective))
        #expect(kinds.contains(.flatDirection), "\(kinds)")
    }

    /// `a·exp(−x/t1) + b·exp(−x/t2)` is unchanged when (a, t1) and (b, t2) swap: two distinct
    /// optima with the same objective.
    @Test("exchangeable terms give distinct optima with equal objectives")
    func multiStart() throws {
        let law = try FormulaLaw("y = a*exp(-x/t1) + b*exp(-x/t2)", inputs: ["x"],
                                 declarations: [FormulaParameterDeclaration("t1", lowerBound: 0.01, upperBound: 100),
                                                FormulaParameterDeclaration("t2", lowerBound: 0.01, upperBound: 100)])
        let data = try Self.data(Self.logSpaced(0.05, 20, 40), sigma: 0.002, additive: true) { 2 * exp(-$0 / 0.5) + 1 * exp(-$0 / 5) }
        var options = LawFitOptions(objective: .leastSquares, starts: .latinHypercube(count: 40), seed: 1)
        options.maxIterations = 500
        let fit = try LawFitter.fit(law, to: data, options: options)
        let diagnostics = FitDiagnostics.evaluate(fit, law: law, data: data)
        #expect(diagnostics.contains { $0.kind == .multiStartDisagreement }, "\(diagnostics) \(fit.statistics)")
    }

    /// Runs of 10M–20M parameters only: at the data's largest budget the optimum is far larger.
    @Test("compute-optimal size outside the fitted sizes")
    func optimumOutsideData() throws {
        var n: [Double] = []
        var d: [Double] = []
        for size in Self.logSpaced(1e7, 2e7, 4) {
            for tokens in Self.logSpaced(1e8, 1e12, 8) { n.append(size); d.append(tokens) }
        }
        let data = try Self.chinchilla(n: n, d: d)
        let law = ChinchillaLaw()
        var options = LawFitOptions(objective: law.defaultObjective)
        options.fixed = ["alpha": ChinchillaParameters.epoch2024.alpha]
        let fit = try LawFitter.fit(law, to: data, options: options)
        let found = try #require(FitDiagnostics.evaluate(fit, law: law, data: data).first { $0.kind == .optimumOutsideData })
        #expect(found.message.contains("N in [1e+07, 2e+07]"), "\(found.message)")
    }

    /// With β held at 0 the data term is a constant: at any budget the loss keeps falling as
    /// the model grows.
    @Test("no interior optimum when the data term is constant")
    func noInteriorOptimum() throws {
        let n = Self.logSpaced(1e8, 1e10, 5)
        var ns: [Double] = []
        var ds: [Double] = []
        for size in n { for tokens in Self.logSpaced(1e9, 1e11, 5) { ns.append(size); ds.append(tokens) } }
        let data = try Self.chinchilla(n: ns, d: ds)
        let law = ChinchillaLaw()
        var options = LawFitOptions(objective: law.defaultObjective)
        options.fixed = ["beta": 0, "B": 0.01]
        let fit = try LawFitter.fit(law, to: data, options: options)
        let found = try #require(FitDiagnostics.evaluate(fit, law: law, data: data).first { $0.kind == .noInteriorOptimum })
        #expect(found.message.contains("toward ever larger models on fewer tokens"), "\(found.message)")
    }
}
