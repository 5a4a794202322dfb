import Foundation
import NonlinearFit
import Testing
import TestSupport
@testable import ScalingLaws

/// Observational scaling (Ruan, Maddison and Hashimoto 2024): PCA, imputation, family
/// efficiencies, sigmoid links and held-out intervals.
@Suite("Observational scaling capability model")
struct CapabilityModelTests {
    // MARK: - Principal components

    @Test("PCA of a hand-checkable matrix: loadings, variances, shares and scores")
    func handMatrix() throws {
        // Centred already; var(x) = 8/3, var(y) = 2/3 (n − 1 = 3), uncorrelated.
        let rows: [[Double]] = [[2, 0], [0, 1], [-2, 0], [0, -1]]
        let pca = try PrincipalComponents(rows: rows, components: 2, standardize: false, names: ["x", "y"])
        #expect(isClose(pca.loadings[0], [1, 0], rel: 0, abs: 1e-14))
        #expect(isClose(pca.loadings[1], [0, 1], rel: 0, abs: 1e-14))
        #expect(isClose(pca.variances, [8.0 / 3, 2.0 / 3], rel: 1e-14))
        #expect(isClose(pca.explainedShares, [0.8, 0.2], rel: 1e-14))
        #expect(isClose(pca.scores(of: [2, 0]), [2, 0], rel: 0, abs: 1e-14))
        #expect(isClose(pca.reconstruct([0, -1]), [0, -1], rel: 0, abs: 1e-14))
        // Standardised: x/s_x and y/s_y have equal variance, so each component explains half.
        let standardized = try PrincipalComponents(rows: rows, components: 1, standardize: true, names: ["x", "y"])
        #expect(isClose(standardized.explainedShares, [0.5, 0.5], rel: 1e-12))
        let expectedScales: [Double] = [Double(2).squareRoot(), Double(0.5).squareRoot()]
        #expect(isClose(standardized.scales, expectedScales, rel: 1e-14))
    }

    @Test("PCA agrees with power iteration on the sample covariance (no LAPACK)")
    func powerIteration() throws {
        var g = SeededGenerator(seed: 7)
        let n = 40
        let p = 5
        var rows: [[Double]] = []
        for _ in 0..<n {
            let a = g.nextNormal()
            let b = g.nextNormal()
            var row: [Double] = []
            for j in 0..<p {
                let weight: Double = j % 2 == 0 ? 0.5 : -0.3
                let noise = 0.1 * g.nextNormal()
                row.append(Double(j + 1) * a + weight * b + noise + Double(j))
            }
            rows.append(row)
        }
        let pca = try PrincipalComponents(rows: rows, components: 2, standardize: false, names: (0..<p).map { "b\($0)" })
        // Sample covariance by hand.
        var mean = [Double](repeating: 0, count: p)
        for row in rows { for j in 0..<p { mean[j] += row[j] / Double(n) } }
        var cov = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for row in rows {
            for a in 0..<p { for b in 0..<p { cov[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / Double(n - 1) } }
        }
        var deflated = cov
        for k in 0..<2 {
            var v = [Double](repeating: 1, count: p)
            var lambda = 0.0
            for _ in 0..<5000 {
                var w = [Double](repeating: 0, count: p)
                for a in 0..<p { for b in 0..<p { w[a] += deflated[a][b] * v[b] } }
                lambda = (w.map { $0 * $0 }.reduce(0, +)).squareRoot()
                v = w.map { $0 / lambda }
            }
            var dot = 0.0
            for j in 0..<p { dot += v[j] * pca.loadings[k][j] }
            #expect(Swift.abs(Swift.abs(dot) - 1) < 1e-10, "PC\(k + 1): |cos| = \(Swift.abs(dot))")
            #expect(isClose(pca.variances[k], lambda, rel: 1e-10))
            for a in 0..<p { for b in 0..<p { deflated[a][b] -= lambda * v[a] * v[b] } }
        }
        #expect(pca.loadings[0].reduce(0, +) >= 0)
    }

    // MARK: - Imputation

    @Test("rank-1 imputation recovers a cell of an exactly rank-1 table")
    func imputation() throws {
        let a: [Double] = [0.1, 0.5, 0.9, 1.4, 2.0, 2.2, 3.1]
        let b: [Double] = [1, 2, -0.5, 0.7]
        let c: [Double] = [0.2, 0.1, 0.9, 0.3]
        var rows: [[Double?]] = a.map { ai in (0..<4).map { j in ai * b[j] + c[j] } }
        let hidden = rows[3][1]
        rows[3][1] = nil
        // The authors' stopping rule (every cell within 1e-4 of its reconstruction, standardised
        // units) bounds the accuracy; a tighter tolerance reaches the exact value.
        let imputed = try MissingScoreImputation(rows: rows, names: ["w", "x", "y", "z"])
        #expect(imputed.filled == 1)
        #expect(isClose(imputed.completed[3][1], try #require(hidden), rel: 1e-3))
        let tight = try MissingScoreImputation(rows: rows, names: ["w", "x", "y", "z"], tolerance: 1e-13, relativeTolerance: 0, maxRounds: 100_000)
        #expect(isClose(tight.completed[3][1], try #require(hidden), rel: 1e-8))
        // A row not in the fit, with two cells missing.
        let expected = (0..<4).map { 1.0 * b[$0] + c[$0] }
        let fresh = tight.complete([expected[0], nil, nil, expected[3]], tolerance: 1e-13, relativeTolerance: 0, maxRounds: 100_000)
        #expect(isClose(fresh, expected, rel: 1e-8))
    }

    // MARK: - Simulation

    /// Families with known efficiencies: latent capability s = 0.8·log10 C + ν_f, benchmarks
    /// linear in s with small noise, and a target E = 0.25 + 0.75·σ(−1 + 2 s) + noise.
    static func simulated(seed: UInt64, noise: Double = 0.01) -> CapabilityTable {
        var g = SeededGenerator(seed: seed)
        let offsets: [Double] = [0, 0.4, -0.4, 0.8, 0.2, -0.2]
        let gammas: [Double] = [0.30, 0.25, 0.20, 0.35, 0.15]
        let means: [Double] = [0.3, 0.4, 0.5, 0.2, 0.6]
        var models: [String] = []
        var families: [String] = []
        var compute: [Double?] = []
        var values: [[Double?]] = []
        for (f, nu) in offsets.enumerated() {
            for m in 0..<10 {
                let logC = 3 * (Double(m) + g.nextUniform()) / 10
                let s = 0.8 * logC + nu
                models.append("f\(f)-\(m)")
                families.append("f\(f)")
                compute.append(pow(10, logC))
                var row: [Double?] = (0..<5).map { j in means[j] + gammas[j] * s + 0.005 * g.nextNormal() }
                row.append(0.25 + 0.75 / (1 + exp(1 - 2 * (s - 1))) + noise * g.nextNormal())
                values.append(row)
            }
        }
        return CapabilityTable(models: models, families: families, compute: compute,
                               columns: ["b1", "b2", "b3", "b4", "b5", "target"], values: values)
    }

    @Test("recovers the families' compute efficiencies from seeded simulation")
    func efficiencies() throws {
        let table = Self.simulated(seed: 1)
        let model = try CapabilityModel(table: table, settings: .init(
            benchmarks: ["b1", "b2", "b3", "b4", "b5"], targets: ["target"], components: 1, chance: ["target": 0.25]))
        #expect(model.components.explainedShares[0] > 0.99)
        let eff = try #require(model.efficiencies)
        #expect(eff.reference == "f0")
        let expected = [0, 0.4, -0.4, 0.8, 0.2, -0.2].map { pow(10, $0 / 0.8) }
        for (f, e) in zip(eff.families, expected) {
            #expect(isClose(f.efficiency, e, rel: 0.05), "\(f.family): \(f.efficiency) vs \(e)")
        }
        // PC1 = |γ|·s + const with |γ| = ‖(0.30, 0.25, 0.20, 0.35, 0.15)‖ = √0.3375: slope 0.8·|γ|.
        #expect(isClose(eff.sharedSlope, 0.8 * Double(0.3375).squareRoot(), rel: 0.01))
    }

    @Test("held-out intervals cover near their level across seeded simulations, inside [chance, 1]",
          arguments: [false, true])
    func heldOutCoverage(calibrated: Bool) throws {
        var covered = 0
        var total = 0
        var absoluteError = 0.0
        for seed in 1...20 {
            let model = try CapabilityModel(table: Self.simulated(seed: UInt64(seed)), settings: .init(
                benchmarks: ["b1", "b2", "b3", "b4", "b5"], targets: ["target"], components: 1,
                chance: ["target": 0.25], cutoff: 100, calibrated: calibrated))
            #expect(model.calibrationErrors.isEmpty != calibrated)
            for p in model.predictions {
                #expect(p.prediction.newModelInterval.lowerBound >= 0.25 && p.prediction.newModelInterval.upperBound <= 1)
                if p.covered { covered += 1 }
                absoluteError += Swift.abs(p.prediction.score - p.observed)
                total += 1
            }
        }
        let rate = Double(covered) / Double(total)
        #expect(total > 300)
        #expect(rate > 0.90 && rate < 0.99, "coverage \(covered)/\(total)")
        #expect(absoluteError / Double(total) < 0.02)
    }

    @Test("the link's intervals stay inside [chance, 1] far outside the data")
    func linkBounds() throws {
        let table = Self.simulated(seed: 3, noise: 0.03)
        let model = try CapabilityModel(table: table, settings: .init(
            benchmarks: ["b1", "b2", "b3", "b4", "b5"], targets: ["target"], components: 1, chance: ["target": 0.25]))
        let link = try #require(model.links.first)
        for s in [-50.0, -5, 0, 5, 50] {
            let p = link.predict(capabilities: [s], level: 0.95)
            #expect(p.newModelInterval.lowerBound >= 0.25 && p.newModelInterval.upperBound <= 1)
            #expect(p.newModelInterval.contains(p.score) && p.meanInterval.contains(p.score))
        }
    }

    @Test("the split-conformal rank: the ⌈(m + 1)·level⌉-th smallest error, the largest when that rank exceeds m")
    func conformalRank() {
        let errors = (1...19).map(Double.init)
        // m = 19, level 0.95: ⌈20 · 0.95⌉ = 19 → the 19th; level 0.5: ⌈10⌉ → the 10th.
        #expect(CapabilityModel.conformalQuantile(errors, level: 0.95) == 19)
        #expect(CapabilityModel.conformalQuantile(errors, level: 0.5) == 10)
        // m = 10, level 0.95: ⌈10.45⌉ = 11 > 10 → the largest.
        #expect(CapabilityModel.conformalQuantile(Array(errors.prefix(10)), level: 0.95) == 10)
        #expect(CapabilityModel.conformalQuantile([], level: 0.95) == nil)
    }

    // MARK: - Errors

    @Test("too few models, too many components and a constant benchmark are one-line errors")
    func errors() throws {
        let table = Self.simulated(seed: 1)
        let few = CapabilityTable(models: Array(table.models.prefix(3)), families: Array(table.families.prefix(3)),
                                  compute: Array(table.compute.prefix(3)), columns: table.columns, values: Array(table.values.prefix(3)))
        #expect(throws: ObservationalScalingError.tooFewModels(models: 3, components: 3, needed: 4)) {
            try CapabilityModel(table: few, settings: .init(benchmarks: ["b1", "b2", "b3", "b4", "b5"], targets: ["target"], components: 3))
        }
        #expect(ObservationalScalingError.tooFewModels(models: 3, components: 3, needed: 4).description
                == "3 principal components need at least 4 models with scores; got 3")
        #expect(throws: ObservationalScalingError.tooManyComponents(components: 6, benchmarks: 5)) {
            try CapabilityModel(table: table, settings: .init(benchmarks: ["b1", "b2", "b3", "b4", "b5"], targets: ["target"], components: 6))
        }
        #expect(throws: ObservationalScalingError.tooFewOtherBenchmarks(target: "b1", components: 2, others: 1)) {
            try CapabilityModel(table: table, settings: .init(benchmarks: ["b1", "b2"], components: 2))
        }
        #expect(ObservationalScalingError.tooFewOtherBenchmarks(target: "b1", components: 2, others: 1).description
                == "target 'b1' is predicted from the other 1 benchmark, fewer than --components 2; give at most 1 components or more benchmarks")
        var constant = table
        for i in constant.values.indices { constant.values[i][0] = 0.5 }
        #expect(throws: ObservationalScalingError.constantBenchmark(name: "b1")) {
            try CapabilityModel(table: constant, settings: .init(benchmarks: ["b1", "b2", "b3"], targets: ["target"], components: 1))
        }
        #expect(throws: ObservationalScalingError.emptyHoldout(train: 60, test: 0, cutoff: 1e9)) {
            try CapabilityModel(table: table, settings: .init(benchmarks: ["b1", "b2"], targets: ["target"], components: 1, cutoff: 1e9))
        }
    }
}
