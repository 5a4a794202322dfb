import Foundation

/// A thread-safe count of finished refits that a bootstrap updates as it runs and a caller (the
/// CLI's progress bar) polls from another thread. It only counts: it does not affect the draws.
public final class BootstrapProgress: @unchecked Sendable {
    // `completed` and `total` are only touched under `lock`.
    private let lock = NSLock()
    private var completedCount = 0
    private var totalCount = 0

    /// A count at zero.
    public init() {}

    /// Refits finished so far (resamples, then jackknife refits when BCa was asked for).
    public var completed: Int {
        lock.lock()
        defer { lock.unlock() }
        return completedCount
    }

    /// Refits the bootstrap will run in all (0 until it starts).
    public var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return totalCount
    }

    /// `completed / total` in [0, 1] (0 before the start).
    public var fraction: Double {
        lock.lock()
        defer { lock.unlock() }
        return totalCount > 0 ? Double(completedCount) / Double(totalCount) : 0
    }

    func start(total: Int) {
        lock.lock()
        totalCount = total
        completedCount = 0
        lock.unlock()
    }

    func advance() {
        lock.lock()
        completedCount += 1
        lock.unlock()
    }
}
