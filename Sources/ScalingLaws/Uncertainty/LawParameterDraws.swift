import Foundation
import LinearAlgebra
import NonlinearFit

/// Seeded draws of a fitted law's parameters, for propagating its uncertainty through any
/// downstream computation (a chain of laws, an inverse, a decision), one draw at a time.
///
/// Two sources, in order of preference:
/// - **bootstrap**: the fit carries bootstrap draws (``LawFit/bootstrap``, `fit --bootstrap`);
///   `count` of them are picked uniformly with replacement;
/// - **normal approximation**: otherwise, draws from the asymptotic normal distribution of the
///   estimates, `θ ~ N(θ̂, Σ)` over the free fitted parameters (``LawFit/covariance``), with
///   parameters fitted as logarithms drawn on the log scale (so they stay positive) and fixed
///   parameters held at their values:
///   ```
///   θ = θ̂ + U·diag(√s)·z,   Σ = U·diag(s)·Uᵀ (SVD of the symmetric Σ),   z ~ N(0, I)
///   ```
/// - **projected normal**: the same, when `Σ` is nearly degenerate (a direction the data do not
///   determine): eigen-directions with `s_j > s_min / t²`, `t` = `NonlinearFit/FitThresholds/flatDirection`
///   (the flat-direction rule on the Jacobian, `σ_min/σ_max < t`, squared for the covariance),
///   are left out of the draws (`z_j = 0`). Normal draws along a flat direction are not
///   draws from the fit (their spread is set by rounding, not by the data) and send
///   quantities computed from them anywhere; the projected draws give the uncertainty of what
///   the data determine, *given* the unidentified combination at its estimate, and say so
///   (``flatDirections``).
///
/// The same `seed` gives bit-identical draws (`NonlinearFit/SeededGenerator`).
public struct LawParameterDraws: Sendable, Equatable, Codable {
    /// Where the draws come from.
    public enum Method: String, Sendable, Equatable, Codable {
        /// Resampled from the fit's bootstrap draws.
        case bootstrap
        /// Drawn from `N(θ̂, Σ)` of the fit's covariance.
        case normalApproximation
        /// Drawn from `N(θ̂, Σ)` with its flat eigen-directions left out.
        case projectedNormal

        /// A short label for reports.
        public var label: String {
            switch self {
            case .bootstrap: return "bootstrap draws"
            case .normalApproximation: return "normal draws from the fit covariance"
            case .projectedNormal: return "normal draws from the fit covariance, flat directions left out"
            }
        }
    }

    /// How the draws were made.
    public let method: Method
    /// Law parameter names, the columns of ``draws``.
    public let parameterNames: [String]
    /// Law values of each draw, in the law's order.
    public let draws: [[Double]]
    /// The seed of the draws.
    public let seed: UInt64
    /// Eigen-directions of the covariance left out of the draws (``Method/projectedNormal``).
    public var flatDirections: Int = 0

    /// Draws of a law's parameters.
    /// - Parameters:
    ///   - method: How the draws were made.
    ///   - parameterNames: Law parameter names, the columns of `draws`.
    ///   - draws: Law values of each draw, in the law's order.
    ///   - seed: The seed of the draws.
    ///   - flatDirections: Eigen-directions of the covariance left out (default 0).
    public init(method: Method, parameterNames: [String], draws: [[Double]], seed: UInt64, flatDirections: Int = 0) {
        self.method = method
        self.parameterNames = parameterNames
        self.draws = draws
        self.seed = seed
        self.flatDirections = flatDirections
    }

    /// `count` seeded draws of the parameters of `fit`.
    ///
    /// - Parameters:
    ///   - fit: a fit with bootstrap draws or a covariance.
    ///   - count: draws to make, `≥ 2`.
    ///   - seed: the random seed.
    /// - Throws: ``LawFitError/invalidOption(_:)`` when `count < 2` or the fit has neither
    ///   bootstrap draws nor a finite covariance.
    public static func make(_ fit: LawFit, count: Int, seed: UInt64) throws -> LawParameterDraws {
        guard count >= 2 else {
            throw LawFitError.invalidOption("parameter draws need a count of at least 2 (got \(count))")
        }
        let names = fit.parameters.map(\.name)
        var rng = SeededGenerator(seed: seed)
        if let bootstrap = fit.bootstrap, bootstrap.draws.count >= 2 {
            var draws: [[Double]] = []
            draws.reserveCapacity(count)
            for _ in 0..<count {
                let k = Int(rng.next() % UInt64(bootstrap.draws.count))
                draws.append(bootstrap.draws[k])
            }
            return LawParameterDraws(method: .bootstrap, parameterNames: names, draws: draws, seed: seed)
        }
        guard let covariance = fit.covariance, !fit.covarianceNames.isEmpty,
              covariance.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw LawFitError.invalidOption("the \(fit.law) fit has neither bootstrap draws nor a finite covariance: its parameter uncertainty is unknown")
        }
        let m = fit.covarianceNames.count
        // Σ = U diag(s) Uᵀ; the factor U·diag(√s) maps standard normals to N(0, Σ).
        let svd = try SingularValueDecomposition(Matrix(covariance))
        let values = svd.singularValues
        let smallest = values.filter { $0 > 0 }.min() ?? 0
        // Only a fit that reports a direction it does not identify is projected: the eigenvalues
        // of Σ in mixed units (log A beside α) are not comparable enough to find flat
        // directions on their own.
        let flagged = fit.warnings.contains { $0.meansNotIdentified }
        let limit = flagged ? smallest / (FitThresholds.flatDirection * FitThresholds.flatDirection) : .infinity
        var flat = 0
        var factor = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for j in 0..<m where values[j] > limit { flat += 1 }
        for i in 0..<m {
            for j in 0..<m where values[j] <= limit { factor[i][j] = svd.u[i, j] * values[j].squareRoot() }
        }
        let free = fit.covarianceNames.map { fit.fittedNames.firstIndex(of: $0) }
        var draws: [[Double]] = []
        draws.reserveCapacity(count)
        var z = [Double](repeating: 0, count: m)
        for _ in 0..<count {
            for j in 0..<m { z[j] = rng.nextNormal() }
            var fitted = fit.fittedValues
            for i in 0..<m {
                guard let k = free[i] else { continue }
                var shift = 0.0
                for j in 0..<m { shift += factor[i][j] * z[j] }
                fitted[k] += shift
            }
            var values = fitted
            for k in values.indices where fit.fittedNames[k].hasPrefix("log_") { values[k] = exp(fitted[k]) }
            draws.append(values)
        }
        return LawParameterDraws(
            method: flat > 0 ? .projectedNormal : .normalApproximation, parameterNames: names, draws: draws, seed: seed,
            flatDirections: flat)
    }

    /// The percentile interval at `level` of `values` (non-finite values dropped), or `nil`
    /// with fewer than 2 finite values. Linear interpolation between order statistics.
    public static func percentileInterval(_ values: [Double], level: Double) -> BootstrapInterval? {
        let sorted = values.filter(\.isFinite).sorted()
        guard sorted.count >= 2 else { return nil }
        return BootstrapStatistics.percentile(sorted: sorted, level: level)
    }
}
