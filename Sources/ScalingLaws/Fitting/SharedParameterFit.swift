import Foundation
import LinearAlgebra
import NonlinearFit

/// One fit of a law to several groups of rows at once, with some parameters shared by every
/// group and the others fitted per group (Goyal et al. 2024, "Scaling Laws for Data Filtering —
/// Data Curation cannot be Compute Agnostic", arXiv:2404.07177, fit the QQT law this way: one
/// sample scale `a` and floor `d` for all pools, a utility `b` and half-life `τ` per pool).
///
/// ```
/// minimise  Σ_g Σ_{i∈g} (f(x_i; θ_shared, θ_g) − y_i)²
/// ```
/// over the shared parameters `θ_shared`, one vector `θ_g` per group, with fixed parameters held
/// at their values; least squares on the response (the QQT law's own objective). Standard errors
/// are the linearised ones, `σ̂²·(JᵀJ)⁻¹` with `σ̂² = RSS/(n − k)`.
///
/// The rows of every group are kept so that decisions built on the fit can be bootstrapped
/// (resampling rows within each group, see ``refit(resampling:)``).
public struct SharedParameterFit: Sendable, Equatable, Codable {
    /// One group's rows and its full parameter vector.
    public struct Group: Sendable, Equatable, Codable {
        /// The group's label (a value of the `--by` column).
        public let label: String
        /// The law's parameters for this group, in the law's order (shared and fixed included).
        public let values: [Double]
        /// Standard errors in the law's order; `nil` for fixed parameters.
        public let standardErrors: [Double?]
        /// The input columns, in the law's input order.
        public let inputs: [[Double]]
        /// The response of each row.
        public let response: [Double]

        /// The number of rows.
        public var rows: Int { response.count }

        /// Creates a group.
        /// - Parameters:
        ///   - label: the group's label.
        ///   - values: the law's parameter vector for this group.
        ///   - standardErrors: their standard errors (`nil` when fixed).
        ///   - inputs: input columns in the law's order.
        ///   - response: the response values.
        public init(label: String, values: [Double], standardErrors: [Double?], inputs: [[Double]], response: [Double]) {
            self.label = label
            self.values = values
            self.standardErrors = standardErrors
            self.inputs = inputs
            self.response = response
        }
    }

    /// The law's registry name.
    public let law: String
    /// The law's parameter names, in order.
    public let parameterNames: [String]
    /// The law's input roles, in order.
    public let inputRoles: [String]
    /// Names of the parameters shared by every group (fixed ones excluded).
    public let shared: [String]
    /// Parameters held fixed, with their values.
    public let fixed: [String: Double]
    /// The groups, in first-seen order.
    public let groups: [Group]
    /// Residual sum of squares `Σ (f − y)²` over all rows.
    public let residualSumOfSquares: Double
    /// Rows minus free parameters.
    public let degreesOfFreedom: Int
    /// `1 − RSS/TSS` over all rows.
    public let rSquared: Double
    /// Whether the solver reported convergence.
    public let converged: Bool
    /// Where the data came from (file, columns, conditions), for the report.
    public var source: String = ""

    /// The residual standard deviation `√(RSS/dof)` (NaN without degrees of freedom).
    public var residualStandardDeviation: Double {
        degreesOfFreedom > 0 ? (residualSumOfSquares / Double(degreesOfFreedom)).squareRoot() : .nan
    }

    /// The value of parameter `name` in group `label`, or `nil` when either is unknown.
    public func value(_ name: String, group label: String) -> Double? {
        guard let j = parameterNames.firstIndex(of: name), let g = groups.first(where: { $0.label == label }) else { return nil }
        return g.values[j]
    }

    /// The value of the shared or fixed parameter `name` (taken from the first group), or `nil`.
    public func sharedValue(_ name: String) -> Double? {
        guard shared.contains(name) || fixed[name] != nil, let first = groups.first else { return nil }
        return parameterNames.firstIndex(of: name).map { first.values[$0] }
    }

    /// Why this fit's arrays do not fit together (for a fit read from a file), or `nil` when
    /// they do: every group needs one value and one standard error per parameter, one column per
    /// input role, columns as long as its response, and at least one row; shared and fixed
    /// names must be parameters.
    public var inconsistency: String? {
        let m = parameterNames.count
        for name in shared + Array(fixed.keys).sorted() where !parameterNames.contains(name) {
            return "'\(name)' is shared or fixed but not a parameter (\(parameterNames.joined(separator: ", ")))"
        }
        for (g, group) in groups.enumerated() {
            let at = "groups[\(g)]"
            guard group.values.count == m, group.standardErrors.count == m else {
                return "\(at) has \(group.values.count) values and \(group.standardErrors.count) standard errors for \(m) parameters"
            }
            guard group.inputs.count == inputRoles.count else {
                return "\(at) has \(group.inputs.count) input columns for \(inputRoles.count) inputs"
            }
            guard group.rows >= 1, group.inputs.allSatisfy({ $0.count == group.rows }) else {
                return "\(at) needs at least one row and input columns as long as its \(group.rows) responses"
            }
        }
        return nil
    }

    // MARK: - Fitting

    /// Fits `law` jointly to `groups`, sharing the parameters named in `shared`.
    ///
    /// Starts: the law's ``ScalingLaw/initialGuess(inputs:response:)`` on each group; the shared
    /// parameters start at each group's guess in turn (and at their median), and the start with
    /// the least residual sum of squares wins.
    ///
    /// - Parameters:
    ///   - law: the law (with an analytic gradient).
    ///   - groups: each group's label and rows (columns named by the law's roles).
    ///   - shared: parameters common to all groups (at least one; not fixed ones).
    ///   - fixed: parameters held at a value in every group.
    /// - Returns: the joint fit, keeping every group's rows.
    /// - Throws: ``LawFitError/unknownParameter(law:name:known:)`` for a name the law lacks,
    ///   ``LawFitError/invalidOption(_:)`` for no groups, no shared parameter, or a group with too
    ///   few rows (its own free parameters + 1); `DataError` for missing columns; `FitError` from
    ///   the engine.
    public static func fit(law: any ScalingLaw, groups: [(label: String, data: Dataset)], shared: [String],
                           fixed: [String: Double] = [:]) throws -> SharedParameterFit {
        var points: [(label: String, inputs: [[Double]], response: [Double])] = []
        let positive = law.inputs.filter(\.mustBePositive).map(\.role)
        for (label, data) in groups {
            try data.requirePositive(positive, reason: "for the \(law.name) law")
            points.append((label, try law.inputs.map { try data.column($0.role) }, try data.column(law.response.role)))
        }
        return try fit(law: law, points: points, shared: shared, fixed: fixed, start: nil)
    }

    /// The same joint fit on rows drawn with replacement within each group: `indices[g]` lists
    /// the rows of group `g` to use (repeats allowed). Starts from this fit's values.
    ///
    /// - Parameter indices: per group, the row indices of the resample.
    /// - Returns: the refit, or `nil` when the solver throws on the resample.
    public func refit(resampling indices: [[Int]]) -> SharedParameterFit? {
        guard indices.count == groups.count, let law = LawRegistry.law(named: law) else { return nil }
        var points: [(label: String, inputs: [[Double]], response: [Double])] = []
        for (g, group) in groups.enumerated() {
            let rows = indices[g]
            points.append((group.label, group.inputs.map { column in rows.map { column[$0] } }, rows.map { group.response[$0] }))
        }
        return try? Self.fit(law: law, points: points, shared: shared, fixed: fixed, start: groups.map(\.values))
    }

    static func fit(law: any ScalingLaw, points: [(label: String, inputs: [[Double]], response: [Double])],
                    shared: [String], fixed: [String: Double], start: [[Double]]?) throws -> SharedParameterFit {
        let names = law.parameters.map(\.name)
        for name in shared + Array(fixed.keys) where !names.contains(name) {
            throw LawFitError.unknownParameter(law: law.name, name: name, known: names)
        }
        let sharedFree = shared.filter { fixed[$0] == nil }
        guard !sharedFree.isEmpty else {
            throw LawFitError.invalidOption("a joint fit needs at least one shared free parameter of \(law.name) (parameters: \(names.joined(separator: ", ")))")
        }
        guard !points.isEmpty else { throw LawFitError.invalidOption("a joint fit needs at least one group of rows") }
        let own = names.filter { !shared.contains($0) && fixed[$0] == nil }
        for group in points where group.response.count < own.count + 1 {
            throw LawFitError.invalidOption(
                "group '\(group.label)' has \(group.response.count) row\(group.response.count == 1 ? "" : "s"); each group needs at least \(own.count + 1) to fit its own \(own.joined(separator: ", ")) with a residual")
        }
        // Layout of the joint vector: fixed, then shared, then each group's own parameters.
        var parameters: [FitParameter] = []
        var slotOfShared: [String: Int] = [:]
        for (name, value) in fixed.sorted(by: { $0.key < $1.key }) {
            slotOfShared[name] = parameters.count
            parameters.append(FitParameter(name, initialValue: value, constraint: .fixed))
        }
        let specs = law.parameters
        let guesses = points.enumerated().map { g, group in start?[g] ?? law.initialGuess(inputs: group.inputs, response: group.response) }
        func clamped(_ value: Double, _ j: Int) -> Double {
            let lo = specs[j].lowerBound, hi = specs[j].upperBound
            var v = value.isFinite ? value : 0
            if lo.isFinite, v <= lo { v = lo + Swift.max(1e-6, Swift.abs(lo) * 1e-3) }
            if hi.isFinite, v >= hi { v = hi - Swift.max(1e-6, Swift.abs(hi) * 1e-3) }
            return v
        }
        for name in sharedFree {
            let j = names.firstIndex(of: name) ?? 0
            slotOfShared[name] = parameters.count
            parameters.append(FitParameter(name, initialValue: clamped(guesses[0][j], j), lowerBound: specs[j].lowerBound, upperBound: specs[j].upperBound))
        }
        var slots: [[Int]] = []
        for (g, group) in points.enumerated() {
            var row: [Int] = []
            for (j, name) in names.enumerated() {
                if let s = slotOfShared[name] {
                    row.append(s)
                } else {
                    row.append(parameters.count)
                    parameters.append(FitParameter("\(name)[\(group.label)]", initialValue: clamped(guesses[g][j], j),
                                                   lowerBound: specs[j].lowerBound, upperBound: specs[j].upperBound))
                }
            }
            slots.append(row)
        }
        var groupOfRow: [Int] = [], indexOfRow: [Int] = [], y: [Double] = []
        for (g, group) in points.enumerated() {
            for i in group.response.indices { groupOfRow.append(g); indexOfRow.append(i); y.append(group.response[i]) }
        }
        let rowGroup = groupOfRow, rowIndex = indexOfRow
        let inputs = points.map(\.inputs)
        let m = parameters.count, n = y.count
        let lawCopy = law
        let slotTable = slots
        let model: LeastSquaresProblem.Model = { p, out in
            var local = [Double](repeating: 0, count: names.count)
            var x = [Double](repeating: 0, count: inputs[0].count)
            for r in 0..<n {
                let g = rowGroup[r]
                for j in local.indices { local[j] = p[slotTable[g][j]] }
                for c in x.indices { x[c] = inputs[g][c][rowIndex[r]] }
                out[r] = lawCopy.evaluate(x, local)
            }
        }
        let jacobian: LeastSquaresProblem.Jacobian = { p, jac in
            var local = [Double](repeating: 0, count: names.count)
            var grad = [Double](repeating: 0, count: names.count)
            var x = [Double](repeating: 0, count: inputs[0].count)
            for k in 0..<(n * m) { jac.elements[k] = 0 }
            for r in 0..<n {
                let g = rowGroup[r]
                for j in local.indices { local[j] = p[slotTable[g][j]] }
                for c in x.indices { x[c] = inputs[g][c][rowIndex[r]] }
                lawCopy.gradient(x, local, into: &grad)
                for j in local.indices { jac.elements[r + slotTable[g][j] * n] += grad[j] }
            }
        }
        let base = LeastSquaresProblem(parameters: parameters, observations: y, model: model, jacobian: jacobian)
        // Candidate starts for the shared parameters: every group's guess and their median.
        var candidates: [[Double]] = []
        if start == nil {
            for g in points.indices { candidates.append(sharedFree.map { guesses[g][names.firstIndex(of: $0) ?? 0] }) }
            candidates.append(sharedFree.map { name in
                let j = names.firstIndex(of: name) ?? 0
                let sorted = guesses.map { $0[j] }.sorted()
                return sorted[sorted.count / 2]
            })
        } else {
            candidates.append(sharedFree.map { guesses[0][names.firstIndex(of: $0) ?? 0] })
        }
        var options = FitOptions()
        options.xtol = 1e-12
        options.gtol = 1e-12
        if start != nil { options.fallbacks = .none }
        var best: FitResult?
        var firstError: Error?
        for candidate in candidates {
            var problem = base
            for (k, name) in sharedFree.enumerated() {
                let j = names.firstIndex(of: name) ?? 0
                problem.parameters[slotOfShared[name] ?? 0].initialValue = clamped(candidate[k], j)
            }
            do {
                let result = try NonlinearLeastSquares.fit(problem, options: options)
                if best.map({ result.objective < $0.objective }) ?? true { best = result }
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        guard let result = best else { throw firstError ?? LawFitError.invalidOption("the joint fit failed from every start") }
        let values = result.parameters.map(\.value)
        let errors = result.parameters.map(\.standardError)
        var groups: [Group] = []
        for (g, group) in points.enumerated() {
            groups.append(Group(
                label: group.label, values: slots[g].map { values[$0] },
                standardErrors: slots[g].map { parameters[$0].isFree ? errors[$0] : nil },
                inputs: group.inputs, response: group.response))
        }
        let rss = result.residuals.reduce(0) { $0 + $1 * $1 }
        let mean = y.reduce(0, +) / Double(n)
        var total = 0.0
        for v in y { total += (v - mean) * (v - mean) }
        return SharedParameterFit(
            law: law.name, parameterNames: names, inputRoles: law.inputs.map(\.role), shared: sharedFree, fixed: fixed,
            groups: groups, residualSumOfSquares: rss, degreesOfFreedom: n - parameters.filter(\.isFree).count,
            rSquared: total > 0 ? 1 - rss / total : .nan, converged: result.converged)
    }
}
