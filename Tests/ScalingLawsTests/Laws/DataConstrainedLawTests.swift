import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Whether `value` rounds to `printed` at the printed number of significant digits (a value
/// printed as 3.726e11 must lie within half a unit of its last digit, 0.0005e11).
fileprivate func roundsTo(_ value: Double, _ printed: Double, significantDigits digits: Int) -> Bool {
    let exponent = floor(log10(Swift.abs(printed)))
    let unit = pow(10, exponent - Double(digits - 1))
    return Swift.abs(value - printed) <= 0.5 * unit * (1 + 1e-9)
}

extension LawConformanceCase {
    /// Data-constrained law: the Muennighoff et al. C4 constants (α = β, R_D* = 15.39,
    /// R_N* = 5.31) on 6 model sizes (10M–9B) × 5 unique-token budgets (100M–24B) × 6 epoch
    /// counts (1–60), D = U·epochs: 180 runs, with and without excess parameters (U_N = 0.051·U),
    /// 1% log-normal noise, fitted by least squares on log residuals with all 7 parameters free.
    static let dataConstrained: LawConformanceCase = {
        let grid = factorial([
            logSpaced(1e7, 9e9, count: 6),
            [1e8, 4e8, 1.5e9, 6e9, 2.4e10],
            [1, 2, 5, 12, 25, 60],
        ])
        let tokens = zip(grid[1], grid[2]).map { $0 * $1 }
        return LawConformanceCase(
            law: DataConstrainedLaw(),
            truth: DataConstrainedParameters.muennighoffC4.vector,
            design: [grid[0], tokens, grid[1]],
            noise: .multiplicative(0.01),
            objective: .logLeastSquares)
    }()
}

/// Muennighoff et al. 2023, "Scaling Data-Constrained Language Models" (arXiv:2305.16264):
/// the test vectors of laws.md §4, the shape of the law, its gradient on both branches of
/// `U_N = min{…}`, and a fit to the datablations contour runs.
@Suite("Data-constrained law (Muennighoff et al. 2023)")
struct DataConstrainedLawTests {
    static let c4 = DataConstrainedParameters.muennighoffC4
    let law = DataConstrainedLaw()

    @Test("G = 0.2258 and U_N/U_D = 0.0510 for the C4 base fit")
    func allocation() {
        let g = Self.c4.allocationCoefficient
        #expect(roundsTo(g, 0.2258, significantDigits: 4), "G = \(g)")
        let ratio = DataConstrainedLaw.uniqueParameters(uniqueTokens: 100e9, base: Self.c4.base) / 100e9
        #expect(roundsTo(ratio, 0.0510, significantDigits: 3), "U_N/U_D = \(ratio)")
        // With α = β, U_N = U_D·G² exactly.
        #expect(isClose(ratio, g * g, rel: 1e-12))
    }

    @Test("effective data of 100B unique tokens at 4, 16, 40 epochs and the cap", arguments: [
        (4.0, 3.726e11), (16.0, 1.058e12), (40.0, 1.517e12),
    ])
    func effectiveData(epochs: Double, expected: Double) {
        let dPrime = Self.c4.effectiveData(uniqueTokens: 100e9, tokens: epochs * 100e9)
        #expect(roundsTo(dPrime, expected, significantDigits: 4), "D'(\(epochs) epochs) = \(dPrime)")
        #expect(dPrime < epochs * 100e9)
    }

    @Test("D' never exceeds U_D(1 + R_D*) = 1.639e12")
    func effectiveDataCap() {
        let cap = 100e9 * (1 + Self.c4.rDStar)
        #expect(roundsTo(cap, 1.639e12, significantDigits: 4), "cap = \(cap)")
        let far = Self.c4.effectiveData(uniqueTokens: 100e9, tokens: 1e4 * 100e9)
        #expect(far <= cap)
        #expect(Self.c4.effectiveData(uniqueTokens: 100e9, tokens: 100 * 100e9) < cap)
        #expect(isClose(far, cap, rel: 1e-9))
    }

    @Test("losses at N = 5.1B, 400B tokens: unique, 100B×4, 25B×16, 10B×40", arguments: [
        (400e9, 2.18607), (100e9, 2.18913), (25e9, 2.21896), (10e9, 2.28394),
    ])
    func losses(unique: Double, expected: Double) {
        let loss = Self.c4.loss(parameters: 5.1e9, tokens: 400e9, uniqueTokens: unique)
        #expect(roundsTo(loss, expected, significantDigits: 6), "L(U = \(unique)) = \(loss)")
        #expect(isClose(law.evaluate([5.1e9, 400e9, unique], Self.c4.vector), loss, rel: 1e-15))
    }

    @Test("four epochs of repeated data cost under 0.5% of the loss; forty epochs cost more")
    func fourEpochFinding() {
        let unique = Self.c4.loss(parameters: 5.1e9, tokens: 400e9, uniqueTokens: 400e9)
        let four = Self.c4.loss(parameters: 5.1e9, tokens: 400e9, uniqueTokens: 100e9)
        let forty = Self.c4.loss(parameters: 5.1e9, tokens: 400e9, uniqueTokens: 10e9)
        #expect((four - unique) / unique < 0.005, "4 epochs: +\((four - unique) / unique)")
        #expect(four > unique)
        #expect((forty - unique) / unique > 0.005, "40 epochs: +\((forty - unique) / unique)")
    }

    @Test("single epoch without excess parameters is the Chinchilla law")
    func reducesToChinchilla() {
        let chinchilla = ChinchillaLaw()
        for (n, d) in [(1e8, 1e10), (5.1e9, 400e9), (7e10, 1.4e12)] {
            // U = D: no repetition; U_N = 0.051·D ≥ N for these points.
            #expect(DataConstrainedLaw.uniqueParameters(uniqueTokens: d, base: Self.c4.base) > n)
            #expect(isClose(law.evaluate([n, d, d], Self.c4.vector), chinchilla.evaluate([n, d], Self.c4.base.vector), rel: 1e-14))
        }
    }

    @Test("limits: R* → ∞ removes the penalty, R_D* → 0 leaves only the unique data, U > D reads as U = D")
    func limits() {
        #expect(DataConstrainedLaw.effectiveData(uniqueTokens: 1e9, tokens: 4e10, rDStar: .infinity) == 4e10)
        #expect(isClose(DataConstrainedLaw.effectiveData(uniqueTokens: 1e9, tokens: 4e10, rDStar: 1e12), 4e10, rel: 1e-9))
        #expect(isClose(DataConstrainedLaw.effectiveData(uniqueTokens: 1e9, tokens: 4e10, rDStar: 1e-9), 1e9, rel: 1e-6))
        #expect(DataConstrainedLaw.effectiveData(uniqueTokens: 5e10, tokens: 4e10, rDStar: 15) == 4e10)
        let base = Self.c4.base
        #expect(DataConstrainedLaw.effectiveParameters(parameters: 9e9, uniqueTokens: 1e9, rNStar: .infinity, base: base) == 9e9)
        // Excess parameters are worth less than fresh ones, but more than none.
        let nPrime = Self.c4.effectiveParameters(parameters: 9e9, uniqueTokens: 1e9)
        let uN = DataConstrainedLaw.uniqueParameters(uniqueTokens: 1e9, base: base)
        #expect(uN < nPrime && nPrime < 9e9)
        #expect(nPrime < uN * (1 + Self.c4.rNStar))
        // Infinite R* in the law's own evaluation: Chinchilla on (N, D).
        var p = Self.c4.vector
        p[5] = .infinity
        p[6] = .infinity
        #expect(isClose(law.evaluate([9e9, 4e10, 1e9], p), ChinchillaLaw().evaluate([9e9, 4e10], base.vector), rel: 1e-14))
    }

    /// Points on both branches and on either side of the kink `U_N⁰ = N`.
    static func gradientPoints() -> [[Double]] {
        let uN = DataConstrainedLaw.uniqueParameters(uniqueTokens: 1e9, base: c4.base)
        return [
            [5e9, 4e10, 1e9],  // excess parameters, 40 epochs
            [1e7, 2e9, 1e9],  // no excess, 2 epochs
            [2e8, 1e9, 1e9],  // single epoch, excess parameters
            [uN * (1 + 1e-3), 1e10, 1e9],  // just above the kink
            [uN * (1 - 1e-3), 1e10, 1e9],  // just below the kink
            [3e10, 5e8, 1e10],  // U > D (pool larger than the run)
        ]
    }

    @Test("exact gradient matches central differences on both branches")
    func gradient() {
        var g = [Double](repeating: 0, count: 7)
        for p in [Self.c4.vector, [1.5, 300, 2000, 0.3, 0.4, 8, 20]] {
            for x in Self.gradientPoints() {
                law.gradient(x, p, into: &g)
                for j in p.indices {
                    let h = 1e-6 * Swift.abs(p[j])
                    var plus = p, minus = p
                    plus[j] += h
                    minus[j] -= h
                    let fd = (law.evaluate(x, plus) - law.evaluate(x, minus)) / (2 * h)
                    #expect(isClose(g[j], fd, rel: 1e-6, abs: 1e-10 * law.evaluate(x, p) / Swift.abs(p[j])),
                            "∂L/∂\(law.parameters[j].name) at \(x): \(g[j]) vs \(fd)")
                }
            }
        }
    }

    @Test("the gradient is continuous across the kink U_N⁰ = N")
    func gradientContinuousAtKink() {
        let uN = DataConstrainedLaw.uniqueParameters(uniqueTokens: 1e9, base: Self.c4.base)
        var above = [Double](repeating: 0, count: 7)
        var below = [Double](repeating: 0, count: 7)
        law.gradient([uN * (1 + 1e-9), 1e10, 1e9], Self.c4.vector, into: &above)
        law.gradient([uN * (1 - 1e-9), 1e10, 1e9], Self.c4.vector, into: &below)
        for j in above.indices {
            #expect(isClose(above[j], below[j], rel: 1e-6, abs: 1e-12), "∂L/∂\(law.parameters[j].name): \(above[j]) vs \(below[j])")
        }
        // Away from the kink, R_N* matters only with excess parameters.
        law.gradient([5e9, 4e10, 1e9], Self.c4.vector, into: &above)
        law.gradient([1e7, 4e10, 1e9], Self.c4.vector, into: &below)
        #expect(above[6] < 0)  // a larger R_N* makes excess parameters worth more: lower loss
        #expect(below[6] == 0)
    }

    @Test("decay fit with the base law fixed (the authors' protocol) recovers R_D*, R_N*")
    func decayFitWithBaseFixed() throws {
        let c = LawConformanceCase.dataConstrained
        var options = LawFitOptions(objective: .logLeastSquares)
        for name in ["E", "A", "B", "alpha", "beta"] {
            options.fixed[name] = c.truth[law.parameterIndex(name)!]
        }
        let fit = try LawFitter.fit(law, to: c.dataset(seed: 11), options: options)
        #expect(fit.statistics.converged)
        for (name, truth) in [("R_D_star", Self.c4.rDStar), ("R_N_star", Self.c4.rNStar)] {
            let p = try #require(fit.parameters.first { $0.name == name })
            let se = try #require(p.standardError)
            #expect(Swift.abs(p.value - truth) <= 3 * se, "\(name) = \(p.value) ± \(se), truth \(truth)")
            #expect(se < 0.2 * truth)
        }
        #expect(fit.parameters.filter(\.fixed).count == 5)
    }

    @Test("the bundled data-constrained-synthetic dataset: a free fit recovers every constant within 3 SE")
    func bundledDataset() throws {
        let url = RepositoryPaths.root.appendingPathComponent("Datasets/data-constrained-synthetic/data.csv")
        let table = try CSVTable.read(contentsOf: url)
        let roles = try ColumnRoleResolver(explicit: ["U": "unique_tokens"]).resolve(["N", "D", "U", "loss"], in: table)
        let data = try roles.dataset(from: table)
        #expect(data.count == 210)
        let fit = try LawFitter.fit(law, to: data)
        #expect(fit.statistics.converged)
        for (k, p) in fit.parameters.enumerated() {
            let se = try #require(p.standardError)
            #expect(Swift.abs(p.value - Self.c4.vector[k]) <= 3 * se, "\(p.name) = \(p.value) ± \(se), truth \(Self.c4.vector[k])")
        }
    }

    // MARK: - Datablations contour runs

    /// The 229 datablations contour runs (Muennighoff et al. 2023, via IBM/ColPret): N =
    /// `num_params`, D = `token_num`, U = `token_num / epochs`, loss = `openLM_loss`.
    static func datablations() throws -> Dataset {
        let path = "colpret_choshen2024/datablations_contour_losses.csv"
        guard let url = RepositoryPaths.sharedDataset(path) else { throw DataError.noSuchFile(path: path) }
        let table = try CSVTable.read(contentsOf: url)
        let roles = try ColumnRoleResolver(explicit: ["N": "num_params", "D": "token_num", "loss": "openLM_loss"])
            .resolve(["N", "D", "loss"], in: table)
        var data = try roles.dataset(from: table, extraColumns: ["epochs"])
        let d = try data.column("D")
        let epochs = try data.column("epochs")
        data.columns["U"] = zip(d, epochs).map { $0 / $1 }
        return data
    }

    @Test(
        "fits the datablations contour runs; R_D* > 0 and beats the no-repetition-penalty baseline",
        .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/colpret_choshen2024"))
    func datablationsFit() throws {
        let data = try Self.datablations()
        #expect(data.count == 229)
        let options = LawFitOptions(objective: .logLeastSquares)
        let fit = try LawFitter.fit(law, to: data, options: options)
        // Baseline: the same law with R_D* → ∞ (D' = D), every other parameter free.
        var baselineOptions = options
        baselineOptions.fixed["R_D_star"] = 1e12
        let baseline = try LawFitter.fit(law, to: data, options: baselineOptions)
        // And plain Chinchilla on (N, D): no penalty for repeated data or excess parameters.
        let chinchilla = try LawFitter.fit(ChinchillaLaw(), to: data, options: options)
        print("DATABLATIONS fit", fit.parameters.map { "\($0.name)=\($0.value)±\($0.standardError ?? .nan)" },
              "chi2", fit.statistics.chiSquare, "termination", fit.statistics.termination)
        print("DATABLATIONS baseline R_D*→∞", baseline.parameters.map { "\($0.name)=\($0.value)" },
              "chi2", baseline.statistics.chiSquare, "termination", baseline.statistics.termination)
        print("DATABLATIONS chinchilla", chinchilla.values, "chi2", chinchilla.statistics.chiSquare)
        #expect(fit.statistics.converged, "termination: \(fit.statistics.termination)")
        #expect(fit.values.allSatisfy { $0.isFinite })
        #expect(fit.statistics.chiSquare.isFinite)
        let rDStar = try #require(fit.value("R_D_star"))
        #expect(rDStar > 0)
        #expect(fit.statistics.chiSquare < baseline.statistics.chiSquare)
        #expect(fit.statistics.chiSquare < chinchilla.statistics.chiSquare)
    }
}
