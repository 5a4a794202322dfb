import Foundation
import NonlinearFit

/// One run of a hyperparameter sweep: the cell it belongs to (its N and D, or its compute),
/// the learning rate, the batch size (tokens, optional) and the final loss.
public struct SweepRun: Codable, Sendable, Equatable {
    /// Parameters `N` of the run's model, when the sweep gives them.
    public var n: Double?
    /// Training tokens `D`, when given.
    public var d: Double?
    /// Training compute `C` in FLOP, when given.
    public var c: Double?
    /// The peak learning rate.
    public var learningRate: Double
    /// The batch size in tokens, when the sweep varies it.
    public var batchSize: Double?
    /// The final loss.
    public var loss: Double
    /// Line of the input, for messages.
    public var line: Int?

    /// A sweep run.
    /// - Parameters:
    ///   - n: Parameters `N`, or `nil`.
    ///   - d: Training tokens `D`, or `nil`.
    ///   - c: Training compute `C`, or `nil`.
    ///   - learningRate: The peak learning rate.
    ///   - batchSize: The batch size in tokens, or `nil`.
    ///   - loss: The final loss.
    ///   - line: The run's line in the input, or `nil`.
    public init(n: Double? = nil, d: Double? = nil, c: Double? = nil, learningRate: Double, batchSize: Double? = nil, loss: Double, line: Int? = nil) {
        self.n = n
        self.d = d
        self.c = c
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.loss = loss
        self.line = line
    }
}

/// The optimum of one sweep cell, from a quadratic in log learning rate (and log batch size).
public struct SweepCellOptimum: Codable, Sendable, Equatable {
    /// N, D and C of the cell (those known).
    public var n: Double?
    /// `D` of the cell, when known.
    public var d: Double?
    /// `C` of the cell, when known.
    public var c: Double?
    /// The cell's label in reports (its N and D, or C).
    public var label: String
    /// Runs in the cell.
    public var runs: Int
    /// The optimal learning rate `η*`, the vertex of the quadratic in `ln η`.
    public var learningRate: Double
    /// 95% interval of the optimal learning rate (nil with no residual degrees of freedom).
    public var learningRateInterval: ClosedRange<Double>?
    /// Standard error of ln η*.
    public var logLearningRateError: Double?
    /// The optimal batch size in tokens, when the cell varies it.
    public var batchSize: Double?
    /// 95% interval of the optimal batch size, or `nil`.
    public var batchSizeInterval: ClosedRange<Double>?
    /// Standard error of `ln B*`, or `nil`.
    public var logBatchSizeError: Double?
    /// The quadratic's loss at the optimum.
    public var loss: Double
}

/// A cell left out of the power law, with the reason.
public struct SweepCellRefusal: Codable, Sendable, Equatable {
    /// The cell's label.
    public var label: String
    /// Why it was left out (for example the optimum at the edge of the sweep).
    public var reason: String
}

/// A hyperparameter law fitted from a sweep: per-cell optima, refusals and the power laws.
public struct HyperparameterSweepFit: Codable, Sendable, Equatable {
    /// The cells with an optimum.
    public var cells: [SweepCellOptimum]
    /// The cells left out, with the reasons.
    public var refusals: [SweepCellRefusal]
    /// The power laws fitted through the cells' optima.
    public var law: HyperparameterLaw
}

/// Fits optimal learning rates (and batch sizes) from a sweep.
///
/// Per cell (runs sharing N and D, or C): the loss as a quadratic in x = ln η,
///
/// ```
/// L(x) = a + b·x + c·x²,   x* = −b / (2c),   Var(x*) = gᵀ Σ g,  g = (0, −1/(2c), b/(2c²))
/// ```
/// by least squares (Σ the coefficients' covariance), or with batch sizes a full quadratic in
/// (ln η, ln B) whose stationary point solves H·(x, z) = −(b_x, b_z) (the convexity of the
/// landscape that Li et al. 2025, Sec. 3, observe). A cell is refused when its quadratic is not
/// convex or its optimum lies outside the swept range (not bracketed). Then across cells, by
/// weighted least squares on the logs (weights 1/Var(ln η*)),
///
/// ```
/// ln η* = ln k + a·ln C            (or ln k + a·ln N + b·ln D)
/// ```
/// with Student-t 95% intervals; the same for B*. This generalises `fit-shared-slope` (one
/// group, the per-cell optima as data, their uncertainties as weights).
public enum HyperparameterSweepFitter {
    /// - Throws: `PlanningError.tooFewSettings` for a cell with fewer than three distinct
    ///   learning rates (or batch sizes), `PlanningError.tooFewCells` when fewer than
    ///   `variables`' parameters + 1 cells are bracketed.
    public static func fit(_ runs: [SweepRun], variables: HyperparameterLaw.Variables, name: String = "fitted") throws -> HyperparameterSweepFit {
        // Group runs into cells.
        var order: [String] = []
        var groups: [String: [SweepRun]] = [:]
        for run in runs {
            guard run.learningRate > 0, run.learningRate.isFinite else { throw PlanningError.invalidValue(what: "learning rate" + lineText(run), value: run.learningRate) }
            guard run.loss.isFinite else { throw PlanningError.invalidValue(what: "loss" + lineText(run), value: run.loss) }
            if let b = run.batchSize, !(b > 0 && b.isFinite) { throw PlanningError.invalidValue(what: "batch size" + lineText(run), value: b) }
            let key: String
            switch variables {
            case .compute:
                guard let c = run.c, c > 0, c.isFinite else { throw PlanningError.invalidValue(what: "compute C" + lineText(run), value: run.c ?? .nan) }
                key = "C=" + fmt(c)
            case .sizeAndTokens:
                guard let n = run.n, n > 0, n.isFinite else { throw PlanningError.invalidValue(what: "parameters N" + lineText(run), value: run.n ?? .nan) }
                guard let d = run.d, d > 0, d.isFinite else { throw PlanningError.invalidValue(what: "tokens D" + lineText(run), value: run.d ?? .nan) }
                key = "N=" + fmt(n) + " D=" + fmt(d)
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(run)
        }
        let withBatch = runs.contains { $0.batchSize != nil }
        var cells: [SweepCellOptimum] = []
        var refusals: [SweepCellRefusal] = []
        for key in order {
            let group = groups[key] ?? []
            do {
                cells.append(try withBatch ? optimum2D(group, label: key) : optimum1D(group, label: key))
            } catch let error as PlanningError {
                if case .unbracketed = error {
                    refusals.append(SweepCellRefusal(label: key, reason: error.description))
                } else {
                    throw error
                }
            }
        }
        let p = variables == .compute ? 2 : 3
        guard cells.count >= p + 1 else { throw PlanningError.tooFewCells(got: cells.count, needed: p + 1) }
        func inputs(_ cell: SweepCellOptimum) -> [Double] {
            variables == .compute ? [1, log(cell.c ?? .nan)] : [1, log(cell.n ?? .nan), log(cell.d ?? .nan)]
        }
        let lr = try powerLaw(cells.map { (inputs($0), log($0.learningRate), $0.logLearningRateError) })
        var batch: HyperparameterLaw.PowerLaw?
        if withBatch {
            batch = try powerLaw(cells.compactMap { cell in cell.batchSize.map { (inputs(cell), log($0), cell.logBatchSizeError) } })
        }
        let law = HyperparameterLaw(name: name, variables: variables, learningRate: lr, batchSize: batch,
                                    source: "fitted: \(cells.count) cells, \(refusals.count) refused")
        return HyperparameterSweepFit(cells: cells, refusals: refusals, law: law)
    }

    static func lineText(_ run: SweepRun) -> String { run.line.map { " (line \($0))" } ?? "" }
    static func fmt(_ x: Double) -> String { String(format: "%.4g", x) }

    /// The 1-D quadratic optimum of one cell.
    static func optimum1D(_ runs: [SweepRun], label: String) throws -> SweepCellOptimum {
        let xs = runs.map { log($0.learningRate) }
        let distinct = Set(xs.map { ($0 * 1e9).rounded() }).count
        guard distinct >= 3 else { throw PlanningError.tooFewSettings(cell: label, what: "learning rates", got: distinct, needed: 3) }
        let design = xs.map { [1, $0, $0 * $0] }
        guard let ls = SmallLinearSystem.leastSquares(design, runs.map(\.loss)) else {
            throw PlanningError.unbracketed(cell: label, what: "learning rate", detail: "the quadratic cannot be fitted")
        }
        let (a, b, c) = (ls.beta[0], ls.beta[1], ls.beta[2])
        guard c > 0 else {
            throw PlanningError.unbracketed(cell: label, what: "learning rate", detail: "the loss is not convex in log learning rate")
        }
        let x = -b / (2 * c)
        let lo = xs.min() ?? x, hi = xs.max() ?? x
        guard x >= lo, x <= hi else {
            throw PlanningError.unbracketed(cell: label, what: "learning rate",
                                            detail: "the quadratic's minimum \(fmt(exp(x))) is outside the swept \(fmt(exp(lo)))–\(fmt(exp(hi)))")
        }
        var se: Double?
        var interval: ClosedRange<Double>?
        if ls.dof > 0 {
            let g = [0, -1 / (2 * c), b / (2 * c * c)]
            let s = SmallLinearSystem.quadraticForm(g, ls.covariance).squareRoot()
            let t = Distributions.studentTQuantile(0.975, degreesOfFreedom: Double(ls.dof))
            se = s
            interval = exp(x - t * s)...exp(x + t * s)
        }
        let first = runs[0]
        return SweepCellOptimum(n: first.n, d: first.d, c: first.c, label: label, runs: runs.count,
                                learningRate: exp(x), learningRateInterval: interval, logLearningRateError: se,
                                batchSize: nil, batchSizeInterval: nil, logBatchSizeError: nil,
                                loss: a + b * x + c * x * x)
    }

    /// The 2-D quadratic optimum in (ln η, ln B) of one cell; the interval by the delta method
    /// with a central-difference gradient of the stationary point.
    static func optimum2D(_ runs: [SweepRun], label: String) throws -> SweepCellOptimum {
        let xs = runs.map { log($0.learningRate) }
        let zs = try runs.map { run -> Double in
            guard let b = run.batchSize else { throw PlanningError.invalidValue(what: "batch size" + lineText(run), value: .nan) }
            return log(b)
        }
        let lrs = Set(xs.map { ($0 * 1e9).rounded() }).count
        guard lrs >= 3 else { throw PlanningError.tooFewSettings(cell: label, what: "learning rates", got: lrs, needed: 3) }
        let bs = Set(zs.map { ($0 * 1e9).rounded() }).count
        guard bs >= 3 else { throw PlanningError.tooFewSettings(cell: label, what: "batch sizes", got: bs, needed: 3) }
        let design = zip(xs, zs).map { x, z in [1, x, z, x * x, z * z, x * z] }
        guard let ls = SmallLinearSystem.leastSquares(design, runs.map(\.loss)) else {
            throw PlanningError.unbracketed(cell: label, what: "learning rate and batch size", detail: "the quadratic cannot be fitted")
        }
        func vertex(_ beta: [Double]) -> (Double, Double)? {
            let h11 = 2 * beta[3], h22 = 2 * beta[4], h12 = beta[5]
            let det = h11 * h22 - h12 * h12
            guard h11 > 0, det > 0 else { return nil }
            let x = (-beta[1] * h22 + beta[2] * h12) / det
            let z = (-beta[2] * h11 + beta[1] * h12) / det
            return (x, z)
        }
        guard let (x, z) = vertex(ls.beta) else {
            throw PlanningError.unbracketed(cell: label, what: "learning rate and batch size", detail: "the loss is not convex in (log learning rate, log batch size)")
        }
        let (xlo, xhi) = (xs.min() ?? x, xs.max() ?? x)
        let (zlo, zhi) = (zs.min() ?? z, zs.max() ?? z)
        guard x >= xlo, x <= xhi else {
            throw PlanningError.unbracketed(cell: label, what: "learning rate", detail: "the minimum \(fmt(exp(x))) is outside the swept \(fmt(exp(xlo)))–\(fmt(exp(xhi)))")
        }
        guard z >= zlo, z <= zhi else {
            throw PlanningError.unbracketed(cell: label, what: "batch size", detail: "the minimum \(fmt(exp(z))) is outside the swept \(fmt(exp(zlo)))–\(fmt(exp(zhi)))")
        }
        var seX: Double?, seZ: Double?
        var ix: ClosedRange<Double>?, iz: ClosedRange<Double>?
        if ls.dof > 0 {
            var gx = Array(repeating: 0.0, count: 6), gz = Array(repeating: 0.0, count: 6)
            for j in 0..<6 {
                let h = 1e-6 * max(1, abs(ls.beta[j]))
                var up = ls.beta, down = ls.beta
                up[j] += h
                down[j] -= h
                if let u = vertex(up), let dn = vertex(down) {
                    gx[j] = (u.0 - dn.0) / (2 * h)
                    gz[j] = (u.1 - dn.1) / (2 * h)
                }
            }
            let t = Distributions.studentTQuantile(0.975, degreesOfFreedom: Double(ls.dof))
            let sx = SmallLinearSystem.quadraticForm(gx, ls.covariance).squareRoot()
            let sz = SmallLinearSystem.quadraticForm(gz, ls.covariance).squareRoot()
            seX = sx
            seZ = sz
            ix = exp(x - t * sx)...exp(x + t * sx)
            iz = exp(z - t * sz)...exp(z + t * sz)
        }
        let b = ls.beta
        let first = runs[0]
        return SweepCellOptimum(n: first.n, d: first.d, c: first.c, label: label, runs: runs.count,
                                learningRate: exp(x), learningRateInterval: ix, logLearningRateError: seX,
                                batchSize: exp(z), batchSizeInterval: iz, logBatchSizeError: seZ,
                                loss: b[0] + b[1] * x + b[2] * z + b[3] * x * x + b[4] * z * z + b[5] * x * z)
    }

    /// Weighted least squares of ln y on the inputs, with Student-t 95% intervals.
    static func powerLaw(_ rows: [([Double], Double, Double?)]) throws -> HyperparameterLaw.PowerLaw {
        let allWeighted = rows.allSatisfy { ($0.2 ?? 0) > 0 }
        let weights = allWeighted ? rows.map { 1 / (($0.2 ?? 1) * ($0.2 ?? 1)) } : nil
        guard let ls = SmallLinearSystem.leastSquares(rows.map(\.0), rows.map(\.1), weights: weights) else {
            throw PlanningError.tooFewCells(got: rows.count, needed: (rows.first?.0.count ?? 2) + 1)
        }
        // With weights from the per-cell intervals, the covariance is scaled by the reduced χ²
        // only when it exceeds 1 (cells scattering more than their own intervals say).
        var cov = ls.covariance
        if allWeighted, ls.dof > 0 {
            let chi2 = ls.rss / Double(ls.dof)
            let scale = max(1, chi2) / chi2
            cov = cov.map { $0.map { $0 * scale } }
        }
        let t = Distributions.studentTQuantile(0.975, degreesOfFreedom: Double(max(ls.dof, 1)))
        let se = (0..<ls.beta.count).map { cov[$0][$0].squareRoot() }
        let k = exp(ls.beta[0])
        return HyperparameterLaw.PowerLaw(
            coefficient: k, exponents: Array(ls.beta.dropFirst()),
            coefficientInterval: exp(ls.beta[0] - t * se[0])...exp(ls.beta[0] + t * se[0]),
            exponentIntervals: (1..<ls.beta.count).map { (ls.beta[$0] - t * se[$0])...(ls.beta[$0] + t * se[$0]) })
    }
}
