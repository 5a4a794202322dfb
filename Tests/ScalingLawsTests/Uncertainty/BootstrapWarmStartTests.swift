import Foundation
import ScalingLaws
import Testing
import TestSupport

/// The warm start the bootstrap refits use: ``LawFitOptions/start`` with a single start.
@Suite("Bootstrap warm start")
struct BootstrapWarmStartTests {
    @Test("a single start begins at LawFitOptions.start and reaches the same optimum")
    func startHonoured() throws {
        let data = try BootstrapTestData.powerLaw(rows: 50)
        let cold = try LawFitter.fit(PowerLaw(), to: data, options: BootstrapTestData.fitOptions)
        var options = BootstrapTestData.fitOptions
        options.start = [5.0, 0.1]
        let warm = try LawFitter.fit(PowerLaw(), to: data, options: options)
        // A is fitted as log A, so its start comes back as exp(log 5).
        #expect(isClose(warm.parameters.map { $0.initial ?? .nan }, [5.0, 0.1], rel: 1e-12))
        #expect(!isClose(cold.parameters.map { $0.initial ?? .nan }, [5.0, 0.1], rel: 1e-3))
        #expect(isClose(warm.values, cold.values, rel: 1e-8))
        // Other start strategies ignore it.
        options.starts = .latinHypercube(count: 4)
        let lhs = try LawFitter.fit(PowerLaw(), to: data, options: options)
        #expect(!isClose(lhs.parameters.map { $0.initial ?? .nan }, [5.0, 0.1], rel: 1e-3))
    }

    @Test("a start of the wrong length throws")
    func wrongLength() throws {
        let data = try BootstrapTestData.powerLaw(rows: 20)
        var options = BootstrapTestData.fitOptions
        options.start = [1.0]
        #expect(throws: LawFitError.self) { try LawFitter.fit(PowerLaw(), to: data, options: options) }
    }
}
