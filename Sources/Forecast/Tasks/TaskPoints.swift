import Foundation
import ScalingLaws

/// The points of one task that the two steps are fitted on, built from a `ScalingLaws/TaskLadder`
/// the way Bhagia et al. 2024 (arXiv:2412.04403) build them:
///
/// ```
/// step 1 (one point per run r):   (N_r, D_r, L̄_r),  L̄_r = mean of the run's last w task losses
/// step 2 (every checkpoint):      (L̃_rj, Ã_rj) for j past the first ⌈f·n_r⌉ checkpoints,
///                                 L̃, Ã = trailing moving averages of window w
/// ```
/// (D_r is the run's tokens at its point, `ScalingLaws/LadderRun/tokens`.) Every point carries
/// its run's index, so a bootstrap resamples whole runs.
public struct TaskPoints: Sendable, Equatable {
    /// One point per run.
    public struct Final: Sendable, Equatable {
        /// The run's index in the ladder.
        public let run: Int
        /// Its parameters `N_r`.
        public let parameters: Double
        /// Its tokens `D_r` at the point.
        public let tokens: Double
        /// `L̄_r`, the mean of its last `w` task losses.
        public let loss: Double
        /// The mean of its last `w` accuracies.
        public let accuracy: Double
    }

    /// One smoothed checkpoint.
    public struct Checkpoint: Sendable, Equatable {
        /// The run's index in the ladder.
        public let run: Int
        /// `L̃`, the trailing moving average of the task loss.
        public let loss: Double
        /// `Ã`, the trailing moving average of the accuracy.
        public let accuracy: Double
    }

    /// The task.
    public let task: String
    /// Step 1's points, one per run.
    public let finals: [Final]
    /// Checkpoints by run (index `r` holds run `r`'s).
    public let checkpoints: [[Checkpoint]]

    /// The points of task `index` of `ladder`.
    public init(ladder: TaskLadder, task index: Int, method: TaskMethod) {
        task = ladder.tasks[index].task
        var finals: [Final] = []
        var checkpoints: [[Checkpoint]] = []
        for (r, run) in ladder.runs.enumerated() {
            let series = run.series[index]
            guard series.count > 0 else {
                checkpoints.append([])
                continue
            }
            let w = Swift.min(method.movingAverage, series.count)
            let lastLosses = series.loss.suffix(w)
            let lastAccuracies = series.accuracy.suffix(w)
            finals.append(Final(
                run: r, parameters: run.run.parameters, tokens: run.run.tokens,
                loss: lastLosses.reduce(0, +) / Double(w), accuracy: lastAccuracies.reduce(0, +) / Double(w)))
            let skip = Int((method.skipFraction * Double(series.count)).rounded(.up))
            let loss = Self.movingAverage(Array(series.loss.dropFirst(skip)), window: method.movingAverage)
            let accuracy = Self.movingAverage(Array(series.accuracy.dropFirst(skip)), window: method.movingAverage)
            checkpoints.append(zip(loss, accuracy).map { Checkpoint(run: r, loss: $0, accuracy: $1) })
        }
        self.finals = finals
        self.checkpoints = checkpoints
    }

    /// The trailing moving average of window `w`: element `j` is the mean of elements
    /// `max(0, j − w + 1)…j` (partial windows at the start, as the authors' `moving_average`).
    public static func movingAverage(_ values: [Double], window w: Int) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(values.count)
        var sum = 0.0
        for j in values.indices {
            sum += values[j]
            if j >= w { sum -= values[j - w] }
            out.append(sum / Double(Swift.min(j + 1, w)))
        }
        return out
    }
}
