import Foundation

/// The clock a fit's time limit is measured on: seconds on a monotonic scale.
///
/// ``system`` is the machine's uptime clock. Tests inject a clock of their own (for example one
/// that advances a fixed step at every reading) to check where a fit looks at its deadline
/// without depending on how fast the machine is.
public struct FitClock: Sendable, Equatable {
    /// The current time in seconds (any origin; only differences matter).
    public let now: @Sendable () -> Double

    /// A clock reading `now`.
    /// - Parameter now: Returns the current time in seconds on a monotonic scale (any origin).
    public init(now: @escaping @Sendable () -> Double) {
        self.now = now
    }

    /// The machine's monotonic clock.
    public static let system = FitClock { ProcessInfo.processInfo.systemUptime }

    /// Clocks never change what a fit computes, only when it stops: all compare equal.
    public static func == (lhs: FitClock, rhs: FitClock) -> Bool { true }
}
