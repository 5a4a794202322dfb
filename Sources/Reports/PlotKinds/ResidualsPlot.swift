import Foundation
import ScalingLaws

/// `--kind residuals`: the fit's residuals against training compute (`C = 6ND` for laws of N
/// and D; the `C` input, else the first input, for other laws), in the space the fit minimised
/// (`ln(y/ŷ)` for log-space objectives), coloured by group of the first input for laws of two or
/// more inputs, with the zero line.
public enum ResidualsPlot {
    /// The residuals figure described above.
    /// - Parameter input: The fit, its law and its data.
    /// - Returns: The figure.
    /// - Throws: `PlotError.nothingToDraw` when no residual is finite.
    public static func figure(_ input: PlotInput) throws -> Figure {
        let (x, xLabel) = input.computeAxis
        let residuals = input.residuals
        guard residuals.contains(where: \.isFinite) else {
            throw PlotError.nothingToDraw(kind: .residuals, reason: "no finite residual")
        }
        let logSpace = input.fit.objective.isLogSpace
        let response = input.responseVariable
        let yLabel = logSpace
            ? "log residual ln(\(response.symbol)/\(response.symbol)̂)"
            : "residual \(response.symbol) − \(response.symbol)̂" + (response.unit.isEmpty ? "" : " (\(response.unit))")
        var figure = Figure(
            title: "Residuals of the \(input.fit.law) fit",
            subtitle: input.subtitle,
            x: PlotAxis(label: xLabel, scale: PlotScales.scale(for: x)),
            y: PlotAxis(label: yLabel))
        figure.series.append(.horizontalRule(nil, y: 0))
        if input.law.inputs.count >= 2 {
            let groupVariable = input.law.inputs[0]
            for (k, group) in PlotGrouping.byValue(input.inputs[0]).enumerated() {
                figure.series.append(.scatter(
                    "\(groupVariable.symbol) ≈ \(CurvesPlot.valueText(group.value, unit: groupVariable.unit))",
                    x: group.rows.map { x[$0] }, y: group.rows.map { residuals[$0] }, color: PlotColor.series(k), marker: PlotColor.marker(k)))
            }
        } else {
            figure.series.append(.scatter("runs (\(residuals.count))", x: x, y: residuals, color: PlotColor.series(0)))
        }
        let rms = input.residualScatter.map { NumberFormat.significant($0, digits: 4) } ?? "n/a"
        figure.notes.append("Objective: \(input.fit.objective). Residual standard deviation s = \(rms)\(logSpace ? " (log units)" : "").")
        return figure
    }
}
