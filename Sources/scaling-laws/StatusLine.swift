import Foundation

/// A status line on standard error while a long computation runs: after 1 s, the message and
/// a progress bar with the share done and the elapsed seconds when the work reports progress
/// (`bootstrapping 4000 resamples [#########-----------]  45%  2 s`), else a spinner and the
/// elapsed seconds; redrawn in place four times a second and erased when done. Only when
/// standard error is a terminal (`isatty`), so never in tests, pipes or CI logs.
final class StatusLine: @unchecked Sendable {
    // All mutable state is touched only on `queue`.
    private let queue = DispatchQueue(label: "scaling-laws.status-line")
    private let message: String
    private let fraction: @Sendable () -> Double?
    private let start = ContinuousClock.now
    private var timer: DispatchSourceTimer?
    private var ticks = 0
    private var shown = false

    private init(_ message: String, fraction: @escaping @Sendable () -> Double?) {
        self.message = message
        self.fraction = fraction
    }

    /// Starts a status line, or returns `nil` when standard error is not a terminal.
    /// - Parameters:
    ///   - message: what is running.
    ///   - fraction: the share done in [0, 1], or `nil` while unknown (a spinner then).
    static func start(_ message: String, fraction: @escaping @Sendable () -> Double? = { nil }) -> StatusLine? {
        guard isatty(2) == 1 else { return nil }
        let line = StatusLine(message, fraction: fraction)
        line.queue.sync {
            let timer = DispatchSource.makeTimerSource(queue: line.queue)
            timer.schedule(deadline: .now() + 1, repeating: 0.25)
            timer.setEventHandler { [line] in line.tick() }
            line.timer = timer
            timer.resume()
        }
        return line
    }

    /// The text of the line for `seconds` elapsed and `fraction` done (or `nil`) at tick `tick`.
    static func text(message: String, seconds: Int64, fraction: Double?, tick: Int, width: Int = 20) -> String {
        guard let fraction else {
            let spinner = ["|", "/", "-", "\\"][tick % 4]
            return "\(message) \(spinner) \(seconds) s"
        }
        let share = Swift.min(Swift.max(fraction, 0), 1)
        let filled = Int((share * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = Int((share * 100).rounded(.down))
        return "\(message) [\(bar)] \(String(repeating: " ", count: percent < 10 ? 2 : percent < 100 ? 1 : 0))\(percent)%  \(seconds) s"
    }

    private func tick() {
        let seconds = (ContinuousClock.now - start).components.seconds
        let line = Self.text(message: message, seconds: seconds, fraction: fraction(), tick: ticks)
        ticks += 1
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
    }

    /// Stops the line and erases it, so nothing is left behind in the terminal.
    func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            shown = false
        }
    }
}
