import Foundation
import LinearAlgebra

/// Variable projection (Golub & Pereyra 1973) for models linear in some parameters:
///
/// ```
/// f(x; θ, c) = Σ_k c_k φ_k(x; θ),      c_k ∈ [lower_k, upper_k]
/// ```
/// For any value of the nonlinear parameters θ the linear coefficients are solved exactly by
/// bounded linear least squares (`c(θ) = argmin ‖W^½(y − Φ(θ)c)‖²`), so only θ is searched:
/// on a grid (``profile(_:)``, ``gridSearch(_:keep:deadline:)``) or by GSL's trust-region solver on the
/// projected residuals (``fit(start:options:)``).
public struct SeparableLeastSquares: Sendable {
    /// Fills the `n × K` basis matrix `Φ_ik = φ_k(x_i; θ)` for nonlinear parameters `θ`.
    public typealias Basis = @Sendable (_ theta: [Double], _ basis: inout Matrix) -> Void

    /// The nonlinear parameters θ, searched by grid or trust region.
    public var nonlinearParameters: [FitParameter]
    /// Names of the linear coefficients, in the order of the basis columns.
    public var linearNames: [String]
    /// Lower bounds of the linear coefficients (`-infinity` when unbounded).
    public var linearLower: [Double]
    /// Upper bounds of the linear coefficients (`+infinity` when unbounded).
    public var linearUpper: [Double]
    /// The observed values `y_i`.
    public var observations: [Double]
    /// Inverse-variance weights `w_i`, or `nil` for unit weights.
    public var weights: [Double]?
    /// Fills the basis matrix `Φ(θ)`.
    public var basis: Basis

    /// A separable problem `f(x; θ, c) = Σ_k c_k φ_k(x; θ)`.
    /// - Parameters:
    ///   - nonlinearParameters: The nonlinear parameters θ.
    ///   - linearNames: The names of the linear coefficients, in the order of the basis columns.
    ///   - linearLower: Lower bounds of the coefficients, or `nil` for none.
    ///   - linearUpper: Upper bounds of the coefficients, or `nil` for none.
    ///   - observations: The observed values `y_i`.
    ///   - weights: Inverse-variance weights, or `nil` for unit weights.
    ///   - basis: Fills `Φ_ik = φ_k(x_i; θ)`.
    public init(
        nonlinearParameters: [FitParameter], linearNames: [String],
        linearLower: [Double]? = nil, linearUpper: [Double]? = nil,
        observations: [Double], weights: [Double]? = nil, basis: @escaping Basis
    ) {
        self.nonlinearParameters = nonlinearParameters
        self.linearNames = linearNames
        self.linearLower = linearLower ?? Array(repeating: -.infinity, count: linearNames.count)
        self.linearUpper = linearUpper ?? Array(repeating: .infinity, count: linearNames.count)
        self.observations = observations
        self.weights = weights
        self.basis = basis
    }

    /// One point of the profile: θ, the optimal coefficients and the residual sum of squares.
    public struct ProfilePoint: Sendable, Equatable {
        /// The nonlinear parameters θ.
        public let theta: [Double]
        /// The optimal linear coefficients `c(θ)`.
        public let coefficients: [Double]
        /// The weighted residual sum of squares at `(θ, c(θ))`; `+infinity` when the basis is not finite.
        public let residualSumOfSquares: Double
    }

    /// The optimal linear coefficients and weighted residual sum of squares at `theta`
    /// (`+inf` when the basis is not finite).
    public func profile(_ theta: [Double]) throws -> ProfilePoint {
        let n = observations.count
        var phi = Matrix(rows: n, columns: linearNames.count)
        basis(theta, &phi)
        guard phi.isFinite else {
            return ProfilePoint(theta: theta, coefficients: Array(repeating: .nan, count: linearNames.count), residualSumOfSquares: .infinity)
        }
        var b = observations
        if let w = weights {
            for i in 0..<n {
                let s = w[i].squareRoot()
                b[i] *= s
                for k in 0..<linearNames.count { phi[i, k] *= s }
            }
        }
        let unbounded = linearLower.allSatisfy { $0 == -.infinity } && linearUpper.allSatisfy { $0 == .infinity }
        if unbounded {
            let solution = try LinearLeastSquares.solve(phi, b)
            return ProfilePoint(theta: theta, coefficients: solution.solution, residualSumOfSquares: solution.residualSumOfSquares)
        }
        let solution = try LinearLeastSquares.bounded(phi, b, lower: linearLower, upper: linearUpper)
        return ProfilePoint(theta: theta, coefficients: solution.solution, residualSumOfSquares: solution.residualSumOfSquares)
    }

    /// The profile at every grid point (in parallel), best first; at most `keep` points.
    /// With a `deadline`, points not reached before it passes are left out (the first point is
    /// always evaluated).
    public func gridSearch(_ grid: [[Double]], keep: Int = .max, deadline: FitDeadline? = nil) throws -> [ProfilePoint] {
        let results = ParallelResults<Result<ProfilePoint, Error>>(count: grid.count)
        let this = self
        ParallelResults<Int>.forEach(count: grid.count) { i in
            if i > 0, let deadline, deadline.hasPassed() { return }
            results[i] = Result { try this.profile(grid[i]) }
        }
        var points: [ProfilePoint] = []
        for i in grid.indices {
            if let r = results[i] { points.append(try r.get()) }
        }
        points.sort { $0.residualSumOfSquares < $1.residualSumOfSquares }
        return Array(points.prefix(keep))
    }

    /// Searches θ with the trust-region solver on the projected residuals `W^½(Φ(θ)c(θ) − y)`
    /// (finite-difference Jacobian in θ), starting from `start`.
    /// Returns the best θ with its coefficients.
    public func fit(start: [Double], options: FitOptions = FitOptions()) throws -> (profile: ProfilePoint, result: FitResult) {
        let n = observations.count
        let this = self
        let parameters = zip(nonlinearParameters, start).map { spec, value -> FitParameter in
            var p = spec
            p.initialValue = value
            return p
        }
        let projected = LeastSquaresProblem(
            parameters: parameters,
            observations: observations,
            weights: weights,
            model: { theta, out in
                var phi = Matrix(rows: n, columns: this.linearNames.count)
                this.basis(theta, &phi)
                guard let point = try? this.profile(theta), point.residualSumOfSquares.isFinite else {
                    for i in 0..<n { out[i] = .nan }
                    return
                }
                let prediction = phi * point.coefficients
                for i in 0..<n { out[i] = prediction[i] }
            })
        var projectedOptions = options
        projectedOptions.loss = .linear
        projectedOptions.multiStart = nil
        let result = try NonlinearLeastSquares.fit(projected, options: projectedOptions)
        let best = try profile(result.values)
        return (best, result)
    }
}
