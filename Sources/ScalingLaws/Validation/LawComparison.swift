import Foundation
import LinearAlgebra
import NonlinearFit

/// Settings of ``LawComparison/run(laws:data:fitOptions:options:)``.
public struct LawComparisonOptions: Sendable, Equatable {
    /// Folds of the cross-validation.
    public var folds: Int = 5
    /// Seed of the fold assignment and of the bootstrap.
    public var seed: UInt64 = 0
    /// Hold out whole groups sharing a value of this column in the cross-validation.
    public var groupColumn: String? = nil
    /// The backtest split; `nil` holds out the largest tenth of the rows by compute.
    public var holdout: HoldoutRule? = nil
    /// A hypothesis on the first law: parameters held at these values (law names and units),
    /// tested against the free fit.
    public var hypothesis: [String: Double] = [:]
    /// A name for the hypothesis in reports (`hoffmann`, or `--fix alpha=0.34`).
    public var hypothesisName: String? = nil
    /// Resamples of a bootstrap of the first law, for a Wald test with the bootstrap
    /// covariance; `nil` skips it.
    public var bootstrapResamples: Int? = nil

    /// Default settings: no hypothesis, no bootstrap test, the default holdout and folds.
    public init() {}
}

/// Several laws fitted to the same data side by side, with information criteria,
/// cross-validated and backtest errors, and hypothesis tests.
///
/// Information criteria use the residual sum of squares in the objective's space
/// (`n·ln(RSS/n) + 2k`, the fit's own AIC and BIC) and the small-sample correction
/// `AICc = AIC + 2k(k + 1)/(n − k − 1)` (Hurvich & Tsai 1989), with `k` free parameters.
///
/// Tests, each χ² with `q` degrees of freedom under the hypothesis:
///
/// ```
/// likelihood ratio (nested laws, or constants)   Λ = 2[Φ(restricted) − Φ(full)] / s²
/// Wald (asymptotic covariance)                   W = (θ̂ − θ₀)ᵀ Σ̂⁻¹ (θ̂ − θ₀)
/// Wald (bootstrap covariance)                    W = (θ̂ − θ₀)ᵀ Σ*⁻¹ (θ̂ − θ₀)
/// ```
/// `Φ` is the minimised objective and `s²` its scale from the full fit (`RSS/dof` for least
/// squares, the robust calibration of ``ProfileLikelihood`` for Huber); `Σ̂` is the fit's
/// covariance and `Σ*` the covariance of bootstrap refits (Besiroglu et al. 2024,
/// arXiv:2404.10102, test Hoffmann et al.'s constants this way). Wald statistics are given in
/// the fitted parameterization (logarithms of scale parameters) and, for the bootstrap, also
/// in the law's units. A nested law is one whose parameter names are a subset of another's
/// with the same inputs and response; when the restriction puts a parameter on a bound
/// (a floor E = 0) the χ² p-value is conservative.
public struct LawComparison: Sendable, Codable, Equatable {
    /// One law's scores.
    public struct Entry: Sendable, Codable, Equatable {
        /// The catalog name of the law.
        public let law: String
        /// Free parameters `k`.
        public let freeParameters: Int
        /// Rows fitted `n`.
        public let rows: Int
        /// The minimised objective `Φ` of the full-data fit.
        public let objective: Double
        /// `AIC = n·ln(RSS/n) + 2k` (Akaike 1974).
        public let aic: Double
        /// `AICc = AIC + 2k(k + 1)/(n − k − 1)` (Hurvich & Tsai 1989), or `nil` when `n ≤ k + 1`.
        public let aicc: Double?
        /// `BIC = n·ln(RSS/n) + k·ln n` (Schwarz 1978).
        public let bic: Double
        /// The k-fold cross-validated error.
        public let crossValidation: CrossValidation.Result
        /// Mean |relative error| of the backtest's held-out runs (`nil` when it failed).
        public let backtestError: Double?
        /// RMS log error of the backtest's held-out runs.
        public let backtestLogError: Double?
        /// Whether the full-data fit converged.
        public let converged: Bool
    }

    /// One hypothesis test.
    public struct HypothesisTest: Sendable, Codable, Equatable {
        /// The statistic: `likelihood ratio`, `Wald (asymptotic covariance)`, ….
        public let statistic: String
        /// What is tested, e.g. `chinchilla = hoffmann (E, A, B, alpha, beta)`.
        public let hypothesis: String
        /// The statistic's value (Λ or W).
        public let value: Double
        /// `q`: parameters restricted by the hypothesis.
        public let degreesOfFreedom: Int
        /// `P(χ²_q ≥ value)`.
        public let pValue: Double
    }

    /// The objective every law was fitted with.
    public let objective: LawObjective
    /// The holdout rule of the backtests.
    public let holdout: HoldoutRule
    /// One entry per law, in the order given.
    public let entries: [Entry]
    /// The hypothesis tests run (nested laws, constants, bootstrap Wald).
    public let tests: [HypothesisTest]
    /// Notes for the reader (failed fits, conservative p-values at a bound).
    public let notes: [String]

    /// Fits every law to `data` (all with `fitOptions`; default: the first law's
    /// ``LawFitOptions/defaults(for:)``, as the CLI does) and compares them.
    ///
    /// - Throws: ``LawFitError/invalidOption(_:)`` when the laws' responses differ, a
    ///   hypothesis names an unknown parameter, or as the cross-validation and backtest do;
    ///   any fit error of the full-data fits.
    public static func run(
        laws: [any ScalingLaw], data: Dataset, fitOptions: LawFitOptions? = nil,
        options: LawComparisonOptions = LawComparisonOptions()
    ) throws -> LawComparison {
        guard let first = laws.first else { throw LawFitError.invalidOption("give at least one --law") }
        let fitOptions = fitOptions ?? .defaults(for: first)
        for law in laws where law.response.role != first.response.role {
            throw LawFitError.invalidOption(
                "laws '\(first.name)' and '\(law.name)' predict different responses ('\(first.response.role)' and '\(law.response.role)'); compare laws of one response")
        }
        let holdout = options.holdout ?? .largest(count: Swift.max(1, data.count / 10))
        var entries: [Entry] = []
        var fits: [LawFit] = []
        var notes: [String] = []
        for law in laws {
            var lawOptions = fitOptions
            lawOptions.fixed = fitOptions.fixed.filter { law.parameterIndex($0.key) != nil }
            let fit = try LawFitter.fit(law, to: data, options: lawOptions)
            fits.append(fit)
            let k = fit.parameters.filter { !$0.fixed }.count
            let n = data.count
            let cv = try CrossValidation.run(
                law: law, data: data, folds: options.folds, seed: options.seed, groupColumn: options.groupColumn, fitOptions: lawOptions)
            var backtestError: Double?
            var backtestLog: Double?
            do {
                // Only the backtest's point errors enter the comparison: no interval bootstrap.
                var pointOptions = lawOptions
                pointOptions.intervals = .linearized
                let backtest = try Backtest.run(law: law, data: data, rule: holdout, fitOptions: pointOptions)
                if !backtest.predictions.isEmpty {
                    backtestError = backtest.overall.meanAbsoluteRelativeError
                    backtestLog = backtest.overall.rmsLogError
                }
            } catch {
                notes.append("\(law.name): backtest failed (\(error))")
            }
            entries.append(Entry(
                law: law.name, freeParameters: k, rows: n, objective: fit.statistics.objective,
                aic: fit.statistics.aic, aicc: n - k - 1 > 0 ? fit.statistics.aic + Double(2 * k * (k + 1)) / Double(n - k - 1) : nil,
                bic: fit.statistics.bic, crossValidation: cv, backtestError: backtestError, backtestLogError: backtestLog,
                converged: fit.statistics.converged))
        }

        var tests: [HypothesisTest] = []
        // Nested pairs.
        for (i, small) in laws.enumerated() {
            for (j, big) in laws.enumerated() where i != j {
                let smallNames = Set(small.parameters.map(\.name))
                let bigNames = Set(big.parameters.map(\.name))
                guard smallNames.isSubset(of: bigNames), smallNames.count < bigNames.count,
                      small.inputs.map(\.role) == big.inputs.map(\.role) else { continue }
                let q = entries[j].freeParameters - entries[i].freeParameters
                guard q > 0 else { continue }
                let scale = try ProfileLikelihood.scale(law: big, data: data, fit: fits[j])
                let lambda = 2 * (fits[i].statistics.objective - fits[j].statistics.objective) / scale
                tests.append(HypothesisTest(
                    statistic: "likelihood ratio", hypothesis: "\(small.name) nested in \(big.name)",
                    value: lambda, degreesOfFreedom: q,
                    pValue: Distributions.chiSquareSurvival(Swift.max(lambda, 0), degreesOfFreedom: Double(q))))
            }
        }
        if !options.hypothesis.isEmpty {
            tests += try constantsTests(law: first, data: data, fit: fits[0], fitOptions: fitOptions, options: options, notes: &notes)
        }
        return LawComparison(objective: fitOptions.objective, holdout: holdout, entries: entries, tests: tests, notes: notes)
    }

    /// Likelihood-ratio and Wald tests of `options.hypothesis` on the first law.
    static func constantsTests(
        law: any ScalingLaw, data: Dataset, fit: LawFit, fitOptions: LawFitOptions, options: LawComparisonOptions,
        notes: inout [String]
    ) throws -> [HypothesisTest] {
        let hypothesis = options.hypothesis
        var indices: [Int] = []
        for name in hypothesis.keys.sorted() {
            guard let k = law.parameterIndex(name) else {
                throw LawFitError.unknownParameter(law: law.name, name: name, known: law.parameters.map(\.name))
            }
            if fit.parameters[k].fixed { continue }
            indices.append(k)
        }
        indices.sort()
        let q = indices.count
        guard q > 0 else { return [] }
        let label = "\(law.name): \(options.hypothesisName ?? "hypothesis") (\(indices.map { law.parameters[$0].name }.joined(separator: ", ")))"
        let parameterization = LawParameterization(law: law, objective: fit.objective)
        var tests: [HypothesisTest] = []
        func test(_ statistic: String, _ value: Double) {
            tests.append(HypothesisTest(
                statistic: statistic, hypothesis: label, value: value, degreesOfFreedom: q,
                pValue: Distributions.chiSquareSurvival(Swift.max(value, 0), degreesOfFreedom: Double(q))))
        }

        // Likelihood ratio: the objective with the hypothesis imposed (refitting any other free parameters).
        let scale = try ProfileLikelihood.scale(law: law, data: data, fit: fit)
        var restricted = fitOptions
        for k in indices { restricted.fixed[law.parameters[k].name] = hypothesis[law.parameters[k].name] }
        let freeLeft = law.parameters.indices.filter { restricted.fixed[law.parameters[$0].name] == nil }
        let restrictedObjective: Double
        if freeLeft.isEmpty {
            var values = fit.values
            for (name, value) in restricted.fixed { if let k = law.parameterIndex(name) { values[k] = value } }
            restrictedObjective = try objectiveValue(law: law, data: data, values: values, objective: fit.objective)
        } else {
            restrictedObjective = try LawFitter.fit(law, to: data, options: restricted).statistics.objective
        }
        test("likelihood ratio", 2 * (restrictedObjective - fit.statistics.objective) / scale)

        // Wald with the fit's covariance, in the fitted parameterization.
        let fittedHat = fit.fittedValues
        var fittedNull = fittedHat
        var nullValues = fit.values
        for k in indices {
            nullValues[k] = hypothesis[law.parameters[k].name] ?? nullValues[k]
        }
        fittedNull = parameterization.fittedValues(nullValues)
        if let covariance = fit.covariance {
            let slots = indices.compactMap { fit.covarianceNames.firstIndex(of: parameterization.fittedName($0)) }
            if slots.count == q {
                let sigma = Matrix(slots.map { a in slots.map { b in covariance[a][b] } })
                let d = indices.map { fittedHat[$0] - fittedNull[$0] }
                if let w = quadraticForm(sigma, d) { test("Wald (asymptotic covariance, fitted parameters)", w) }
            }
        } else {
            notes.append("no covariance estimate: the asymptotic Wald test is skipped")
        }

        // Wald with a bootstrap covariance (Besiroglu et al. 2024).
        if let resamples = options.bootstrapResamples {
            let bootstrap = try LawBootstrap.run(
                law: law, data: data, options: BootstrapOptions(resamples: resamples, seed: options.seed), fitOptions: fitOptions)
            let draws = bootstrap.draws
            let logged = parameterization.logged
            for (space, transform) in [("fitted parameters", true), ("law units", false)] {
                var rows: [[Double]] = []
                for draw in draws {
                    rows.append(indices.map { k in transform && logged[k] ? log(draw[k]) : draw[k] })
                }
                let hat = indices.map { k in transform && logged[k] ? fittedHat[k] : fit.values[k] }
                let null = indices.map { k in transform && logged[k] ? fittedNull[k] : nullValues[k] }
                if let sigma = covariance(rows), let w = quadraticForm(sigma, zip(hat, null).map { $0 - $1 }) {
                    test("Wald (bootstrap covariance, \(resamples) resamples, \(space))", w)
                }
            }
            if bootstrap.nonConverged > 0 {
                notes.append("bootstrap: \(bootstrap.nonConverged) of \(resamples) refits excluded")
            }
        }
        return tests
    }

    /// `Σρ(r_i)` (or `RSS/2`) at law values `values`, in the objective's space.
    static func objectiveValue(law: any ScalingLaw, data: Dataset, values: [Double], objective: LawObjective) throws -> Double {
        let inputs = try law.inputs.map { try data.column($0.role) }
        let y = try data.column(law.response.role)
        let f = law.evaluate(inputs: inputs, parameters: values)
        var total = 0.0
        for i in y.indices {
            let r = objective.isLogSpace ? log(f[i]) - log(y[i]) : f[i] - y[i]
            if case let .logHuber(delta) = objective {
                total += RobustLoss.huber(delta: delta).rho(r)
            } else {
                total += 0.5 * r * r
            }
        }
        return total
    }

    /// Sample covariance (divisor `B − 1`) of the rows, or `nil` for fewer than 2.
    static func covariance(_ rows: [[Double]]) -> Matrix? {
        guard rows.count >= 2, let width = rows.first?.count else { return nil }
        var mean = [Double](repeating: 0, count: width)
        for row in rows { for j in 0..<width { mean[j] += row[j] } }
        for j in 0..<width { mean[j] /= Double(rows.count) }
        var c = Matrix(rows: width, columns: width)
        for row in rows {
            for a in 0..<width {
                for b in 0..<width { c[a, b] += (row[a] - mean[a]) * (row[b] - mean[b]) }
            }
        }
        for a in 0..<width { for b in 0..<width { c[a, b] /= Double(rows.count - 1) } }
        return c
    }

    /// `dᵀ Σ⁻¹ d`, or `nil` when Σ is singular.
    static func quadraticForm(_ sigma: Matrix, _ d: [Double]) -> Double? {
        guard let x = try? LinearSystem.solve(sigma, d) else { return nil }
        var w = 0.0
        for i in d.indices { w += d[i] * x[i] }
        return w.isFinite ? w : nil
    }
}
