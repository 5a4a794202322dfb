import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// The loss-optimal D for a fixed N and N for a fixed D, within a budget or unconstrained.
@Suite("fixed model size or token count")
struct FixedAllocationTests {
    static let p = ChinchillaParameters.hoffmannRounded

    @Test("fixed N = 70B within 6·70e9·1.4e12 FLOP trains on 1.4T tokens at L = 1.9366 (laws.md §2)")
    func fixedSizeInBudget() throws {
        let optimizer = ComputeOptimizer(chinchilla: Self.p)
        let budget = 6 * 70e9 * 1.4e12
        let fixed = try optimizer.allocation(parameters: 70e9, budget: budget)
        #expect(isClose(fixed.tokens, 1.4e12, rel: 1e-12))
        #expect(Swift.abs(fixed.loss - 1.9366) <= 0.00005)
        #expect(fixed.excessLoss >= 0)
        // The floor with unlimited data: E + A/N^α.
        #expect(isClose(fixed.floor, 1.69 + 406.4 / pow(70e9, 0.34), rel: 1e-12))
        let byTokens = try optimizer.allocation(tokens: 1.4e12, budget: budget)
        #expect(isClose(byTokens.parameters, 70e9, rel: 1e-10))
        #expect(isClose(byTokens.floor, 1.69 + 410.7 / pow(1.4e12, 0.28), rel: 1e-12))
    }

    @Test("without a budget, the loss-optimal D for N (and N for D) is the closed-form frontier", arguments: [1e9, 3.219e10, 7e10, 1e12])
    func unconstrained(_ n: Double) throws {
        let optimizer = ComputeOptimizer(chinchilla: Self.p)
        // Closed form: N = G (C/6)^a  ⇒  C = 6 (N/G)^(1/a),  D = (C/6)^b / G.
        let sum = Self.p.alpha + Self.p.beta
        let g = pow(Self.p.alpha * Self.p.a / (Self.p.beta * Self.p.b), 1 / sum)
        let c = 6 * pow(n / g, sum / Self.p.beta)
        let d = pow(c / 6, Self.p.alpha / sum) / g
        let found = try optimizer.computeOptimal(parameters: n)
        #expect(isClose(found.budget, c, rel: 1e-7))
        #expect(isClose(found.tokens, d, rel: 1e-7))
        let back = try optimizer.computeOptimal(tokens: d)
        #expect(isClose(back.parameters, n, rel: 1e-7))
    }

    @Test("laws.md §2: N_opt = 3.219e10 is compute-optimal at about 5.76e23 FLOP with 2.982e12 tokens")
    func tableVector() throws {
        let found = try ComputeOptimizer(chinchilla: Self.p).computeOptimal(parameters: 3.219e10)
        #expect(Swift.abs(found.tokens - 2.982e12) <= 0.0005e12 + 2e-4 * 2.982e12)
        #expect(isClose(found.budget, 5.76e23, rel: 1e-3))
    }

    @Test("fixed values that are invalid or exceed the budget are errors")
    func errors() throws {
        let optimizer = ComputeOptimizer(chinchilla: Self.p, cost: .inferenceInclusive(tokensServed: 1e13))
        #expect(throws: ForecastError.invalidFixedValue(name: "N", value: 0)) { try optimizer.allocation(parameters: 0, budget: 1e21) }
        do {
            _ = try optimizer.allocation(parameters: 1e11, budget: 1e24)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "the fixed N = 1e+11 does not fit in 1e+24 FLOP under C = 6ND + 2N·T (T = 1e+13 tokens served): nothing is left for the other")
        }
    }
}
