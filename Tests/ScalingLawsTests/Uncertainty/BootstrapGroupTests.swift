import Foundation
import ScalingLaws
import Testing
import TestSupport

/// Dependent rows: each run reported 5× (checkpoints with identical values). Resampling whole
/// runs recovers the uncertainty of the distinct runs; resampling rows treats the copies as
/// independent evidence and under-states it by about √5.
@Suite("Bootstrap groups")
struct BootstrapGroupTests {
    @Test("group bootstrap SE ≈ deduplicated SE; row bootstrap under-estimates by ≈ √5")
    func duplicatedRuns() throws {
        let runs = 40
        let distinct = try BootstrapTestData.powerLaw(rows: runs, sigma: 0.1, seed: 21)
        var indices: [Int] = []
        for r in 0..<runs { indices += Array(repeating: r, count: 5) }
        var repeated = distinct.rows(at: indices)
        repeated.columns["run"] = indices.map(Double.init)

        func se(_ data: Dataset, _ kind: BootstrapOptions.Kind) throws -> Double {
            let result = try LawBootstrap.run(
                law: PowerLaw(), data: data, options: BootstrapOptions(resamples: 2000, seed: 9, kind: kind),
                fitOptions: BootstrapTestData.fitOptions)
            #expect(result.nonConverged == 0)
            return try #require(result.parameter("alpha")).standardError
        }
        let dedup = try se(distinct, .rows)
        let grouped = try se(repeated, .groups(column: "run"))
        let naive = try se(repeated, .rows)
        let ratio = grouped / naive
        print("BOOT groups: SE(alpha) dedup rows \(dedup), grouped \(grouped), naive rows \(naive), grouped/naive \(ratio) (√5 = \(5.0.squareRoot()))")
        #expect(isClose(grouped, dedup, rel: 0.10))
        #expect(naive < grouped)
        #expect(ratio >= 0.8 * 5.0.squareRoot() && ratio <= 1.2 * 5.0.squareRoot())
    }
}
