import Foundation
import ScalingLaws

/// `--kind loss-curve`: observed loss curves against a curve law's predictions, one colour per
/// run or planned schedule.
///
/// Each run draws its logged losses as a thin line, its predicted curve dashed, and the
/// prediction interval as a band (`CurvePrediction`: the held-out-end calibrated interval when
/// the fit carries a model error, else the delta method's). A planned schedule has a prediction
/// and its band only. The x axis is the training step (log-scaled with `logX`), the y axis the
/// logged metric with its unit when its name states one.
public enum LossCurvePlot {
    /// One curve to draw: a logged run (predictions with observed losses) or a planned schedule.
    public struct Target: Sendable, Equatable {
        /// The legend name (the run, or the schedule's specification).
        public let name: String
        /// The predictions at the steps drawn, with the observed losses where logged.
        public let predictions: [CurvePrediction]

        /// Creates a target.
        ///
        /// - Parameters:
        ///   - name: The legend name.
        ///   - predictions: The predictions, in step order.
        public init(name: String, predictions: [CurvePrediction]) {
            self.name = name
            self.predictions = predictions
        }
    }

    /// The figure.
    ///
    /// - Parameters:
    ///   - fit: The curve fit predicted from.
    ///   - targets: The runs and schedules, one colour each.
    ///   - metric: The loss column (the y axis).
    ///   - logX: Draw the steps on a log axis.
    /// - Returns: The figure: per target a band (when the predictions have intervals), a dashed
    ///   predicted line and, for a logged run, a thin observed line.
    /// - Throws: ``PlotError/nothingToDraw(kind:reason:)`` when no target has a step to draw.
    public static func figure(fit: CurveFit, targets: [Target], metric: String, logX: Bool = false) throws -> Figure {
        let drawn = targets.filter { !$0.predictions.isEmpty }
        guard !drawn.isEmpty else { throw PlotError.nothingToDraw(kind: .lossCurve, reason: "no step to predict (give --curve LOG or --schedule SPEC)") }
        let unit = RecordedVariable.unit(ofColumn: metric) ?? (metric.lowercased().hasSuffix("crossentropyloss") ? "nats/token" : nil)
        let yLabel = unit.map { $0.isEmpty ? metric : "\(metric) (\($0))" } ?? metric
        let level = Int((fit.fit.confidenceLevel * 100).rounded())
        var figure = Figure(
            title: "Loss curves: observed and predicted by \(fit.law.name)",
            subtitle: "fitted on \(fit.runs.joined(separator: ", ")) (\(fit.points) points)",
            x: PlotAxis(label: "step", scale: logX ? .log : .linear, tickStyle: .human),
            y: PlotAxis(label: yLabel, scale: .linear))
        for (k, target) in drawn.enumerated() {
            let color = PlotColor.series(k)
            let steps = target.predictions.map { Double($0.step) }
            let lower = target.predictions.map { $0.predictionLower ?? .nan }
            let upper = target.predictions.map { $0.predictionUpper ?? .nan }
            if lower.contains(where: \.isFinite) {
                figure.series.append(.band(nil, x: steps, lower: lower, upper: upper, color: color, opacity: 0.18))
            }
            let observed = target.predictions.filter { $0.observed != nil }
            if !observed.isEmpty {
                figure.series.append(.line("\(target.name) observed", x: observed.map { Double($0.step) }, y: observed.map { $0.observed ?? .nan },
                                           color: color, width: 1))
            }
            figure.series.append(.line("\(target.name) predicted", x: steps, y: target.predictions.map(\.predicted), color: color,
                                       style: .dashed, width: 2))
        }
        figure.notes.append("Thin lines: logged losses; dashed: the law's prediction from the schedule.")
        figure.notes.append("Bands: the \(level)% prediction interval (\(fit.modelError == nil ? "delta method" : "held-out-end calibrated")).")
        return figure
    }
}
