import Foundation
import LinearAlgebra

/// How one model family turns training compute into capability (Ruan, Maddison and Hashimoto
/// 2024, arXiv:2405.10938, Sec. 3.1: within a family `f`, each capability is log-linear in
/// compute, `S_m ≈ θ_f · log C_m + ν_f`, with family-specific slope and intercept).
///
/// Fitted by ordinary least squares on `log10 C` for every kept principal component, plus the
/// family's offset under one slope shared by all families (``CapabilityEfficiencies``):
/// ```
/// S_{m,k} = θ_{f,k} · log10 C_m + ν_{f,k}            per family, per component
/// S_{m,1} = β · log10 C_m + α_f                      shared slope β, family offsets α_f
/// efficiency_f = 10^((α_f − α_ref) / β)               compute multiplier relative to the reference family
/// ```
/// An efficiency of 3 means the family reaches the reference family's PC 1 with a third of the
/// compute.
public struct FamilyComputeEfficiency: Sendable, Equatable, Codable {
    /// The family's name as written in the table.
    public let family: String
    /// Models of the family with a compute value.
    public let models: Int
    /// Smallest and largest compute of those models (the table's unit).
    public let computeRange: ClosedRange<Double>
    /// Per-family slope `θ_{f,k}` of each component on `log10 C`; `nil` when the family has fewer
    /// than two distinct compute values.
    public let slopes: [Double]?
    /// Per-family intercept `ν_{f,k}` of each component; `nil` as ``slopes``.
    public let intercepts: [Double]?
    /// R² of the per-family PC 1 line; `nil` as ``slopes`` (or with two models, where it is 1).
    public let rSquared: Double?
    /// The family's offset `α_f` under the shared PC 1 slope.
    public let sharedOffset: Double
    /// `10^((α_f − α_ref)/β)`: compute multiplier relative to the reference family.
    public let efficiency: Double
}

/// The per-family compute efficiencies of a capability table (``FamilyComputeEfficiency``), with
/// the slope shared by all families.
public struct CapabilityEfficiencies: Sendable, Equatable, Codable {
    /// One entry per family with at least one model with compute, in order of first appearance.
    public let families: [FamilyComputeEfficiency]
    /// The PC 1 slope `β` on `log10 C` shared by all families.
    public let sharedSlope: Double
    /// Its standard error (ordinary least squares); `nil` without residual degrees of freedom.
    public let sharedSlopeError: Double?
    /// The family the efficiencies are relative to (the one with the most models, first on ties).
    public let reference: String
    /// Residual standard deviation of the shared-slope fit; `nil` without residual degrees of freedom.
    public let residualSD: Double?
    /// Models used (those with a compute value).
    public let models: Int

    /// Fits the family lines.
    ///
    /// - Parameters:
    ///   - capabilities: The capability scores of each model (`K` values each).
    ///   - families: Each model's family.
    ///   - compute: Each model's training compute (positive), `nil` when unknown.
    /// - Returns: `nil` when fewer than three models have compute or the shared slope is not
    ///   determined (one compute value per family).
    /// - Throws: `LinearAlgebraError` when the least-squares solve fails.
    public static func fit(capabilities: [[Double]], families: [String], compute: [Double?]) throws -> CapabilityEfficiencies? {
        var names: [String] = []
        var rowsOf: [String: [Int]] = [:]
        for i in capabilities.indices {
            guard let c = compute[i], c > 0, c.isFinite else { continue }
            if rowsOf[families[i]] == nil { names.append(families[i]) }
            rowsOf[families[i], default: []].append(i)
        }
        let used = names.reduce(0) { $0 + (rowsOf[$1]?.count ?? 0) }
        guard used >= names.count + 2 else { return nil }
        // Shared slope: columns [log10 C, one-hot family].
        var a = Matrix(rows: used, columns: names.count + 1)
        var y: [Double] = []
        var r = 0
        for (f, name) in names.enumerated() {
            for i in rowsOf[name] ?? [] {
                a[r, 0] = log10(compute[i] ?? 1)
                a[r, f + 1] = 1
                y.append(capabilities[i][0])
                r += 1
            }
        }
        let solution = try LinearLeastSquares.solve(a, y)
        guard solution.rank == names.count + 1, solution.solution[0] != 0 else { return nil }
        let beta = solution.solution[0]
        let dof = Double(used - names.count - 1)
        let s2 = dof > 0 ? solution.residualSumOfSquares / dof : .nan
        // Standard error of β: s² · [(AᵀA)⁻¹]_00 = s² / Σ_f Σ_{m∈f} (x_m − x̄_f)² (within-family centring).
        var within = 0.0
        for name in names {
            let xs = (rowsOf[name] ?? []).map { log10(compute[$0] ?? 1) }
            let mean = xs.reduce(0, +) / Double(xs.count)
            for x in xs { within += (x - mean) * (x - mean) }
        }
        let reference = names.max { (rowsOf[$0]?.count ?? 0) < (rowsOf[$1]?.count ?? 0) } ?? names[0]
        // `max` returns the last maximum; take the first family with that count.
        let most = rowsOf[reference]?.count ?? 0
        let referenceName = names.first { rowsOf[$0]?.count == most } ?? reference
        let referenceOffset = solution.solution[(names.firstIndex(of: referenceName) ?? 0) + 1]
        var entries: [FamilyComputeEfficiency] = []
        let k = capabilities.first?.count ?? 1
        for (f, name) in names.enumerated() {
            let rows = rowsOf[name] ?? []
            let xs = rows.map { log10(compute[$0] ?? 1) }
            let cs = rows.compactMap { compute[$0] }
            var slopes: [Double]?
            var intercepts: [Double]?
            var r2: Double?
            let xMean = xs.reduce(0, +) / Double(xs.count)
            var sxx = 0.0
            for x in xs { sxx += (x - xMean) * (x - xMean) }
            if sxx > 1e-12 {
                var ss: [Double] = []
                var ii: [Double] = []
                for component in 0..<k {
                    let ys = rows.map { capabilities[$0][component] }
                    let yMean = ys.reduce(0, +) / Double(ys.count)
                    var sxy = 0.0
                    for (x, v) in zip(xs, ys) { sxy += (x - xMean) * (v - yMean) }
                    let slope = sxy / sxx
                    ss.append(slope)
                    ii.append(yMean - slope * xMean)
                    if component == 0, rows.count > 2 {
                        var rss = 0.0
                        var tss = 0.0
                        for (x, v) in zip(xs, ys) {
                            let e = v - (yMean + slope * (x - xMean))
                            rss += e * e
                            tss += (v - yMean) * (v - yMean)
                        }
                        r2 = tss > 0 ? 1 - rss / tss : nil
                    }
                }
                slopes = ss
                intercepts = ii
            }
            let offset = solution.solution[f + 1]
            entries.append(FamilyComputeEfficiency(
                family: name, models: rows.count,
                computeRange: (cs.min() ?? 0)...(cs.max() ?? 0),
                slopes: slopes, intercepts: intercepts, rSquared: r2,
                sharedOffset: offset, efficiency: pow(10, (offset - referenceOffset) / beta)))
        }
        return CapabilityEfficiencies(
            families: entries, sharedSlope: beta,
            sharedSlopeError: within > 0 && s2.isFinite ? (s2 / within).squareRoot() : nil,
            reference: referenceName, residualSD: s2.isFinite ? s2.squareRoot() : nil, models: used)
    }
}
