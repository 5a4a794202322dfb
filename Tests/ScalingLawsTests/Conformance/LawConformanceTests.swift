import Foundation
import NonlinearFit
import ScalingLaws
import Testing
import TestSupport

/// The conformance suite every law in the catalog passes (architecture habit 5): exact gradient
/// against central finite differences, finite values on the domain, recovery of known
/// parameters from simulated data, JSON round trip of a fit, and a catalog entry.
@Suite("Law conformance")
struct LawConformanceTests {
    @Test("every catalog law has a conformance case")
    func everyLawHasACase() {
        let covered = Set(LawConformanceCase.all.map(\.law.name))
        for law in LawRegistry.all {
            #expect(covered.contains(law.name), "no conformance case for '\(law.name)'")
        }
    }

    @Test("catalog entry: formula, citation, parameters", arguments: LawConformanceCase.all)
    func catalogEntry(_ c: LawConformanceCase) {
        #expect(LawRegistry.law(named: c.law.name) != nil)
        #expect(!c.law.formula.isEmpty)
        #expect(!c.law.citation.isEmpty)
        #expect(c.truth.count == c.law.parameters.count)
        #expect(c.design.count == c.law.inputs.count)
        #expect(Set(c.law.parameters.map(\.name)).count == c.law.parameters.count)
    }

    @Test("finite on the design", arguments: LawConformanceCase.all)
    func finite(_ c: LawConformanceCase) {
        let values = c.law.evaluate(inputs: c.design, parameters: c.truth)
        #expect(values.allSatisfy { $0.isFinite })
        var g = [Double](repeating: 0, count: c.truth.count)
        for i in c.design[0].indices {
            c.law.gradient(c.design.map { $0[i] }, c.truth, into: &g)
            #expect(g.allSatisfy { $0.isFinite }, "gradient not finite at point \(i)")
        }
    }

    @Test("analytic gradient matches central differences", arguments: LawConformanceCase.all)
    func gradient(_ c: LawConformanceCase) {
        // At the truth and at two perturbed points (±5% on every parameter).
        let points = [c.truth, c.truth.map { $0 * 1.05 }, c.truth.map { $0 * 0.95 }]
        var g = [Double](repeating: 0, count: c.truth.count)
        for p in points {
            for i in c.design[0].indices {
                let x = c.design.map { $0[i] }
                c.law.gradient(x, p, into: &g)
                let scale = Swift.max(Swift.abs(c.law.evaluate(x, p)), 1e-12)
                for j in p.indices {
                    let h = 1e-6 * Swift.max(Swift.abs(p[j]), 1e-3)
                    var plus = p, minus = p
                    plus[j] += h
                    minus[j] -= h
                    let fd = (c.law.evaluate(x, plus) - c.law.evaluate(x, minus)) / (2 * h)
                    let tolerance = 1e-6 * Swift.max(Swift.abs(fd), Swift.abs(g[j])) + 1e-9 * scale / Swift.max(Swift.abs(p[j]), 1e-3)
                    #expect(Swift.abs(g[j] - fd) <= tolerance,
                            "\(c.law.name): ∂f/∂\(c.law.parameters[j].name) at point \(i) = \(g[j]), central difference \(fd)")
                }
            }
        }
    }

    @Test("recovers known parameters within 3 standard errors in ≥ 95% of 40 seeded trials", arguments: LawConformanceCase.all)
    func recovery(_ c: LawConformanceCase) throws {
        var inside = 0
        var total = 0
        for seed in 1...40 {
            let fit = try LawFitter.fit(c.law, to: c.dataset(seed: UInt64(seed)), options: c.fitOptions)
            for (k, parameter) in fit.parameters.enumerated() where !parameter.fixed {
                guard let se = parameter.standardError else {
                    total += 1
                    continue
                }
                total += 1
                if Swift.abs(parameter.value - c.truth[k]) <= 3 * se { inside += 1 }
            }
        }
        let share = Double(inside) / Double(Swift.max(total, 1))
        #expect(share >= 0.95, "\(c.law.name): \(inside) of \(total) estimates within 3 SE (\(share))")
    }

    @Test("a fit survives a JSON round trip", arguments: LawConformanceCase.all)
    func jsonRoundTrip(_ c: LawConformanceCase) throws {
        let fit = try LawFitter.fit(c.law, to: c.dataset(seed: 7), options: c.fitOptions)
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoded = try decoder.decode(LawFit.self, from: encoder.encode(fit))
        #expect(decoded == fit)
    }
}
