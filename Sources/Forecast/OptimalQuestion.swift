import Foundation
import ScalingLaws

/// The numeric answers of `scaling-laws optimal` (Hoffmann et al. 2022, §3: minimise the loss
/// `L(N, D)` subject to a compute budget `C(N, D) = C`), in one place for the tool, the
/// notebooks and library users.
public enum OptimalQuestion {
    /// A cost model named on a command line: `6ND`, `inference:TOKENS`
    /// (``CostModel/parse(_:)``), or else an expression in `N` and `D` (``CostExpression``,
    /// e.g. `6*N*D + 2*N*1e13`).
    /// - Parameter text: the cost model's text.
    /// - Returns: the cost model.
    /// - Throws: ``ForecastError/invalidCostModel(spec:reason:)``, or the expression's error.
    public static func costModel(_ text: String) throws -> CostModel {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        if lowered == "6nd" || lowered.hasPrefix("inference:") { return try CostModel.parse(text) }
        return .expression(try CostExpression(text))
    }

    /// The forecast table of `allocations` found by `optimizer`: with `fit` (the source's fit,
    /// whose law and values the optimizer uses) and no target budget, each loss carries the
    /// delta-method interval of the fit at the allocation (`ScalingLaws/LawFit/predict(_:)`);
    /// with `targetBudget` (a target-loss question) the rows carry none, the loss being the
    /// target, and the table carries the budget's interval.
    /// - Parameters:
    ///   - allocations: the allocations, one row each.
    ///   - optimizer: the optimizer that found them (law, values, cost model).
    ///   - fit: the fit behind the law, or `nil` for constants.
    ///   - label: the source's label (`fit fit.json`, `preset hoffmann`).
    ///   - detail: a sentence about the source.
    ///   - targetBudget: the interval of the budget that reaches a target loss, or `nil`.
    /// - Returns: the table, with the law's allocation notes (``AllocationNote``).
    /// - Throws: the errors of `ScalingLaws/LawFit/predict(_:)`.
    public static func table(
        _ allocations: [ComputeOptimalAllocation], optimizer: ComputeOptimizer, fit: LawFit?, label: String, detail: String,
        targetBudget: TargetBudgetInterval? = nil
    ) throws -> ForecastTable {
        var rows: [ForecastRow] = []
        for allocation in allocations {
            if let fit, targetBudget == nil {
                let prediction = try fit.predict([allocation.parameters, allocation.tokens])
                rows.append(ForecastRow(
                    allocation: allocation, standardError: prediction.standardError, lower: prediction.lower, upper: prediction.upper))
            } else {
                rows.append(ForecastRow(allocation: allocation))
            }
        }
        var table = ForecastTable(
            label: label, detail: detail, law: optimizer.law.name, formula: optimizer.law.formula,
            responseUnit: optimizer.law.response.unit, cost: optimizer.cost.description,
            confidenceLevel: rows.contains { $0.lower != nil } ? fit?.confidenceLevel : nil, rows: rows)
        table.targetBudget = targetBudget
        table.notes = AllocationNote.notes(law: optimizer.law, values: optimizer.parameters)
        return table
    }

    /// The smallest budget whose compute-optimal loss reaches `target`
    /// (``ComputeOptimizer/minimumBudget(targetLoss:maximumBudget:)``) as a one-row table, with
    /// the budget's interval when there is a fit (``TargetBudgetInterval/make(optimizer:fit:target:draws:seed:)``).
    /// - Parameters:
    ///   - target: the loss to reach.
    ///   - optimizer: the law, values and cost model.
    ///   - fit: the fit behind the law, or `nil`.
    ///   - label: the source's label.
    ///   - detail: a sentence about the source.
    /// - Returns: the table; its ``ForecastTable/targetBudget`` carries the interval's warnings.
    /// - Throws: the errors of the search and of the interval.
    public static func targetLoss(
        _ target: Double, optimizer: ComputeOptimizer, fit: LawFit?, label: String, detail: String
    ) throws -> ForecastTable {
        let allocation = try optimizer.minimumBudget(targetLoss: target)
        let interval = try fit.map { try TargetBudgetInterval.make(optimizer: optimizer, fit: $0, target: target) }
        return try table([allocation], optimizer: optimizer, fit: fit, label: label, detail: detail, targetBudget: interval)
    }

    /// With `N` or `D` held fixed (exactly one of `parameters`, `tokens`): without budgets, the
    /// one budget at which the fixed quantity is compute-optimal; with budgets, the other
    /// quantity each budget then affords (``ComputeOptimizer/allocation(parameters:budget:)``).
    public enum Fixed {
        /// The compute-optimal allocation of the fixed quantity.
        case optimal(ComputeOptimalAllocation)
        /// The allocation at each budget.
        case atBudgets([FixedAllocation])
    }

    /// Allocations with `N` (`parameters`) or else `D` (`tokens`) held fixed; see ``OptimalQuestion/Fixed``.
    /// - Parameters:
    ///   - parameters: the fixed model size, or `nil`.
    ///   - tokens: the fixed training tokens, used when `parameters` is `nil`.
    ///   - budgets: the budgets in FLOP, possibly none.
    ///   - optimizer: the law, values and cost model.
    /// - Returns: the answer.
    /// - Throws: the optimizer's errors.
    public static func fixed(parameters: Double?, tokens: Double, budgets: [Double], optimizer: ComputeOptimizer) throws -> Fixed {
        guard !budgets.isEmpty else {
            return .optimal(try parameters.map { try optimizer.computeOptimal(parameters: $0) } ?? optimizer.computeOptimal(tokens: tokens))
        }
        return .atBudgets(try budgets.map { budget in
            try parameters.map { try optimizer.allocation(parameters: $0, budget: budget) } ?? optimizer.allocation(tokens: tokens, budget: budget)
        })
    }
}
