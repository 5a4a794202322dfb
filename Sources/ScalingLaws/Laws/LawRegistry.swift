/// The catalog of built-in laws, by command-line name.
public enum LawRegistry {
    /// Every built-in law, in catalog order.
    public static let all: [any ScalingLaw] = [
        ChinchillaLaw(),
    ]

    /// The law named `name` (case-insensitive), or `nil`.
    public static func law(named name: String) -> (any ScalingLaw)? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The catalog names.
    public static var names: [String] { all.map(\.name) }
}
