/// The figures `scaling-laws plot --kind` draws.
public enum PlotKind: String, Sendable, Equatable, CaseIterable, Codable {
    /// Response against the last input, one colour per group of the first input, with the
    /// fitted law's curve for each group.
    case curves
    /// Residuals of the fit against training compute (or the law's input).
    case residuals
    /// Loss against N for runs grouped by compute budget, with the law's curve per budget.
    case isoflop
    /// Iso-FLOP minima N* against compute with the fitted N* ∝ C^a (and Approach 3's N_opt(C)).
    case isoflopFrontier = "isoflop-frontier"
    /// The compute-optimal frontier: N_opt(C) and D_opt(C), with the best run of each budget.
    case frontier
    /// Forecast fan: the law's prediction beyond the data with confidence and prediction bands.
    case forecast
    /// The data–compute Pareto frontier of value-based RL (Rybkin et al. 2025).
    case pareto
    /// A cost trend in time on a log axis, with the fitted line and interval bands.
    case trend
    /// Observed loss curves against a curve law's predictions with prediction bands
    /// (``LossCurvePlot``; needs a curve fit, 'curve fit --output').
    case lossCurve = "loss-curve"
    /// Data filtering: error against samples seen per pool and top-k% mixture, with the
    /// crossover budgets (Goyal et al. 2024), from a joint qqt fit (``FilteringPlot``).
    case filtering

    /// One line for help texts.
    public var summary: String {
        switch self {
        case .curves: return "response vs the last input, one curve per group of the first input"
        case .residuals: return "residuals vs training compute"
        case .isoflop: return "loss vs N per compute budget: fitted profiles and N* when the data have budgets, else the law's curves"
        case .isoflopFrontier: return "iso-FLOP N* vs compute with N* ∝ C^a (needs budgets)"
        case .frontier: return "N_opt and D_opt vs compute (needs a law of N and D)"
        case .forecast: return "prediction with confidence and prediction bands beyond the data"
        case .pareto: return "RL data-compute Pareto frontier (needs utd-data)"
        case .trend: return "cost vs date on a log axis with trend and bands (needs exponential-trend or dates and costs)"
        case .lossCurve: return "logged loss curves vs a curve law's predictions with bands (needs a 'curve fit' artifact; draws --curve logs and --schedule specifications, else the fit's own logs)"
        case .filtering: return "error vs samples seen per data pool and top-k% mixture, crossovers marked (needs a joint qqt fit)"
        }
    }
}
