import Foundation
import Forecast

/// The benchmark-score columns of a forecast table (`Forecast/ForecastTable/scores`), kept
/// apart from the loss columns: empty when the table has no scores.
extension ForecastRenderer {
    static func scoreFields(_ table: ForecastTable) -> [(String, String)] {
        guard let scores = table.scores else { return [] }
        var interval = "none"
        if let level = scores.confidenceLevel, let method = scores.intervalMethod {
            interval = "\(intervalLabel(level)), \(method.label), score fit only (low/high: the mean curve; new low/high: a new model, on the logit scale inside [chance, 1])"
        }
        return [("score", "\(scores.law): \(scores.formula), at the \(scores.evaluatedAt) of each row; interval \(interval)")]
    }

    static func scoreHeader(_ table: ForecastTable) -> [String] {
        guard let scores = table.scores else { return [] }
        return scores.confidenceLevel == nil ? ["score"] : ["score", "score low", "score high", "new low", "new high"]
    }

    static func scoreCells(_ table: ForecastTable, row index: Int) -> [String] {
        guard let scores = table.scores, index < scores.rows.count else { return [] }
        let row = scores.rows[index]
        let cell = { (v: Double?) in NumberFormat.significant(v, digits: 4, placeholder: "-") }
        return scores.confidenceLevel == nil
            ? [cell(row.score)] : [cell(row.score), cell(row.lower), cell(row.upper), cell(row.predictionLower), cell(row.predictionUpper)]
    }

    static func scoreCSVHeader(_ table: ForecastTable) -> [String] {
        table.scores == nil ? [] : ["score_compute_flop", "score", "score_lower", "score_upper", "score_prediction_lower", "score_prediction_upper"]
    }

    static func scoreCSVCells(_ table: ForecastTable, row index: Int) -> [String] {
        guard let scores = table.scores, index < scores.rows.count else { return [] }
        let row = scores.rows[index]
        return [NumberFormat.exact(row.compute), NumberFormat.exact(row.score), NumberFormat.exact(row.lower), NumberFormat.exact(row.upper),
                NumberFormat.exact(row.predictionLower), NumberFormat.exact(row.predictionUpper)]
    }
}
