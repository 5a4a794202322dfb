import Foundation
import Forecast
import ScalingLaws
import Testing
import TestSupport

/// Budgets without a bracketed minimum are refused with an exact reason.
@Suite("iso-FLOP: refusals")
struct IsoFlopRefusalTests {
    /// Runs of one budget: loss = f(log N) at the given sizes.
    static func budget(_ c: Double, sizes: [Double], loss: (Double) -> Double) -> [IsoFlopRun] {
        sizes.map { IsoFlopRun(parameters: $0, loss: loss(log($0)), compute: c) }
    }

    /// A well-posed budget: minimum at N = 1e8 (x = log 1e8), curvature 0.05.
    static func good(_ c: Double, center: Double = 1e8) -> [IsoFlopRun] {
        budget(c, sizes: [1e7, 3e7, 1e8, 3e8, 1e9]) { 2 + 0.05 * ($0 - log(center)) * ($0 - log(center)) }
    }

    static let options = IsoFlopOptions(grouping: .exactBudget, compareApproach3: false)

    @Test("too few sizes, concave profile and an unbracketed vertex each get their sentence")
    func reasons() throws {
        var runs = Self.good(1e18) + Self.good(1e19, center: 3e8)
        runs += Self.budget(1e17, sizes: [1e7, 1e8]) { 3 - 0.01 * $0 }
        runs += Self.budget(2e17, sizes: [1e7, 3e7, 1e8, 3e8]) { 3 - 0.02 * ($0 - 18) * ($0 - 18) }
        runs += Self.budget(5e17, sizes: [1e7, 3e7, 1e8]) { 2 + 0.05 * ($0 - log(1e9)) * ($0 - log(1e9)) }
        let analysis = try IsoFlopAnalysis.run(runs, options: Self.options)
        let reasons = analysis.profiles.map { $0.reason ?? "accepted" }
        #expect(reasons == [
            "budget 1e+17 FLOP: only 2 distinct model sizes; a parabola needs at least 3",
            "budget 2e+17 FLOP: the fitted parabola opens downward (curvature -0.02 per (log N)²): it has no minimum",
            "budget 5e+17 FLOP: the fitted minimum N* = 1e+09 lies outside the sampled range N = 1e+07–1e+08: the minimum is not bracketed",
            "accepted",
            "accepted",
        ])
        #expect(analysis.accepted.count == 2)
        #expect(isClose(analysis.accepted[0].optimum?.parameters ?? 0, 1e8, rel: 1e-9))
        #expect(isClose(analysis.accepted[1].optimum?.parameters ?? 0, 3e8, rel: 1e-9))
        // Two points: log 3 / log 10 exactly.
        #expect(isClose(analysis.parameterLaw.exponent, log(3.0) / log(10.0), rel: 1e-9))
        #expect(analysis.parameterLaw.exponentStandardError == nil)
    }

    @Test("fewer than two accepted budgets is an error that lists every refusal")
    func tooFewBudgets() throws {
        var runs = Self.good(1e18)
        runs += Self.budget(1e17, sizes: [1e7, 1e8]) { 3 - 0.01 * $0 }
        do {
            _ = try IsoFlopAnalysis.run(runs, options: Self.options)
            Issue.record("expected an error")
        } catch let error as IsoFlopError {
            #expect(error.description == "only 1 of 2 budgets has a bracketed minimum; fitting N* ∝ C^a needs at least 2 (budget 1e+17 FLOP: only 2 distinct model sizes; a parabola needs at least 3)")
        }
    }

    @Test("cubic, Huber, windowed and interpolated refusals")
    func otherShapes() throws {
        let edge = Self.budget(1e17, sizes: [1e7, 3e7, 1e8, 3e8, 1e9]) { 3 - 0.01 * $0 }
        let runs = Self.good(1e18) + Self.good(1e19, center: 3e8) + edge
        func reason(_ options: IsoFlopOptions) throws -> String? {
            try IsoFlopAnalysis.run(runs, options: options).profiles[0].reason
        }
        var options = Self.options
        options.shape = .interpolated
        #expect(try reason(options) == "budget 1e+17 FLOP: the interpolated loss is lowest at the largest sampled size N = 1e+09: the minimum is not bracketed")
        options.shape = .parabola
        options.neighbours = 1
        #expect(try reason(options) == "budget 1e+17 FLOP: the sampled loss is lowest at the largest sampled size N = 1e+09: the minimum is not bracketed")
        options.neighbours = nil
        options.shape = .cubic
        let cubicRuns = Self.good(1e18) + Self.good(1e19, center: 3e8)
            + Self.budget(1e17, sizes: [1e7, 3e7, 1e8, 3e8, 1e9]) { 3 - 0.01 * $0 - 0.001 * ($0 - 18) * ($0 - 18) * ($0 - 18) }
        #expect(try IsoFlopAnalysis.run(cubicRuns, options: options).profiles[0].reason
            == "budget 1e+17 FLOP: the fitted cubic has no local minimum (no zero slope with positive curvature)")
        options.shape = .huber
        let small = Self.good(1e18) + Self.good(1e19, center: 3e8) + Self.budget(1e17, sizes: [1e7, 1e8, 1e9]) { $0 }
        #expect(try IsoFlopAnalysis.run(small, options: options).profiles[0].reason
            == "budget 1e+17 FLOP: only 3 distinct model sizes; a Huber parabola needs at least 4")
    }

    @Test("invalid runs name their line")
    func invalidRun() {
        #expect(throws: IsoFlopError.invalidRun(line: 7, field: "loss", value: -1)) {
            try IsoFlopAnalysis.run([IsoFlopRun(parameters: 1e8, loss: -1, compute: 1e18, line: 7)])
        }
        #expect((IsoFlopError.invalidRun(line: 7, field: "loss", value: -1)).description
            == "line 7: loss must be a positive finite number, got -1")
        #expect(throws: IsoFlopError.noRuns) { try IsoFlopAnalysis.run([]) }
    }
}
