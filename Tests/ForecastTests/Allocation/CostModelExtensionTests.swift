import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Cost models written as expressions, and cost laws fitted to measured FLOP.
@Suite("cost expressions and fitted cost laws")
struct CostModelExtensionTests {
    @Test("the expression 6*N*D reproduces the closed-form Chinchilla optimum (laws.md §2, C = 5.76e23)")
    func sixNDExpression() throws {
        let cost = CostModel.expression(try CostExpression("6*N*D"))
        let optimizer = ComputeOptimizer(chinchilla: .hoffmannRounded, cost: cost)
        let allocation = try optimizer.allocation(budget: 5.76e23)
        // laws.md: N_opt 3.219e10, D_opt 2.982e12, L 1.9307 (rounded constants).
        #expect(Swift.abs(allocation.parameters - 3.219e10) <= 0.0005e10)
        #expect(Swift.abs(allocation.tokens - 2.982e12) <= 0.0005e12)
        #expect(Swift.abs(allocation.loss - 1.9307) <= 0.00005)
        #expect(cost.description == "C = 6*N*D")
    }

    @Test("an inference-inclusive expression agrees with the built-in inference cost model")
    func inferenceExpression() throws {
        let expression = ComputeOptimizer(chinchilla: .epoch2024, cost: .expression(try CostExpression("6*N*D + 2*N*1e13")))
        let builtIn = ComputeOptimizer(chinchilla: .epoch2024, cost: .inferenceInclusive(tokensServed: 1e13))
        let a = try expression.allocation(budget: 1e24), b = try builtIn.allocation(budget: 1e24)
        #expect(isClose(a.parameters, b.parameters, rel: 1e-7))
        #expect(isClose(a.tokens, b.tokens, rel: 1e-7))
    }

    @Test("expressions that are not positive and increasing on the search range are rejected", arguments: [
        // 6000·N − N² at D = 1000 turns negative at the grid point N = 1e4.
        ("6*N*D - N^2", "invalid cost model '6*N*D - N^2': the cost is -4e+07 at N = 1e+04, D = 1000; it must be positive and finite for N in 1000–1e+15 and D in 1000–1e+17"),
        ("N*D - 1e20", "invalid cost model 'N*D - 1e20': the cost is -1e+20 at N = 1000, D = 1000; it must be positive and finite for N in 1000–1e+15 and D in 1000–1e+17"),
        ("6*N*D*X", "invalid cost model '6*N*D*X': unknown name 'X'; a cost may use only N (parameters) and D (tokens)"),
        ("6*N", "invalid cost model '6*N': a cost must depend on both N and D"),
        // 6N/D falls from 6 to 6/3.831 between the first two grid tokens (factor 10^(14/24)).
        ("6*N*D/D^2", "invalid cost model '6*N*D/D^2': the cost does not increase with D at N = 1000, D = 1000–3831 (6 → 1.566)"),
    ])
    func rejected(_ text: String, _ message: String) {
        do {
            _ = try CostExpression(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test("a cost law fitted to noiseless FLOP recovers k, p, q")
    func costLawRecovery() throws {
        var n: [Double] = [], d: [Double] = [], c: [Double] = []
        for i in 0..<5 {
            for j in 0..<4 {
                let size = 1e8 * pow(10, Double(i) / 2), tokens = 1e10 * pow(10, Double(j) / 3)
                n.append(size)
                d.append(tokens)
                c.append(7.2 * pow(size, 1.05) * pow(tokens, 0.98))
            }
        }
        let law = try CostLaw.fit(parameters: n, tokens: d, flops: c)
        #expect(isClose(law.coefficient, 7.2, rel: 1e-8))
        #expect(isClose(law.parameterExponent, 1.05, rel: 1e-10))
        #expect(isClose(law.tokenExponent, 0.98, rel: 1e-10))
        #expect(law.rows == 20)
        // Used as a cost model, the tokens bought at a budget invert the law exactly.
        let model = CostModel.fitted(law)
        let tokens = try #require(model.tokens(parameters: 1e9, budget: 1e21))
        #expect(isClose(law.cost(parameters: 1e9, tokens: tokens), 1e21, rel: 1e-12))
        #expect(model.description == "C = 7.2·N^1.05·D^0.98 (fitted to 20 runs)")
    }

    @Test("a fixed tokens-per-parameter ratio cannot separate p and q")
    func collinear() {
        let n = [1e8, 1e9, 1e10], d = n.map { 20 * $0 }, c = zip(n, d).map { 6 * $0 * $1 }
        do {
            _ = try CostLaw.fit(parameters: n, tokens: d, flops: c, source: "runs.csv")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "invalid cost model 'runs.csv': log N and log D are collinear in the data (e.g. a fixed tokens-per-parameter ratio): p and q cannot be separated")
        }
    }
}
