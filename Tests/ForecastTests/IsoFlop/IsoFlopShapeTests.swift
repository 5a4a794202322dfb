import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Recovery of known minima by each profile shape.
@Suite("iso-FLOP: profile shapes")
struct IsoFlopShapeTests {
    static let sizes = (0..<9).map { 1e7 * pow(100, Double($0) / 8) }

    /// Two budgets with the same profile shape `loss(u)`, `u = log N − log N*`, N* = 1e8 and 3e8.
    static func runs(_ loss: (Double, Int) -> Double) -> [IsoFlopRun] {
        var runs: [IsoFlopRun] = []
        for (budget, center) in [(1e18, 1e8), (1e19, 3e8)] {
            for (k, n) in sizes.enumerated() {
                runs.append(IsoFlopRun(parameters: n * center / 1e8, loss: loss(log(n) - log(1e8), k), compute: budget))
            }
        }
        return runs
    }

    static func vertices(_ runs: [IsoFlopRun], _ shape: IsoFlopProfileShape) throws -> [Double] {
        let options = IsoFlopOptions(shape: shape, grouping: .exactBudget, compareApproach3: false)
        return try IsoFlopAnalysis.run(runs, options: options).profiles.map { try #require($0.optimum?.parameters) }
    }

    @Test("a cubic profile recovers the local minimum of an exact cubic")
    func cubic() throws {
        let v = try Self.vertices(Self.runs { u, _ in 2 + 0.05 * u * u + 0.01 * u * u * u }, .cubic)
        #expect(isClose(v[0], 1e8, rel: 1e-9))
        #expect(isClose(v[1], 3e8, rel: 1e-9))
    }

    @Test("one diverged run (+0.3 nats) pulls the least-squares vertex 25% off; the Huber parabola stays on it", arguments: [0, 2, 7])
    func huber(_ outlier: Int) throws {
        let runs = Self.runs { u, k in 2 + 0.05 * u * u + (k == outlier ? 0.3 : 0) }
        let plain = try Self.vertices(runs, .parabola)
        let robust = try Self.vertices(runs, .huber)
        // numpy.linalg.lstsq on the same points: 1.2514987, 1.2287707, 0.7952137 × N*.
        let numpy = [0: 1.2514987113288742, 2: 1.228770740724458, 7: 0.7952136539281948][outlier] ?? .nan
        #expect(isClose(plain[0], numpy * 1e8, rel: 1e-9))
        #expect(isClose(robust[0], 1e8, rel: 1e-6))
        #expect(isClose(robust[1], 3e8, rel: 1e-6))
    }

    @Test("the interpolated profile finds an interior minimum on its grid")
    func interpolated() throws {
        // Minimum at u = 0.003, off the midpoint of the grid (where two grid points would tie).
        let v = try Self.vertices(Self.runs { u, _ in 2 + 0.05 * (u - 0.003) * (u - 0.003) }, .interpolated)
        // The grid has 25 points per sampled interval, 200 over log N ∈ [log 1e7, log 1e9]: the
        // minimum is found to within half a grid step, ln(100)/199/2 = 0.0116 in log N.
        let halfStep = log(100.0) / 199 / 2
        #expect(Swift.abs(log(v[0] / 1e8) - 0.003) <= halfStep)
        #expect(Swift.abs(log(v[1] / 3e8) - 0.003) <= halfStep)
    }
}
