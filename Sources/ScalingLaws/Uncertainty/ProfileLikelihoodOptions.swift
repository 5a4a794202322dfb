/// Settings of profile-likelihood intervals (``ProfileLikelihood/intervals(law:data:fit:fitOptions:options:)``).
public struct ProfileLikelihoodOptions: Sendable, Equatable, Codable {
    /// Which reference distribution sets the threshold of the scaled objective rise.
    public enum Calibration: String, Sendable, Equatable, Codable, CustomStringConvertible {
        /// `χ²₁` quantile at the level (3.841 at 95%): the likelihood-ratio interval with the
        /// scale treated as known. On a linear-Gaussian problem it equals `θ̂ ± z·SE`.
        case chiSquare = "chi-square"
        /// `F(1, dof)` quantile (= `t²_dof`): accounts for the estimated scale. On a
        /// linear-Gaussian problem it equals the exact Student-t interval `θ̂ ± t·SE`.
        case fisherF = "F"

        public var description: String {
            switch self {
            case .chiSquare: return "chi-square(1)"
            case .fisherF: return "F(1, dof)"
            }
        }
    }

    /// Level of the intervals, in (0, 1).
    public var confidenceLevel: Double = 0.95
    /// The reference distribution of the threshold (default `χ²₁`).
    public var calibration: Calibration = .chiSquare
    /// Law parameter names to profile; `nil` profiles every free parameter.
    public var parameters: [String]? = nil
    /// Most outward steps on each side before the interval is reported open.
    public var maxSteps: Int = 40
    /// Root accuracy: stop refining when the scaled objective is within this of the threshold.
    public var tolerance: Double = 1e-4

    /// 95% intervals, `χ²₁` calibration, every free parameter, at most 40 steps a side.
    public init() {}

    /// Settings with the given level, calibration and parameters; the rest as ``init()``.
    /// - Parameters:
    ///   - confidenceLevel: Level of the intervals, in (0, 1) (default 0.95).
    ///   - calibration: The reference distribution of the threshold (default `χ²₁`).
    ///   - parameters: Law parameter names to profile, or `nil` (default) for every free parameter.
    public init(confidenceLevel: Double = 0.95, calibration: Calibration = .chiSquare, parameters: [String]? = nil) {
        self.confidenceLevel = confidenceLevel
        self.calibration = calibration
        self.parameters = parameters
    }
}
