import Foundation
import ScalingLaws

/// The first-order condition of the Chinchilla law at a point on the `C = 6ND` frontier.
///
/// Along `ND = C/6`, `dL/d log N = −αA N^−α + βB D^−β`, so at the optimum
/// ```
/// α·A·N^−α = β·B·D^−β
/// ```
/// (the marginal loss reductions of parameters and tokens balance).
public struct FirstOrderCondition: Sendable, Equatable {
    /// `α·A·N^−α`.
    public let parameterTerm: Double
    /// `β·B·D^−β`.
    public let tokenTerm: Double

    /// The two terms at `(N, D)`.
    /// - Parameters:
    ///   - constants: The Chinchilla constants.
    ///   - n: Parameters `N`.
    ///   - d: Tokens `D`.
    public init(_ constants: ChinchillaParameters, parameters n: Double, tokens d: Double) {
        parameterTerm = constants.alpha * constants.a * pow(n, -constants.alpha)
        tokenTerm = constants.beta * constants.b * pow(d, -constants.beta)
    }

    /// `|αAN^−α − βBD^−β| / max(αAN^−α, βBD^−β)`, zero at an exact optimum.
    public var relativeGap: Double {
        Swift.abs(parameterTerm - tokenTerm) / Swift.max(Swift.abs(parameterTerm), Swift.abs(tokenTerm))
    }
}
