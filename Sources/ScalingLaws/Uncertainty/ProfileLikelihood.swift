import Foundation
import LinearAlgebra
import NonlinearFit

/// Profile-likelihood intervals of the parameters of a law fit (Venzon & Moolgavkar 1988;
/// Bates & Watts 1988, §6.1; lmfit's `conf_interval`).
///
/// For parameter `θ_j` held at `v` and every other free parameter refitted, the scaled rise of
/// the objective is
///
/// ```
/// S_j(v) = 2[Φ(v) − Φ̂] / s²
/// ```
/// where `Φ` is the minimised objective. For least squares (`Φ = RSS/2`)
/// `s² = σ̂² = RSS/dof`, so `S = ΔRSS/σ̂²`. For the Huber objective (`Φ = Σρ(r_i)`) the scale
/// is the one that calibrates a drop in a robust objective to χ² (Schrader & Hettmansperger
/// 1980, Biometrika 67:93; Ronchetti 1982): the curvature of `Φ` per observation is `E[ψ']`
/// and the variance of its score `E[ψ²]`, so
///
/// ```
/// s² = [Σψ(r̂_i)²/dof] / [Σψ'(r̂_i)/n]
/// ```
/// (ψ = ρ′; for Huber ψ' = 1 inside ±δ, 0 outside) makes `S` asymptotically χ²₁, and it
/// reduces to `RSS/dof` for least squares. The interval is `{v : S_j(v) ≤ q}` with `q` the
/// `χ²₁` quantile at the level (or `F(1, dof)`, see ``ProfileLikelihoodOptions/Calibration``).
/// The Huber profile follows the exact objective, whose curvature comes from the residuals
/// inside ±δ only; it can differ from the Wald intervals of the fit report, which use the
/// Gauss–Newton curvature of the equivalent residuals.
///
/// Parameters fitted as logarithms are profiled in the logarithm and reported in the law's
/// units (a profile interval does not depend on the parameterization). Each side is walked
/// outward from the estimate in steps of the standard error (½, 1, 1½, … then growing by a
/// quarter), each constrained refit warm-started at the previous point's optimum; the
/// crossing is refined by a bracketed secant on `√S`, which is linear in `v` when the profile
/// is quadratic. Under least squares, laws with linear coefficients have them re-solved by
/// variable projection (bounded linear least squares given the nonlinear parameters) before
/// every refit, so each refit starts at the exact projected optimum of the linear part.
public enum ProfileLikelihood {
    /// Profile intervals of the free parameters of `fit` (a fit of `law` to `data` with
    /// `fitOptions`).
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` for a level outside (0, 1), an unknown or
    ///   fixed parameter name, or a fit without degrees of freedom.
    public static func intervals(
        law: any ScalingLaw, data: Dataset, fit: LawFit, fitOptions: LawFitOptions,
        options: ProfileLikelihoodOptions = ProfileLikelihoodOptions()
    ) throws -> ProfileLikelihoodResult {
        let level = options.confidenceLevel
        guard level > 0, level < 1 else {
            throw LawFitError.invalidOption("confidence level must be in (0, 1) (got \(level))")
        }
        let dof = fit.statistics.degreesOfFreedom
        guard dof > 0, fit.statistics.objective > 0 else {
            throw LawFitError.invalidOption("profile intervals need degrees of freedom and a nonzero objective (dof \(dof))")
        }
        let names: [String]
        if let asked = options.parameters {
            for name in asked {
                guard let p = fit.parameters.first(where: { $0.name == name }) else {
                    throw LawFitError.unknownParameter(law: law.name, name: name, known: law.parameters.map(\.name))
                }
                if p.fixed { throw LawFitError.invalidOption("parameter '\(name)' is fixed; it has no profile") }
            }
            names = asked
        } else {
            names = fit.parameters.filter { !$0.fixed }.map(\.name)
        }
        let threshold: Double
        switch options.calibration {
        case .chiSquare: threshold = Distributions.chiSquareQuantile(level, degreesOfFreedom: 1)
        case .fisherF: threshold = Distributions.fQuantile(level, 1, Double(dof))
        }
        let objective = fit.statistics.objective
        let scale = try Self.scale(law: law, data: data, fit: fit)
        let parameterization = LawParameterization(law: law, objective: fitOptions.objective)
        var notes: [String] = []
        var intervals: [ProfileInterval] = []
        for name in names {
            guard let k = law.parameterIndex(name) else { continue }
            var walker = Walker(
                law: law, data: data, fit: fit, fitOptions: fitOptions, parameterization: parameterization, k: k,
                objective: objective, scale: scale, threshold: threshold, options: options)
            let interval = walker.run()
            intervals.append(interval)
            notes += walker.notes
        }
        return ProfileLikelihoodResult(options: options, threshold: threshold, scale: scale, intervals: intervals, notes: notes)
    }

    /// The scale `s²` of the objective rise: `RSS/dof` for least squares,
    /// `[Σψ²/dof]/[Σψ'/n]` for the Huber objective.
    static func scale(law: any ScalingLaw, data: Dataset, fit: LawFit) throws -> Double {
        let dof = Double(fit.statistics.degreesOfFreedom)
        guard case let .logHuber(delta) = fit.objective else {
            return 2 * fit.statistics.objective / dof
        }
        let inputs = try law.inputs.map { try data.column($0.role) }
        let y = try data.column(law.response.role)
        let predictions = law.evaluate(inputs: inputs, parameters: fit.values)
        let loss = RobustLoss.huber(delta: delta)
        var psiSquares = 0.0
        var inside = 0.0
        for i in y.indices {
            let r = log(predictions[i]) - log(y[i])
            let psi = loss.psi(r)
            psiSquares += psi * psi
            if Swift.abs(r) <= delta { inside += 1 }
        }
        guard inside > 0 else {
            throw LawFitError.invalidOption("no residual lies inside the Huber threshold δ = \(delta): the robust objective has no curvature to calibrate a profile")
        }
        return (psiSquares / dof) / (inside / Double(y.count))
    }

    /// Walks the profile of one parameter.
    struct Walker {
        let law: any ScalingLaw
        let data: Dataset
        let fit: LawFit
        let fitOptions: LawFitOptions
        let parameterization: LawParameterization
        let k: Int
        let objective: Double
        let scale: Double
        let threshold: Double
        let options: ProfileLikelihoodOptions
        var notes: [String] = []
        var points: [ProfileInterval.Point] = []
        var refits = 0
        var lowestSeen: Double

        init(law: any ScalingLaw, data: Dataset, fit: LawFit, fitOptions: LawFitOptions, parameterization: LawParameterization,
             k: Int, objective: Double, scale: Double, threshold: Double, options: ProfileLikelihoodOptions) {
            self.law = law
            self.data = data
            self.fit = fit
            self.fitOptions = fitOptions
            self.parameterization = parameterization
            self.k = k
            self.objective = objective
            self.scale = scale
            self.threshold = threshold
            self.options = options
            self.lowestSeen = objective
        }

        var name: String { law.parameters[k].name }
        var logged: Bool { parameterization.logged[k] }
        func lawValue(_ u: Double) -> Double { logged ? exp(u) : u }

        /// The scaled rise at fitted value `u`, refitting from `warm` (law values); the
        /// constrained optimum's law values.
        mutating func evaluate(_ u: Double, warm: [Double]) -> (statistic: Double, values: [Double])? {
            var options = fitOptions
            options.fixed[name] = lawValue(u)
            options.starts = .single
            var start = warm
            start[k] = lawValue(u)
            options.start = projected(start)
            refits += 1
            guard let refit = try? LawFitter.fit(law, to: data, options: options), refit.statistics.objective.isFinite else {
                return nil
            }
            let value = refit.statistics.objective
            lowestSeen = Swift.min(lowestSeen, value)
            let s = (value - objective) / (scale / 2)
            points.append(ProfileInterval.Point(value: lawValue(u), statistic: s))
            return (s, refit.values)
        }

        /// `start` with its free linear coefficients (other than the profiled parameter) replaced
        /// by the bounded linear least-squares solution given the other parameters; `start`
        /// itself for other objectives or when the solve fails.
        func projected(_ start: [Double]) -> [Double] {
            guard fitOptions.objective == .leastSquares else { return start }
            let specs = law.parameters
            let linear = specs.indices.filter { $0 != k && specs[$0].isLinear && fitOptions.fixed[specs[$0].name] == nil }
            guard !linear.isEmpty,
                  let inputs = try? law.inputs.map({ try data.column($0.role) }),
                  let y = try? data.column(law.response.role) else { return start }
            let n = y.count
            var phi = Matrix(rows: n, columns: linear.count)
            var rhs = [Double](repeating: 0, count: n)
            var x = [Double](repeating: 0, count: inputs.count)
            var g = [Double](repeating: 0, count: specs.count)
            for i in 0..<n {
                for c in inputs.indices { x[c] = inputs[c][i] }
                law.gradient(x, start, into: &g)
                // f = Σ c_j φ_j + rest: the rest is f minus the linear part at the start.
                var linearPart = 0.0
                for (j, p) in linear.enumerated() {
                    phi[i, j] = g[p]
                    linearPart += g[p] * start[p]
                }
                rhs[i] = y[i] - (law.evaluate(x, start) - linearPart)
            }
            guard phi.isFinite, rhs.allSatisfy(\.isFinite),
                  let solution = try? LinearLeastSquares.bounded(
                    phi, rhs, lower: linear.map { specs[$0].lowerBound }, upper: linear.map { specs[$0].upperBound }),
                  solution.solution.allSatisfy(\.isFinite) else { return start }
            var out = start
            for (j, p) in linear.enumerated() {
                // A parameter fitted as a logarithm cannot start at zero.
                if parameterization.logged[p], !(solution.solution[j] > 0) { return start }
                out[p] = solution.solution[j]
            }
            return out
        }

        mutating func run() -> ProfileInterval {
            let spec = law.parameters[k]
            let u0 = parameterization.fittedValues(fit.values)[k]
            let fittedName = parameterization.fittedName(k)
            var step = 0.1 * Swift.max(Swift.abs(u0), 1)
            if let slot = fit.covarianceNames.firstIndex(of: fittedName), let cov = fit.covariance,
               slot < cov.count, cov[slot][slot] > 0, cov[slot][slot].isFinite {
                step = cov[slot][slot].squareRoot()
            }
            points.append(ProfileInterval.Point(value: lawValue(u0), statistic: 0))
            let lowerBound = logged ? -Double.infinity : spec.lowerBound
            let upperBound = logged ? Double.infinity : spec.upperBound
            let (lower, lowerEnd) = side(direction: -1, from: u0, step: step, bound: lowerBound)
            let (upper, upperEnd) = side(direction: 1, from: u0, step: step, bound: upperBound)
            if lowestSeen < objective * (1 - 1e-9) {
                notes.append(String(
                    format: "profile of '%@' reached a lower objective (%.7g) than the fit (%.7g): the fit is not at the global optimum",
                    name, lowestSeen, objective))
            }
            points.sort { $0.value < $1.value }
            return ProfileInterval(
                name: name, estimate: fit.values[k], lower: lower.map(lawValue), upper: upper.map(lawValue),
                lowerEnd: lowerEnd, upperEnd: upperEnd, points: points, refits: refits)
        }

        /// One side: the fitted value of the end and how it was settled.
        mutating func side(direction: Double, from u0: Double, step: Double, bound: Double) -> (Double?, ProfileInterval.End) {
            var inside = (u: u0, s: 0.0, values: fit.values)
            var multiple = 0.0
            for i in 0..<options.maxSteps {
                multiple = i < 6 ? multiple + 0.5 : multiple * 1.25
                var u = u0 + direction * multiple * step
                var atBound = false
                if direction < 0, bound.isFinite, u <= bound { u = bound; atBound = true }
                if direction > 0, bound.isFinite, u >= bound { u = bound; atBound = true }
                guard let point = evaluate(u, warm: inside.values) else {
                    notes.append("profile of '\(name)': the refit at \(lawValue(u)) failed; the \(direction < 0 ? "lower" : "upper") end is not reached")
                    return (nil, .notReached)
                }
                if point.statistic >= threshold {
                    return (refine(inside: inside, outside: (u, point.statistic, point.values)), .found)
                }
                if point.statistic > inside.s || i == 0 {
                    inside = (u, point.statistic, point.values)
                } else {
                    inside = (u, Swift.max(point.statistic, 0), point.values)
                }
                if atBound { return (bound, .bound) }
            }
            return (nil, .notReached)
        }

        /// The crossing `S = threshold` between an inside and an outside point, by a bracketed
        /// secant (Illinois) on `√S − √q`.
        mutating func refine(inside: (u: Double, s: Double, values: [Double]), outside: (u: Double, s: Double, values: [Double])) -> Double {
            let target = threshold.squareRoot()
            var a = (u: inside.u, f: Swift.max(inside.s, 0).squareRoot() - target, values: inside.values)
            var b = (u: outside.u, f: outside.s.squareRoot() - target, values: outside.values)
            var side = 0
            for _ in 0..<40 {
                var u = b.u - b.f * (b.u - a.u) / (b.f - a.f)
                if !u.isFinite || (u - a.u) * (u - b.u) >= 0 { u = 0.5 * (a.u + b.u) }
                guard let point = evaluate(u, warm: a.values) else { return 0.5 * (a.u + b.u) }
                let f = Swift.max(point.statistic, 0).squareRoot() - target
                if Swift.abs(point.statistic - threshold) <= options.tolerance * threshold { return u }
                if f < 0 {
                    a = (u, f, point.values)
                    if side == -1 { b.f /= 2 }
                    side = -1
                } else {
                    b = (u, f, point.values)
                    if side == 1 { a.f /= 2 }
                    side = 1
                }
                if Swift.abs(b.u - a.u) <= 1e-12 * Swift.max(Swift.abs(u), 1) { return u }
            }
            return a.f.magnitude < b.f.magnitude ? a.u : b.u
        }
    }
}
