/// The catalog of built-in laws, by command-line name.
public enum LawRegistry {
    /// Every built-in law, in catalog order.
    public static let all: [any ScalingLaw] = [
        ChinchillaLaw(),
        DataConstrainedLaw(),
        QQTLaw(),
        UTDDataEfficiencyLaw(),
        UTDDataEfficiencySigma0Law(),
        SigmoidLaw(),
        SigmoidOffsetLaw(),
        ClippedLinearLaw(),
        LossToAccuracyLaw(),
        ExponentialTrendLaw(),
        KaplanSingleLaw.parameters,
        KaplanSingleLaw.tokens,
        KaplanSingleLaw.compute,
        KaplanJointLaw(),
        KaplanStepsLaw(),
        PowerLaw(),
        PowerLawFloor(),
        BrokenPowerLaw(breaks: 1),
        BrokenPowerLaw(breaks: 2),
        M4Law(),
        LRAnnealingLaw(),
        MultiPowerLaw(),
    ]

    /// The law named `name` (case-insensitive), or `nil`.
    public static func law(named name: String) -> (any ScalingLaw)? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The catalog names.
    public static var names: [String] { all.map(\.name) }

    /// The catalog name nearest to a misspelt `name`, or `nil` when none is close.
    public static func nearestName(to name: String) -> String? {
        ColumnLookup.nearest(to: name, in: names)
    }
}
