import Foundation
import ScalingLaws

/// `--kind curves`: the data and the fitted law.
///
/// - One input: response against the input, points and the law's curve.
/// - Two inputs (e.g. loss against D per model size N): one colour per group of one input
///   (``PlotGrouping/byValue(_:maxDistinct:bins:)``), points against the other, and the law's
///   curve at the group's representative value over the other input's range. Which input is
///   which is the law's `curveAxes`: the second along x and the first as groups for most laws;
///   samples seen along x and one curve per pool for the data-filtering law.
/// - Benchmark laws: the response's floor (chance) as a dashed line.
/// - More inputs: the points grouped the same way, without curves (the law needs values of the
///   other inputs a curve cannot hold fixed); a footnote says so.
public enum CurvesPlot {
    /// The figure described above.
    /// - Parameter input: The fit, its law and its data.
    /// - Returns: The figure.
    /// - Throws: `PlotError.nothingToDraw` when the data has no row or no finite value to place.
    public static func figure(_ input: PlotInput) throws -> Figure {
        let law = input.law
        let xs = input.inputs
        let y = input.response
        guard !xs.isEmpty, !y.isEmpty else { throw PlotError.nothingToDraw(kind: .curves, reason: "the data has no rows") }
        let axes = xs.count == 1 ? LawCurveAxes.standard(inputCount: 1) : law.curveAxes
        let xIndex = axes.x
        let xVariable = law.inputs[xIndex]
        let xScale = PlotScales.scale(for: xs[xIndex])
        let yScale = PlotScales.scale(for: y, ratio: 10)
        var figure = Figure(
            title: "\(input.responseVariable == law.response ? law.response.summary.capitalizedFirst : input.responseName) vs \(xVariable.summary)",
            subtitle: input.subtitle,
            x: PlotAxis(label: PlotInput.axisLabel(xVariable), scale: xScale, tickStyle: PlotScales.tickStyle(unit: xVariable.unit)),
            y: PlotAxis(label: PlotInput.axisLabel(input.responseVariable), scale: yScale))
        let finiteX = xs[xIndex].filter { xScale.transform($0) != nil }
        guard let lo = finiteX.min(), let hi = finiteX.max() else {
            throw PlotError.nothingToDraw(kind: .curves, reason: "no finite \(xVariable.role) value")
        }
        let grid = PlotScales.grid(lo, hi, count: 120, scale: xScale)
        if xs.count == 1 {
            figure.series.append(.line("fitted \(law.name)", x: grid, y: grid.map { law.evaluate([$0], input.fit.values) }, color: PlotColor.series(0)))
            figure.series.append(.scatter("runs (\(y.count))", x: xs[0], y: y, color: .black, hollow: true))
            if let floor = law.responseFloor(input.fit.values) { figure.series.append(.horizontalRule(floor.label, y: floor.value, color: .grey)) }
            return figure
        }
        let groupVariable = law.inputs[axes.group]
        let groups = PlotGrouping.byValue(xs[axes.group])
        if xs.count == 2, axes == .standard(inputCount: 2), !input.runs.isEmpty {
            figure.series += runCurves(input.runs, groups: groups, from: lo / 4, below: (y.max() ?? .infinity) + 0.1 * ((y.max() ?? 0) - (y.min() ?? 0)))
        }
        for (k, group) in groups.enumerated() {
            let color = PlotColor.series(k)
            let name = "\(groupVariable.symbol) ≈ \(valueText(group.value, unit: groupVariable.unit))"
            figure.series.append(.scatter(name, x: group.rows.map { xs[xIndex][$0] }, y: group.rows.map { y[$0] }, color: color, marker: PlotColor.marker(k)))
            if xs.count == 2 {
                var point = [0.0, 0.0]
                point[axes.group] = group.value
                let curve = grid.map { v -> Double in
                    point[xIndex] = v
                    return law.evaluate(point, input.fit.values)
                }
                figure.series.append(.line(nil, x: grid, y: curve, color: color))
            }
        }
        if xs.count == 2, input.runs.contains(where: { $0.curve != nil }) {
            figure.notes.append("Lines: the fitted law at each group's geometric-mean \(groupVariable.symbol); points: the runs; dotted: their logged curves.")
        } else if xs.count == 2 {
            figure.notes.append("Lines: the fitted law at each group's geometric-mean \(groupVariable.symbol); points: the runs.")
        } else {
            let others = law.inputs.dropFirst(2).map(\.role).joined(separator: ", ")
            figure.notes.append("No curves: the law also depends on \(others), which varies within a group.")
        }
        return figure
    }

    /// Each run's logged curve from `from` tokens on and where the metric is below `ceiling` (so
    /// the early, high losses do not stretch the axes of the points), dotted, in the colour of
    /// the group holding its N.
    static func runCurves(_ runs: [LadderRun], groups: [PlotGroup], from lo: Double, below ceiling: Double) -> [PlotSeries] {
        runs.compactMap { run -> PlotSeries? in
            guard let curve = run.curve else { return nil }
            let kept = curve.tokens.indices.filter { curve.tokens[$0] >= lo && curve.values[$0] <= ceiling }
            guard kept.count >= 2 else { return nil }
            let k = groups.indices.min { abs(log(groups[$0].value / run.parameters)) < abs(log(groups[$1].value / run.parameters)) } ?? 0
            return .line(nil, x: kept.map { curve.tokens[$0] }, y: kept.map { curve.values[$0] }, color: PlotColor.series(k), style: .dotted, width: 1)
        }
    }

    /// `350M` for counts, 4 significant digits otherwise.
    static func valueText(_ v: Double, unit: String) -> String {
        ["parameters", "tokens", "params", "samples"].contains(unit) ? NumberFormat.human(v) : NumberFormat.significant(v, digits: 4)
    }
}

extension String {
    /// The string with its first character upper-cased.
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
