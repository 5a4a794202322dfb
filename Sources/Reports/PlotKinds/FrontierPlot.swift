import Foundation
import Forecast
import ScalingLaws

/// `--kind frontier`: the compute-optimal frontier of a law of (N, D) under `C = 6ND`,
///
/// ```
/// N_opt(C), D_opt(C) = argmin_{6ND = C} L(N, D)      (Hoffmann et al. 2022, eq. 2)
/// ```
/// found by `Forecast/ComputeOptimizer` over budgets from the smallest run's compute to
/// 10⁴ times the largest, with the data: for each compute group
/// (``PlotGrouping/byGaps(_:gap:maxGroups:maxSpan:)``) the run of lowest loss, its N and its D.
public enum FrontierPlot {
    /// The frontier described above.
    /// - Parameters:
    ///   - input: The fit, its law (of N and D) and its data.
    ///   - cost: The cost model the frontier is found under (default `6ND`).
    /// - Returns: The figure.
    /// - Throws: `PlotError.notApplicable` for a law not of N and D, `PlotError.nothingToDraw` when
    ///   no run or budget has an optimum to draw.
    public static func figure(_ input: PlotInput, cost: CostModel = .sixND) throws -> Figure {
        guard input.isNDLaw else {
            throw PlotError.notApplicable(
                kind: .frontier, law: input.law.name, needs: "a law of N and D (a compute-optimal split)",
                has: "takes \(input.roles.joined(separator: ", "))")
        }
        let optimizer = try ComputeOptimizer(law: input.law, parameters: input.fit.values, cost: cost)
        let (n, d, loss) = (input.inputs[0], input.inputs[1], input.response)
        let budgets = zip(n, d).map { 6 * $0 * $1 }
        let positive = budgets.filter { $0.isFinite && $0 > 0 }
        guard let lo = positive.min(), let hi = positive.max() else {
            throw PlotError.nothingToDraw(kind: .frontier, reason: "no run with positive N and D")
        }
        var cs: [Double] = [], nOpt: [Double] = [], dOpt: [Double] = []
        var failed = 0
        for c in PlotScales.grid(lo, hi * 1e4, count: 60, scale: .log) {
            guard let allocation = try? optimizer.allocation(budget: c) else {
                failed += 1
                continue
            }
            cs.append(c)
            nOpt.append(allocation.parameters)
            dOpt.append(allocation.tokens)
        }
        guard !cs.isEmpty else {
            throw PlotError.nothingToDraw(kind: .frontier, reason: "the law has no interior optimum at any budget from \(NumberFormat.significant(lo, digits: 3)) to \(NumberFormat.significant(hi * 1e4, digits: 3)) FLOP")
        }
        var figure = Figure(
            title: "Compute-optimal frontier: N_opt and D_opt vs compute",
            subtitle: input.subtitle,
            x: PlotAxis(label: "training compute C (FLOP), \(cost.description)", scale: .log),
            y: PlotAxis(label: "N_opt (parameters), D_opt (tokens)", scale: .log, tickStyle: .human))
        figure.series.append(.line("N_opt(C) from the law", x: cs, y: nOpt, color: PlotColor.series(0)))
        figure.series.append(.line("D_opt(C) from the law", x: cs, y: dOpt, color: PlotColor.series(1)))
        var bestC: [Double] = [], bestN: [Double] = [], bestD: [Double] = []
        for group in PlotGrouping.byGaps(budgets) {
            guard let best = group.rows.min(by: { loss[$0] < loss[$1] }) else { continue }
            bestC.append(budgets[best])
            bestN.append(n[best])
            bestD.append(d[best])
        }
        figure.series.append(.scatter("best run's N per budget", x: bestC, y: bestN, color: PlotColor.series(0), marker: .circle))
        figure.series.append(.scatter("best run's D per budget", x: bestC, y: bestD, color: PlotColor.series(1), marker: .square))
        figure.notes.append("Lines: numeric minimum of the fitted law along \(cost.description). Points: lowest-loss run of each compute group.")
        if failed > 0 {
            figure.notes.append("\(failed) of 60 budgets have no interior optimum within the search range and are left out.")
        }
        return figure
    }
}
