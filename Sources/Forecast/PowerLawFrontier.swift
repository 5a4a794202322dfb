import Foundation
import ScalingLaws

/// A compute-optimal frontier given directly as power laws of compute, the form an iso-FLOP
/// analysis produces (Hoffmann et al. 2022, Approach 2; Liang et al. 2024):
///
/// ```
/// N_opt(C) = k_N·C^a,   D_opt(C) = k_D·C^b,   metric_j(C) = k_j·C^(e_j)   (e.g. loss, FID)
/// ```
/// `C` in FLOP. Built from an ``IsoFlopAnalysis`` or from published constants
/// (``liang2024`` uses the presets in `ScalingLaws/PowerLawParameters`).
public struct PowerLawFrontier: Sendable, Equatable {
    /// `N_opt(C)`.
    public let parameters: PowerLawParameters
    /// `D_opt(C)`.
    public let tokens: PowerLawParameters
    /// Other quantities at the optimum, by name (`loss`, `FID`), in order.
    public let metrics: [(name: String, law: PowerLawParameters)]

    /// A frontier from its laws.
    /// - Parameters:
    ///   - parameters: `N_opt(C)`.
    ///   - tokens: `D_opt(C)`.
    ///   - metrics: Other quantities at the optimum, by name, in order (default none).
    public init(parameters: PowerLawParameters, tokens: PowerLawParameters, metrics: [(name: String, law: PowerLawParameters)] = []) {
        self.parameters = parameters
        self.tokens = tokens
        self.metrics = metrics
    }

    public static func == (lhs: PowerLawFrontier, rhs: PowerLawFrontier) -> Bool {
        lhs.parameters == rhs.parameters && lhs.tokens == rhs.tokens
            && lhs.metrics.map(\.name) == rhs.metrics.map(\.name) && lhs.metrics.map(\.law) == rhs.metrics.map(\.law)
    }

    /// The frontier fitted by an iso-FLOP analysis (`N*` and `D*` against the budget).
    public init(_ analysis: IsoFlopAnalysis) {
        self.init(parameters: analysis.parameterLaw.powerLaw, tokens: analysis.tokenLaw.powerLaw)
    }

    /// Diffusion transformers, Liang et al. 2024 (arXiv:2410.08184): `N_opt = 0.0009·C^0.5681`,
    /// `D_opt = 186.8535·C^0.4319`, `loss = 2.3943·C^−0.0273`, `FID = 2.2566e6·C^−0.234`.
    public static let liang2024 = PowerLawFrontier(
        parameters: .ditOptimalParameters, tokens: .ditOptimalData,
        metrics: [("loss", .ditLoss), ("FID", .ditFID)])

    /// One budget on the frontier.
    public struct Point: Sendable, Equatable {
        /// The budget `C` in FLOP.
        public let budget: Double
        /// `N_opt(C)`, parameters.
        public let parameters: Double
        /// `D_opt(C)`, tokens.
        public let tokens: Double
        /// The metrics in the frontier's order.
        public let metrics: [Double]
        /// `D_opt/N_opt`.
        public var tokensPerParameter: Double { tokens / parameters }

        /// The value of a metric by name, or `nil`.
        public func metric(_ name: String, in frontier: PowerLawFrontier) -> Double? {
            frontier.metrics.firstIndex { $0.name == name }.map { metrics[$0] }
        }
    }

    /// The frontier at `budget` FLOP.
    /// - Throws: ``ForecastError/invalidBudget(_:)``.
    public func point(budget c: Double) throws -> Point {
        guard c.isFinite, c > 0 else { throw ForecastError.invalidBudget(c) }
        return Point(budget: c, parameters: parameters(c), tokens: tokens(c), metrics: metrics.map { $0.law(c) })
    }
}
