import Foundation
import ScalingLaws

/// A predicted benchmark score for each row of a ``ForecastTable``.
///
/// - A score law in compute (`sigmoid`, `sigmoid-offset`, `clipped-linear`) is evaluated at the
///   row's scaled compute `C_s(N_opt, D_opt)` (Owen 2024) when the table's loss law is
///   Chinchilla, else at the budget itself.
/// - A law of the loss (`loss-to-accuracy`, Bhagia et al. 2024 step 2) is evaluated at the
///   row's predicted loss.
///
/// Intervals come from the score fit alone (``BenchmarkForecaster``: bootstrap percentiles or
/// the delta method; for a law of the loss, the delta method at the predicted loss).
public struct ForecastScoreColumn: Sendable, Equatable, Codable {
    /// The score law's name and formula.
    public let law: String
    /// The score law's formula.
    public let formula: String
    /// What the score law was evaluated at: `scaled compute`, `budget` or `loss`.
    public let evaluatedAt: String
    /// How the score intervals were made (bootstrap percentiles or delta method), or `nil` without.
    public let intervalMethod: ForecastIntervalMethod?
    /// Level of the score intervals, or `nil` without.
    public let confidenceLevel: Double?
    /// One forecast per table row.
    public let rows: [ScoreForecast]
}

extension ForecastTable {
    /// This table with a score column from `scoreFit`.
    ///
    /// - Parameters:
    ///   - scoreFit: a fit of a score law in compute `C`, or of a law of the loss.
    ///   - lossLaw: the table's Chinchilla constants, to map `(N_opt, D_opt)` to scaled compute;
    ///     `nil` evaluates a compute law at the budget.
    /// - Throws: ``DecisionError/wrongInputs(law:inputs:needed:)`` for a law of other inputs;
    ///   the errors of ``BenchmarkForecaster``.
    public func withScores(scoreFit: LawFit, lossLaw: ChinchillaParameters?) throws -> ForecastTable {
        let law = try scoreFit.resolvedLaw()
        var column: ForecastScoreColumn
        if law.inputs.map(\.role) == ["loss"] {
            var scores: [ScoreForecast] = []
            for row in rows {
                let prediction = try scoreFit.predict([row.loss])
                scores.append(ScoreForecast(
                    parameters: row.parameters, tokens: row.tokens, loss: row.loss, compute: row.budget,
                    score: prediction.value, lower: prediction.lower, upper: prediction.upper,
                    predictionLower: prediction.predictionLower, predictionUpper: prediction.predictionUpper))
            }
            let hasIntervals = scores.contains { $0.lower != nil }
            column = ForecastScoreColumn(
                law: law.name, formula: law.formula, evaluatedAt: "loss", intervalMethod: hasIntervals ? .deltaMethod : nil,
                confidenceLevel: hasIntervals ? scoreFit.confidenceLevel : nil, rows: scores)
        } else {
            let forecaster = try BenchmarkForecaster(law: law, values: scoreFit.values, fit: scoreFit, lossLaw: lossLaw)
            var scores: [ScoreForecast] = []
            for row in rows {
                scores.append(lossLaw == nil
                    ? try forecaster.score(compute: row.budget)
                    : try forecaster.score(parameters: row.parameters, tokens: row.tokens))
            }
            column = ForecastScoreColumn(
                law: law.name, formula: law.formula, evaluatedAt: lossLaw == nil ? "budget" : "scaled compute",
                intervalMethod: forecaster.intervalMethod, confidenceLevel: forecaster.confidenceLevel, rows: scores)
        }
        var copy = self
        copy.scores = column
        return copy
    }
}
