import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Porian et al. 2024 (arXiv:2406.19146), `../shared/datasets/porian2024_resolving_discrepancies/`:
/// for each of the 15 configurations our `N* ∝ C^a` exponent must lie within the authors' stored
/// bootstrap 5–95 percentile range (`fits.json`, `bootstrap_percentiles_5_50_95.n_exponent`).
///
/// The authors take each budget's minimum from an Akima interpolation of log loss in log N
/// (`analysis.py`, `interpolation`), so ``IsoFlopProfileShape/interpolated`` is the shape that
/// reproduces them. A parabola through every run of a budget does not (these sweeps span up to
/// two decades of N around an asymmetric minimum): 8 of 15 configurations fall outside. A
/// parabola through the lowest-loss size and one neighbour on each side (`neighbours: 1`)
/// brings that to 13 of 15.
@Suite("iso-FLOP: Porian et al. 2024 reproduction", .enabled(if: RepositoryPaths.hasSharedData))
struct PorianIsoFlopTests {
    struct Configuration {
        let id: String
        let runs: [IsoFlopRun]
        let published: Double
        let range: (Double, Double)
    }

    static func configurations() throws -> [Configuration] {
        let folder = "porian2024_resolving_discrepancies/"
        let points = try #require(RepositoryPaths.sharedDataset(folder + "isoflop_points.csv"))
        let fitsURL = try #require(RepositoryPaths.sharedDataset(folder + "fits.json"))
        let table = try CSVTable.read(contentsOf: points)
        let id = try table.columnIndex(named: "config_id")
        let budget = try table.columnIndex(named: "flops_budget")
        let n = try table.columnIndex(named: "n_params")
        let tokens = try table.columnIndex(named: "tokens")
        let loss = try table.columnIndex(named: "loss")
        var order: [String] = []
        var runs: [String: [IsoFlopRun]] = [:]
        for (k, row) in table.rows.enumerated() {
            let key = row[id]
            if runs[key] == nil { order.append(key) }
            runs[key, default: []].append(IsoFlopRun(
                parameters: try #require(Double(row[n])), tokens: try #require(Double(row[tokens])),
                loss: try #require(Double(row[loss])), compute: try #require(Double(row[budget])),
                line: table.lineNumbers[k]))
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fitsURL)) as? [[String: Any]])
        return try order.map { key in
            let entry = try #require(json.first { ($0["config_id"] as? String) == key })
            let basic = try #require(entry["basic"] as? [String: Any])
            let boot = try #require(entry["bootstrap_percentiles_5_50_95"] as? [String: Any])
            let q = try #require(boot["n_exponent"] as? [Double])
            return Configuration(
                id: key, runs: try #require(runs[key]), published: try #require(basic["n_exponent"] as? Double),
                range: (q[0], q[2]))
        }
    }

    static func exponent(_ configuration: Configuration, shape: IsoFlopProfileShape, neighbours: Int? = nil) throws -> Double {
        let options = IsoFlopOptions(shape: shape, grouping: .exactBudget, neighbours: neighbours, compareApproach3: false)
        return try IsoFlopAnalysis.run(configuration.runs, options: options).parameterLaw.exponent
    }

    @Test("every configuration's interpolated exponent lies in the authors' 5–95% bootstrap range")
    func interpolated() throws {
        let configurations = try Self.configurations()
        #expect(configurations.count == 15)
        var report = "config | ours (interpolated) | ours (parabola, ±1 size) | ours (parabola, all runs) | published | 5% | 95%\n"
        for c in configurations {
            let ours = try Self.exponent(c, shape: .interpolated)
            let window = try Self.exponent(c, shape: .parabola, neighbours: 1)
            let all = try Self.exponent(c, shape: .parabola)
            report += String(format: "%@ | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f\n", c.id, ours, window, all, c.published, c.range.0, c.range.1)
            #expect(ours >= c.range.0 && ours <= c.range.1, "\(c.id): \(ours) outside [\(c.range.0), \(c.range.1)]")
            // Their median-of-noised-minima differs from the plain interpolated minimum by < 0.006.
            #expect(Swift.abs(ours - c.published) < 0.006, "\(c.id): \(ours) vs published \(c.published)")
        }
        print(report)
    }

    @Test("the ±1-size parabola meets the bar for 13 of 15 configurations (two measured misses)")
    func windowedParabola() throws {
        var misses: [String] = []
        for c in try Self.configurations() {
            let ours = try Self.exponent(c, shape: .parabola, neighbours: 1)
            if !(ours >= c.range.0 && ours <= c.range.1) { misses.append(c.id) }
        }
        #expect(misses == ["summary_df|rw|base|long|kaplan|kaplan|train", "summary_df|rw|base|long|kaplan|standard|val"])
    }
}
