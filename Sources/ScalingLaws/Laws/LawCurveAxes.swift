/// Which input of a two-input law runs along the x axis of its curves and which one names the
/// curves (one curve per group of its values).
///
/// For most laws of two inputs the second input is the one that grows during training (`D`
/// for a loss law of `N` and `D`), so curves are drawn against it, one per model size. A law
/// whose inputs are ordered otherwise says so: the quality-quantity law of Goyal et al. 2024
/// takes samples seen first and pool size second, and its natural figure is error against
/// samples seen, one curve per pool.
public struct LawCurveAxes: Sendable, Equatable {
    /// The index (in the law's ``ScalingLaw/inputs``) of the input on the x axis.
    public let x: Int
    /// The index of the input whose values group the points into curves.
    public let group: Int

    /// Axes from input indices.
    /// - Parameters:
    ///   - x: the input on the x axis.
    ///   - group: the input that names the curves.
    public init(x: Int, group: Int) {
        self.x = x
        self.group = group
    }

    /// The default for a law of `inputCount` inputs: the only input of a one-input law; for
    /// more, the second input along x and the first as the group.
    /// - Parameter inputCount: the number of the law's inputs.
    /// - Returns: the axes.
    public static func standard(inputCount: Int) -> LawCurveAxes {
        inputCount == 1 ? LawCurveAxes(x: 0, group: 0) : LawCurveAxes(x: 1, group: 0)
    }
}
