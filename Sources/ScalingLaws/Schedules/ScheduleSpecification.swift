import Foundation

/// A learning-rate schedule that has not been run, written as text (``ScheduleSyntax``):
///
/// ```
/// cosine,warmup:1000,peak:0.0003,final:0.1,steps:16279
/// wsd,decay:0.2,shape:1-sqrt,final:0
/// ```
///
/// Every schedule has a linear warm-up from η = 0 at step 0 to `peak` at step `warmup` (none when
/// `warmup` is 0), then a body over steps `warmup…T` with progress x = (s − warmup)/(T − warmup):
///
/// - `constant`: η = peak.
/// - `linear`: η = peak·(1 − (1 − final)·x).
/// - `cosine`: η = peak·(final + (1 − final)·(1 + cos πx)/2) (Loshchilov & Hutter 2017).
/// - `wsd`: warmup–stable–decay (Hu et al. 2024, MiniCPM, §4): η = peak until the decay starts
///   (at `decayStart`, or at T − ⌊decay·T⌉ for a decay fraction), then
///   η = peak·(final + (1 − final)·g(y)), y the progress through the decay and g its ``DecayShape``.
/// - `inverseSquareRoot`: η = peak·√(τ / max(s, τ)), τ = `timescale` (default: the warm-up,
///   at least 1) (Vaswani et al. 2017, §5.3).
/// - `piecewise`: straight lines through (step, fraction of peak) points, flat beyond the ends.
public struct ScheduleSpecification: Sendable, Equatable, Codable {
    /// The body of the schedule after its warm-up.
    public enum Shape: Sendable, Equatable, Codable {
        /// η = peak.
        case constant
        /// η = peak·(1 − (1 − final)·x).
        case linear
        /// η = peak·(final + (1 − final)·(1 + cos πx)/2) (Loshchilov & Hutter 2017).
        case cosine
        /// Warmup–stable–decay (Hu et al. 2024): flat at the peak, then a decay of the given start and
        /// shape to `final`.
        case wsd(decay: WSDDecay, shape: DecayShape)
        /// η = peak·√(τ / max(s, τ)), τ = `timescale` or the warm-up (Vaswani et al. 2017, §5.3).
        case inverseSquareRoot(timescale: Int?)
        /// Straight lines through the points (step, fraction of the peak), flat beyond the ends.
        case piecewise([PiecewisePoint])
    }

    /// Where a WSD decay starts: a fraction of the steps at the end, or a step.
    public enum WSDDecay: Sendable, Equatable, Codable {
        /// The last fraction of the steps (0.2: the decay takes the final 20%).
        case fraction(Double)
        /// The step at which the decay starts.
        case start(Int)
    }

    /// One point of a piecewise schedule: the rate at `step` as a fraction of the peak.
    public struct PiecewisePoint: Sendable, Equatable, Codable {
        /// The step.
        public let step: Int
        /// The rate at ``step`` as a fraction of the peak.
        public let fraction: Double

        /// A point of a piecewise schedule.
        /// - Parameters:
        ///   - step: The step.
        ///   - fraction: The rate there as a fraction of the peak.
        public init(step: Int, fraction: Double) {
            self.step = step
            self.fraction = fraction
        }
    }

    /// The body of the schedule after the warm-up.
    public var shape: Shape
    /// Warm-up steps (linear from 0).
    public var warmup: Int
    /// The peak rate (1 when the schedule is relative).
    public var peak: Double
    /// The final rate as a fraction of the peak (`linear`, `cosine`, `wsd`).
    public var final: Double
    /// The last step T, when the specification fixes it.
    public var steps: Int?

    /// A schedule.
    /// - Parameters:
    ///   - shape: The body after the warm-up.
    ///   - warmup: Warm-up steps, linear from 0 (default none).
    ///   - peak: The peak rate (default 1, a relative schedule).
    ///   - final: The final rate as a fraction of the peak (default 0).
    ///   - steps: The last step T, or `nil` to give it later.
    public init(shape: Shape, warmup: Int = 0, peak: Double = 1, final: Double = 0, steps: Int? = nil) {
        self.shape = shape
        self.warmup = warmup
        self.peak = peak
        self.final = final
        self.steps = steps
    }

    /// The per-step schedule over steps 0…T.
    ///
    /// - Parameter given: T, required when the specification does not give it (`steps:`);
    ///   when both are given, this one wins.
    /// - Throws: ``ScheduleError/noStepCount(specification:)`` without T;
    ///   ``ScheduleError/invalidSpecification(specification:reason:)`` when T is not above the warm-up or
    ///   a WSD decay starts outside the run.
    public func schedule(steps given: Int? = nil) throws -> StepSchedule {
        guard let total = given ?? steps else { throw ScheduleError.noStepCount(specification: description) }
        guard total >= 1, total > warmup else {
            throw ScheduleError.invalidSpecification(specification: description, reason: "the last step \(total) must exceed the warm-up of \(warmup) steps")
        }
        var decayStart = 0
        if case let .wsd(decay, _) = shape {
            switch decay {
            case let .fraction(f): decayStart = total - Int((f * Double(total)).rounded())
            case let .start(s): decayStart = s
            }
            guard decayStart >= warmup, decayStart <= total else {
                throw ScheduleError.invalidSpecification(
                    specification: description, reason: "the decay starts at step \(decayStart), outside the stable phase \(warmup)…\(total)")
            }
        }
        let rates = (0...total).map { rate(at: $0, total: total, decayStart: decayStart) }
        return StepSchedule(rates: rates, warmupSteps: warmup)
    }

    private func rate(at s: Int, total: Int, decayStart: Int) -> Double {
        if s < warmup { return peak * Double(s) / Double(warmup) }
        let x = total > warmup ? Double(s - warmup) / Double(total - warmup) : 1
        switch shape {
        case .constant:
            return peak
        case .linear:
            return peak * (1 - (1 - final) * x)
        case .cosine:
            return peak * (final + (1 - final) * (1 + cos(Double.pi * x)) / 2)
        case let .wsd(_, decayShape):
            guard s > decayStart, total > decayStart else { return peak }
            let y = Double(s - decayStart) / Double(total - decayStart)
            return peak * (final + (1 - final) * decayShape.remaining(y))
        case let .inverseSquareRoot(timescale):
            let tau = Double(timescale ?? Swift.max(warmup, 1))
            return peak * (tau / Swift.max(Double(s), tau)).squareRoot()
        case let .piecewise(points):
            guard let first = points.first, let last = points.last else { return peak }
            if s <= first.step { return peak * first.fraction }
            if s >= last.step { return peak * last.fraction }
            var k = 1
            while points[k].step < s { k += 1 }
            let a = points[k - 1], b = points[k]
            let u = Double(s - a.step) / Double(b.step - a.step)
            return peak * (a.fraction + (b.fraction - a.fraction) * u)
        }
    }
}

extension ScheduleSpecification: CustomStringConvertible {
    /// The canonical text (``ScheduleSyntax/print(_:)``).
    public var description: String { ScheduleSyntax.print(self) }
}
