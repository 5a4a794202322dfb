import Foundation

/// The Approach-2 result (Hoffmann et al. 2022, §3.2) as laws of the budget, fitted by log-log
/// least squares over the accepted budgets:
///
/// ```
/// N*(C) = k_N·C^a,   D*(C) = k_D·C^b,   D*/N*(C) = (k_D/k_N)·C^(b−a)
/// ```
/// The third line is its own regression of `log(D*/N*)` on `log C`; OLS is linear in the
/// response, so its coefficients are exactly the differences of the first two and its interval
/// accounts for their correlation. With the parametric frontier of the same runs
/// (``ParametricFrontier``), when there is one.
public struct IsoFlopFrontier: Sendable, Equatable, Codable {
    /// `N*(C) = k_N·C^a`.
    public let parameterLaw: LogLogRegression
    /// `D*(C) = k_D·C^b`.
    public let tokenLaw: LogLogRegression
    /// `D*/N*(C) = (k_D/k_N)·C^(b−a)`.
    public let ratioLaw: LogLogRegression
    /// Approach 3 on the same runs, when it was fitted.
    public let parametric: ParametricFrontier?
    /// The smallest and largest accepted budget.
    public let budgetRange: ClosedRange<Double>

    /// A frontier.
    /// - Parameters:
    ///   - parameterLaw: `N*(C)`.
    ///   - tokenLaw: `D*(C)`.
    ///   - ratioLaw: `D*/N*(C)`.
    ///   - parametric: Approach 3 on the same runs, or `nil`.
    ///   - budgetRange: The smallest and largest accepted budget.
    public init(parameterLaw: LogLogRegression, tokenLaw: LogLogRegression, ratioLaw: LogLogRegression,
                parametric: ParametricFrontier?, budgetRange: ClosedRange<Double>) {
        self.parameterLaw = parameterLaw
        self.tokenLaw = tokenLaw
        self.ratioLaw = ratioLaw
        self.parametric = parametric
        self.budgetRange = budgetRange
    }

    /// `N*`, `D*`, `D*/N*` at `budget` with intervals (``LogLogRegression/prediction(at:confidenceLevel:)``),
    /// Approach 3's `N_opt` beside them, and a warning when the two disagree beyond their intervals.
    public func extrapolate(to budget: Double) -> IsoFlopExtrapolation {
        let n = parameterLaw.prediction(at: budget)
        let parametric = parametric?.prediction(at: budget, confidenceLevel: parameterLaw.confidenceLevel)
        var warnings: [IsoFlopWarning] = []
        if let parametric, n.isDisjoint(from: parametric) {
            warnings.append(.approachesDisagree(isoFlop: n, parametric: parametric))
        }
        return IsoFlopExtrapolation(
            budget: budget, parameters: n, tokens: tokenLaw.prediction(at: budget),
            tokensPerParameter: ratioLaw.prediction(at: budget), parametricParameters: parametric, warnings: warnings)
    }
}

/// The Approach-2 frontier at one budget (``IsoFlopFrontier/extrapolate(to:)``).
public struct IsoFlopExtrapolation: Sendable, Equatable, Codable {
    /// The budget `C` in FLOP.
    public let budget: Double
    /// `N*` with its interval.
    public let parameters: FrontierPrediction
    /// `D*` with its interval.
    public let tokens: FrontierPrediction
    /// `D*/N*` with its interval.
    public let tokensPerParameter: FrontierPrediction
    /// Approach 3's `N_opt` at the budget, when the analysis fitted it.
    public let parametricParameters: FrontierPrediction?
    /// Extrapolation beyond the fitted budgets, and Approach 2 and 3 disagreeing beyond their intervals.
    public let warnings: [IsoFlopWarning]
}

/// A typed warning about an iso-FLOP result. Each prints as one line.
public enum IsoFlopWarning: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Approach 2's `N*` and Approach 3's `N_opt` at a budget have disjoint intervals.
    case approachesDisagree(isoFlop: FrontierPrediction, parametric: FrontierPrediction)

    /// A stable identifier for machine-readable output.
    public var code: String {
        switch self {
        case .approachesDisagree: return "approaches-disagree"
        }
    }

    public var description: String {
        switch self {
        case let .approachesDisagree(a2, a3):
            func interval(_ p: FrontierPrediction) -> String {
                guard let lower = p.lower, let upper = p.upper else { return ForecastError.format(p.value) }
                return "\(ForecastError.format(p.value)) [\(ForecastError.format(lower)), \(ForecastError.format(upper))]"
            }
            let ratio = a2.value / a3.value
            return "at C = \(ForecastError.format(a2.budget)) FLOP the iso-FLOP (Approach 2) N* = \(interval(a2)) and the parametric "
                + "(Approach 3) N_opt = \(interval(a3)) disagree beyond their \(Int((a2.confidenceLevel * 100).rounded()))% intervals "
                + "(ratio \(String(format: "%.2f", ratio))): the frontier depends on the method; check the profiles' shape and the budgets' range"
        }
    }
}
