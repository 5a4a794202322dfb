import Foundation
import ScalingLaws

/// `--kind pareto`: the data–compute Pareto frontier of value-based RL (Rybkin et al. 2025,
/// "Value-Based Deep RL Scales Predictably", arXiv:2502.04327) from a fit of `ScalingLaws/UTDDataEfficiencyLaw`:
///
/// ```
/// D_J(σ) = D_min + (β/σ)^α                 (the fit)
/// C_J(σ) = 10 · N · B̄(σ) · σ · D_J(σ)      (FLOP; N, B̄ from `setting`)
/// F(σ)   = C_J(σ) + δ · D_J(σ)             (budget), σ* = argmin F
/// ```
/// The frontier `{(D_J(σ), C_J(σ))}` is drawn over the σ range of the data; each run at
/// `(D_observed, 10·N·B̄(σ)·σ·D_observed)`; the budget-optimal point σ* with the iso-budget line
/// `C = F* − δ·D` through it. `setting` supplies the batch-size law, critic size and step cost
/// (default: the published Gym/SAC setting, `ScalingLaws/UTDBudget/gymJ800`).
public enum ParetoPlot {
    /// The data–compute Pareto figure described above.
    /// - Parameters:
    ///   - input: The UTD data-efficiency fit and its runs.
    ///   - setting: The batch-size law, critic size and step cost (default Gym/SAC at J = 800).
    /// - Returns: The figure.
    /// - Throws: `PlotError.notApplicable` for a law other than the UTD data-efficiency law (in
    ///   either form),
    ///   `PlotError.nothingToDraw` when σ has no spread.
    public static func figure(_ input: PlotInput, setting: UTDBudget = .gymJ800) throws -> Figure {
        // The budget reads the law's β form; a σ0-form fit converts exactly.
        let dataEfficiency: [Double]
        if input.law is UTDDataEfficiencyLaw {
            dataEfficiency = input.fit.values
        } else if input.law is UTDDataEfficiencySigma0Law {
            dataEfficiency = UTDDataEfficiencyLaw.betaForm(input.fit.values)
        } else {
            throw PlotError.notApplicable(
                kind: .pareto, law: input.law.name,
                needs: "a fit of 'utd-data' or 'utd-data-sigma0' (steps to a threshold vs UTD ratio σ)", has: "is another law")
        }
        var budget = setting
        budget.dataEfficiency = dataEfficiency
        let sigma = input.inputs[0], steps = input.response
        let positive = sigma.filter { $0.isFinite && $0 > 0 }
        guard let lo = positive.min(), let hi = positive.max(), hi > lo else {
            throw PlotError.nothingToDraw(kind: .pareto, reason: "the UTD ratios σ have no spread")
        }
        let frontier = budget.paretoFrontier(in: lo...hi, count: 80)
        var figure = Figure(
            title: "Data–compute Pareto frontier (value-based RL)",
            subtitle: input.subtitle,
            x: PlotAxis(label: "environment steps to reach J, D_J (steps)", scale: .log),
            y: PlotAxis(label: "compute to reach J, C_J (FLOP)", scale: .log))
        figure.series.append(.line("frontier (D_J(σ), C_J(σ))", x: frontier.map(\.steps), y: frontier.map(\.compute), color: PlotColor.series(0)))
        var runC: [Double] = []
        for (s, d) in zip(sigma, steps) {
            runC.append(10 * budget.criticParameters * budget.meanBatchSize(s) * s * d)
        }
        figure.series.append(.scatter("runs (\(steps.count))", x: steps, y: runC, color: .black, hollow: true))
        let optimum = budget.optimalSigma(in: lo...hi)
        let dStar = budget.steps(optimum.sigma), cStar = budget.compute(optimum.sigma)
        let dGrid = PlotScales.grid(frontier.map(\.steps).min() ?? dStar, frontier.map(\.steps).max() ?? dStar, count: 80, scale: .log)
        figure.series.append(.line(
            "iso-budget F = F*", x: dGrid, y: dGrid.map { optimum.budget - budget.stepCost * $0 }, color: PlotColor.series(1), style: .dashed, width: 1.5))
        figure.series.append(.scatter(
            "σ* = \(NumberFormat.significant(optimum.sigma, digits: 3))\(optimum.interior ? "" : " (edge)")",
            x: [dStar], y: [cStar], color: PlotColor.series(1), marker: .star))
        figure.notes.append("C_J = 10·N·B̄(σ)·σ·D_J with N = \(NumberFormat.significant(budget.criticParameters, digits: 3)), B̄ from the batch-size law; F = C_J + δ·D_J, δ = \(NumberFormat.significant(budget.stepCost, digits: 3)) FLOP/step.")
        figure.notes.append("σ* minimises F over the data's σ range \(NumberFormat.significant(lo, digits: 3))–\(NumberFormat.significant(hi, digits: 3)): F* = \(NumberFormat.significant(optimum.budget, digits: 4)) FLOP.")
        return figure
    }
}
