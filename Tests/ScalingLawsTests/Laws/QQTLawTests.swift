import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Whether `value` rounds to `printed` at `decimals` decimal places.
fileprivate func rounds(_ value: Double, to printed: Double, decimals: Int) -> Bool {
    Swift.abs(value - printed) <= 0.5 * pow(10, -Double(decimals)) * (1 + 1e-9)
}

extension LawConformanceCase {
    /// QQT: the top-10% T-MARS bucket of Goyal et al. (a = 0.025, b = −0.160, τ = 6.727,
    /// d = 0.1 held fixed as the authors do) on pools of 3.2M, 12.8M and 51.2M samples × 16
    /// sample counts log-spaced from 4M to 1.28B (up to 400 epochs), additive noise of 0.003 in
    /// error (about the run-to-run spread of zero-shot ImageNet accuracy).
    static let qqt: LawConformanceCase = {
        let truth = QQTParameters.goyal2024TMARS.vector(pool: 0)
        return LawConformanceCase(
            law: QQTLaw(),
            truth: truth,
            design: factorial([logSpaced(4e6, 1.28e9, count: 16), [3.2e6, 12.8e6, 51.2e6]]),
            noise: .additive(0.003),
            fixed: ["d"])
    }()
}

/// Goyal et al. 2024, "Scaling Laws for Data Filtering — Data Curation cannot be Compute
/// Agnostic" (arXiv:2404.07177): the test vectors of laws.md §6 for single buckets and for
/// mixtures with the best pool, the recursion's shape, and its exact gradient.
@Suite("QQT data-filtering law (Goyal et al. 2024)")
struct QQTLawTests {
    static let published = QQTParameters.goyal2024TMARS
    let law = QQTLaw()

    @Test("published constants")
    func constants() {
        let p = Self.published
        #expect(p.a == 0.025 && p.d == 0.1 && p.poolSize == 12.8e6)
        #expect(p.pools.map(\.utility) == [-0.160, -0.125, -0.100, -0.085])
        #expect(p.pools.map(\.halfLife) == [6.727, 8.545, 5.273, 2.273])
    }

    @Test("single bucket error at 12.8M / 64M / 128M samples", arguments: [
        (0, [0.9302, 0.7538, 0.7127]),  // top 0–10%
        (1, [0.9647, 0.8128, 0.7727]),  // top 10–20%
    ])
    func singleBucket(pool: Int, expected: [Double]) {
        let p = Self.published.vector(pool: pool)
        for (n, e) in zip([12.8e6, 64e6, 128e6], expected) {
            let y = law.evaluate([n, Self.published.poolSize], p)
            #expect(rounds(y, to: e, decimals: 4), "pool \(pool), n = \(n): \(y), published \(e)")
            // One pool mixed with nothing else is the law itself.
            let mixed = QQTMixture.error(samples: n, pools: [Self.published.pools[pool]], poolSize: 12.8e6, a: 0.025, d: 0.1)
            #expect(mixed == y)
        }
    }

    @Test("first epoch: y = d + (a·n/1e5)^b")
    func firstEpoch() {
        let p = Self.published.vector(pool: 0)
        for n in [1e6, 5e6, 12.79e6] {
            #expect(isClose(law.evaluate([n, 12.8e6], p), 0.1 + pow(0.025 * n / 1e5, -0.16), rel: 1e-14))
        }
    }

    @Test("mixtures of the best 1–4 buckets and the best pool", arguments: [
        (32e6, [0.8175, 0.8416, 0.8658, 0.8832], 1),
        (128e6, [0.7127, 0.7040, 0.7323, 0.7587], 2),
        (640e6, [0.6882, 0.6145, 0.6244, 0.6486], 2),
    ])
    func mixtures(samples: Double, expected: [Double], bestCount: Int) {
        let choice = QQTMixture.bestPool(samples: samples, parameters: Self.published)
        #expect(choice.errors.count == 4)
        for (p, (y, e)) in zip(choice.errors, expected).enumerated() {
            #expect(rounds(y, to: e, decimals: 4), "n = \(samples), top \(10 * (p + 1))%: \(y), published \(e)")
            #expect(QQTMixture.error(samples: samples, bestPools: p + 1, of: Self.published) == y)
        }
        #expect(choice.poolCount == bestCount)
        #expect(choice.chosen.map(\.name) == Self.published.pools.prefix(bestCount).map(\.name))
        #expect(choice.error == choice.errors[bestCount - 1])
    }

    @Test("aggressive filtering wins at small compute and loses at large compute")
    func filteringDependsOnCompute() {
        #expect(QQTMixture.bestPool(samples: 12.8e6, parameters: Self.published).poolCount == 1)
        #expect(QQTMixture.bestPool(samples: 2.56e9, parameters: Self.published).poolCount > 1)
    }

    @Test("half-life rule: the printed mixture formula differs from the authors' script beyond one pool")
    func halfLifeRule() {
        let pools = Array(Self.published.pools.prefix(2))
        let script = QQTMixture.error(samples: 128e6, pools: pools, poolSize: 12.8e6, a: 0.025, d: 0.1, rule: .scaledByPoolCount)
        let printed = QQTMixture.error(samples: 128e6, pools: pools, poolSize: 12.8e6, a: 0.025, d: 0.1, rule: .asPrinted)
        #expect(rounds(script, to: 0.7040, decimals: 4))
        #expect(rounds(printed, to: 0.7169, decimals: 4), "as printed: \(printed)")
        // Within the first mixture epoch (n ≤ 2S) only b_0 = mean b matters: the rules agree.
        let early = QQTMixture.error(samples: 20e6, pools: pools, poolSize: 12.8e6, a: 0.025, d: 0.1, rule: .asPrinted)
        #expect(early == QQTMixture.error(samples: 20e6, pools: pools, poolSize: 12.8e6, a: 0.025, d: 0.1))
        // Best-first ordering does not depend on the order given.
        let shuffled = QQTParameters(a: 0.025, d: 0.1, poolSize: 12.8e6, pools: Self.published.pools.reversed())
        #expect(QQTMixture.bestPool(samples: 640e6, parameters: shuffled) == QQTMixture.bestPool(samples: 640e6, parameters: Self.published))
    }

    @Test("error is continuous in n across epoch boundaries and falls with more samples")
    func continuity() {
        let p = Self.published.vector(pool: 0)
        let s = 12.8e6
        for k in 1...12 {
            let boundary = s * Double(k)
            let left = law.evaluate([boundary * (1 - 1e-10), s], p)
            let right = law.evaluate([boundary * (1 + 1e-10), s], p)
            #expect(isClose(left, right, rel: 1e-8), "k = \(k): \(left) vs \(right)")
        }
        var previous = Double.infinity
        for n in stride(from: 1e6, through: 1.28e9, by: 7.7e6) {
            let y = law.evaluate([n, s], p)
            #expect(y < previous)
            previous = y
        }
    }

    @Test("exact gradient matches central differences within, at and across epoch boundaries")
    func gradient() {
        var g = [Double](repeating: 0, count: 4)
        let points: [[Double]] = [
            [5e6, 12.8e6],  // first epoch
            [12.8e6, 12.8e6],  // exactly one epoch
            [64e6, 12.8e6],  // exactly five epochs
            [70.3e6, 12.8e6],  // inside the sixth
            [1.28e9, 3.2e6],  // 400 epochs
            [640e6, 51.2e6],
        ]
        for p in [Self.published.vector(pool: 0), Self.published.vector(pool: 3), [0.3, -0.05, 1.5, 0.02]] {
            for x in points {
                law.gradient(x, p, into: &g)
                for j in p.indices {
                    let h = 1e-6 * Swift.abs(p[j])
                    var plus = p, minus = p
                    plus[j] += h
                    minus[j] -= h
                    let fd = (law.evaluate(x, plus) - law.evaluate(x, minus)) / (2 * h)
                    #expect(isClose(g[j], fd, rel: 1e-6, abs: 1e-10 / Swift.abs(p[j])),
                            "∂y/∂\(law.parameters[j].name) at \(x), p = \(p): \(g[j]) vs \(fd)")
                }
            }
        }
    }

    @Test("the bundled qqt-synthetic dataset: a fit with d fixed recovers a, b, τ within 3 SE")
    func bundledDataset() throws {
        let url = RepositoryPaths.root.appendingPathComponent("Datasets/qqt-synthetic/data.csv")
        let table = try CSVTable.read(contentsOf: url)
        let data = try ColumnRoleResolver().resolve(["samples", "pool", "error"], in: table).dataset(from: table)
        #expect(data.count == 60)
        var options = LawFitOptions()
        options.fixed["d"] = 0.1
        let fit = try LawFitter.fit(law, to: data, options: options)
        #expect(fit.statistics.converged)
        let truth = Self.published.vector(pool: 0)
        for (k, p) in fit.parameters.enumerated() where !p.fixed {
            let se = try #require(p.standardError)
            #expect(Swift.abs(p.value - truth[k]) <= 3 * se, "\(p.name) = \(p.value) ± \(se), truth \(truth[k])")
        }
    }

    @Test("fits a bucket with d fixed, from the data-driven initial guess")
    func fitWithFloorFixed() throws {
        let c = LawConformanceCase.qqt
        let guess = law.initialGuess(inputs: c.design, response: c.simulate(seed: 3))
        #expect(guess.allSatisfy { $0.isFinite })
        var options = LawFitOptions()
        options.fixed["d"] = 0.1
        let fit = try LawFitter.fit(law, to: c.dataset(seed: 3), options: options)
        #expect(fit.statistics.converged)
        for (k, name) in ["a", "b", "tau"].enumerated() {
            let p = try #require(fit.parameters.first { $0.name == name })
            let se = try #require(p.standardError)
            #expect(Swift.abs(p.value - c.truth[k]) <= 3 * se, "\(name) = \(p.value) ± \(se), truth \(c.truth[k])")
        }
    }
}
