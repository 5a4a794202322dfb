import Foundation
import ScalingLaws

/// One row of a forecast: the compute-optimal allocation of a budget and the predicted loss,
/// with the confidence interval of the mean curve when the law comes from a fit with a
/// covariance.
public struct ForecastRow: Sendable, Equatable, Codable {
    /// The compute-optimal allocation of the row's budget.
    public let allocation: ComputeOptimalAllocation
    /// Standard error of the predicted mean loss (delta method), or `nil`.
    public let standardError: Double?
    /// Confidence interval of the mean curve at the fit's level, or `nil`.
    public let lower: Double?
    /// Upper end of the confidence interval of the mean curve, or `nil`.
    public let upper: Double?
    /// Prediction interval of a new run at the optimum (mean-curve uncertainty plus the fit's
    /// residual scatter, in log space for log-space objectives), or `nil`.
    public var predictionLower: Double? = nil
    /// Upper end of the prediction interval of a new run, or `nil`.
    public var predictionUpper: Double? = nil

    /// The budget `C` in FLOP.
    public var budget: Double { allocation.budget }
    /// `N_opt`, parameters.
    public var parameters: Double { allocation.parameters }
    /// `D_opt`, tokens.
    public var tokens: Double { allocation.tokens }
    /// `D_opt/N_opt`.
    public var tokensPerParameter: Double { allocation.tokensPerParameter }
    /// The predicted loss at the optimum.
    public var loss: Double { allocation.loss }

    /// A row.
    /// - Parameters:
    ///   - allocation: The compute-optimal allocation.
    ///   - standardError: Standard error of the predicted mean loss, or `nil`.
    ///   - lower: Lower end of the interval of the mean curve, or `nil`.
    ///   - upper: Upper end of the interval of the mean curve, or `nil`.
    public init(allocation: ComputeOptimalAllocation, standardError: Double? = nil, lower: Double? = nil, upper: Double? = nil) {
        self.allocation = allocation
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
    }
}

/// A forecast over several budgets: `N_opt`, `D_opt`, `D/N` and the predicted loss for each,
/// with the law, its source and the cost model it was made under.
///
/// The interval is that of the *mean curve* at the optimum (`ScalingLaws/LawFit/predict(_:)`,
/// delta method on the fit's covariance): it reflects the uncertainty of the fitted
/// parameters in the loss at the chosen `(N_opt, D_opt)`, not the uncertainty of where the
/// optimum lies, and not the scatter of individual runs.
public struct ForecastTable: Sendable, Equatable {
    /// `preset epoch2024` or `fit fit.json`.
    public let label: String
    /// A sentence about the source.
    public let detail: String
    /// The catalog name of the law.
    public let law: String
    /// The law's formula.
    public let formula: String
    /// The unit of the predicted response (`nats/token`).
    public let responseUnit: String
    /// The cost model's formula (`C = 6ND`).
    public let cost: String
    /// The level of the loss intervals, when there are any.
    public let confidenceLevel: Double?
    /// One row per budget, in the order given.
    public let rows: [ForecastRow]
    /// Predicted benchmark scores beside the losses (``withScores(scoreFit:lossLaw:)``), or `nil`.
    public var scores: ForecastScoreColumn? = nil
    /// Training time and cost of each row on one kind of hardware, when asked for
    /// (``pricing(on:chips:mfu:model:)``).
    public var trainingCost: ForecastTrainingCost? = nil
    /// How the loss intervals were made: `delta method`, or `bootstrap percentiles (N draws)`
    /// when the fit stores bootstrap draws.
    public var intervalMethod: String? = nil
    /// For a target-loss question, the interval of the budget that reaches it (the answer);
    /// the rows then carry no loss interval (the loss is the target).
    public var targetBudget: TargetBudgetInterval? = nil
    /// Notes about the law's allocation (``AllocationNote``), printed after the fields.
    public var notes: [AllocationNote] = []

    /// A forecast table.
    /// - Parameters:
    ///   - label: `preset epoch2024` or `fit fit.json`.
    ///   - detail: A sentence about the source.
    ///   - law: The catalog name of the law.
    ///   - formula: The law's formula.
    ///   - responseUnit: The unit of the predicted response.
    ///   - cost: The cost model's formula.
    ///   - confidenceLevel: The level of the loss intervals, or `nil`.
    ///   - rows: One row per budget.
    public init(label: String, detail: String, law: String, formula: String, responseUnit: String, cost: String, confidenceLevel: Double?, rows: [ForecastRow]) {
        self.label = label
        self.detail = detail
        self.law = law
        self.formula = formula
        self.responseUnit = responseUnit
        self.cost = cost
        self.confidenceLevel = confidenceLevel
        self.rows = rows
    }

    /// Forecasts each budget with `optimizer`. With `fit` (whose law and values the optimizer
    /// should use) each loss carries the confidence interval of the mean curve and the
    /// prediction interval of a new run: from the fit's bootstrap draws when it stores them
    /// (`ScalingLaws/LawFit/bootstrapPrediction(_:)`), else from the delta method.
    /// - Throws: the errors of ``ComputeOptimizer/allocation(budget:)`` and of
    ///   `ScalingLaws/LawFit/predict(_:)`.
    public static func make(
        optimizer: ComputeOptimizer, budgets: [Double], fit: LawFit? = nil, label: String, detail: String
    ) throws -> ForecastTable {
        var rows: [ForecastRow] = []
        for budget in budgets {
            let allocation = try optimizer.allocation(budget: budget)
            guard let fit else {
                rows.append(ForecastRow(allocation: allocation))
                continue
            }
            let x = [allocation.parameters, allocation.tokens]
            let prediction = try fit.predict(x)
            var row: ForecastRow
            if let boot = try fit.bootstrapPrediction(x) {
                // Percentiles of the bootstrap draws at this allocation.
                row = ForecastRow(allocation: allocation, standardError: prediction.standardError,
                                  lower: boot.confidence.lower, upper: boot.confidence.upper)
                row.predictionLower = boot.prediction.lower
                row.predictionUpper = boot.prediction.upper
            } else {
                row = ForecastRow(allocation: allocation, standardError: prediction.standardError,
                                  lower: prediction.lower, upper: prediction.upper)
                row.predictionLower = prediction.predictionLower
                row.predictionUpper = prediction.predictionUpper
            }
            rows.append(row)
        }
        let hasIntervals = rows.contains { $0.lower != nil }
        var table = ForecastTable(
            label: label, detail: detail, law: optimizer.law.name, formula: optimizer.law.formula,
            responseUnit: optimizer.law.response.unit, cost: optimizer.cost.description,
            confidenceLevel: hasIntervals ? (fit?.bootstrap?.confidenceLevel ?? fit?.confidenceLevel) : nil, rows: rows)
        if hasIntervals, let fit {
            table.intervalMethod = fit.bootstrap.map { "bootstrap percentiles, \($0.draws.count) draws" } ?? "delta method"
        }
        return table
    }
}
