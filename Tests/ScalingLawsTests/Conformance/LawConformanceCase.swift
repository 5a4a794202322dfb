import Foundation
import NonlinearFit
import ScalingLaws

/// One law's entry in the shared conformance suite: the true parameters to simulate from, a
/// design (the input columns), the noise, and how to fit.
struct LawConformanceCase: Sendable, CustomStringConvertible {
    /// Noise added to simulated responses.
    enum Noise: Sendable {
        /// `y = f · exp(σ·z)`, z standard normal (for positive responses such as losses).
        case multiplicative(Double)
        /// `y = f + σ·z`.
        case additive(Double)
    }

    let law: any ScalingLaw
    /// True parameter values, in the law's order.
    let truth: [Double]
    /// `design[k][i]`: input `k` of point `i`.
    let design: [[Double]]
    let noise: Noise
    let objective: LawObjective
    /// Parameters held fixed in the recovery fits (by name, at their true values).
    let fixed: Set<String>
    /// Start strategy of the recovery fits.
    let starts: LawStartStrategy

    init(
        law: any ScalingLaw, truth: [Double], design: [[Double]], noise: Noise,
        objective: LawObjective = .leastSquares, fixed: Set<String> = [], starts: LawStartStrategy = .automatic
    ) {
        self.law = law
        self.truth = truth
        self.design = design
        self.noise = noise
        self.objective = objective
        self.fixed = fixed
        self.starts = starts
    }

    var description: String { law.name }

    /// Simulated responses for one seed.
    func simulate(seed: UInt64) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        let clean = law.evaluate(inputs: design, parameters: truth)
        return clean.map { f in
            let z = rng.nextNormal()
            switch noise {
            case let .multiplicative(sigma): return f * exp(sigma * z)
            case let .additive(sigma): return f + sigma * z
            }
        }
    }

    /// A dataset of the design and simulated responses for one seed.
    func dataset(seed: UInt64) throws -> Dataset {
        var columns: [String: [Double]] = [:]
        for (k, variable) in law.inputs.enumerated() { columns[variable.role] = design[k] }
        columns[law.response.role] = simulate(seed: seed)
        return try Dataset(source: "simulated-\(law.name)-\(seed)", columns: columns)
    }

    /// Fit options for the recovery fits.
    var fitOptions: LawFitOptions {
        var options = LawFitOptions(objective: objective, starts: starts, seed: 0)
        for name in fixed {
            if let k = law.parameterIndex(name) { options.fixed[name] = truth[k] }
        }
        return options
    }

    /// A full factorial design from per-input value lists.
    static func factorial(_ axes: [[Double]]) -> [[Double]] {
        var rows: [[Double]] = [[]]
        for axis in axes { rows = rows.flatMap { row in axis.map { row + [$0] } } }
        return axes.indices.map { k in rows.map { $0[k] } }
    }

    /// `count` values log-spaced from `lower` to `upper`.
    static func logSpaced(_ lower: Double, _ upper: Double, count: Int) -> [Double] {
        (0..<count).map { i in
            lower * pow(upper / lower, Double(i) / Double(Swift.max(count - 1, 1)))
        }
    }
}
