import Foundation
import ScalingLaws
import Testing
import TestSupport

/// Value-based RL scaling (Rybkin et al. 2025): test vectors of laws.md §7 and the shared-slope
/// hyperparameter laws refitted from the authors' tables.
@Suite("RL updates-to-data laws")
struct UTDLawTests {
    let gym = UTDBudget.gymJ800

    @Test("D_J, B̄, C_J and F at σ = 1 and σ = 4 (Gym, J = 800)")
    func testVectors() {
        #expect(isClose(gym.steps(1), 5.930e5, rel: 5e-4))
        #expect(isClose(gym.meanBatchSize(1), 366.0, rel: 5e-4))
        #expect(isClose(gym.compute(1), 3.255e14, rel: 5e-4))
        #expect(isClose(gym.budget(1), 2.698e15, rel: 5e-4))
        #expect(isClose(gym.steps(4), 3.594e5, rel: 5e-4))
        #expect(isClose(gym.compute(4), 5.138e14, rel: 5e-4))
        #expect(isClose(gym.budget(4), 1.951e15, rel: 5e-4))
    }

    @Test("the printed form of D_J equals D_min + (β/σ)^α")
    func printedForm() {
        for sigma in [0.25, 1, 3, 16] {
            let printed = 2.17e5 * (1.03082 + pow(sigma / 2.28952, -0.70038)) / 1.03082
            #expect(isClose(gym.steps(sigma), printed, rel: 1e-12))
        }
    }

    @Test("budget-optimal UTD over [0.25, 16] ≈ 6.29 at F* ≈ 1.91e15")
    func optimalSigma() {
        let best = gym.optimalSigma(in: 0.25...16)
        #expect(abs(best.sigma - 6.29) < 0.005)
        #expect(isClose(best.budget, 1.91e15, rel: 5e-3))
        #expect(best.interior)
        // It is a minimum: both neighbours cost more.
        #expect(gym.budget(best.sigma * 1.01) > best.budget)
        #expect(gym.budget(best.sigma / 1.01) > best.budget)
    }

    @Test("a budget that keeps falling reports no interior optimum")
    func noInteriorOptimum() {
        let best = gym.optimalSigma(in: 0.25...2)
        #expect(!best.interior)
        #expect(isClose(best.sigma, 2, rel: 1e-6))
    }

    @Test("the Pareto frontier trades data for compute monotonically")
    func frontier() {
        let points = gym.paretoFrontier(in: 0.25...16, count: 9)
        #expect(points.count == 9)
        for (a, b) in zip(points, points.dropFirst()) {
            #expect(b.steps < a.steps)
            #expect(b.compute > a.compute)
        }
        #expect(isClose(points[0].sigma, 0.25, rel: 1e-12))
        #expect(isClose(points[8].sigma, 16, rel: 1e-12))
    }

    static func table(_ name: String) throws -> (x: [Double], batch: [Double], rate: [Double], groups: [String]) {
        guard let url = RepositoryPaths.sharedDataset("rybkin2025_qscaled/gym_sweep/\(name)") else {
            throw DataError.noSuchFile(path: name)
        }
        let table = try CSVTable.read(contentsOf: url)
        let env = try table.columnIndex(named: "Environment")
        let data = try Dataset(table: table, columns: ["UTD", "Batch Size", "Learning Rate"])
        return (try data.column("UTD"), try data.column("Batch Size"), try data.column("Learning Rate"), table.rows.map { $0[env] })
    }

    @Test("shared slopes and intercepts refitted from the authors' Gym table",
          .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/rybkin2025_qscaled"))
    func refitHyperparameterLaws() throws {
        let t = try Self.table("shared_fitted.csv")
        let batch = try SharedSlopePowerLaw.fit(x: t.x, y: t.batch, groups: t.groups)
        let rate = try SharedSlopePowerLaw.fit(x: t.x, y: t.rate, groups: t.groups)
        // Published (laws.md §7): slopes B −0.3096, η −0.2849; log10 intercepts below. The
        // table's values are rounded to 3 significant digits, so agreement is to ~1e-3.
        #expect(abs(batch.slope - -0.3096) < 1e-3)
        #expect(abs(rate.slope - -0.2849) < 1e-3)
        let publishedBatch = ["Ant-v4": 2.6189, "HalfCheetah-v4": 2.6149, "Humanoid-v4": 2.4958, "Walker2d-v4": 2.5089]
        let publishedRate = ["Ant-v4": -3.8229, "HalfCheetah-v4": -2.7279, "Humanoid-v4": -3.7200, "Walker2d-v4": -3.0841]
        for (env, value) in publishedBatch {
            let fitted = try #require(batch.intercept(env))
            #expect(abs(fitted - value) < 2e-3, "\(env): batch intercept \(fitted) vs \(value)")
        }
        for (env, value) in publishedRate {
            let fitted = try #require(rate.intercept(env))
            #expect(abs(fitted - value) < 2e-3, "\(env): learning-rate intercept \(fitted) vs \(value)")
        }
        // HalfCheetah at σ = 1: B* = 412, η* = 1.871e-3.
        #expect(isClose(try #require(batch.predict(1, group: "HalfCheetah-v4")), 412, rel: 3e-3))
        #expect(isClose(try #require(rate.predict(1, group: "HalfCheetah-v4")), 1.871e-3, rel: 3e-3))
    }

    @Test("shared-slope fit rejects non-positive values and unidentified slopes")
    func badInput() {
        #expect(throws: LawFitError.invalidOption("point 2: a power law needs positive finite x and y, got x = 0.0, y = 1.0")) {
            try SharedSlopePowerLaw.fit(x: [1, 0, 2], y: [1, 1, 1], groups: ["a", "a", "a"])
        }
        #expect(throws: LawFitError.invalidOption("the slope is not identified: every group needs at least two distinct x values")) {
            try SharedSlopePowerLaw.fit(x: [1, 1, 1, 1], y: [1, 2, 3, 4], groups: ["a", "a", "b", "b"])
        }
    }
}

extension LawConformanceCase {
    /// RL data efficiency: the Gym J = 800 law on 13 UTD ratios from 0.25 to 16 (three seeds
    /// each), 3% multiplicative noise on the step counts, fitted on log residuals.
    static let utdData = LawConformanceCase(
        law: UTDDataEfficiencyLaw(),
        truth: UTDDataEfficiencyLaw.gymJ800,
        design: [logSpaced(0.25, 16, count: 13).flatMap { [$0, $0, $0] }],
        noise: .multiplicative(0.03),
        objective: .logLeastSquares)
}
