import Foundation
import NonlinearFit

/// Builds the resampled datasets of a bootstrap: for ``BootstrapOptions/Kind/rows`` and
/// ``BootstrapOptions/Kind/groups(column:)`` a list of resampling units (each a list of row
/// indices: one row, or one group's rows) drawn with replacement; for
/// ``BootstrapOptions/Kind/residuals`` the fitted values and centred residuals in the
/// objective's space.
struct BootstrapResampler: Sendable {
    /// Resampling units (row indices), for row and group bootstraps; `nil` for residuals.
    let units: [[Int]]?
    let data: Dataset
    /// For residual bootstraps: the response column's key, whether residuals are in log
    /// space, the fitted values (objective space) and the centred residuals.
    let responseKey: String?
    let logSpace: Bool
    let fitted: [Double]
    let residuals: [Double]

    init(kind: BootstrapOptions.Kind, law: any ScalingLaw, data: Dataset, fit: LawFit) throws {
        self.data = data
        self.logSpace = fit.objective.isLogSpace
        switch kind {
        case .rows:
            units = (0..<data.count).map { [$0] }
            responseKey = nil
            fitted = []
            residuals = []
        case let .groups(column):
            let values = try data.column(column)
            var order: [UInt64: Int] = [:]
            var groups: [[Int]] = []
            for (row, v) in values.enumerated() {
                // Group by exact value (+0 and −0 together).
                let key = (v == 0 ? 0.0 : v).bitPattern
                if let g = order[key] {
                    groups[g].append(row)
                } else {
                    order[key] = groups.count
                    groups.append([row])
                }
            }
            guard groups.count >= 2 else {
                throw LawFitError.invalidOption("a group bootstrap needs at least 2 groups; column '\(column)' has \(groups.count)")
            }
            units = groups
            responseKey = nil
            fitted = []
            residuals = []
        case .residuals:
            units = nil
            responseKey = try data.resolvedName(law.response.role)
            let inputs = try law.inputs.map { try data.column($0.role) }
            let y = try data.column(law.response.role)
            let p = fit.values
            var f = [Double](repeating: 0, count: data.count)
            var r = [Double](repeating: 0, count: data.count)
            var x = [Double](repeating: 0, count: inputs.count)
            var sum = 0.0
            for i in 0..<data.count {
                for c in inputs.indices { x[c] = inputs[c][i] }
                let value = law.evaluate(x, p)
                f[i] = logSpace ? log(value) : value
                r[i] = (logSpace ? log(y[i]) : y[i]) - f[i]
                sum += r[i]
            }
            guard f.allSatisfy(\.isFinite) else {
                throw FitError.numericalBreakdown("the full-data fit is not finite on every row; cannot resample residuals")
            }
            let centre = sum / Double(data.count)
            for i in r.indices { r[i] -= centre }
            fitted = f
            residuals = r
        }
    }

    /// A uniform index in `0..<n` from the stream (multiply-high of 64 random bits: no modulo bias worth noting).
    static func index(_ n: Int, _ rng: inout SeededGenerator) -> Int {
        Int(truncatingIfNeeded: rng.next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// One resample drawn from `rng`.
    func resample(using rng: inout SeededGenerator) -> Dataset {
        if let units {
            var rows: [Int] = []
            rows.reserveCapacity(data.count)
            for _ in 0..<units.count {
                rows.append(contentsOf: units[Self.index(units.count, &rng)])
            }
            return data.rows(at: rows)
        }
        var copy = data
        var y = [Double](repeating: 0, count: fitted.count)
        for i in 0..<fitted.count {
            let value = fitted[i] + residuals[Self.index(residuals.count, &rng)]
            y[i] = logSpace ? exp(value) : value
        }
        copy.columns[responseKey!] = y
        return copy
    }

    /// One resample as row weights (how many times each row was drawn), consuming `rng`
    /// exactly as ``resample(using:)`` does, so both describe the same resample; `nil` for
    /// residual bootstraps.
    func weights(using rng: inout SeededGenerator) -> [Double]? {
        guard let units else { return nil }
        var weights = [Double](repeating: 0, count: data.count)
        for _ in 0..<units.count {
            for row in units[Self.index(units.count, &rng)] { weights[row] += 1 }
        }
        return weights
    }

    /// For residual bootstraps: one resample's responses in the objective's space (`log y*`
    /// for log-space objectives), consuming `rng` exactly as ``resample(using:)`` does.
    func objectiveSpaceResponses(using rng: inout SeededGenerator) -> [Double] {
        var y = [Double](repeating: 0, count: fitted.count)
        for i in 0..<fitted.count {
            y[i] = fitted[i] + residuals[Self.index(residuals.count, &rng)]
        }
        return y
    }

    /// Row weights of the data without unit `k` (for the jackknife), or `nil` for residual
    /// bootstraps.
    func weightsLeavingOut(_ k: Int) -> [Double]? {
        guard let units else { return nil }
        var weights = [Double](repeating: 1, count: data.count)
        for row in units[k] { weights[row] = 0 }
        return weights
    }

    /// The data without unit `k` (for the jackknife), or `nil` for residual bootstraps.
    func leavingOut(_ k: Int) -> Dataset? {
        guard let units else { return nil }
        var rows: [Int] = []
        for (u, unit) in units.enumerated() where u != k { rows.append(contentsOf: unit) }
        return data.rows(at: rows)
    }
}
