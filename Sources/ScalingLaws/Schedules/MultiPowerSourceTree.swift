import Foundation

/// The sources of the multi-power loss drop (the steps after the warm-up whose rate changes, in
/// step order) and a binary tree over them whose nodes carry moments that do not depend on the
/// law's parameters, computed once per schedule.
///
/// A source k has drop d_k = η_{k−1} − η_k, log-rate l_k = ln η_k and area F_{k−1} (the forward
/// area before it). A node holds a range of consecutive sources, the box [l_min, l_max] ×
/// [F_min, F_max] around them, its centre (l̄, F̄) and the moments
/// ```
/// M_ij = Σ_k d_k·(l_k − l̄)^i·(F_{k−1} − F̄)^j,   i + j ≤ momentDegree,
/// ```
/// which ``MultiPowerFarField`` turns into the node's whole contribution to the loss drop at a
/// later step. Leaves hold at most ``leafSize`` sources and are summed term by term when they
/// are too close to the step. Sources whose rate is 0 (η_k^(−γ) infinite) are kept apart: their
/// drops count in full (G = 1) from their step on.
struct MultiPowerSourceTree: Sendable, Equatable {
    /// The expansion's degree p (``MultiPowerFarField``, whose error bound it sets); moments go
    /// to P = p + 1.
    static let order = 11
    /// The moments' largest total degree, p + 1.
    static let momentDegree = order + 1
    /// The number of moments per node: (P + 1)(P + 2)/2 for P = ``momentDegree``.
    static let momentCount = (momentDegree + 1) * (momentDegree + 2) / 2
    /// At most this many sources in a leaf.
    static let leafSize = 32

    /// The index of M_ij in a node's moments: rows i = 0…P of lengths P + 1 − i.
    @inline(__always)
    static func momentIndex(_ i: Int, _ j: Int) -> Int {
        i * (momentDegree + 1) - i * (i - 1) / 2 + j
    }

    /// Per source (positive rate), in step order: step k, drop d_k, ln η_k, F_{k−1}.
    let step: [Int]
    let drop: [Double]
    let logRate: [Double]
    let area: [Double]
    /// Sources whose rate is 0: their steps and drops, in step order.
    let zeroRateStep: [Int]
    let zeroRateDrop: [Double]

    /// Per node: sources `first..<end`, children (−1 for a leaf), box and centre.
    let first: [Int]
    let end: [Int]
    let left: [Int]
    let right: [Int]
    let centreLog: [Double]
    let halfLog: [Double]
    let centreArea: [Double]
    let halfArea: [Double]
    let minLog: [Double]
    let maxLog: [Double]
    let maxArea: [Double]
    /// Node n's moments at `n * momentCount + momentIndex(i, j)`.
    let moments: [Double]

    /// The tree of `rates` (η_s, s = 0…T) after `warmupSteps`, with `forward` the forward area
    /// F(s). Cost O(K·P²) time and O(K·P²/``leafSize``) memory for K changing steps (about 6 MB
    /// per 10^5 changing steps).
    init(rates: [Double], forward: [Double], warmupSteps: Int) {
        var step: [Int] = [], drop: [Double] = [], logRate: [Double] = [], area: [Double] = []
        var zeroStep: [Int] = [], zeroDrop: [Double] = []
        for k in Swift.max(warmupSteps + 1, 1)..<Swift.max(rates.count, 1) {
            let d = rates[k - 1] - rates[k]
            guard d != 0 else { continue }
            if rates[k] > 0 {
                step.append(k)
                drop.append(d)
                logRate.append(log(rates[k]))
                area.append(forward[k - 1])
            } else {
                zeroStep.append(k)
                zeroDrop.append(d)
            }
        }
        self.step = step
        self.drop = drop
        self.logRate = logRate
        self.area = area
        zeroRateStep = zeroStep
        zeroRateDrop = zeroDrop

        var builder = Builder(drop: drop, logRate: logRate, area: area)
        if !drop.isEmpty { _ = builder.build(0, drop.count) }
        first = builder.first
        end = builder.end
        left = builder.left
        right = builder.right
        centreLog = builder.centreLog
        halfLog = builder.halfLog
        centreArea = builder.centreArea
        halfArea = builder.halfArea
        minLog = builder.minLog
        maxLog = builder.maxLog
        maxArea = builder.maxArea
        moments = builder.moments
    }

    /// The number of nodes.
    var nodeCount: Int { first.count }

    /// Builds the nodes depth first: a leaf's moments from its sources, an inner node's from its
    /// children's by the binomial shift of their centres.
    private struct Builder {
        let drop: [Double], logRate: [Double], area: [Double]
        var first: [Int] = [], end: [Int] = [], left: [Int] = [], right: [Int] = []
        var centreLog: [Double] = [], halfLog: [Double] = [], centreArea: [Double] = [], halfArea: [Double] = []
        var minLog: [Double] = [], maxLog: [Double] = [], maxArea: [Double] = []
        var moments: [Double] = []

        init(drop: [Double], logRate: [Double], area: [Double]) {
            self.drop = drop
            self.logRate = logRate
            self.area = area
        }

        mutating func build(_ lo: Int, _ hi: Int) -> Int {
            let node = first.count
            var lMin = Double.infinity, lMax = -Double.infinity, fMin = Double.infinity, fMax = -Double.infinity
            for k in lo..<hi {
                lMin = Swift.min(lMin, logRate[k]); lMax = Swift.max(lMax, logRate[k])
                fMin = Swift.min(fMin, area[k]); fMax = Swift.max(fMax, area[k])
            }
            first.append(lo); end.append(hi); left.append(-1); right.append(-1)
            centreLog.append((lMin + lMax) / 2); halfLog.append((lMax - lMin) / 2)
            centreArea.append((fMin + fMax) / 2); halfArea.append((fMax - fMin) / 2)
            minLog.append(lMin); maxLog.append(lMax); maxArea.append(fMax)
            let count = MultiPowerSourceTree.momentCount
            let degree = MultiPowerSourceTree.momentDegree
            moments.append(contentsOf: repeatElement(0, count: count))
            let base = node * count
            if hi - lo <= MultiPowerSourceTree.leafSize {
                var powL = [Double](repeating: 0, count: degree + 1), powF = powL
                for k in lo..<hi {
                    let dl = logRate[k] - centreLog[node], df = area[k] - centreArea[node]
                    powL[0] = drop[k]; powF[0] = 1
                    for i in 1...degree { powL[i] = powL[i - 1] * dl; powF[i] = powF[i - 1] * df }
                    for i in 0...degree {
                        let row = base + MultiPowerSourceTree.momentIndex(i, 0)
                        for j in 0...(degree - i) { moments[row + j] += powL[i] * powF[j] }
                    }
                }
                return node
            }
            let mid = (lo + hi) / 2
            let l = build(lo, mid)
            let r = build(mid, hi)
            left[node] = l
            right[node] = r
            for child in [l, r] { shift(child, into: node) }
            return node
        }

        /// Adds `child`'s moments, moved to `parent`'s centre, to `parent`'s: first along F, then
        /// along l (each a one-dimensional binomial shift).
        mutating func shift(_ child: Int, into parent: Int) {
            let count = MultiPowerSourceTree.momentCount
            let degree = MultiPowerSourceTree.momentDegree
            let a = centreLog[child] - centreLog[parent], b = centreArea[child] - centreArea[parent]
            var powA = [Double](repeating: 1, count: degree + 1), powB = powA
            for i in 1...degree { powA[i] = powA[i - 1] * a; powB[i] = powB[i - 1] * b }
            let binomial = MultiPowerSourceTree.binomial
            var along = [Double](repeating: 0, count: count)
            let c = child * count
            for i in 0...degree {
                for j in 0...(degree - i) {
                    var s = 0.0
                    for jj in 0...j { s += binomial[j][jj] * powB[j - jj] * moments[c + MultiPowerSourceTree.momentIndex(i, jj)] }
                    along[MultiPowerSourceTree.momentIndex(i, j)] = s
                }
            }
            let p = parent * count
            for i in 0...degree {
                for j in 0...(degree - i) {
                    var s = 0.0
                    for ii in 0...i { s += binomial[i][ii] * powA[i - ii] * along[MultiPowerSourceTree.momentIndex(ii, j)] }
                    moments[p + MultiPowerSourceTree.momentIndex(i, j)] += s
                }
            }
        }
    }

    /// Binomial coefficients C(n, k) for n ≤ P + 1.
    static let binomial: [[Double]] = {
        var rows: [[Double]] = [[1]]
        for n in 1...(momentDegree + 1) {
            var row = [Double](repeating: 1, count: n + 1)
            for k in 1..<n { row[k] = rows[n - 1][k - 1] + rows[n - 1][k] }
            rows.append(row)
        }
        return rows
    }()

    /// The coefficients of ε^j in (ln(1 − ε))^m, m, j ≤ P: `logPowers[m][j]`.
    static let logPowers: [[Double]] = {
        let degree = momentDegree
        var series = [Double](repeating: 0, count: degree + 1)
        for k in 1...degree { series[k] = -1 / Double(k) }
        var rows: [[Double]] = [[1] + [Double](repeating: 0, count: degree)]
        for m in 1...degree {
            var row = [Double](repeating: 0, count: degree + 1)
            let previous = rows[m - 1]
            for a in 0...degree where previous[a] != 0 {
                for b in 1...degree where a + b <= degree { row[a + b] += previous[a] * series[b] }
            }
            rows.append(row)
        }
        return rows
    }()

    /// ``logPowers`` flat: L_{m, j} at m·(P + 1) + j.
    static let logPowersFlat: [Double] = logPowers.flatMap { $0 }
}
