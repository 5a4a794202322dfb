import Foundation
import LinearAlgebra
import NonlinearFit

/// Fits one budget's profile and locates its minimum (see ``IsoFlopProfileShape``).
///
/// Polynomial shapes are fitted to the loss in `x = log N − x̄` by least squares (LAPACK
/// `dgelsd`); the Huber parabola reweights rows (IRLS, weights `min(1, δ/|r|)` with
/// `δ = tuning·1.4826·median|r|` re-estimated each round, 200 rounds at most). The vertex `x*` of a parabola is `−c1/(2c2)`; that of a cubic is the root of
/// `c1 + 2c2·x + 3c3·x² = 0` with positive curvature. Its standard error is the delta method
/// on the coefficient covariance `s²(XᵀWX)⁻¹`, `s² = Σ w r²/(n − p)`:
///
/// ```
/// parabola   ∇x* = (0, −1/(2c2), c1/(2c2²))
/// cubic      ∇x* = −(0, 1, 2x*, 3x*²) / (2c2 + 6c3·x*)
/// N* interval = exp(x̄ + x* ± t_{n−p, (1+level)/2}·SE(x*))
/// ```
/// A budget is refused (never given a number) when it has too few distinct sizes, when the
/// parabola is concave, when the cubic has no local minimum, or when the minimum falls outside
/// the sampled sizes (or, interpolated, at a sampled end).
enum IsoFlopProfileFit {
    static func fit(
        budget: Double, runs allRuns: [IsoFlopRun], shape: IsoFlopProfileShape, neighbours: Int?, confidenceLevel: Double
    ) throws -> IsoFlopProfile {
        let sorted = allRuns.sorted { ($0.parameters, $0.loss) < ($1.parameters, $1.loss) }
        let (sizes, best) = lowestLossPerSize(sorted)
        func refuse(_ refusal: IsoFlopRefusal, fitted: [IsoFlopRun], coefficients: [Double] = [], center: Double = 0) -> IsoFlopProfile {
            IsoFlopProfile(
                budget: budget, runs: allRuns.count, fittedRuns: fitted.count,
                smallestParameters: fitted.first?.parameters ?? .nan, largestParameters: fitted.last?.parameters ?? .nan,
                coefficients: coefficients, center: center, optimum: nil, refusal: refusal)
        }
        guard sizes.count >= shape.minimumSizes else {
            return refuse(.tooFewSizes(sizes: sizes.count, needed: shape.minimumSizes, shape: shape.name), fitted: sorted)
        }
        var runs = sorted
        if let neighbours {
            var lowest = 0
            for k in best.indices where best[k] < best[lowest] { lowest = k }
            if lowest == 0 || lowest == sizes.count - 1 {
                return refuse(.minimumAtEdge(edge: lowest == 0 ? .lower : .upper, parameters: sizes[lowest], interpolated: false), fitted: sorted)
            }
            let lo = sizes[Swift.max(0, lowest - neighbours)]
            let hi = sizes[Swift.min(sizes.count - 1, lowest + neighbours)]
            runs = sorted.filter { $0.parameters >= lo && $0.parameters <= hi }
            let kept = Swift.min(sizes.count - 1, lowest + neighbours) - Swift.max(0, lowest - neighbours) + 1
            guard kept >= shape.minimumSizes else {
                return refuse(.tooFewSizes(sizes: kept, needed: shape.minimumSizes, shape: shape.name), fitted: runs)
            }
        }
        let smallest = runs[0].parameters, largest = runs[runs.count - 1].parameters
        let xs = runs.map { log($0.parameters) }
        var center = 0.0
        for x in xs { center += x }
        center /= Double(xs.count)

        var vertex: Double                  // in x − center
        var seVertex: Double? = nil
        var dof = 0
        var coefficients: [Double] = []
        var lossAtVertex: Double
        if shape == .interpolated {
            let logSizes = sizes.map { log($0) - center }
            guard let spline = AkimaSpline(x: logSizes, y: best.map { log($0) }) else {
                return refuse(.tooFewSizes(sizes: sizes.count, needed: shape.minimumSizes, shape: shape.name), fitted: runs)
            }
            let count = (sizes.count - 1) * 25
            let first = logSizes[0], last = logSizes[logSizes.count - 1]
            var bestIndex = 0, bestValue = Double.infinity
            for k in 0..<count {
                let u = first + (last - first) * Double(k) / Double(count - 1)
                let value = spline(u)
                if value < bestValue { bestValue = value; bestIndex = k }
            }
            if bestIndex == 0 || bestIndex == count - 1 {
                let edge: ForecastError.Edge = bestIndex == 0 ? .lower : .upper
                return refuse(.minimumAtEdge(edge: edge, parameters: edge == .lower ? smallest : largest, interpolated: true), fitted: runs, center: center)
            }
            vertex = first + (last - first) * Double(bestIndex) / Double(count - 1)
            lossAtVertex = exp(bestValue)
        } else {
            let degree = shape == .cubic ? 3 : 2
            let p = degree + 1
            let u = xs.map { $0 - center }
            let y = runs.map(\.loss)
            var weights = [Double](repeating: 1, count: runs.count)
            func solve(_ w: [Double]) throws -> [Double] {
                var rows: [Double] = []
                rows.reserveCapacity(u.count * p)
                var b: [Double] = []
                for i in u.indices {
                    let sw = w[i].squareRoot()
                    var power = 1.0
                    for _ in 0..<p { rows.append(sw * power); power *= u[i] }
                    b.append(sw * y[i])
                }
                return try LinearLeastSquares.solve(Matrix(rows: u.count, columns: p, rowMajor: rows), b).solution
            }
            func residuals(_ c: [Double]) -> [Double] {
                u.indices.map { i in
                    var value = 0.0, power = 1.0
                    for k in 0..<p { value += c[k] * power; power *= u[i] }
                    return y[i] - value
                }
            }
            coefficients = try solve(weights)
            if case let .huberParabola(tuning) = shape {
                // M-estimation: the scale δ = tuning·1.4826·median|r| is re-estimated from the
                // current residuals every round, so a high-leverage outlier cannot inflate it.
                for _ in 0..<200 {
                    let r = residuals(coefficients)
                    let absolute = r.map { Swift.abs($0) }.sorted()
                    let mid = absolute.count / 2
                    let median = absolute.count % 2 == 1 ? absolute[mid] : 0.5 * (absolute[mid - 1] + absolute[mid])
                    let delta = tuning * 1.4826 * median
                    guard delta > 1e-14 * (1 + Swift.abs(coefficients[0])) else { break }
                    weights = r.map { Swift.abs($0) <= delta ? 1 : delta / Swift.abs($0) }
                    let next = try solve(weights)
                    var change = 0.0
                    for k in 0..<p { change = Swift.max(change, Swift.abs(next[k] - coefficients[k])) }
                    coefficients = next
                    if change <= 1e-13 * (1 + Swift.abs(coefficients[0])) { break }
                }
            }
            let c = coefficients
            var gradient = [Double](repeating: 0, count: p)
            if degree == 2 {
                guard c[2] > 0 else { return refuse(.concave(curvature: c[2]), fitted: runs, coefficients: c, center: center) }
                vertex = -c[1] / (2 * c[2])
                gradient[1] = -1 / (2 * c[2])
                gradient[2] = c[1] / (2 * c[2] * c[2])
            } else {
                // Zero slope: 3c3·x² + 2c2·x + c1 = 0 with curvature 2c2 + 6c3·x > 0.
                var roots: [Double] = []
                if Swift.abs(c[3]) <= 1e-14 * (Swift.abs(c[2]) + Swift.abs(c[1])) {
                    if c[2] != 0 { roots = [-c[1] / (2 * c[2])] }
                } else {
                    let disc = 4 * c[2] * c[2] - 12 * c[3] * c[1]
                    if disc >= 0 {
                        let q = -0.5 * (2 * c[2] + (c[2] >= 0 ? 1 : -1) * disc.squareRoot())
                        roots = [q / (3 * c[3])]
                        if q != 0 { roots.append(c[1] / q) }
                    }
                }
                guard let root = roots.first(where: { 2 * c[2] + 6 * c[3] * $0 > 0 }) else {
                    return refuse(.noLocalMinimum, fitted: runs, coefficients: c, center: center)
                }
                vertex = root
                let curvature = 2 * c[2] + 6 * c[3] * root
                gradient[1] = -1 / curvature
                gradient[2] = -2 * root / curvature
                gradient[3] = -3 * root * root / curvature
            }
            var value = 0.0, power = 1.0
            for k in 0..<p { value += c[k] * power; power *= vertex }
            lossAtVertex = value
            dof = runs.count - p
            if dof > 0 {
                let r = residuals(c)
                var s2 = 0.0
                for i in r.indices { s2 += weights[i] * r[i] * r[i] }
                s2 /= Double(dof)
                var xtx = [Double](repeating: 0, count: p * p)
                for i in u.indices {
                    var powers = [Double](repeating: 1, count: p)
                    for k in 1..<p { powers[k] = powers[k - 1] * u[i] }
                    for j in 0..<p { for k in 0..<p { xtx[j * p + k] += weights[i] * powers[j] * powers[k] } }
                }
                if let inverse = try? LinearSystem.inverseSymmetricPositiveDefinite(Matrix(rows: p, columns: p, rowMajor: xtx)) {
                    var variance = 0.0
                    for j in 0..<p { for k in 0..<p { variance += gradient[j] * inverse[j, k] * gradient[k] } }
                    variance *= s2
                    if variance.isFinite, variance >= 0 { seVertex = variance.squareRoot() }
                }
            }
        }
        let logN = center + vertex
        let nStar = exp(logN)
        guard nStar >= smallest, nStar <= largest else {
            return refuse(.vertexOutsideRange(vertex: nStar, smallest: smallest, largest: largest),
                          fitted: runs, coefficients: coefficients, center: center)
        }
        var lower: Double? = nil, upper: Double? = nil
        if let seVertex, dof > 0 {
            let t = Distributions.studentTQuantile((1 + confidenceLevel) / 2, degreesOfFreedom: Double(dof))
            lower = exp(logN - t * seVertex)
            upper = exp(logN + t * seVertex)
        }
        let tokensAt = tokenMap(runs: runs, budget: budget)
        let optimum = IsoFlopOptimum(
            parameters: nStar, parametersLower: lower, parametersUpper: upper, logParametersStandardError: seVertex,
            tokens: tokensAt(nStar), tokensLower: upper.map(tokensAt), tokensUpper: lower.map(tokensAt),
            loss: lossAtVertex, confidenceLevel: confidenceLevel)
        return IsoFlopProfile(
            budget: budget, runs: allRuns.count, fittedRuns: runs.count, smallestParameters: smallest, largestParameters: largest,
            coefficients: coefficients, center: center, optimum: optimum, refusal: nil)
    }

    /// Distinct model sizes, increasing, each with its lowest loss, from runs sorted by size.
    static func lowestLossPerSize(_ sorted: [IsoFlopRun]) -> (sizes: [Double], loss: [Double]) {
        var sizes: [Double] = [], best: [Double] = []
        for run in sorted {
            if let last = sizes.last, last == run.parameters {
                best[best.count - 1] = Swift.min(best[best.count - 1], run.loss)
            } else {
                sizes.append(run.parameters)
                best.append(run.loss)
            }
        }
        return (sizes, best)
    }

    /// `D` at model size `N` in this budget: `C/(6N)`, or, when every run has a token count, the
    /// least-squares line of `log D` on `log N` through the runs.
    static func tokenMap(runs: [IsoFlopRun], budget: Double) -> (Double) -> Double {
        let tokens = runs.compactMap(\.tokens)
        if tokens.count == runs.count, let line = LogLogRegression.fit(x: runs.map(\.parameters), y: tokens) {
            return { line($0) }
        }
        return { budget / (6 * $0) }
    }
}
