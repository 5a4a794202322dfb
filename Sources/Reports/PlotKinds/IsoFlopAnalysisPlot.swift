import Foundation
import Forecast
import ScalingLaws

/// An iso-FLOP analysis and the runs it was made from: what `--kind isoflop` (Approach 2) and
/// `--kind isoflop-frontier` draw. The analysis is run by the caller (Reports fits nothing).
public struct IsoFlopPlotInput: Sendable {
    /// The analysis: profiles per budget and the frontier.
    public let analysis: IsoFlopAnalysis
    /// The runs given to `Forecast/IsoFlopAnalysis/run(_:options:)`.
    public let runs: [IsoFlopRun]
    /// The data's name for subtitles (`data.csv (40 runs)`, `isoflop_points.csv (121 runs; config_id == '…')`).
    public let source: String

    /// An input.
    /// - Parameters:
    ///   - analysis: The analysis.
    ///   - runs: The runs it was made from.
    ///   - source: The data's name for subtitles.
    public init(analysis: IsoFlopAnalysis, runs: [IsoFlopRun], source: String) {
        self.analysis = analysis
        self.runs = runs
        self.source = source
    }

    /// Budgets with their runs and profiles, by increasing budget (the analysis' own grouping).
    var budgets: [(budget: Double, runs: [IsoFlopRun], profile: IsoFlopProfile)] {
        let groups = analysis.options.grouping.group(runs)
        return zip(groups, analysis.profiles).map { ($0.budget, $0.runs, $1) }
    }

    /// `C = 10¹⁸ FLOP`, `C = 1.25×10¹⁶ FLOP`.
    static func budgetText(_ c: Double) -> String {
        "C = " + TickLabelStyle.superscript.label(c, ticks: AxisTicks(major: [], minor: [], step: 1), scale: .log) + " FLOP"
    }

    var subtitle: String {
        let a = analysis
        return "\(a.options.shape.name) profile per budget — \(source): \(a.accepted.count) of \(a.profiles.count) budgets accepted"
    }

    /// `a = 0.4516 (95% CI 0.44–0.46)`.
    var exponentText: String {
        let law = analysis.parameterLaw
        var text = "a = \(NumberFormat.significant(law.exponent, digits: 4))"
        if let lo = law.exponentLower, let hi = law.exponentUpper {
            let level = NumberFormat.significant(law.confidenceLevel * 100, digits: 4)
            text += " (\(level)% CI \(NumberFormat.significant(lo, digits: 4))–\(NumberFormat.significant(hi, digits: 4)))"
        }
        return text
    }
}

/// `--kind isoflop` on data with budgets: Chinchilla Approach 2 (Hoffmann et al. 2022,
/// arXiv:2203.15556, §3.2) as `Forecast/IsoFlopAnalysis` computed it. Per budget: the runs,
/// the fitted profile of loss in `log N` (`Forecast/IsoFlopProfile/curve(runs:shape:count:)`:
/// parabola, cubic, Huber parabola or Akima interpolation) and its minimum
///
/// ```
/// N* = exp(x̄ + x*),   interval exp(x̄ + x* ± t·SE(x*))   (delta method, drawn as a horizontal bar)
/// ```
/// as a star. Refused budgets are drawn in grey (hollow points, dashed curve when one was
/// fitted), with the reason in a footnote.
public enum IsoFlopAnalysisPlot {
    /// The profiles figure.
    public static func profiles(_ input: IsoFlopPlotInput) -> Figure {
        let analysis = input.analysis
        let shape = analysis.options.shape
        let loss = input.runs.map(\.loss)
        var figure = Figure(
            title: "Iso-FLOP profiles (Approach 2): loss vs model size per budget",
            subtitle: input.subtitle,
            x: PlotAxis(label: "model size N (parameters)", scale: .log, tickStyle: .human),
            y: PlotAxis(label: "loss", scale: PlotScales.scale(for: loss, ratio: 10)))
        var stars: ([Double], [Double]) = ([], [])
        var refusedLabelled = false
        var accepted = 0
        for entry in input.budgets {
            let n = entry.runs.map(\.parameters), l = entry.runs.map(\.loss)
            let curve = entry.profile.curve(runs: entry.runs, shape: shape)
            guard let optimum = entry.profile.optimum else {
                figure.series.append(.scatter(
                    refusedLabelled ? nil : "refused budget (see notes)", x: n, y: l, color: .grey, hollow: true))
                refusedLabelled = true
                if let curve {
                    figure.series.append(.line(nil, x: curve.parameters, y: curve.loss, color: .grey, style: .dashed, width: 1))
                }
                continue
            }
            let color = PlotColor.series(accepted)
            figure.series.append(.scatter(
                IsoFlopPlotInput.budgetText(entry.budget), x: n, y: l, color: color, marker: PlotColor.marker(accepted)))
            if let curve {
                figure.series.append(.line(nil, x: curve.parameters, y: curve.loss, color: color))
            }
            if let lo = optimum.parametersLower, let hi = optimum.parametersUpper {
                figure.series.append(.line(nil, x: [lo, hi], y: [optimum.loss, optimum.loss], color: .black, width: 1.5))
            }
            stars.0.append(optimum.parameters)
            stars.1.append(optimum.loss)
            accepted += 1
        }
        if !stars.0.isEmpty {
            let level = NumberFormat.significant(analysis.options.confidenceLevel * 100, digits: 4)
            let hasBars = analysis.accepted.contains { $0.optimum?.parametersLower != nil }
            figure.series.append(.scatter(
                hasBars ? "N* (bar: \(level)% interval)" : "N* per budget", x: stars.0, y: stars.1,
                color: .black, marker: .star))
        }
        figure.notes.append("Curves: \(shape.description), \(analysis.options.grouping).")
        figure.notes.append("Fit over the accepted budgets: N* ∝ C^a, \(input.exponentText).")
        if shape == .interpolated {
            figure.notes.append("Interpolated profiles give no interval for N*.")
        } else {
            figure.notes.append("Bars: interval of N* (delta method on the profile coefficients, Student t).")
        }
        let reasons = analysis.profiles.compactMap(\.reason)
        for reason in reasons.prefix(3) { figure.notes.append("Refused \(reason).") }
        if reasons.count > 3 {
            figure.notes.append("… and \(reasons.count - 3) more refused budgets ('scaling-laws isoflop' lists every reason).")
        }
        return figure
    }

    /// `--kind isoflop-frontier`: `N*` against `C` on log-log axes, each with its interval as a
    /// vertical bar, the fitted `N* = k·C^a` (log-log least squares over the accepted budgets)
    /// and, when the analysis made the Approach-3 comparison, the parametric
    /// `N_opt(C) = G·(C/6)^(β/(α+β))` of the Chinchilla law fitted to the same runs
    /// (`Forecast/IsoFlopApproach3Comparison`).
    public static func frontier(_ input: IsoFlopPlotInput) -> Figure {
        let analysis = input.analysis
        let accepted = analysis.accepted
        var figure = Figure(
            title: "Iso-FLOP frontier: compute-optimal N* vs compute",
            subtitle: input.subtitle,
            x: PlotAxis(label: "compute budget C (FLOP)", scale: .log),
            y: PlotAxis(label: "compute-optimal model size N* (parameters)", scale: .log, tickStyle: .human))
        let budgets = accepted.map(\.budget)
        let lo = budgets.min() ?? 1, hi = budgets.max() ?? 1
        // Half a decade beyond the budgets on each side.
        let grid = PlotScales.grid(lo / pow(10, 0.5), hi * pow(10, 0.5), count: 40, scale: .log)
        let law = analysis.parameterLaw
        figure.series.append(.line("fit N* = k·C^a", x: grid, y: grid.map { law($0) }, color: PlotColor.series(0)))
        figure.notes.append("Line: log-log least squares over \(accepted.count) budgets, k = \(NumberFormat.significant(law.coefficient, digits: 4)), \(input.exponentText).")
        if let comparison = analysis.approach3 {
            let optimal = grid.map { ChinchillaLaw.computeOptimal(budget: $0, parameters: comparison.parameters).parameters }
            figure.series.append(.line("Approach 3 N_opt(C)", x: grid, y: optimal, color: PlotColor.series(1), style: .dashed))
            figure.notes.append("Dashed: N_opt(C) of the Chinchilla law fitted to the same runs (Approach 3), a3 = β/(α+β) = \(NumberFormat.significant(comparison.parametricExponent, digits: 4)).")
        }
        for profile in accepted {
            guard let optimum = profile.optimum, let lower = optimum.parametersLower, let upper = optimum.parametersUpper else { continue }
            figure.series.append(.line(nil, x: [profile.budget, profile.budget], y: [lower, upper], color: .black, width: 1.5))
        }
        figure.series.append(.scatter(
            "N* per budget (Approach 2)", x: budgets, y: accepted.compactMap { $0.optimum?.parameters }, color: .black, marker: .circle))
        if analysis.options.shape == .interpolated {
            figure.notes.append("Points: N* of the \(analysis.options.shape.name) profiles (no intervals).")
        } else {
            let level = NumberFormat.significant(analysis.options.confidenceLevel * 100, digits: 4)
            figure.notes.append("Points: N* of the \(analysis.options.shape.name) profiles; bars: \(level)% intervals (delta method).")
        }
        if let failure = analysis.approach3Failure { figure.notes.append("No Approach-3 line: \(failure).") }
        let refused = analysis.profiles.count - accepted.count
        if refused > 0 {
            figure.notes.append("\(refused) refused budget\(refused == 1 ? "" : "s") not shown (no bracketed minimum).")
        }
        return figure
    }
}
