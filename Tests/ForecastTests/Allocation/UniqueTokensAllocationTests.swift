import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Allocation under a cap on unique tokens with the data-constrained law (laws.md §4,
/// Muennighoff et al. 2023, C4 constants).
@Suite("allocation under a unique-token cap")
struct UniqueTokensAllocationTests {
    static let constants = DataConstrainedParameters.muennighoffC4

    static func optimizer(_ u: Double) throws -> ComputeOptimizer {
        try ComputeOptimizer(law: DataConstrainedLaw(), parameters: constants.vector, uniqueTokens: u)
    }

    @Test("laws.md §4: N = 5.1B on 400B tokens, by unique tokens", arguments: [
        (400e9, 2.18607), (100e9, 2.18913), (25e9, 2.21896), (10e9, 2.28394),
    ])
    func vectors(_ u: Double, _ expected: Double) throws {
        let loss = try Self.optimizer(u).loss(parameters: 5.1e9, tokens: 400e9)
        #expect(Swift.abs(loss - expected) <= 0.000005, "U = \(u): \(loss)")
    }

    /// The lowest loss on a grid of 200,001 sizes from 1e8 to 1e12 (steps of 4.6e-5 in log N).
    static func denseScan(budget: Double, uniqueTokens u: Double) -> (parameters: Double, loss: Double) {
        var bestN = 0.0, bestLoss = Double.infinity
        for k in 0...200_000 {
            let n = 1e8 * pow(1e4, Double(k) / 200_000)
            let loss = constants.loss(parameters: n, tokens: budget / (6 * n), uniqueTokens: u)
            if loss < bestLoss { bestLoss = loss; bestN = n }
        }
        return (bestN, bestLoss)
    }

    /// With an unlimited pool, `D' = D`, but the law still counts parameters beyond
    /// `U_N = (D·G)^(β/α)·G` as excess; with α = β that threshold is `G²·D`, which is exactly
    /// Chinchilla's `N_opt/D_opt`. The optimum therefore sits on that (C¹) kink at Chinchilla's
    /// point, with Chinchilla's loss.
    @Test("with an unlimited pool the optimum is Chinchilla's closed form with the base constants")
    func uncapped() throws {
        let allocation = try Self.optimizer(1e40).allocation(budget: 1e22)
        let closed = ChinchillaLaw.computeOptimal(budget: 1e22, parameters: Self.constants.base)
        let scan = Self.denseScan(budget: 1e22, uniqueTokens: 1e40)
        #expect(isClose(allocation.parameters, closed.parameters, rel: 1e-4))
        #expect(isClose(allocation.parameters, scan.parameters, rel: 1e-4))
        #expect(isClose(allocation.loss, closed.loss, rel: 1e-11))
        #expect(allocation.loss <= scan.loss + 1e-12)
    }

    /// Muennighoff et al. 2023 (Fig. 1, §5): under a data constraint the efficient frontier puts
    /// extra compute into epochs rather than parameters, so the optimum is a smaller model than
    /// Chinchilla's, trained on more (repeated) tokens.
    @Test("a cap of 25B unique tokens at 1e22 FLOP moves the optimum to a smaller model on repeated data, checked by a dense scan")
    func capped() throws {
        let allocation = try Self.optimizer(25e9).allocation(budget: 1e22)
        let free = ChinchillaLaw.computeOptimal(budget: 1e22, parameters: Self.constants.base)
        #expect(allocation.tokens > free.tokens)
        #expect(allocation.parameters < free.parameters)
        #expect(allocation.loss > free.loss)
        let scan = Self.denseScan(budget: 1e22, uniqueTokens: 25e9)
        #expect(isClose(allocation.parameters, scan.parameters, rel: 1e-4))
        #expect(allocation.loss <= scan.loss + 1e-12)
    }

    @Test("the cap is required for the data-constrained law and refused for Chinchilla")
    func errors() {
        #expect(throws: ForecastError.uniqueTokensRequired(law: "data-constrained")) {
            try ComputeOptimizer(law: DataConstrainedLaw(), parameters: Self.constants.vector)
        }
        #expect(throws: ForecastError.uniqueTokensUnused(law: "chinchilla")) {
            try ComputeOptimizer(law: ChinchillaLaw(), parameters: ChinchillaParameters.epoch2024.vector, uniqueTokens: 1e10)
        }
        #expect(ForecastError.uniqueTokensRequired(law: "data-constrained").description
            == "law 'data-constrained' takes unique tokens U: give the cap on unique training tokens (--unique-tokens)")
    }
}
