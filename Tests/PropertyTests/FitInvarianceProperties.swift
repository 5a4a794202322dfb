import Foundation
import NonlinearFit
import PropertyBased
import ScalingLaws
import TestSupport
import Testing

/// Invariances of a Chinchilla least-squares fit, checked on synthetic data drawn from random
/// constants with a small deterministic perturbation (so the optimum is not an exact fit):
///
/// - permuting the rows changes no estimate;
/// - scaling the loss by `c` scales `E`, `A` and `B` by `c` and leaves `α`, `β` unchanged (the
///   plain least-squares objective is homogeneous of degree 2 in the loss);
/// - measuring `N` in units `10^k` times larger (N′ = N·10^−k) changes only `A`, to `A·10^(−kα)`.
///
/// Exponents and `E` must agree to 1e-6 relative. The coefficients `A` and `B` lie along the
/// flat valley of the Chinchilla objective (strongly correlated with their exponents): the
/// solver stops within ~1e-5 relative of the exact optimum there (measured: 1.5e-6 for `A`
/// after a permutation, 7.7e-6 for `B` after a change of units), so they are compared in units
/// of their own standard error (≤ 1e-3 SE), and the fitted curves must agree to 1e-9 relative.
@Suite("fit invariances (property)")
struct FitInvarianceProperties {
    struct Truth: Sendable, CustomStringConvertible {
        let e, a, b, alpha, beta: Double
        let wobble: Double
        var description: String { "E=\(e) A=\(a) B=\(b) α=\(alpha) β=\(beta) wobble=\(wobble)" }
    }

    static let truth = zip(
        Gen.double(in: 1.5...2.0), Gen.double(in: 200...1000), Gen.double(in: 200...2000),
        Gen.double(in: 0.25...0.45)
    ).map { e, a, b, alpha in (e, a, b, alpha) }

    static let constants = zip(truth, Gen.double(in: 0.25...0.45), Gen.double(in: 0...6.28)).map { t, beta, wobble in
        Truth(e: t.0, a: t.1, b: t.2, alpha: t.3, beta: beta, wobble: wobble)
    }

    /// 36 runs on a 6 × 6 grid of N in [3e7, 1e10] and D in [1e9, 3e11], loss perturbed by ±0.3%.
    static func data(_ t: Truth, lossScale: Double = 1, nScale: Double = 1, order: [Int]? = nil) throws -> Dataset {
        var n: [Double] = [], d: [Double] = [], loss: [Double] = []
        for i in 0..<6 {
            for j in 0..<6 {
                let ni = 3e7 * pow(10, 2.52 * Double(i) / 5 + 0.03 * Double(j))
                let dj = 1e9 * pow(10, 2.48 * Double(j) / 5 + 0.02 * Double(i))
                let k = Double(6 * i + j)
                let clean = t.e + t.a / pow(ni, t.alpha) + t.b / pow(dj, t.beta)
                n.append(ni * nScale)
                d.append(dj)
                loss.append(lossScale * clean * (1 + 0.003 * sin(1.7 * k + t.wobble)))
            }
        }
        if let order {
            n = order.map { n[$0] }
            d = order.map { d[$0] }
            loss = order.map { loss[$0] }
        }
        return try Dataset(source: "synthetic", columns: ["N": n, "D": d, "loss": loss])
    }

    /// Coefficients agree within 1e-3 of their standard error (see the suite's note).
    static func expectCoefficient(_ name: String, _ base: LawFit, _ other: LawFit, scale: Double, _ context: String,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let a = try #require(base.parameters.first { $0.name == name }, sourceLocation: sourceLocation)
        let b = try #require(other.value(name), sourceLocation: sourceLocation)
        let se = try #require(a.standardError, sourceLocation: sourceLocation)
        #expect(Swift.abs(b - scale * a.value) <= 1e-3 * scale * se,
                "\(name): \(scale) × \(a.value) vs \(b) (SE \(se)) for \(context)", sourceLocation: sourceLocation)
    }

    static func fit(_ data: Dataset) throws -> LawFit {
        try LawFitter.fit(ChinchillaLaw(), to: data, options: LawFitOptions(objective: .leastSquares, starts: .automatic))
    }

    @Test("permuting the rows changes nothing")
    func permutation() throws {
        let order = Gen<[Int]>.shuffled(Array(0..<36))
        SeededProperty.check(seed: 0x9E7, count: 6, zip(Self.constants, order)) { t, order in
            let base = try Self.fit(Self.data(t))
            let permuted = try Self.fit(Self.data(t, order: order))
            #expect(base.statistics.converged && permuted.statistics.converged, "\(t)")
            for name in ["E", "alpha", "beta"] {
                let a = try #require(base.value(name)), b = try #require(permuted.value(name))
                #expect(isClose(b, a, rel: 1e-6), "\(name): \(a) vs \(b) for \(t)")
            }
            for name in ["A", "B"] { try Self.expectCoefficient(name, base, permuted, scale: 1, "\(t)") }
            #expect(isClose(permuted.statistics.objective, base.statistics.objective, rel: 1e-9))
        }
    }

    @Test("scaling the loss by c scales E, A, B by c; exponents unchanged")
    func lossScale() throws {
        SeededProperty.check(seed: 0x5CA, count: 6, zip(Self.constants, Gen.double(in: -3...3))) { t, log10c in
            let c = pow(10, log10c)
            let base = try Self.fit(Self.data(t))
            let scaled = try Self.fit(Self.data(t, lossScale: c))
            #expect(base.statistics.converged && scaled.statistics.converged, "\(t)")
            let e = try #require(base.value("E")), e2 = try #require(scaled.value("E"))
            #expect(isClose(e2, c * e, rel: 1e-6), "E: \(c) × \(e) vs \(e2) for \(t)")
            for name in ["A", "B"] { try Self.expectCoefficient(name, base, scaled, scale: c, "c=\(c), \(t)") }
            #expect(isClose(scaled.statistics.objective, c * c * base.statistics.objective, rel: 1e-9))
            for name in ["alpha", "beta"] {
                let a = try #require(base.value(name)), b = try #require(scaled.value(name))
                #expect(isClose(b, a, rel: 1e-6), "\(name): \(a) vs \(b) for \(t)")
            }
        }
    }

    @Test("N in units 10^k larger changes only A, by 10^(-kα)")
    func parameterUnits() throws {
        SeededProperty.check(seed: 0x0A1, count: 6, zip(Self.constants, Gen.int(in: -6...6))) { t, k in
            let base = try Self.fit(Self.data(t))
            let rescaled = try Self.fit(Self.data(t, nScale: pow(10, Double(-k))))
            let alpha = try #require(base.value("alpha"))
            #expect(base.statistics.converged && rescaled.statistics.converged, "\(t)")
            try Self.expectCoefficient("A", base, rescaled, scale: pow(10, -Double(k) * alpha), "k=\(k), \(t)")
            try Self.expectCoefficient("B", base, rescaled, scale: 1, "k=\(k), \(t)")
            #expect(isClose(rescaled.statistics.objective, base.statistics.objective, rel: 1e-9))
            for name in ["E", "alpha", "beta"] {
                let x = try #require(base.value(name)), y = try #require(rescaled.value(name))
                #expect(isClose(y, x, rel: 1e-6), "\(name): \(x) vs \(y), k=\(k) for \(t)")
            }
        }
    }
}
