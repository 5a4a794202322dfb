import Foundation
import ScalingLaws

/// The best batch size and learning rate of value-based RL per environment at a UTD ratio,
/// from power laws in σ with one exponent shared across environments (Rybkin et al. 2025,
/// arXiv:2502.04327, the shared-slope fits of B*(σ) and η*(σ)):
///
/// ```
/// log10 B*_e(σ) = c_e + s_B·log10 σ,    log10 η*_e(σ) = d_e + s_η·log10 σ
/// ```
/// with 95% confidence intervals of each law's mean from its covariance (`ScalingLaws/SharedSlopePowerLaw/interval(_:group:level:)`).
public struct UTDHyperparameterLaws: Sendable, Equatable {
    /// The best batch size against σ, one intercept per environment and a shared slope.
    public let batchSize: SharedSlopePowerLaw
    /// The best learning rate against σ, likewise.
    public let learningRate: SharedSlopePowerLaw

    /// One environment's best batch size and learning rate at `sigma`, with intervals.
    public struct Point: Sendable, Equatable, Codable {
        /// The environment.
        public let environment: String
        /// The UTD ratio σ.
        public let sigma: Double
        /// The best batch size there.
        public let batchSize: Double
        /// Lower end of its interval.
        public let batchSizeLower: Double
        /// Upper end of its interval.
        public let batchSizeUpper: Double
        /// The best learning rate there.
        public let learningRate: Double
        /// Lower end of its interval.
        public let learningRateLower: Double
        /// Upper end of its interval.
        public let learningRateUpper: Double
    }

    /// Fits both laws to rows of (environment, σ, B, η).
    /// - Throws: the errors of `ScalingLaws/SharedSlopePowerLaw/fit(x:y:groups:)`.
    public static func fit(environments: [String], sigma: [Double], batchSize: [Double], learningRate: [Double]) throws -> UTDHyperparameterLaws {
        UTDHyperparameterLaws(
            batchSize: try SharedSlopePowerLaw.fit(x: sigma, y: batchSize, groups: environments),
            learningRate: try SharedSlopePowerLaw.fit(x: sigma, y: learningRate, groups: environments))
    }

    /// Every environment (in first-seen order) at `sigma`; environments missing from either law are skipped.
    public func at(_ sigma: Double, level: Double = 0.95) -> [Point] {
        batchSize.groups.compactMap { e in
            guard let b = batchSize.interval(sigma, group: e, level: level),
                  let eta = learningRate.interval(sigma, group: e, level: level) else { return nil }
            return Point(environment: e, sigma: sigma, batchSize: b.value, batchSizeLower: b.lower, batchSizeUpper: b.upper,
                         learningRate: eta.value, learningRateLower: eta.lower, learningRateUpper: eta.upper)
        }
    }
}
