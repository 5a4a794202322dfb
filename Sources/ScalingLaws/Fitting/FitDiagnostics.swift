import Foundation
import LinearAlgebra
import NonlinearFit

/// Thresholds are those of `NonlinearFit/FitThresholds`, the one table the fit's warnings
/// use too.
///
/// Checks a finished fit for the problems that make scaling-law fits mislead (peers.md,
/// "Mistakes seen"), each reported as a ``FitDiagnostic`` with a one-line explanation:
///
/// | check | rule |
/// |---|---|
/// | parameter at bound | a free parameter ended within 1e-6 (relative) of a bound |
/// | ill-conditioned | scaled condition number `κ > 1e8`, or a pair with `|r| > 0.95` |
/// | too few distinct values | an input has fewer distinct values than the parameters that depend on it, or fewer than 3 |
/// | flat direction | `s_min/s_max < 1e-3` for the column-scaled Jacobian `J·diag(1/‖J_k‖)` at the optimum |
/// | multi-start disagreement | ≥ 2 distinct optima whose objectives differ by less than 0.1% |
/// | optimum outside data | for a law `L(N, D)`, `N_opt(C)` under `C = 6ND` at the smallest or largest budget of the data lies outside the data's N range (or `D_opt` outside D's) |
/// | no interior optimum | at such a budget the loss along `D = C/(6N)` is lowest at an end of `N ∈ [N_min/10⁴, N_max·10⁴]` |
///
/// A parameter depends on an input when its partial derivative `∂f/∂p` changes as that input
/// changes (checked at the median row). The flat-direction check names the combination of
/// parameters (the right singular vector of `s_min`) the data cannot pin down; along it the
/// objective changes `(s_min/s_max)²` times less than along the best-determined direction.
public enum FitDiagnostics {
    /// Pairs with a larger correlation magnitude are reported as ill-conditioned.
    public static let correlationThreshold = FitThresholds.correlation
    /// Scaled condition numbers above this are reported as ill-conditioned.
    public static let conditionThreshold = FitThresholds.illConditioned
    /// Relative smallest singular values below this are reported as a flat direction.
    public static let flatThreshold = FitThresholds.flatDirection
    /// Distinct optima whose objectives are within this relative gap count as disagreeing.
    public static let optimumGap = FitThresholds.optimumGap

    /// Every diagnostic of `fit`, a fit of `law` to `data` (in the order of ``FitDiagnostic/Kind``).
    public static func evaluate(_ fit: LawFit, law: any ScalingLaw, data: Dataset) -> [FitDiagnostic] {
        var out: [FitDiagnostic] = []
        out += bounds(fit, law: law)
        out += conditioning(fit)
        out += distinctValues(fit, law: law, data: data)
        out += flatDirection(fit, law: law, data: data)
        out += multiStart(fit)
        out += computeOptimal(fit, law: law, data: data)
        return out
    }

    static func number(_ v: Double) -> String { String(format: "%.4g", v) }

    // MARK: - Bounds

    static func bounds(_ fit: LawFit, law: any ScalingLaw) -> [FitDiagnostic] {
        var out: [FitDiagnostic] = []
        for (k, p) in fit.parameters.enumerated() where !p.fixed {
            guard let side = p.atBound, k < law.parameters.count else { continue }
            let bound = side == "lower" ? law.parameters[k].lowerBound : law.parameters[k].upperBound
            out.append(FitDiagnostic(
                .parameterAtBound,
                "\(p.name) = \(number(p.value)) is at its \(side) bound \(number(bound)): the best fit may lie outside the allowed range, and its standard error means little"))
        }
        return out
    }

    // MARK: - Conditioning

    static func conditioning(_ fit: LawFit) -> [FitDiagnostic] {
        var out: [FitDiagnostic] = []
        if let kappa = fit.statistics.conditionNumber, kappa > conditionThreshold {
            out.append(FitDiagnostic(
                .illConditioned,
                "scaled condition number \(number(kappa)) > \(number(conditionThreshold)): small changes in the data move the parameters a lot; standard errors may be unreliable"))
        }
        guard let r = fit.correlation else { return out }
        let names = fit.covarianceNames.map { lawName(fittedName: $0, in: fit) }
        var pairs: [(String, String, Double)] = []
        for i in 0..<names.count {
            for j in (i + 1)..<Swift.max(names.count, i + 1) where i < r.count && j < r[i].count {
                if r[i][j].isFinite, Swift.abs(r[i][j]) > correlationThreshold { pairs.append((names[i], names[j], r[i][j])) }
            }
        }
        pairs.sort { Swift.abs($0.2) > Swift.abs($1.2) }
        if !pairs.isEmpty {
            let list = pairs.map { String(format: "%@–%@ %+.4f", $0.0, $0.1, $0.2) }.joined(separator: ", ")
            out.append(FitDiagnostic(
                .illConditioned,
                "strongly correlated \(pairs.count == 1 ? "pair" : "pairs") (|r| > \(correlationThreshold)): \(list): the data fix a combination of each pair better than either; quote intervals of derived quantities"))
        }
        return out
    }

    static func lawName(fittedName: String, in fit: LawFit) -> String {
        if let k = fit.fittedNames.firstIndex(of: fittedName), k < fit.parameters.count { return fit.parameters[k].name }
        return fittedName
    }

    // MARK: - Distinct values

    static func distinctValues(_ fit: LawFit, law: any ScalingLaw, data: Dataset) -> [FitDiagnostic] {
        guard let inputs = try? law.inputs.map({ try data.column($0.role) }), let first = inputs.first, !first.isEmpty else { return [] }
        let p = fit.values
        let free = law.parameters.indices.filter { k in !(fit.parameters[k].fixed) }
        // The median row (by the first input) as the reference point.
        let order = first.indices.sorted { first[$0] < first[$1] }
        let row = order[order.count / 2]
        let x0 = inputs.map { $0[row] }
        var g0 = [Double](repeating: 0, count: p.count)
        law.gradient(x0, p, into: &g0)
        var out: [FitDiagnostic] = []
        for (c, variable) in law.inputs.enumerated() {
            var x1 = x0
            x1[c] = x0[c] > 0 ? x0[c] * 1.5 : x0[c] + 1
            var g1 = [Double](repeating: 0, count: p.count)
            law.gradient(x1, p, into: &g1)
            let dependents = free.filter { k in
                let scale = Swift.max(Swift.abs(g0[k]), Swift.abs(g1[k]), 1e-300)
                return Swift.abs(g1[k] - g0[k]) > 1e-9 * scale
            }
            guard !dependents.isEmpty else { continue }
            let distinct = Set(inputs[c]).count
            let needed = Swift.max(dependents.count, 3)
            if distinct < needed {
                let names = dependents.map { law.parameters[$0].name }.joined(separator: ", ")
                out.append(FitDiagnostic(
                    .fewDistinctValues,
                    "\(variable.role) takes \(distinct) distinct \(distinct == 1 ? "value" : "values"); \(dependents.count) parameters depend on it (\(names)) and a curve needs at least \(needed): those parameters are not determined by the data"))
            }
        }
        return out
    }

    // MARK: - Flat direction

    static func flatDirection(_ fit: LawFit, law: any ScalingLaw, data: Dataset) -> [FitDiagnostic] {
        guard let inputs = try? law.inputs.map({ try data.column($0.role) }),
              let y = try? data.column(law.response.role) else { return [] }
        let parameterization = LawParameterization(law: law, objective: fit.objective)
        let free = law.parameters.indices.filter { !fit.parameters[$0].fixed }
        guard !free.isEmpty, y.count > free.count, fit.fittedValues.count == law.parameters.count else { return [] }
        var fixed: [String: Double] = [:]
        for k in law.parameters.indices where fit.parameters[k].fixed { fixed[law.parameters[k].name] = fit.values[k] }
        let problem = parameterization.problem(inputs: inputs, response: y, fitted: fit.fittedValues, fixed: fixed)
        let n = y.count
        let m = law.parameters.count
        // Many rows and a row kernel: the same decomposition from JᵀJ, without the n × m Jacobian.
        if let rows = problem.rowKernel, n >= FusedLevenbergMarquardt.minimumRows,
           let factor = scaledCholeskyFactor(rows.gramMatrix(parameters: fit.fittedValues, rows: n), columns: free),
           let svd = try? SingularValueDecomposition(factor),
           let smax = svd.singularValues.first, let smin = svd.singularValues.last, smax > 0,
           smin / smax >= 1 / FusedLevenbergMarquardt.normalEquationsConditionLimit {
            return flatDirection(svd, free: free, parameterization: parameterization)
        }
        var full = Matrix(rows: n, columns: m)
        if let jacobian = problem.jacobian {
            jacobian(fit.fittedValues, &full)
        } else {
            return []
        }
        var scaled = Matrix(rows: n, columns: free.count)
        for (j, k) in free.enumerated() {
            var norm = 0.0
            for i in 0..<n { norm += full[i, k] * full[i, k] }
            norm = norm.squareRoot()
            guard norm > 0, norm.isFinite else { return [] }
            for i in 0..<n { scaled[i, j] = full[i, k] / norm }
        }
        guard scaled.isFinite, let svd = try? SingularValueDecomposition(scaled) else { return [] }
        return flatDirection(svd, free: free, parameterization: parameterization)
    }

    /// The Cholesky factor `R` (`q × q`, upper) of the Gram matrix of the `columns` of `J`
    /// scaled to unit norm, from `JᵀJ`: it has the singular values and right singular vectors
    /// of the scaled `J`. `nil` when a column is zero or not finite, or the matrix is not
    /// positive definite.
    static func scaledCholeskyFactor(_ gram: Matrix, columns: [Int]) -> Matrix? {
        let q = columns.count
        let norms = columns.map { gram[$0, $0].squareRoot() }
        guard norms.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        var scaled = [Double](repeating: 0, count: q * q)
        for a in 0..<q {
            for b in a..<q { scaled[a * q + b] = gram[columns[a], columns[b]] / (norms[a] * norms[b]) }
        }
        guard let r = SmallCholesky.upperFactor(scaled, order: q) else { return nil }
        return Matrix(rows: q, columns: q, rowMajor: r)
    }

    /// The flat-direction diagnostic from the decomposition of the scaled Jacobian (or of its
    /// factor `R`: the same singular values and right singular vectors).
    static func flatDirection(
        _ svd: SingularValueDecomposition, free: [Int], parameterization: LawParameterization
    ) -> [FitDiagnostic] {
        guard let smax = svd.singularValues.first, let smin = svd.singularValues.last, smax > 0 else { return [] }
        let ratio = smin / smax
        guard ratio < flatThreshold else { return [] }
        let last = svd.singularValues.count - 1
        var terms: [(String, Double)] = []
        for (j, k) in free.enumerated() {
            let c = svd.vt[last, j]
            if Swift.abs(c) >= 0.1 { terms.append((parameterization.fittedName(k), c)) }
        }
        terms.sort { Swift.abs($0.1) > Swift.abs($1.1) }
        let sign: Double = (terms.first?.1 ?? 1) < 0 ? -1 : 1
        let combination = terms.enumerated().map { i, t in
            let c = sign * t.1
            let text = String(format: "%.2f·%@", Swift.abs(c), t.0)
            return i == 0 ? (c < 0 ? "−" : "") + text : (c < 0 ? " − " : " + ") + text
        }.joined()
        return [FitDiagnostic(
            .flatDirection,
            "the objective is flat along \(combination) (scaled singular value ratio \(number(ratio)) < \(number(flatThreshold))): the data do not determine this combination of parameters")]
    }

    // MARK: - Multi-start

    static func multiStart(_ fit: LawFit) -> [FitDiagnostic] {
        guard let objectives = fit.statistics.optimumObjectives, objectives.count >= 2,
              let best = objectives.first else { return [] }
        let close = objectives.dropFirst().filter { $0 - best <= optimumGap * Swift.max(Swift.abs(best), 1e-300) }
        guard let runnerUp = close.first else { return [] }
        let gap = (runnerUp - best) / Swift.max(Swift.abs(best), 1e-300)
        return [FitDiagnostic(
            .multiStartDisagreement,
            "\(close.count + 1) distinct optima have objectives within \(number(optimumGap * 100))% (best \(number(best)), next \(number(runnerUp)), gap \(String(format: "%.2g", gap * 100))%): the data do not single out one set of parameters")]
    }

    // MARK: - Compute-optimal allocation

    static func computeOptimal(_ fit: LawFit, law: any ScalingLaw, data: Dataset) -> [FitDiagnostic] {
        let roles = law.inputs.map(\.role)
        guard roles.count == 2, let iN = roles.firstIndex(of: "N"), let iD = roles.firstIndex(of: "D"),
              let ns = try? data.column("N"), let ds = try? data.column("D"), !ns.isEmpty else { return [] }
        var budgets: [Double] = []
        for i in ns.indices where ns[i] > 0 && ds[i] > 0 { budgets.append(6 * ns[i] * ds[i]) }
        guard let cMin = budgets.min(), let cMax = budgets.max(),
              let nMin = ns.min(), let nMax = ns.max(), let dMin = ds.min(), let dMax = ds.max() else { return [] }
        let p = fit.values
        func loss(_ n: Double, _ c: Double) -> Double {
            var x = [0.0, 0.0]
            x[iN] = n
            x[iD] = c / (6 * n)
            return law.evaluate(x, p)
        }
        var out: [FitDiagnostic] = []
        var outside: [String] = []
        for c in (cMin == cMax ? [cMin] : [cMin, cMax]) {
            switch optimalSize(budget: c, lowest: nMin / 1e4, highest: nMax * 1e4, loss: loss) {
            case let .interior(n):
                let d = c / (6 * n)
                if n < nMin * (1 - 1e-9) || n > nMax * (1 + 1e-9) || d < dMin * (1 - 1e-9) || d > dMax * (1 + 1e-9) {
                    outside.append("C = \(number(c)): N_opt = \(number(n)), D_opt = \(number(d))")
                }
            case let .edge(larger):
                out.append(FitDiagnostic(
                    .noInteriorOptimum,
                    "at C = \(number(c)) FLOP the fitted loss keeps falling toward ever \(larger ? "larger models on fewer tokens" : "smaller models on more tokens"): the law has no compute-optimal size there"))
            case .undefined:
                continue
            }
        }
        if !outside.isEmpty {
            out.insert(FitDiagnostic(
                .optimumOutsideData,
                "the compute-optimal allocation at the data's budgets lies outside the fitted runs (N in [\(number(nMin)), \(number(nMax))], D in [\(number(dMin)), \(number(dMax))]): \(outside.joined(separator: "; ")); allocations rest on extrapolation"),
                at: 0)
        }
        return out
    }

    enum OptimalSize {
        case interior(Double)
        /// The minimum sits at the largest (`true`) or smallest end of the scan.
        case edge(larger: Bool)
        case undefined
    }

    /// The loss-minimising `N` at budget `c` on a 401-point log grid over `[lowest, highest]`,
    /// refined by golden section between the neighbours of the best grid point.
    static func optimalSize(budget c: Double, lowest: Double, highest: Double, loss: (Double, Double) -> Double) -> OptimalSize {
        let a = log(lowest), b = log(highest)
        let count = 401
        var bestIndex = -1
        var bestValue = Double.infinity
        for i in 0..<count {
            let u = a + (b - a) * Double(i) / Double(count - 1)
            let v = loss(exp(u), c)
            if v.isFinite, v < bestValue { bestValue = v; bestIndex = i }
        }
        guard bestIndex >= 0 else { return .undefined }
        if bestIndex == 0 { return .edge(larger: false) }
        if bestIndex == count - 1 { return .edge(larger: true) }
        let h = (b - a) / Double(count - 1)
        var lo = a + h * Double(bestIndex - 1), hi = a + h * Double(bestIndex + 1)
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<100 where hi - lo > 1e-10 {
            let u1 = hi - ratio * (hi - lo), u2 = lo + ratio * (hi - lo)
            if loss(exp(u1), c) <= loss(exp(u2), c) { hi = u2 } else { lo = u1 }
        }
        return .interior(exp(0.5 * (lo + hi)))
    }
}
