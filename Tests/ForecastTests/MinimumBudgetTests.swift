import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// The inverse question: the smallest budget that reaches a target loss.
@Suite("minimum budget for a target loss")
struct MinimumBudgetTests {
    @Test("round trip: the loss at a budget's optimum leads back to that budget", arguments: [1e19, 1e21, 5.76e23, 1e26])
    func roundTrip(_ budget: Double) throws {
        let optimizer = ComputeOptimizer(chinchilla: .epoch2024)
        let loss = try optimizer.allocation(budget: budget).loss
        let found = try optimizer.minimumBudget(targetLoss: loss)
        #expect(isClose(found.budget, budget, rel: 1e-8))
        #expect(isClose(found.loss, loss, rel: 1e-12))
    }

    @Test("rounded Hoffmann: loss 1.9307 takes about 5.76e23 FLOP (laws.md §2)")
    func hoffmann() throws {
        let found = try ComputeOptimizer(chinchilla: .hoffmannRounded).minimumBudget(targetLoss: 1.9307)
        // 1.9307 is rounded to 4 decimals; dL/dlog C ≈ −0.036 there, so the budget is good to ~2e-3.
        #expect(isClose(found.budget, 5.76e23, rel: 3e-3))
        #expect(isClose(found.parameters, 3.219e10, rel: 2e-3))
    }

    @Test("a target at or below the floor E is an error with a clear message")
    func belowFloor() throws {
        let optimizer = ComputeOptimizer(chinchilla: .hoffmannRounded)
        do {
            _ = try optimizer.minimumBudget(targetLoss: 1.6)
            Issue.record("expected an error")
        } catch let error as ForecastError {
            #expect(error.description == "target loss 1.6 is below the law's irreducible loss E = 1.69: no budget reaches it")
        }
        #expect(throws: ForecastError.targetBelowFloor(target: 1.69, floor: 1.69)) {
            try optimizer.minimumBudget(targetLoss: 1.69)
        }
        #expect(throws: ForecastError.invalidTarget(-1)) { try optimizer.minimumBudget(targetLoss: -1) }
        // Just above the floor, but out of reach of the budgets searched.
        #expect(throws: ForecastError.self) { try optimizer.minimumBudget(targetLoss: 1.6900001, maximumBudget: 1e30) }
    }
}
