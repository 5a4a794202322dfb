/// The sub-field a law belongs to, which decides what a researcher of that field expects to see
/// first: the natural figure of a fit (`plot FIT.json` without `--kind`) and the domain of the
/// response (bands of a benchmark score stay inside [0, 1]).
///
/// A law states its family in its description (``ScalingLaw/family``), so the figure a command
/// draws follows from the law rather than from checks of its type.
public enum LawFamily: String, Sendable, Equatable, CaseIterable, Codable {
    /// Pre-training loss against model size, data or compute (Kaplan et al. 2020, Hoffmann et
    /// al. 2022, Muennighoff et al. 2023, the power-law family and user formulas).
    case lossScaling = "loss-scaling"
    /// Error against samples seen per data pool (Goyal et al. 2024, quality-quantity trade-off).
    case dataFiltering = "data-filtering"
    /// Value-based deep RL: data and compute against the updates-to-data ratio (Rybkin et al.
    /// 2025).
    case reinforcementLearning = "reinforcement-learning"
    /// Downstream benchmark scores or accuracy against compute or loss (Owen 2024, Ruan et al.
    /// 2024, Gadre et al. 2024): scores live in [0, 1] above a chance floor.
    case benchmark
    /// Training cost against time (Cottier et al. 2024).
    case costTrend = "cost-trend"
    /// A whole loss curve against the learning-rate schedule (Tissue et al. 2024, Luo et al.
    /// 2025).
    case lossCurve = "loss-curve"

    /// The interval the response of this family's laws lives in, or `nil` when it is only
    /// positive or unbounded: benchmark scores and accuracies are fractions, so a band drawn
    /// around them is clipped to [0, 1].
    public var responseDomain: ClosedRange<Double>? {
        self == .benchmark ? 0...1 : nil
    }
}
