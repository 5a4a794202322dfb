import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Profile-likelihood intervals: exact on a linear-Gaussian problem, bracketing known truth on
/// Chinchilla-shaped data, and visibly asymmetric where the Wald interval cannot be.
@Suite("Profile likelihood")
struct ProfileLikelihoodTests {
    /// `log y = log A − α log x + ε` under log least squares is linear in (log A, α): the
    /// profile of α is exactly quadratic, so its interval is the textbook OLS interval
    /// `α̂ ± q·s/√Sxx` with `q = t_{n−2}` (F calibration) or `z` (χ² calibration).
    /// Quantiles from tables: t_{38}(0.975) = 2.024394, z(0.975) = 1.959964.
    @Test("linear-Gaussian case: the profile interval equals the exact t and normal intervals",
          arguments: [(ProfileLikelihoodOptions.Calibration.fisherF, 2.024394), (.chiSquare, 1.959964)])
    func linearGaussian(calibration: ProfileLikelihoodOptions.Calibration, quantile: Double) throws {
        let data = try BootstrapTestData.powerLaw(rows: 40, sigma: 0.1)
        let ols = try BootstrapTestData.olsExponent(data)
        let options = BootstrapTestData.fitOptions
        let fit = try LawFitter.fit(PowerLaw(), to: data, options: options)
        let result = try ProfileLikelihood.intervals(
            law: PowerLaw(), data: data, fit: fit, fitOptions: options,
            options: ProfileLikelihoodOptions(calibration: calibration, parameters: ["alpha"]))
        let interval = try #require(result.interval("alpha"))
        let lower = try #require(interval.lower)
        let upper = try #require(interval.upper)
        let half = quantile * ols.standardError
        #expect(interval.lowerEnd == .found && interval.upperEnd == .found)
        // Root accuracy 1e-4 on S = q² moves an end by about 5e-5 of the half-width.
        #expect(abs(lower - (ols.alpha - half)) <= 2e-4 * half, "lower \(lower) vs \(ols.alpha - half)")
        #expect(abs(upper - (ols.alpha + half)) <= 2e-4 * half, "upper \(upper) vs \(ols.alpha + half)")
        #expect(isClose(interval.asymmetry ?? 0, 1, rel: 1e-3))
    }

    /// The scale of a least-squares profile is σ̂² = RSS/dof, so S(α̂ ± SE) = 1 exactly.
    @Test("least squares: the statistic one standard error away is 1")
    func oneStandardError() throws {
        let data = try BootstrapTestData.powerLaw(rows: 40, sigma: 0.1)
        let ols = try BootstrapTestData.olsExponent(data)
        let fit = try LawFitter.fit(PowerLaw(), to: data, options: BootstrapTestData.fitOptions)
        let result = try ProfileLikelihood.intervals(
            law: PowerLaw(), data: data, fit: fit, fitOptions: BootstrapTestData.fitOptions,
            options: ProfileLikelihoodOptions(parameters: ["alpha"]))
        let interval = try #require(result.interval("alpha"))
        // The walk's second point sits at α̂ − 1·SE (steps ½, 1, …, in Wald standard errors).
        let near = try #require(interval.points.first { abs($0.value - (ols.alpha - ols.standardError)) < 1e-6 * ols.standardError })
        #expect(isClose(near.statistic, 1, rel: 1e-6), "S = \(near.statistic)")
        #expect(isClose(result.threshold, 3.841459, rel: 1e-6))
    }

    /// Chinchilla synthetic data simulated from Epoch's constants (Datasets/chinchilla-synthetic,
    /// 120 rows, log-normal noise): every 95% profile interval of the Huber fit brackets the
    /// truth, and E's and A's intervals are clearly asymmetric (measured 0.615 and 1.28).
    @Test("Chinchilla synthetic: profile intervals bracket the truth and are asymmetric")
    func chinchillaSynthetic() throws {
        let url = RepositoryPaths.root.appendingPathComponent("Datasets/chinchilla-synthetic/data.csv")
        let table = try CSVTable.read(contentsOf: url)
        let data = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table).dataset(from: table)
        let law = ChinchillaLaw()
        let options = LawFitOptions(objective: law.defaultObjective)
        let fit = try LawFitter.fit(law, to: data, options: options)
        let result = try ProfileLikelihood.intervals(law: law, data: data, fit: fit, fitOptions: options)
        let truth = ChinchillaParameters.epoch2024
        let expected: [String: Double] = ["E": truth.e, "A": truth.a, "B": truth.b, "alpha": truth.alpha, "beta": truth.beta]
        for (name, value) in expected {
            let interval = try #require(result.interval(name))
            let lower = try #require(interval.lower, "\(name) lower")
            let upper = try #require(interval.upper, "\(name) upper")
            #expect(lower < value && value < upper, "\(name): \(value) not in [\(lower), \(upper)]")
        }
        let e = try #require(result.interval("E")?.asymmetry)
        let a = try #require(result.interval("A")?.asymmetry)
        #expect(e < 0.8, "E asymmetry \(e)")
        #expect(a > 1.15, "A asymmetry \(a)")
        #expect(result.notes.isEmpty, "\(result.notes)")
    }

    @Test("a fixed or unknown parameter is refused with a message")
    func refusesFixed() throws {
        let data = try BootstrapTestData.powerLaw(rows: 20)
        var options = BootstrapTestData.fitOptions
        options.fixed = ["A": 2]
        let fit = try LawFitter.fit(PowerLaw(), to: data, options: options)
        #expect(throws: LawFitError.invalidOption("parameter 'A' is fixed; it has no profile")) {
            try ProfileLikelihood.intervals(law: PowerLaw(), data: data, fit: fit, fitOptions: options,
                                            options: ProfileLikelihoodOptions(parameters: ["A"]))
        }
        #expect(throws: LawFitError.unknownParameter(law: "power-law", name: "k", known: ["A", "alpha"])) {
            try ProfileLikelihood.intervals(law: PowerLaw(), data: data, fit: fit, fitOptions: options,
                                            options: ProfileLikelihoodOptions(parameters: ["k"]))
        }
    }
}
