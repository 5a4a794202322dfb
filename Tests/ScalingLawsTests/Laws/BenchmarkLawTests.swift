import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

// MARK: - Conformance cases

extension LawConformanceCase {
    /// Owen's sigmoid at the laws.md §8 test-vector constants (k = 1.5 per decade, x0 = 24.5),
    /// 27 models from 10^23.2 to 10^25.8 FLOP (scores 0.125–0.875), additive noise of 2 points:
    /// the noise never pushes a score out of [0, 1].
    static let sigmoid = LawConformanceCase(
        law: SigmoidLaw(),
        truth: [1.5, 24.5],
        design: [(0..<27).map { pow(10, 23.2 + 0.1 * Double($0)) }],
        noise: .additive(0.02))

    /// Sigmoid with a floor of 0.25: 30 models from 10^22 to 10^24.9 FLOP (scores 0.255–0.93),
    /// additive noise of 1 point.
    static let sigmoidOffset = LawConformanceCase(
        law: SigmoidOffsetLaw(),
        truth: [2.5, 24.0, 0.25],
        design: [(0..<30).map { pow(10, 22.0 + 0.1 * Double($0)) }],
        noise: .additive(0.01))

    /// Clipped line from 0 at 10^22.5 to 1 at 10^27.5 FLOP: 27 models from 10^21.05 to 10^28.85,
    /// five clipped at 0 and five at 1 (none within 0.05 decades of a kink), noise of 2 points.
    static let clippedLinear = LawConformanceCase(
        law: ClippedLinearLaw(),
        truth: [-4.5, 0.2],
        design: [(0..<27).map { pow(10, 21.05 + 0.3 * Double($0)) }],
        noise: .additive(0.02))

    /// Bhagia et al.'s step 2 with a 4-choice floor (a + b = 0.25) and ceiling b = 0.95, task
    /// losses 0.9–1.8 (accuracy 0.89 down to 0.29), noise of 1 point.
    static let lossToAccuracy = LawConformanceCase(
        law: LossToAccuracyLaw(),
        truth: [-0.7, 6, 1.3, 0.95],
        design: [(0..<31).map { 0.9 + 0.03 * Double($0) }],
        noise: .additive(0.01))
}

// MARK: - Tests

/// The benchmark-performance laws of Owen 2024 and Bhagia et al. 2024, and Owen's scaled compute.
@Suite("Benchmark laws")
struct BenchmarkLawTests {
    // MARK: Test vectors (laws.md §8)

    @Test("sigmoid: k = 1.5 per decade, x0 = 24.5 gives P(1e24) = 0.3208 and P(1e25) = 0.6792")
    func sigmoidVector() {
        let law = SigmoidLaw()
        let p = [1.5, 24.5]
        #expect(isClose(law.evaluate([1e24], p), 0.3208, abs: 5e-5))
        #expect(isClose(law.evaluate([1e25], p), 0.6792, abs: 5e-5))
        // Exactly 1/(1 + e^0.75), from log10 taken inside the law.
        #expect(isClose(law.evaluate([1e24], p), 1 / (1 + exp(0.75)), rel: 1e-14))
        #expect(isClose(law.evaluate([pow(10, 24.5)], p), 0.5, rel: 1e-14))
    }

    @Test("scaled compute: GPT-3 175B/300B has L 2.0023 and C_s 1.223e23")
    func scaledComputeGPT3() throws {
        let constants = ChinchillaParameters.hoffmannRounded
        let point = try ScaledCompute.point(parameters: 175e9, tokens: 300e9, law: constants)
        #expect(isClose(point.loss, 2.0023, abs: 5e-5))
        #expect(isClose(point.compute, 1.223e23, rel: 5e-4))
        // The root: the reference model reaches the same loss, at 20 tokens per parameter.
        #expect(isClose(ScaledCompute.loss(parameters: point.parameters, tokens: point.tokens, law: constants), point.loss, rel: 1e-13))
        #expect(isClose(point.tokens, 20 * point.parameters, rel: 1e-15))
        #expect(isClose(point.compute, 120 * point.parameters * point.parameters, rel: 1e-15))
        // GPT-3 was under-trained: its scaled compute is below its 6ND = 3.15e23.
        #expect(point.compute < 6 * 175e9 * 300e9)
    }

    @Test("scaled compute: Chinchilla 70B/1.4T has L 1.9366 and is a fixed point, C_s = 5.880e23")
    func scaledComputeChinchilla() throws {
        let point = try ScaledCompute.point(parameters: 70e9, tokens: 1.4e12, law: .hoffmannRounded)
        #expect(isClose(point.loss, 1.9366, abs: 5e-5))
        #expect(isClose(point.compute, 5.880e23, rel: 5e-4))
        #expect(isClose(point.compute, 6 * 70e9 * 1.4e12, rel: 1e-12))
        #expect(isClose(point.parameters, 70e9, rel: 1e-12))
        #expect(try ScaledCompute.compute(parameters: 70e9, tokens: 1.4e12, law: .hoffmannRounded) == point.compute)
    }

    @Test("scaled compute falls as the loss rises, and a loss at or below E has none")
    func scaledComputeMonotone() throws {
        let constants = ChinchillaParameters.hoffmannRounded
        var previous = Double.infinity
        for loss in stride(from: 1.70, through: 4.0, by: 0.1) {
            let c = try ScaledCompute.point(loss: loss, law: constants).compute
            #expect(c < previous, "C_s(\(loss)) = \(c)")
            previous = c
        }
        #expect(throws: ScaledComputeError.lossNotAboveIrreducible(loss: 1.69, irreducible: 1.69)) {
            try ScaledCompute.point(loss: 1.69, law: constants)
        }
        #expect(throws: ScaledComputeError.self) { try ScaledCompute.point(parameters: 0, tokens: 1e9, law: constants) }
        #expect(throws: ScaledComputeError.self) { try ScaledCompute.point(parameters: 1e9, tokens: .nan, law: constants) }
        // A loss only just above E needs an enormous but finite model.
        let near = try ScaledCompute.point(loss: 1.69 + 1e-6, law: constants)
        #expect(near.compute.isFinite && near.compute > 1e40)
    }

    // MARK: Shapes

    @Test("sigmoid-offset: the floor y0 at small compute, (1 + y0)/2 at x0, 1 at large compute, and y0 = 0 is the sigmoid")
    func sigmoidOffsetShape() {
        let law = SigmoidOffsetLaw()
        let p = [2.0, 24.0, 0.3]
        #expect(isClose(law.evaluate([1e4], p), 0.3, rel: 1e-15))
        #expect(isClose(law.evaluate([1e24], p), 0.65, rel: 1e-14))
        #expect(isClose(law.evaluate([1e40], p), 1, rel: 1e-14))
        for c in [1e22, 3e23, 1e25] {
            #expect(isClose(law.evaluate([c], [2.0, 24.0, 0]), SigmoidLaw().evaluate([c], [2.0, 24.0]), rel: 1e-15))
        }
    }

    @Test("clipped-linear: clamps to [0, 1], with zero gradient where clipped")
    func clippedLinearShape() {
        let law = ClippedLinearLaw()
        let p = [-4.5, 0.2]
        var g = [0.0, 0.0]
        #expect(law.evaluate([1e20], p) == 0)
        law.gradient([1e20], p, into: &g)
        #expect(g == [0, 0])
        #expect(law.evaluate([1e30], p) == 1)
        law.gradient([1e30], p, into: &g)
        #expect(g == [0, 0])
        #expect(isClose(law.evaluate([1e25], p), 0.5, rel: 1e-12))
        law.gradient([1e25], p, into: &g)
        #expect(isClose(g, [1, 25], rel: 1e-14))
    }

    @Test("loss-to-accuracy: ceiling b at low loss, floor a + b at high loss, and the (a, k) sign symmetry")
    func lossToAccuracyShape() {
        let law = LossToAccuracyLaw()
        let p = [-0.7, 6, 1.3, 0.95]
        #expect(isClose(law.evaluate([-10], p), 0.95, rel: 1e-12))
        #expect(isClose(law.evaluate([20], p), 0.25, rel: 1e-12))
        #expect(isClose(law.evaluate([1.3], p), 0.95 - 0.35, rel: 1e-14))
        // (a, k, L0, b) and (−a, −k, L0, a + b) draw the same curve; k ≥ 0 picks one.
        for loss in [0.5, 1.2, 1.9] {
            #expect(isClose(law.evaluate([loss], p), law.evaluate([loss], [0.7, -6, 1.3, 0.25]), rel: 1e-14))
        }
        #expect(law.parameters[1].lowerBound == 0)
        #expect(law.parameters.map(\.isLinear) == [true, false, false, true])
    }

    @Test("sigmoid laws take log10 of FLOP themselves and keep no parameter linear")
    func catalogFlags() {
        for law in [SigmoidLaw() as any ScalingLaw, SigmoidOffsetLaw(), ClippedLinearLaw()] {
            #expect(law.inputs.map(\.role) == ["C"])
            #expect(law.inputs[0].unit == "FLOP")
            #expect(law.response.role == "score")
            #expect(law.parameters.allSatisfy { !$0.isLinear }, "\(law.name)")
        }
        #expect(LossToAccuracyLaw().inputs.map(\.role) == ["loss"])
        #expect(LossToAccuracyLaw().response.role == "score")
    }

    // MARK: Domain check

    @Test("sigmoid laws reject scores outside [0, 1], naming file, line and column")
    func scoreDomain() throws {
        var data = try Dataset(
            source: "bench.csv", columns: ["C": [1e22, 1e23, 1e24], "score": [0.1, 1.3, 0.5]], rowLines: [2, 3, 5])
        data.columnLabels = ["score": "BBH"]
        #expect(throws: LawDomainError.scoreOutOfRange(source: "bench.csv", line: 3, column: "BBH", value: 1.3, lower: 0, upper: 1, law: "sigmoid")) {
            try SigmoidLaw().validate(data)
        }
        do {
            try SigmoidOffsetLaw().validate(data)
            Issue.record("a score of 1.3 was accepted")
        } catch let error as LawDomainError {
            #expect(error.description == "bench.csv, line 3, column 'BBH': expected a score in [0, 1] for the sigmoid-offset law (normalise so chance = 0 and best = 1), got 1.3")
        }
        let negative = try Dataset(source: "b.csv", columns: ["C": [1e22, 1e23], "score": [0, -0.05]])
        #expect(throws: LawDomainError.scoreOutOfRange(source: "b.csv", line: 3, column: "score", value: -0.05, lower: 0, upper: 1, law: "sigmoid")) {
            try SigmoidLaw().validate(negative)
        }
        let fine = try Dataset(source: "c.csv", columns: ["C": [1e22, 1e23], "score": [0, 1]])
        try SigmoidLaw().validate(fine)
        try SigmoidOffsetLaw().validate(fine)
        // Both sigmoid laws offer the check to a fitter; the clipped line accepts noisy plateaus.
        #expect((SigmoidLaw() as any ScalingLaw) is any LawDataValidation)
        #expect((SigmoidOffsetLaw() as any ScalingLaw) is any LawDataValidation)
        #expect(!((ClippedLinearLaw() as any ScalingLaw) is any LawDataValidation))
    }

    // MARK: The bundled dataset

    static func bundled(_ roles: [String: String]) throws -> Dataset {
        let url = RepositoryPaths.root.appendingPathComponent("Datasets/benchmark-sigmoid-synthetic/data.csv")
        let table = try CSVTable.read(contentsOf: url)
        let resolved = try ColumnRoleResolver(explicit: roles).resolve(Array(roles.keys).sorted(), in: table)
        return try resolved.dataset(from: table)
    }

    @Test("the bundled data's scaled compute matches ScaledCompute to its 7 printed digits")
    func bundledScaledCompute() throws {
        let url = RepositoryPaths.root.appendingPathComponent("Datasets/benchmark-sigmoid-synthetic/data.csv")
        let data = try Dataset(table: CSVTable.read(contentsOf: url), columns: ["N", "D", "loss", "C_scaled"])
        #expect(data.count == 40)
        let n = try data.column("N"), d = try data.column("D"), loss = try data.column("loss"), cs = try data.column("C_scaled")
        for i in 0..<data.count {
            let point = try ScaledCompute.point(parameters: n[i], tokens: d[i], law: .hoffmannRounded)
            #expect(isClose(point.loss, loss[i], abs: 5e-7), "row \(i)")
            #expect(isClose(point.compute, cs[i], rel: 1e-6), "row \(i): \(point.compute) vs \(cs[i])")
        }
    }

    @Test("sigmoid on the bundled data recovers the generator's k = 1.5, x0 = 24.5 within 3 standard errors")
    func bundledSigmoidFit() throws {
        let data = try Self.bundled(["C": "C_scaled", "score": "score"])
        try SigmoidLaw().validate(data)
        let fit = try LawFitter.fit(SigmoidLaw(), to: data)
        #expect(fit.statistics.converged)
        let k = try #require(fit.parameters.first { $0.name == "k" })
        let x0 = try #require(fit.parameters.first { $0.name == "x0" })
        let seK = try #require(k.standardError), seX0 = try #require(x0.standardError)
        #expect(abs(k.value - 1.5) <= 3 * seK, "k = \(k.value) ± \(seK)")
        #expect(abs(x0.value - 24.5) <= 3 * seX0, "x0 = \(x0.value) ± \(seX0)")
        // scipy.optimize.curve_fit on the same file: k = 1.577344, x0 = 24.492092.
        #expect(isClose(k.value, 1.577344, rel: 1e-5))
        #expect(isClose(x0.value, 24.492092, rel: 1e-6))
    }

    @Test("sigmoid-offset, clipped-linear and loss-to-accuracy fit the bundled data as scipy does")
    func bundledOtherFits() throws {
        let scaled = try Self.bundled(["C": "C_scaled", "score": "score"])
        let offset = try LawFitter.fit(SigmoidOffsetLaw(), to: scaled)
        // scipy.optimize.curve_fit (bounds k ∈ [0, 100], y0 ∈ [0, 1]): 1.633546, 24.510623, 0.010188.
        #expect(isClose(offset.values, [1.633546, 24.510623, 0.010188], rel: 2e-4))
        let clipped = try LawFitter.fit(ClippedLinearLaw(), to: scaled)
        // scipy: a = −6.577966, b = 0.288964.
        #expect(isClose(clipped.values, [-6.577966, 0.288964], rel: 1e-5))
        let chained = try Self.bundled(["loss": "loss", "score": "accuracy"])
        let step2 = try LawFitter.fit(LossToAccuracyLaw(), to: chained)
        #expect(step2.statistics.converged)
        // scipy from p0 (−0.75, 20, 1.9, 1): a = −0.888042, k = 19.208007, L0 = 1.865940, b = 1.143957.
        #expect(isClose(step2.values, [-0.888042, 19.208007, 1.865940, 1.143957], rel: 1e-4))
    }
}
