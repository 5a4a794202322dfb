import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// Coverage of the default 95% intervals of a robust (summed Huber, δ = 1e-3 on log residuals)
/// Chinchilla fit, by simulation, and their agreement with a 4,000-resample bootstrap.
///
/// Noise model: the 240 log-space residuals of the Epoch fit (Besiroglu et al. 2024), drawn with
/// replacement, so the simulated noise has the real residuals' scale, skew and heavy tails.
/// Truth: the Epoch fit's parameters. Each trial draws `log L_i = log f*(N_i, D_i) + ε_i` at
/// a design's (N, D) points, fits it (one start at the truth: the start search only finds the
/// basin) with the default interval method, and counts the intervals of α, β, E, A and B that
/// hold the truth.
///
/// Designs: Epoch's 240 rows, and the bundled Chinchilla design (Datasets/chinchilla-synthetic,
/// 120 rows).
///
/// Size (CI, under a minute in a debug build): `ROBUST_COVERAGE_TRIALS` (default 400) trials
/// per design, so the binomial standard error of a coverage near 0.95 is
/// √(0.95·0.05/400) = 0.011 and the accepted band [0.93, 0.97] is ±1.8 standard errors around
/// 0.95. Each trial's bootstrap uses `ROBUST_COVERAGE_RESAMPLES` (default 80) resamples instead
/// of the default 1,000: fewer resamples only add noise to each standard error (a relative
/// 1/√(2·79) = 8%), which lowers coverage slightly. The full-size run,
/// `ROBUST_COVERAGE_TRIALS=1000 ROBUST_COVERAGE_RESAMPLES=200` (binomial SE 0.0069, ±2.9 SE),
/// measured 0.951–0.961 at the Epoch design and 0.958–0.964 at the bundled one.
@Suite("Robust-fit interval coverage", .enabled(if: RepositoryPaths.hasSharedData, "needs ../shared/datasets/epoch_chinchilla"))
struct RobustIntervalCoverageTests {
    static let objective = LawObjective.logHuber(delta: 1e-3)
    static let names = ["alpha", "beta", "E", "A", "B"]

    static func environment(_ name: String, default value: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
    }

    /// The Epoch fit (truth) and its log-space residuals.
    static func truth() throws -> (fit: LawFit, residuals: [Double]) {
        let law = ChinchillaLaw()
        let data = try EpochChinchilla.data()
        let fit = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: objective))
        let inputs = [try data.column("N"), try data.column("D")]
        let loss = try data.column("loss")
        let f = law.evaluate(inputs: inputs, parameters: fit.values)
        return (fit, loss.indices.map { log(loss[$0]) - log(f[$0]) })
    }

    static func bundledDesign() throws -> (n: [Double], d: [Double]) {
        let url = RepositoryPaths.root.appendingPathComponent("Datasets/chinchilla-synthetic/data.csv")
        let table = try CSVTable.read(contentsOf: url)
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        let data = try roles.dataset(from: table)
        return (try data.column("N"), try data.column("D"))
    }

    /// Coverage per parameter (in ``names`` order) over `trials` simulated datasets.
    static func coverage(n: [Double], d: [Double], truth: [Double], residuals: [Double], trials: Int, resamples: Int, seed: UInt64) throws -> [Double] {
        let law = ChinchillaLaw()
        let logF = law.evaluate(inputs: [n, d], parameters: truth).map { log($0) }
        var options = LawFitOptions(objective: objective, starts: .single)
        options.start = truth
        options.intervals = .automatic(resamples: resamples)
        var hits = [Int](repeating: 0, count: names.count)
        for trial in 0..<trials {
            var rng = SeededGenerator.stream(seed: seed, index: trial)
            var y = [Double](repeating: 0, count: n.count)
            for i in y.indices {
                let k = Int(rng.next() % UInt64(residuals.count))
                y[i] = exp(logF[i] + residuals[k])
            }
            let data = try Dataset(source: "simulation \(trial)", columns: ["N": n, "D": d, "loss": y])
            options.seed = UInt64(trial)
            let fit = try LawFitter.fit(law, to: data, options: options)
            #expect(fit.intervals.name == "row-bootstrap", "trial \(trial): \(fit.intervals)")
            for (k, name) in names.enumerated() {
                let p = try #require(fit.parameters.first { $0.name == name })
                let t = truth[try #require(law.parameterIndex(name))]
                if let lo = p.lower, let hi = p.upper, lo <= t, t <= hi { hits[k] += 1 }
            }
        }
        return hits.map { Double($0) / Double(trials) }
    }

    @Test("default 95% intervals of α, β, E, A, B cover 93–97% at the Epoch and the bundled design")
    func coverageAtBothDesigns() throws {
        let trials = Self.environment("ROBUST_COVERAGE_TRIALS", default: 400)
        let resamples = Self.environment("ROBUST_COVERAGE_RESAMPLES", default: 80)
        let (fit, residuals) = try Self.truth()
        let truth = fit.values
        let epoch = try EpochChinchilla.data()
        let bundled = try Self.bundledDesign()
        let designs: [(String, [Double], [Double])] = [
            ("Epoch (240 rows)", try epoch.column("N"), try epoch.column("D")),
            ("bundled chinchilla-synthetic (120 rows)", bundled.n, bundled.d),
        ]
        print("ROBUST coverage: \(trials) trials × \(resamples) resamples per design; noise: Epoch residuals resampled")
        for (index, design) in designs.enumerated() {
            let shares = try Self.coverage(
                n: design.1, d: design.2, truth: truth, residuals: residuals, trials: trials, resamples: resamples,
                seed: 20_261_204 + UInt64(index))
            let row = zip(Self.names, shares).map { String(format: "%@ %.3f", $0, $1) }.joined(separator: "  ")
            print("ROBUST coverage: \(design.0): \(row)")
            for (name, share) in zip(Self.names, shares) {
                #expect(share >= 0.93 && share <= 0.97, "\(design.0): coverage of \(name) = \(share)")
            }
        }
    }

    @Test("default standard errors on Epoch's rows are 0.8–1.25 of a 4,000-resample bootstrap's")
    func agreesWithLongBootstrap() throws {
        let law = ChinchillaLaw()
        let data = try EpochChinchilla.data()
        let fit = try LawFitter.fit(law, to: data, options: LawFitOptions(objective: Self.objective))
        #expect(fit.intervals == .rowBootstrap(resamples: 1000, converged: 1000, seed: 0))
        let boot = try LawBootstrap.run(
            law: law, data: data, options: BootstrapOptions(resamples: 4000, seed: 7),
            fitOptions: LawFitOptions(objective: Self.objective))
        for name in Self.names {
            let se = try #require(fit.parameters.first { $0.name == name }?.standardError)
            let reference = try #require(boot.parameter(name)).standardError
            let ratio = se / reference
            print("ROBUST ratio: \(name) SE \(se) / bootstrap SE \(reference) = \(ratio)")
            #expect(ratio >= 0.8 && ratio <= 1.25, "\(name): default SE / 4,000-resample bootstrap SE = \(ratio)")
        }
    }
}
