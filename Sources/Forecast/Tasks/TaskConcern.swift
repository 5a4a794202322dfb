import Foundation

/// Why a task's prediction should not be trusted, with the numbers (Bhagia et al. 2024,
/// arXiv:2412.04403, variance analysis: tasks whose metrics vary more over the last checkpoints are predicted
/// worse); the renderer words it (``description`` is one line).
public enum TaskConcern: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The best final accuracy of the ladder is within `margin` of chance.
    case nearChance(best: Double, chance: Double, margin: Double)
    /// The checkpoint noise (standard deviation of the accuracy over the last `window`
    /// checkpoints of `run`) is a large fraction of the signal (the spread of the runs' final
    /// accuracies).
    case noisy(noise: Double, spread: Double, limit: Double, run: String, window: Int)
    /// Bootstrap resamples whose refit failed (left out of the intervals).
    case failedResamples(failed: Int, of: Int)
    /// A step could not be fitted at all (the task's row has no prediction).
    case fitFailed(reason: String)

    /// Whether the concern makes the task not predictable.
    public var makesUnpredictable: Bool {
        switch self {
        case .nearChance, .noisy, .fitFailed: return true
        case .failedResamples: return false
        }
    }

    public var description: String {
        switch self {
        case let .nearChance(best, chance, margin):
            return String(format: "near chance: the best final accuracy of the ladder, %.4f, is within %.2f of chance %.4f", best, margin, chance)
        case let .noisy(noise, spread, limit, run, window):
            return String(format: "noisy: accuracy SD over the last %d checkpoints of %@ is %.4f, %.0f%% of the ladder's spread %.4f (limit %.0f%%)",
                          window, run, noise, noise / spread * 100, spread, limit * 100)
        case let .fitFailed(reason):
            return "not fitted: \(reason)"
        case let .failedResamples(failed, total):
            return "\(failed) of \(total) bootstrap resamples failed to refit and were left out of the intervals"
        }
    }
}
