import Foundation
import NonlinearFit
import Testing
import TestSupport

/// Robust losses on data with three gross outliers: the trust-region route (equivalent
/// residuals) and the BFGS route must reach the same optimum, which must match scipy's
/// `least_squares(loss=..., f_scale=δ)`.
@Suite("Robust losses")
struct RobustLossTests {
    static let delta = 0.2
    static let truth = [5.0, 0.4, 1.0]
    static let x: [Double] = (0..<30).map { 0.3 * Double($0) }

    /// ```python
    /// rng = np.random.default_rng(31)
    /// x = 0.3 * np.arange(30)
    /// y = 5 * np.exp(-0.4 * x) + 1 + 0.1 * rng.standard_normal(30)
    /// y[[5, 14, 23]] += [6.0, -5.0, 8.0]          # the outliers
    /// y = np.round(y, 6)
    /// ```
    static let y: [Double] = [
        5.960470, 5.460994, 4.993852, 4.391166, 4.170683, 9.769564, 3.512059, 3.185794, 3.030665, 2.604202,
        2.683581, 2.455915, 2.124643, 2.116697, -3.023653, 1.651918, 1.792556, 1.591604, 1.551624, 1.451182,
        1.410781, 1.409472, 1.366478, 9.160544, 1.253803, 1.114454, 1.093708, 1.161124, 1.259206, 1.217123,
    ]

    static func problem() -> LeastSquaresProblem {
        Fixtures.decayProblem(x: x, y: y)
    }

    /// ρ(r) written out here, independently of `RobustLoss.rho`.
    static func rho(_ loss: RobustLoss, _ r: Double) -> Double {
        switch loss {
        case .linear: return r * r / 2
        case let .huber(d): return Swift.abs(r) <= d ? r * r / 2 : d * Swift.abs(r) - d * d / 2
        case let .softL1(d): return d * d * ((1 + (r / d) * (r / d)).squareRoot() - 1)
        case let .cauchy(d): return d * d / 2 * log(1 + (r / d) * (r / d))
        }
    }

    struct LossCase: Sendable, CustomTestStringConvertible {
        let loss: RobustLoss
        /// scipy least_squares parameters and cost.
        let expected: [Double]
        let expectedObjective: Double
        var testDescription: String { loss.description }
    }

    /// ```python
    /// res = lambda p: p[0] * np.exp(-p[1] * x) + p[2] - y
    /// jac = lambda p: np.column_stack([np.exp(-p[1]*x), -p[0]*x*np.exp(-p[1]*x), np.ones_like(x)])
    /// r = least_squares(res, [4, 0.3, 0.5], jac=jac, loss=loss, f_scale=0.2, method='trf',
    ///                   ftol=1e-15, xtol=1e-15, gtol=1e-15, max_nfev=10000)   # r.x, r.cost
    /// ```
    /// (scipy's cost `0.5·Σ δ²·ρ_scipy((r/δ)²)` is our `Σρ(r)`. The robust optima were also
    /// confirmed to 1e-8 by Nelder–Mead on Σρ written out by hand.)
    static let cases: [LossCase] = [
        LossCase(loss: .huber(delta: delta),
                 expected: [5.07158503574128, 0.3849968458249555, 0.9401639602279374], expectedObjective: 3.7924900967557105),
        LossCase(loss: .softL1(delta: delta),
                 expected: [5.074782607586909, 0.3840880760012109, 0.9388270216987744], expectedObjective: 3.7269959286504855),
        LossCase(loss: .cauchy(delta: delta),
                 expected: [5.0682269325576454, 0.37975700144741076, 0.9197346913572242], expectedObjective: 0.48585218105212036),
    ]

    /// scipy least_squares with loss='linear' on the same data.
    static let linearExpected = [5.215980372657632, 0.45150510151918355, 1.3818326410311843]
    static let linearObjective = 59.835480803319484

    @Test("trust region and BFGS agree with each other and with scipy", arguments: cases)
    func routesAgree(_ c: LossCase) throws {
        let base = FitOptions().with { $0.loss = c.loss }
        let trustRegion = try NonlinearLeastSquares.fit(Self.problem(), options: base.with { $0.robustMethod = .equivalentResiduals })
        let bfgs = try NonlinearLeastSquares.fit(Self.problem(), options: base.with { $0.robustMethod = .bfgs })
        #expect(trustRegion.converged, "trust region: \(trustRegion.termination)")
        #expect(bfgs.converged, "bfgs: \(bfgs.termination)")
        #expect(trustRegion.loss == c.loss && bfgs.loss == c.loss)
        // (a) the two routes
        #expect(isClose(bfgs.values, trustRegion.values, rel: 1e-5), "bfgs \(bfgs.values) vs trust region \(trustRegion.values)")
        #expect(isClose(bfgs.objective, trustRegion.objective, rel: 1e-8), "bfgs \(bfgs.objective) vs \(trustRegion.objective)")
        // (b) both against scipy
        #expect(isClose(trustRegion.values, c.expected, rel: 1e-5), "trust region \(trustRegion.values) vs scipy \(c.expected)")
        #expect(isClose(bfgs.values, c.expected, rel: 1e-5), "bfgs \(bfgs.values) vs scipy \(c.expected)")
        #expect(isClose(trustRegion.objective, c.expectedObjective, rel: 1e-8))
        #expect(isClose(bfgs.objective, c.expectedObjective, rel: 1e-8))
        // the objective is Σρ of the reported residuals, with ρ written out in this test
        for result in [trustRegion, bfgs] {
            var sum = 0.0
            var chi2 = 0.0
            for r in result.residuals {
                sum += Self.rho(c.loss, r)
                chi2 += r * r
            }
            #expect(isClose(result.objective, sum, rel: 1e-12), "objective \(result.objective) vs Σρ \(sum)")
            #expect(isClose(result.chiSquare, chi2, rel: 1e-12))
            for (i, r) in result.residuals.enumerated() {
                #expect(isClose(r, result.predictions[i] - Self.y[i], rel: 1e-12, abs: 1e-14))
            }
        }
    }

    /// (c) Huber lands much closer to the truth than ordinary least squares, which the
    /// outliers drag away; the linear fit itself matches scipy.
    @Test func huberResistsOutliers() throws {
        let linear = try NonlinearLeastSquares.fit(Self.problem())
        let huber = try NonlinearLeastSquares.fit(Self.problem(), options: FitOptions().with { $0.loss = .huber(delta: Self.delta) })
        #expect(isClose(linear.values, Self.linearExpected, rel: 1e-8))
        #expect(isClose(linear.objective, Self.linearObjective, rel: 1e-10))
        func distance(_ v: [Double]) -> Double {
            var s = 0.0
            for j in 0..<3 {
                let e = (v[j] - Self.truth[j]) / Self.truth[j]
                s += e * e
            }
            return s.squareRoot()
        }
        let dLinear = distance(linear.values)
        let dHuber = distance(huber.values)
        // scipy: 0.405 (linear) against 0.072 (huber)
        #expect(dHuber < 0.25 * dLinear, "relative distance to truth: huber \(dHuber), linear \(dLinear)")
        #expect(dHuber < 0.1)
        // The outliers keep large residuals under Huber (they are not fitted).
        for i in [5, 14, 23] {
            #expect(Swift.abs(huber.residuals[i]) > 4, "residual \(i) = \(huber.residuals[i])")
        }
    }

    /// For the linear loss the objective is χ²/2.
    @Test func linearObjectiveIsHalfChiSquare() throws {
        let result = try NonlinearLeastSquares.fit(Self.problem())
        #expect(result.loss == .linear)
        var sum = 0.0
        for r in result.residuals { sum += r * r / 2 }
        #expect(isClose(result.objective, sum, rel: 1e-13))
        #expect(isClose(result.objective, result.chiSquare / 2, rel: 1e-13))
    }

    /// ρ and ψ = ρ′ against the formulas written out here (ψ by central differences of the
    /// hand-written ρ), on both sides of δ.
    @Test("rho and psi", arguments: [RobustLoss.linear, .huber(delta: 0.7), .softL1(delta: 0.7), .cauchy(delta: 0.7)])
    func rhoAndPsi(_ loss: RobustLoss) {
        for r in [-5.0, -0.9, -0.3, 0, 0.2, 0.69, 0.71, 2.5, 40] {
            #expect(isClose(loss.rho(r), Self.rho(loss, r), rel: 1e-14, abs: 1e-300), "\(loss) rho(\(r))")
            let h = 1e-6
            let numeric = (Self.rho(loss, r + h) - Self.rho(loss, r - h)) / (2 * h)
            #expect(isClose(loss.psi(r), numeric, rel: 1e-7, abs: 1e-9), "\(loss) psi(\(r)) = \(loss.psi(r)), numeric \(numeric)")
        }
        // all behave as r²/2 for |r| ≪ δ (the leading term of each series; the next is O(r⁴/δ²)),
        // including where the textbook soft-L1 and Cauchy formulas above cancel to zero
        #expect(isClose(loss.rho(1e-4), 0.5e-8, rel: 1e-7))
        #expect(isClose(loss.rho(1e-9), 5e-19, rel: 1e-12))
        #expect(isClose(loss.rho(-1e-9), 5e-19, rel: 1e-12))
        #expect(isClose(loss.psi(1e-9), 1e-9, rel: 1e-12))
    }
}
