import Foundation

/// Wall time spent in each phase of a fit (start search, local fits, polish, covariance,
/// intervals, diagnostics), filled by the library as the fit runs, for `--timing`-style reports.
///
/// Phases nest: time spent in a phase measured inside another (the covariance of a polish, say)
/// counts for the inner phase only, so the phases add up to the time measured. A clock records
/// work on the thread that runs the fit; the library does not hand it to work it runs in parallel
/// (bootstrap refits), whose time falls into the enclosing phase.
public final class FitPhaseClock: @unchecked Sendable, Equatable {
    /// A phase of a fit.
    public enum Phase: String, Sendable, CaseIterable {
        /// Choosing starting points (a variable-projection grid, a start list).
        case startSearch = "start search"
        /// The local fits from every start (the coarse multi-start pass, or the single fit).
        case localFits = "local fits"
        /// Polishing the best local fit at full precision on every row, with fallbacks.
        case polish
        /// The covariance and the rest of a fit result at its end point.
        case covariance
        /// Interval estimation beyond the covariance (the robust fit's row bootstrap).
        case intervals
        /// Diagnostics of the fitted law.
        case diagnostics
    }

    private let lock = NSLock()
    private var seconds: [Phase: Double] = [:]
    /// Inner-phase time accumulated while each open phase runs (innermost last).
    private var openInner: [Double] = []
    /// The clock phases are timed on.
    public let clock: FitClock

    /// An empty phase clock timing on `clock`.
    /// - Parameter clock: The time source (default the machine's monotonic clock).
    public init(clock: FitClock = .system) {
        self.clock = clock
    }

    /// A phase opened by ``begin(_:)``, to be closed by ``end(_:)``.
    public struct OpenPhase: Sendable {
        /// The phase timed.
        public let phase: Phase
        /// When it began, on the clock's scale.
        public let start: Double
    }

    /// Opens `phase`: its wall time runs until ``end(_:)``, less that of phases measured inside it.
    public func begin(_ phase: Phase) -> OpenPhase {
        let start = clock.now()
        lock.lock()
        openInner.append(0)
        lock.unlock()
        return OpenPhase(phase: phase, start: start)
    }

    /// Closes a phase opened by ``begin(_:)`` (phases close innermost first).
    public func end(_ open: OpenPhase) {
        let elapsed = clock.now() - open.start
        lock.lock()
        let inner = openInner.removeLast()
        seconds[open.phase, default: 0] += elapsed - inner
        if !openInner.isEmpty { openInner[openInner.count - 1] += elapsed }
        lock.unlock()
    }

    /// Runs `body`, adding its wall time (less that of phases measured inside it) to `phase`.
    public func measure<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
        let open = begin(phase)
        defer { end(open) }
        return try body()
    }

    /// Phase clocks never change what a fit computes, only what it reports: all compare equal
    /// (so settings that carry one compare by what they compute).
    public static func == (lhs: FitPhaseClock, rhs: FitPhaseClock) -> Bool { true }

    /// Seconds spent in `phase` so far.
    public func seconds(in phase: Phase) -> Double {
        lock.lock()
        defer { lock.unlock() }
        return seconds[phase] ?? 0
    }

    /// Adds the phase times of `other` to this clock's (for fits of several groups).
    public func add(_ other: FitPhaseClock) {
        let times = Phase.allCases.map { other.seconds(in: $0) }
        lock.lock()
        for (phase, value) in zip(Phase.allCases, times) { seconds[phase, default: 0] += value }
        lock.unlock()
    }
}
