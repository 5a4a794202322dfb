import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// A robust fit of a formula law gets the same default row bootstrap as the catalog Chinchilla
/// law (`RobustFitIntervals`): the same resamples (row weights from the same seed), refitted by
/// the general trust-region driver instead of exact Newton steps. On the same data and seed the
/// two must agree: Chinchilla written as a formula (`E + A/N^alpha + B/D^beta`, Hoffmann et al.
/// 2022, eq. 2) fitted under the same summed Huber (δ = 1e-3) on log residuals.
@Suite("formula laws: row-bootstrap intervals for robust objectives")
struct FormulaRobustBootstrapTests {
    static let formula = "E + A/N^alpha + B/D^beta"
    static let names = ["E", "A", "B", "alpha", "beta"]

    /// The bundled synthetic Chinchilla sample (120 rows).
    static func data() throws -> Dataset {
        let path = RepositoryPaths.root.appendingPathComponent("Datasets/chinchilla-synthetic/data.csv").path
        return try InputSpecification(path: path).load(for: ChinchillaLaw()).dataset
    }

    static func standardErrors(_ fit: LawFit) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for name in names {
            let p = try #require(fit.parameters.first { $0.name == name })
            out[name] = try #require(p.standardError)
        }
        return out
    }

    @Test(
        "the formula's bootstrap standard errors are the catalog law's within 10% (same data, seed, resamples), E, A, B declared positive as the catalog law fits them",
        arguments: [true])
    func matchesCatalog(declared: Bool) throws {
        let data = try Self.data()
        let objective = LawObjective.logHuber(delta: 1e-3)
        var options = LawFitOptions(objective: objective)
        options.intervals = .automatic(resamples: 200)
        let catalog = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        #expect(catalog.intervals.name == "row-bootstrap")

        let declarations = declared
            ? try ["E in [0, inf]", "A in [0, inf]", "B in [0, inf]"].map(FormulaParameterDeclaration.parse)
            : []
        let law = try FormulaLaw(Self.formula, declarations: declarations)
        let formula = try LawFitter.fit(law, to: data, options: options)
        guard case let .rowBootstrap(resamples, converged, seed) = formula.intervals else {
            Issue.record("the formula fit kept \(formula.intervals)")
            return
        }
        #expect(resamples == 200 && seed == 0)
        #expect(converged >= 190, "\(converged) of 200 refits converged")
        #expect(!formula.warnings.contains { if case .linearizedRobustIntervals = $0 { return true } else { return false } })

        let ours = try Self.standardErrors(formula)
        let theirs = try Self.standardErrors(catalog)
        for name in Self.names {
            let ratio = try #require(ours[name]) / (try #require(theirs[name]))
            #expect(Swift.abs(ratio - 1) < 0.10, "\(name): formula SE \(ours[name]!), catalog SE \(theirs[name]!), ratio \(ratio)")
        }
        // Intervals hold their estimate and differ from the linearised ones.
        for p in formula.parameters {
            let lo = try #require(p.lower), hi = try #require(p.upper)
            #expect(lo <= p.value && p.value <= hi, "\(p.name)")
        }
    }

    @Test("least squares keeps the linearised covariance; with a fixed parameter (as for the catalog law) the warning stays")
    func scope() throws {
        let data = try Self.data()
        let law = try FormulaLaw(Self.formula)
        let plain = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: .logLeastSquares))
        #expect(plain.intervals == .linearized)

        var options = LawFitOptions(objective: .logHuber(delta: 1e-3))
        options.fixed = ["beta": 0.37]
        let fixed = try LawFitter.fit(law, to: data, options: options)
        #expect(fixed.intervals == .linearized)
        #expect(fixed.warnings.contains(.linearizedRobustIntervals(resamples: 0, converged: 0)))
        let catalog = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        #expect(catalog.intervals == .linearized)
        #expect(catalog.warnings.contains(.linearizedRobustIntervals(resamples: 0, converged: 0)))
    }
}

/// Coverage of a robust formula fit's default intervals by simulation, at the bundled design
/// (Datasets/chinchilla-synthetic, 120 rows): truth the catalog law's Huber fit there, noise its
/// 120 log residuals drawn with replacement, the formula `E + A/N^alpha + B/D^beta` with E, A,
/// B declared positive (fitted as logarithms, as the catalog law is). Each trial refits every
/// resample through the general driver, so a trial costs about `resamples` × 16 ms in a debug
/// build: the run is opt-in (`FORMULA_COVERAGE_TRIALS=N`, with `FORMULA_COVERAGE_RESAMPLES`,
/// default 80), and its table goes in the notes. The same band as the catalog law's test.
/// Measured (120 trials × 60 resamples, binomial SE of a share near 0.95 ≈ 0.02): E 0.975,
/// A 0.958, B 0.967, α 0.958, β 0.950; E above the band by 0.005 at that size. A run with
/// ≥ 400 trials (as the catalog law's test) is needed to hold the band reliably.
@Suite(
    "formula laws: robust interval coverage (opt-in)",
    .enabled(if: ProcessInfo.processInfo.environment["FORMULA_COVERAGE_TRIALS"] != nil, "set FORMULA_COVERAGE_TRIALS to run"))
struct FormulaRobustCoverageTests {
    @Test("default 95% intervals of a Huber formula fit cover 93–97% at the bundled design")
    func coverage() throws {
        let environment = ProcessInfo.processInfo.environment
        let trials = environment["FORMULA_COVERAGE_TRIALS"].flatMap(Int.init) ?? 200
        let resamples = environment["FORMULA_COVERAGE_RESAMPLES"].flatMap(Int.init) ?? 80
        let data = try FormulaRobustBootstrapTests.data()
        let objective = LawObjective.logHuber(delta: 1e-3)
        let truthFit = try LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: objective))
        let n = try data.column("N"), d = try data.column("D"), loss = try data.column("loss")
        let f = ChinchillaLaw().evaluate(inputs: [n, d], parameters: truthFit.values)
        let residuals = loss.indices.map { log(loss[$0]) - log(f[$0]) }
        let law = try FormulaLaw(
            FormulaRobustBootstrapTests.formula,
            declarations: try ["E in [0, inf]", "A in [0, inf]", "B in [0, inf]"].map(FormulaParameterDeclaration.parse))
        let truth = Dictionary(uniqueKeysWithValues: zip(ChinchillaLaw().parameters.map(\.name), truthFit.values))
        let start = law.parameters.map { truth[$0.name] ?? .nan }
        var options = LawFitOptions(objective: objective, starts: .single)
        options.start = start
        options.intervals = .automatic(resamples: resamples)
        let names = FormulaRobustBootstrapTests.names
        var hits = [Int](repeating: 0, count: names.count)
        for trial in 0..<trials {
            var rng = SeededGenerator.stream(seed: 20_261_205, index: trial)
            var y = [Double](repeating: 0, count: n.count)
            for i in y.indices { y[i] = f[i] * exp(residuals[Int(rng.next() % UInt64(residuals.count))]) }
            options.seed = UInt64(trial)
            let fit = try LawFitter.fit(law, to: try Dataset(source: "trial \(trial)", columns: ["N": n, "D": d, "loss": y]), options: options)
            #expect(fit.intervals.name == "row-bootstrap", "trial \(trial): \(fit.intervals)")
            for (k, name) in names.enumerated() {
                let p = try #require(fit.parameters.first { $0.name == name })
                let t = try #require(truth[name])
                if let lo = p.lower, let hi = p.upper, lo <= t, t <= hi { hits[k] += 1 }
            }
        }
        let shares = hits.map { Double($0) / Double(trials) }
        print("FORMULA coverage: \(trials) trials × \(resamples) resamples: " + zip(names, shares).map { String(format: "%@ %.3f", $0, $1) }.joined(separator: "  "))
        for (name, share) in zip(names, shares) {
            #expect(share >= 0.93 && share <= 0.97, "coverage of \(name) = \(share)")
        }
    }
}
