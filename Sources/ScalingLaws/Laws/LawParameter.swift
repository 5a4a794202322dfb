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
    public let lowerBound: Double
    public let upperBound: Double
    /// Whether the law is linear in this parameter (a coefficient that variable projection
    /// can solve exactly).
    public let isLinear: Bool
    /// Whether fits work with this (positive) parameter's logarithm, as Hoffmann et al. fit
    /// `a = log A`: better conditioned, and intervals stay positive.
    public let fitsInLogSpace: Bool

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
    public let symbol: String
    public let unit: String
    public let summary: String
    /// Whether values must be positive (power laws and log objectives need it).
    public let mustBePositive: Bool

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
