import Foundation
import NonlinearFit
import Testing

/// Phase times on an injected clock that advances one second per reading.
@Suite("Fit phase clock")
struct FitPhaseClockTests {
    final class Ticks: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0.0
        func next() -> Double { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }

    @Test("nested phases count once: the inner phase's time leaves the outer's")
    func nestedPhasesAreExclusive() {
        let ticks = Ticks()
        let phases = FitPhaseClock(clock: FitClock { ticks.next() })
        // Readings: polish begins at 1, covariance 2…3, polish ends at 4 → polish 3 − 1 = 2, covariance 1.
        phases.measure(.polish) {
            phases.measure(.covariance) {}
        }
        #expect(phases.seconds(in: .polish) == 2)
        #expect(phases.seconds(in: .covariance) == 1)
        // Readings 5 and 6.
        let open = phases.begin(.intervals)
        phases.end(open)
        #expect(phases.seconds(in: .intervals) == 1)
        #expect(phases.seconds(in: .startSearch) == 0)
        let total = FitPhaseClock(clock: FitClock { 0 })
        total.add(phases)
        total.add(phases)
        #expect(total.seconds(in: .polish) == 4)
    }

    @Test("a fit records its covariance phase and computes the same result with or without a clock")
    func fitRecordsCovariance() throws {
        let x = (0..<20).map(Double.init)
        let y = x.map { 2 + 0.5 * $0 + 0.01 * sin($0) }
        let problem = LeastSquaresProblem.curve(
            x: x, y: y, parameters: [FitParameter("a", initialValue: 1), FitParameter("b", initialValue: 1)],
            value: { x, p in p[0] + p[1] * x })
        var options = FitOptions()
        let plain = try NonlinearLeastSquares.fit(problem, options: options)
        let ticks = Ticks()
        options.phases = FitPhaseClock(clock: FitClock { ticks.next() })
        let timed = try NonlinearLeastSquares.fit(problem, options: options)
        #expect(timed.values == plain.values)
        #expect(timed.objective == plain.objective)
        #expect(options.phases?.seconds(in: .covariance) == 1)
    }
}
