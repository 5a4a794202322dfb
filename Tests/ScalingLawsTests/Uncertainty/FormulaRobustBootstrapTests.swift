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
        "the formula's bootstrap standard errors are the catalog law's within 10% (same data, seed, resamples), with and without positive declarations",
        arguments: [false, true])
    func matchesCatalog(declared: Bool) throws {
        let data = try Self.data()
        let objective = LawObjective.logHuber(delta: 1e-3)
        var options = LawFitOptions(objective: objective)
        options.intervals = .automatic(resamples: 400)
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
        #expect(resamples == 400 && seed == 0)
        #expect(converged >= 380, "\(converged) of 400 refits converged")
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
