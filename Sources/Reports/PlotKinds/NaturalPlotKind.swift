import ScalingLaws

extension PlotKind {
    /// The figure a researcher of the law's field expects first, drawn by `plot FIT.json`
    /// when no `--kind` is given (`ScalingLaws/LawFamily`):
    ///
    /// | family | natural kind |
    /// |---|---|
    /// | loss scaling | `curves` (loss against D per model size; one-input laws against their input) |
    /// | data filtering | `curves` (error against samples seen, one curve per pool) |
    /// | reinforcement learning | `pareto` (the data–compute frontier) |
    /// | benchmark | `forecast` (score against log compute, bands clipped to [0, 1], chance line) |
    /// | cost trend | `trend` |
    /// | loss curve | `loss-curve` (the fitted runs' logs against the law) |
    ///
    /// - Parameter law: the fitted law.
    /// - Returns: the kind to draw.
    public static func natural(for law: any ScalingLaw) -> PlotKind {
        switch law.family {
        case .lossScaling, .dataFiltering: return .curves
        case .lossCurve: return .lossCurve
        case .reinforcementLearning: return .pareto
        case .benchmark: return law.inputs.count == 1 ? .forecast : .curves
        case .costTrend: return .trend
        }
    }
}
