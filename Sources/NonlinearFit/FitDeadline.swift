import Foundation

/// One wall-clock limit shared by every stage of a fit (start search, racing, every start, the
/// polish and the fallbacks), so the limit bounds the whole fit, not each stage.
///
/// ```
/// passed ⇔ clock.now() − start ≥ limit        (limit in seconds, ≥ 0)
/// ```
/// Stages ask ``hasPassed()`` before each unit of work (a grid point, a start, an iteration).
/// Once the limit has passed the answer stays `true` without reading the clock again, and
/// ``wasReached`` records that some stage was cut short, so the result can say the fit stopped
/// early. Safe to share across threads.
public final class FitDeadline: @unchecked Sendable {
    /// The limit in seconds.
    public let limit: Double
    private let clock: FitClock
    private let start: Double
    private let lock = NSLock()
    private var passed = false
    private var readings = 0

    /// A deadline `limit` seconds after now on `clock`.
    public init(seconds limit: Double, clock: FitClock = .system) {
        self.limit = Swift.max(0, limit)
        self.clock = clock
        self.start = clock.now()
    }

    /// Whether the limit has passed; once it has, the deadline counts as reached.
    public func hasPassed() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if passed { return true }
        readings += 1
        if clock.now() - start >= limit { passed = true }
        return passed
    }

    /// Whether some stage found the limit passed (and so stopped early).
    public var wasReached: Bool {
        lock.lock()
        defer { lock.unlock() }
        return passed
    }

    /// Seconds left (0 once passed), read from the clock.
    public var remaining: Double {
        Swift.max(0, limit - (clock.now() - start))
    }

    /// How many times the clock was read to answer ``hasPassed()``.
    public var clockReadings: Int {
        lock.lock()
        defer { lock.unlock() }
        return readings
    }
}

extension FitDeadline: Equatable {
    /// Two deadlines are equal when they are the same deadline.
    public static func == (lhs: FitDeadline, rhs: FitDeadline) -> Bool { lhs === rhs }
}
