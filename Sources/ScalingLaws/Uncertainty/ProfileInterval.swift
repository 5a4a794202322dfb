/// The profile-likelihood interval of one law parameter
/// (``ProfileLikelihood/intervals(law:data:fit:fitOptions:options:)``), in the law's units.
public struct ProfileInterval: Sendable, Codable, Equatable {
    /// How one end of the interval was settled.
    public enum End: String, Sendable, Codable, Equatable {
        /// The scaled objective crossed the threshold: the end is a root.
        case found
        /// The parameter's bound was reached before the threshold: the interval is open there
        /// and the end is the bound.
        case bound
        /// The threshold was not reached within the step limit: the end is unknown (`nil`).
        case notReached = "not reached"
    }

    /// One evaluated point of the profile: the parameter held at `value` (law units), the
    /// others refitted, and the scaled objective rise `statistic` there.
    public struct Point: Sendable, Codable, Equatable {
        /// The value the parameter was held at, in the law's units.
        public let value: Double
        /// The scaled objective rise `2ΔΦ/s²` there (0 at the estimate).
        public let statistic: Double
    }

    /// The parameter's name.
    public let name: String
    /// The full-data estimate.
    public let estimate: Double
    /// The lower end: the value where the scaled rise reaches the threshold (or the bound, when
    /// ``lowerEnd`` is `bound`); `nil` when not reached.
    public let lower: Double?
    /// The upper end, as ``lower``.
    public let upper: Double?
    /// How the lower end was settled.
    public let lowerEnd: End
    /// How the upper end was settled.
    public let upperEnd: End
    /// Every evaluated point, sorted by value (the estimate itself at statistic 0 included).
    public let points: [Point]
    /// Constrained refits made.
    public let refits: Int

    /// `(upper − estimate)/(estimate − lower)`: 1 for a symmetric interval; `nil` when an end
    /// is unknown or the interval has no width below the estimate.
    public var asymmetry: Double? {
        guard let lower, let upper, estimate > lower else { return nil }
        return (upper - estimate) / (estimate - lower)
    }
}

/// Profile-likelihood intervals of a fit with how they were calibrated.
public struct ProfileLikelihoodResult: Sendable, Codable, Equatable {
    /// The settings the intervals were computed with.
    public let options: ProfileLikelihoodOptions
    /// The threshold of the scaled objective rise (e.g. 3.841 for χ²₁ at 95%).
    public let threshold: Double
    /// The scale `s²`: the rise `2ΔΦ` is divided by it (`RSS/dof` for least squares; see ``ProfileLikelihood``).
    public let scale: Double
    /// One interval per profiled parameter, in the law's order.
    public let intervals: [ProfileInterval]
    /// Plain-language notes (a lower objective found off the optimum, refits that failed).
    public let notes: [String]

    /// The interval of parameter `name`.
    public func interval(_ name: String) -> ProfileInterval? {
        intervals.first { $0.name == name }
    }
}
