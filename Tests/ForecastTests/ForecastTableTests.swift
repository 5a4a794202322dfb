import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Forecast tables from presets (no intervals).
@Suite("forecast table")
struct ForecastTableTests {
    @Test("rows follow the budgets and agree with the closed form; presets carry no interval")
    func presetTable() throws {
        let budgets = try BudgetList.parse("1e21:1e25:x10")
        let table = try ForecastTable.make(
            optimizer: ComputeOptimizer(chinchilla: .epoch2024), budgets: budgets, label: "preset epoch2024", detail: "Epoch")
        #expect(table.rows.count == 5)
        #expect(table.confidenceLevel == nil)
        #expect(table.cost == "C = 6ND")
        #expect(table.responseUnit == "nats/token")
        for (row, budget) in zip(table.rows, budgets) {
            let exact = ChinchillaLaw.computeOptimal(budget: budget, parameters: .epoch2024)
            #expect(row.budget == budget)
            #expect(isClose(row.parameters, exact.parameters, rel: 1e-6))
            #expect(isClose(row.tokensPerParameter, exact.tokensPerParameter, rel: 1e-6))
            #expect(row.lower == nil && row.upper == nil && row.standardError == nil)
        }
        // Larger budgets: larger models, lower loss.
        for k in 1..<table.rows.count {
            #expect(table.rows[k].parameters > table.rows[k - 1].parameters)
            #expect(table.rows[k].loss < table.rows[k - 1].loss)
        }
    }

    @Test("an edge error in any row fails the table")
    func edgeFails() throws {
        let optimizer = ComputeOptimizer(chinchilla: .epoch2024, search: AllocationSearch(maximumParameters: 1e10))
        #expect(throws: ForecastError.self) {
            try ForecastTable.make(optimizer: optimizer, budgets: [1e21, 1e25], label: "x", detail: "y")
        }
    }
}
