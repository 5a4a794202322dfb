/// The floor of a benchmark law's response: the score it tends to for small models or high
/// loss (chance, or the fitted score of small models), drawn as a dashed line in figures.
public struct LawResponseFloor: Sendable, Equatable {
    /// The floor in the response's units.
    public let value: Double
    /// What the floor is, for a legend (`chance (normalised score 0)`).
    public let label: String

    /// A floor.
    /// - Parameters:
    ///   - value: the floor in the response's units.
    ///   - label: what it is.
    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}
