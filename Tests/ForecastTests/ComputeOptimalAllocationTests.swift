import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// The numeric compute-optimal search against the Chinchilla closed form and laws.md §2–3.
@Suite("compute-optimal allocation")
struct ComputeOptimalAllocationTests {
    static let presets: [(String, ChinchillaParameters)] = [
        ("hoffmann-rounded", .hoffmannRounded), ("hoffmann", .hoffmann), ("epoch2024", .epoch2024),
    ]
    static let budgets: [Double] = [1e15, 1e19, 1e21, 5.76e23, 1e25, 1e27, 1e30]

    @Test("numeric optimum equals the closed form (Hoffmann eq. 4) to 1e-8 (brief: 1e-6)", arguments: presets)
    func closedForm(_ name: String, _ constants: ChinchillaParameters) throws {
        let optimizer = ComputeOptimizer(chinchilla: constants)
        for c in Self.budgets {
            let numeric = try optimizer.allocation(budget: c)
            let exact = ChinchillaLaw.computeOptimal(budget: c, parameters: constants)
            #expect(isClose(numeric.parameters, exact.parameters, rel: 1e-8), "\(name) N at \(c): \(numeric.parameters) vs \(exact.parameters)")
            #expect(isClose(numeric.tokens, exact.tokens, rel: 1e-8), "\(name) D at \(c)")
            #expect(isClose(numeric.loss, exact.loss, rel: 1e-12), "\(name) L at \(c)")
            #expect(isClose(6 * numeric.parameters * numeric.tokens, c, rel: 1e-12))
            #expect(numeric.refinement == .derivativeRoot)
            #expect(numeric.bracket[0] < numeric.parameters && numeric.parameters < numeric.bracket[1])
        }
    }

    @Test("laws.md §2 test vectors at 5.76e23 through the numeric API")
    func hoffmannVectors() throws {
        let rounded = try ComputeOptimizer(chinchilla: .hoffmannRounded).allocation(budget: 5.76e23)
        let p = ChinchillaParameters.hoffmannRounded
        let g = pow(p.alpha * p.a / (p.beta * p.b), 1 / (p.alpha + p.beta))
        #expect(isClose(g, 1.3447, rel: 1e-4))
        #expect(isClose(rounded.parameters, 3.219e10, rel: 2e-4))
        #expect(isClose(rounded.tokens, 2.982e12, rel: 2e-4))
        #expect(isClose(rounded.tokensPerParameter, 92.7, rel: 1e-3))
        #expect(isClose(rounded.loss, 1.9307, rel: 5e-5))

        let unrounded = try ComputeOptimizer(chinchilla: .hoffmann).allocation(budget: 5.76e23)
        #expect(isClose(unrounded.parameters, 4.036e10, rel: 2e-4))
        #expect(isClose(unrounded.tokens, 2.379e12, rel: 2e-4))
        #expect(isClose(unrounded.tokensPerParameter, 58.9, rel: 1e-3))
        #expect(isClose(unrounded.loss, 1.9184, rel: 5e-5))

        let small = try ComputeOptimizer(chinchilla: .hoffmannRounded).allocation(budget: 1e21)
        #expect(isClose(small.parameters, 1.824e9, rel: 3e-4))
    }

    @Test("laws.md §3 Epoch 2024: N_opt 7.236e10, D_opt 1.327e12 at 5.76e23; D/N 21.5, 18.3, 17.1")
    func epochVectors() throws {
        let optimizer = ComputeOptimizer(chinchilla: .epoch2024)
        let mid = try optimizer.allocation(budget: 5.76e23)
        #expect(isClose(mid.parameters, 7.236e10, rel: 1e-4))
        #expect(isClose(mid.tokens, 1.327e12, rel: 3e-4))
        #expect(isClose(mid.tokensPerParameter, 18.3, rel: 3e-3))
        #expect(isClose(try optimizer.allocation(budget: 1e21).tokensPerParameter, 21.5, rel: 3e-3))
        #expect(isClose(try optimizer.allocation(budget: 1e25).tokensPerParameter, 17.1, rel: 3e-3))
    }

    @Test("first-order condition αA·N^−α = βB·D^−β holds at the optimum and fails off it", arguments: presets)
    func firstOrderCondition(_ name: String, _ constants: ChinchillaParameters) throws {
        let optimizer = ComputeOptimizer(chinchilla: constants)
        for c in [1e19, 5.76e23, 1e27] {
            let a = try optimizer.allocation(budget: c)
            let condition = FirstOrderCondition(constants, parameters: a.parameters, tokens: a.tokens)
            #expect(condition.relativeGap < 1e-7, "\(name) at \(c): gap \(condition.relativeGap)")
            // Twice the parameters on the same budget is off the optimum: the condition fails.
            let off = FirstOrderCondition(constants, parameters: 2 * a.parameters, tokens: a.tokens / 2)
            #expect(off.relativeGap > 0.1)
        }
    }

    @Test("inference-inclusive cost: T = 0 is 6ND; T > 0 shifts to smaller models and meets its own first-order condition")
    func inferenceInclusive() throws {
        let p = ChinchillaParameters.epoch2024
        let c = 5.76e23
        let training = try ComputeOptimizer(chinchilla: p).allocation(budget: c)
        let zero = try ComputeOptimizer(chinchilla: p, cost: .inferenceInclusive(tokensServed: 0)).allocation(budget: c)
        #expect(isClose(zero.parameters, training.parameters, rel: 1e-8))

        let t = 1e13
        let served = try ComputeOptimizer(chinchilla: p, cost: .inferenceInclusive(tokensServed: t)).allocation(budget: c)
        #expect(served.parameters < 0.8 * training.parameters)
        let n = served.parameters, d = served.tokens
        #expect(isClose(6 * n * d + 2 * n * t, c, rel: 1e-12))
        // Lagrange: (∂L/∂N)/(∂C/∂N) = (∂L/∂D)/(∂C/∂D).
        let lhs = p.alpha * p.a * pow(n, -p.alpha - 1) / (6 * d + 2 * t)
        let rhs = p.beta * p.b * pow(d, -p.beta - 1) / (6 * n)
        #expect(isClose(lhs, rhs, rel: 1e-7))
    }

    @Test("a custom cost closure reproduces the built-in cost models")
    func customCost() throws {
        let p = ChinchillaParameters.hoffmannRounded
        for c in [1e21, 5.76e23] {
            let six = try ComputeOptimizer(chinchilla: p).allocation(budget: c)
            let custom = try ComputeOptimizer(chinchilla: p, cost: .custom { n, d in 6 * n * d }).allocation(budget: c)
            #expect(isClose(custom.parameters, six.parameters, rel: 1e-8))
            #expect(isClose(custom.tokens, six.tokens, rel: 1e-8))
            let t = 2e12
            let builtIn = try ComputeOptimizer(chinchilla: p, cost: .inferenceInclusive(tokensServed: t)).allocation(budget: c)
            let closure = try ComputeOptimizer(chinchilla: p, cost: .custom { n, d in 6 * n * d + 2 * n * t }).allocation(budget: c)
            #expect(isClose(closure.parameters, builtIn.parameters, rel: 1e-8))
            // D = (C − 2NT)/(6N) amplifies the error in N by C/(6ND) (≈ 3 at 1e21 with T = 2e12).
            #expect(isClose(closure.tokens, builtIn.tokens, rel: 1e-7))
            #expect(isClose(6 * closure.parameters * closure.tokens + 2 * closure.parameters * t, c, rel: 1e-12))
        }
    }

    @Test("Kaplan's joint law (another (N, D) law) gets an interior optimum satisfying ∂L/∂log N = 0 along the curve")
    func otherLaw() throws {
        let optimizer = try ComputeOptimizer(law: KaplanJointLaw(), parameters: KaplanConstants.jointND.values)
        let a = try optimizer.allocation(budget: 1e21)
        // A nearby allocation on the same budget is never better.
        for factor in [0.9, 0.99, 1.01, 1.1] {
            let n = a.parameters * factor
            #expect(optimizer.loss(parameters: n, tokens: 1e21 / (6 * n)) > a.loss)
        }
    }

    @Test("no interior optimum: the error names the edge and why")
    func edges() throws {
        // B = 0: more parameters always help, the optimum runs to the largest model (D = 1 token).
        let noData = ChinchillaParameters(e: 1.69, a: 406.4, b: 0, alpha: 0.34, beta: 0.28)
        #expect(throws: ForecastError.optimumAtEdge(budget: 1e21, edge: .upper, parameters: 1e21 / 6, limit: "where D falls to 1 token")) {
            try ComputeOptimizer(chinchilla: noData).allocation(budget: 1e21)
        }
        // A = 0: the smallest model is best.
        let noModel = ChinchillaParameters(e: 1.69, a: 0, b: 410.7, alpha: 0.34, beta: 0.28)
        do {
            _ = try ComputeOptimizer(chinchilla: noModel).allocation(budget: 1e21)
            Issue.record("expected an edge error")
        } catch let error as ForecastError {
            #expect(error.description == "at budget 1e+21 FLOP the predicted loss is lowest at the lower edge of the searched range (N = 1, the smallest model searched): the loss keeps falling toward smaller models (more tokens), so the law has no interior optimum there")
        }
        // A search range that excludes the optimum (3.2e10 at 5.76e23) is reported, not clipped silently.
        let narrow = AllocationSearch(minimumParameters: 1e6, maximumParameters: 1e9)
        #expect(throws: ForecastError.optimumAtEdge(budget: 5.76e23, edge: .upper, parameters: 1e9, limit: "the largest model searched")) {
            try ComputeOptimizer(chinchilla: .hoffmannRounded, search: narrow).allocation(budget: 5.76e23)
        }
    }

    @Test("invalid budgets, infeasible budgets and laws not of (N, D) are errors")
    func invalid() throws {
        let optimizer = ComputeOptimizer(chinchilla: .epoch2024)
        #expect(throws: ForecastError.invalidBudget(0)) { try optimizer.allocation(budget: 0) }
        #expect(throws: ForecastError.invalidBudget(-1)) { try optimizer.allocation(budget: -1) }
        #expect(throws: ForecastError.infeasibleBudget(budget: 5, cost: "C = 6ND")) { try optimizer.allocation(budget: 5) }
        // A law of (N, D, U) needs the cap on unique tokens; a law of other inputs is unsupported.
        let dataConstrained = DataConstrainedLaw()
        #expect(throws: ForecastError.uniqueTokensRequired(law: "data-constrained")) {
            try ComputeOptimizer(law: dataConstrained, parameters: [Double](repeating: 1, count: dataConstrained.parameters.count))
        }
        #expect(throws: ForecastError.unsupportedInputs(law: "power-law", inputs: ["x"])) {
            try ComputeOptimizer(law: PowerLaw(), parameters: [1, 0.5])
        }
        #expect(throws: ForecastError.parameterCount(law: "chinchilla", expected: 5, got: 2)) {
            try ComputeOptimizer(law: ChinchillaLaw(), parameters: [1, 2])
        }
    }
}
