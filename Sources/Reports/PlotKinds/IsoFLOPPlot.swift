import Foundation
import Forecast
import ScalingLaws

/// `--kind isoflop`: loss against model size for runs grouped by training compute
/// `C = 6ND` (``PlotGrouping/byGaps(_:gap:maxGroups:maxSpan:)``: a new group wherever the sorted
/// budgets jump by more than 0.1 decade; equal-width bins in log C when the runs are not on a
/// few budgets), with the fitted law along each group's iso-FLOP curve,
///
/// ```
/// L_C(N) = L(N, C/(6N))      C = the group's geometric-mean budget
/// ```
/// and a star at the law's minimum on that curve (`Forecast/ComputeOptimizer`). Needs a law
/// of (N, D).
///
/// This draws the law's valleys; it fits nothing per budget. An iso-FLOP analysis (parabola
/// minima per budget) can add its own series to the returned figure.
public enum IsoFLOPPlot {
    /// The iso-FLOP valleys described above.
    /// - Parameter input: The fit, its law (of N and D) and its data.
    /// - Returns: The figure.
    /// - Throws: `PlotError.notApplicable` for a law not of N and D, `PlotError.nothingToDraw`
    ///   when no run has positive N and D.
    public static func figure(_ input: PlotInput) throws -> Figure {
        guard input.isNDLaw else {
            throw PlotError.notApplicable(
                kind: .isoflop, law: input.law.name, needs: "a law of N and D",
                has: "takes \(input.roles.joined(separator: ", "))")
        }
        let (n, d, loss) = (input.inputs[0], input.inputs[1], input.response)
        let budgets = zip(n, d).map { 6 * $0 * $1 }
        let groups = PlotGrouping.byGaps(budgets)
        guard !groups.isEmpty else { throw PlotError.nothingToDraw(kind: .isoflop, reason: "no run with positive N and D") }
        var figure = Figure(
            title: "Iso-FLOP profiles: \(input.responseName) vs model size at fixed compute",
            subtitle: input.subtitle,
            x: PlotAxis(label: PlotInput.axisLabel(input.law.inputs[0]), scale: .log, tickStyle: .human),
            y: PlotAxis(label: PlotInput.axisLabel(input.responseVariable), scale: PlotScales.scale(for: loss, ratio: 10)))
        let optimizer = try? ComputeOptimizer(law: input.law, parameters: input.fit.values)
        var minima: ([Double], [Double]) = ([], [])
        for (k, group) in groups.enumerated() {
            let color = PlotColor.series(k)
            let c = group.value
            figure.series.append(.scatter(
                "C ≈ \(TickLabelStyle.superscript.label(c, ticks: AxisTicks(major: [], minor: [], step: 1), scale: .log)) FLOP",
                x: group.rows.map { n[$0] }, y: group.rows.map { loss[$0] }, color: color, marker: PlotColor.marker(k)))
            let groupN = group.rows.map { n[$0] }
            guard let lo = groupN.min(), let hi = groupN.max() else { continue }
            let grid = PlotScales.grid(lo / 2, hi * 2, count: 80, scale: .log)
            figure.series.append(.line(nil, x: grid, y: grid.map { input.law.evaluate([$0, c / (6 * $0)], input.fit.values) }, color: color))
            if let allocation = try? optimizer?.allocation(budget: c) {
                minima.0.append(allocation.parameters)
                minima.1.append(allocation.loss)
            }
        }
        if !minima.0.isEmpty {
            figure.series.append(.scatter("law's optimum N_opt(C)", x: minima.0, y: minima.1, color: .black, marker: .star))
        }
        let widest = groups.map { g in
            let cs = g.rows.map { budgets[$0] }
            return log10(cs.max() ?? 1) - log10(cs.min() ?? 1)
        }.max() ?? 0
        figure.notes.append(
            "Groups of C = 6ND, widest \(NumberFormat.fixed(widest, decimals: 2)) decade. Lines: the fitted law at D = C/(6N) for the group's mean C.")
        return figure
    }
}
