/// A parameter of a scaling law, as the catalog describes it.
public struct LawParameter: Sendable, Equatable, Hashable, Codable {
    /// The name used in files and on the command line (e.g. `alpha`).
    public let name: String
    /// The symbol printed in formulas and reports (e.g. `α`).
    public let symbol: String
    /// Units, or an empty string for a pure number.
    public let unit: String
    /// A one-line meaning.
    public let summary: String
    /// The lowest value a fit may take (`-infinity` when unbounded below).
    public let lowerBound: Double
    /// The highest value a fit may take (`+infinity` when unbounded above).
    public let upperBound: Double
    /// Whether the law is linear in this parameter (a coefficient that variable projection
    /// can solve exactly).
    public let isLinear: Bool
    /// Whether fits work with this (positive) parameter's logarithm, as Hoffmann et al. fit
    /// `a = log A`: better conditioned, and intervals stay positive.
    public let fitsInLogSpace: Bool

    /// A parameter as the catalog describes it.
    /// - Parameters:
    ///   - name: The name used in files and on the command line (e.g. `alpha`).
    ///   - symbol: The symbol printed in formulas (e.g. `α`).
    ///   - unit: Units, or empty for a pure number.
    ///   - summary: A one-line meaning.
    ///   - lowerBound: The lowest value a fit may take (default unbounded).
    ///   - upperBound: The highest value a fit may take (default unbounded).
    ///   - isLinear: Whether the law is linear in the parameter (default `false`).
    ///   - fitsInLogSpace: Whether fits vary the parameter's logarithm (default `false`).
    public init(
        _ name: String, symbol: String, unit: String = "", summary: String,
        lowerBound: Double = -.infinity, upperBound: Double = .infinity,
        isLinear: Bool = false, fitsInLogSpace: Bool = false
    ) {
        self.name = name
        self.symbol = symbol
        self.unit = unit
        self.summary = summary
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.isLinear = isLinear
        self.fitsInLogSpace = fitsInLogSpace
    }
}

/// An input or response variable of a law (a column role such as `N`, `D` or `loss`).
public struct LawVariable: Sendable, Equatable, Hashable, Codable {
    /// The role name columns are mapped to (`N`, `D`, `C`, `loss`, …).
    public let role: String
    /// The symbol printed in formulas (e.g. `N`).
    public let symbol: String
    /// The units (e.g. `parameters`, `tokens`, `FLOP`, `nats/token`).
    public let unit: String
    /// A one-line meaning.
    public let summary: String
    /// Whether values must be positive (power laws and log objectives need it).
    public let mustBePositive: Bool

    /// A variable of a law.
    /// - Parameters:
    ///   - role: The role name columns are mapped to (`N`, `D`, `C`, `loss`, …).
    ///   - symbol: The symbol printed in formulas.
    ///   - unit: The units.
    ///   - summary: A one-line meaning.
    ///   - mustBePositive: Whether values must be positive (default `true`).
    public init(_ role: String, symbol: String, unit: String, summary: String, mustBePositive: Bool = true) {
        self.role = role
        self.symbol = symbol
        self.unit = unit
        self.summary = summary
        self.mustBePositive = mustBePositive
    }
}

extension LawVariable {
    /// Model parameters `N` (total, including embeddings, unless a law says otherwise).
    public static let modelParameters = LawVariable("N", symbol: "N", unit: "parameters", summary: "model parameters")
    /// Training tokens `D`.
    public static let trainingTokens = LawVariable("D", symbol: "D", unit: "tokens", summary: "training tokens")
    /// Final training loss in nats per token.
    public static let trainingLoss = LawVariable("loss", symbol: "L", unit: "nats/token", summary: "final training loss")
}
