import Foundation

/// Tick positions of one axis, in data units.
///
/// - Log axes: major ticks at the powers of ten inside the range (every `m`-th decade when the
///   range spans more than ten decades, `m` the smallest step giving at most ten), minor ticks at
///   `2…9 × 10^k` when every decade is labelled. A range narrower than two decades gets majors at
///   `1, 2, 5 × 10^k` as well; narrower still (fewer than two of those), linear ticks.
/// - Linear axes: majors at multiples of a "nice" step `{1, 2, 5} × 10^k` chosen to give 4 to 10
///   ticks, computed as integer multiples (`k·step`) so that `0.1 + 0.2` style drift never
///   reaches a label; minors at a fifth (steps 1, 5) or a half (step 2) of the step.
///
/// Ticks lie inside `[lower, upper]` widened by 1e-9 of the span, so ends that sit on a tick
/// (`1e18…1e24`) keep it.
public struct AxisTicks: Sendable, Equatable {
    /// Major (labelled) tick positions, in data units.
    public let major: [Double]
    /// Minor (unlabelled) tick positions, in data units.
    public let minor: [Double]
    /// The major step in the axis' working space (log10 units on log axes), used by labels to
    /// choose their precision.
    public let step: Double

    /// Ticks.
    /// - Parameters:
    ///   - major: Major tick positions.
    ///   - minor: Minor tick positions.
    ///   - step: The major step in the axis' working space.
    public init(major: [Double], minor: [Double], step: Double) {
        self.major = major
        self.minor = minor
        self.step = step
    }

    /// Ticks for the data range `lower…upper` (data units; positive for `.log`).
    public static func make(lower: Double, upper: Double, scale: AxisScale) -> AxisTicks {
        let lo = Swift.min(lower, upper), hi = Swift.max(lower, upper)
        guard lo.isFinite, hi.isFinite else { return AxisTicks(major: [], minor: [], step: 1) }
        switch scale {
        case .linear: return linear(lo, hi)
        case .log:
            guard lo > 0 else { return linear(lo, hi) }
            return logarithmic(lo, hi)
        }
    }

    static func linear(_ lo: Double, _ hi: Double) -> AxisTicks {
        let span = hi - lo
        guard span > 0 else { return AxisTicks(major: [lo], minor: [], step: 1) }
        let raw = span / 6
        let exponent = floor(log10(raw))
        let base = pow(10, exponent)
        var mantissa = 10.0
        for m in [1.0, 2.0, 5.0] where m * base >= raw * 0.999 {
            mantissa = m
            break
        }
        // Integer multiples of (mantissa × 10^exponent); build values as k·m·10^e with the power
        // applied last so that 3 × 0.1 prints as 0.3, not 0.30000000000000004.
        func value(_ k: Double, _ m: Double) -> Double {
            exponent >= 0 ? k * m * pow(10, exponent) : k * m / pow(10, -exponent)
        }
        let step = mantissa * base
        let eps = span * 1e-9
        let first = ceil((lo - eps) / step), last = floor((hi + eps) / step)
        var major: [Double] = []
        if last >= first {
            for k in Int(first)...Int(last) { major.append(clean(value(Double(k), mantissa))) }
        }
        let divisions = mantissa == 2 ? 2.0 : 5.0
        let minorMantissa = mantissa / divisions
        var minor: [Double] = []
        let firstMinor = ceil((lo - eps) / (step / divisions)), lastMinor = floor((hi + eps) / (step / divisions))
        if lastMinor >= firstMinor, lastMinor - firstMinor < 1000 {
            for k in Int(firstMinor)...Int(lastMinor) where k % Int(divisions) != 0 {
                minor.append(clean(value(Double(k), minorMantissa)))
            }
        }
        return AxisTicks(major: major, minor: minor, step: step)
    }

    static func logarithmic(_ lo: Double, _ hi: Double) -> AxisTicks {
        let a = log10(lo), b = log10(hi)
        let eps = Swift.max((b - a) * 1e-9, 1e-12)
        let firstDecade = Int(ceil(a - eps)), lastDecade = Int(floor(b + eps))
        let decades = lastDecade - firstDecade + 1
        if decades >= 2 || b - a >= 2 {
            let every = Swift.max(1, Int(ceil(Double(decades) / 10)))
            var major: [Double] = []
            var k = firstDecade
            // Align the stride on multiples of `every` so that 10^0 is labelled when in range.
            if every > 1 { k = Int(ceil(Double(firstDecade) / Double(every))) * every }
            while k <= lastDecade {
                major.append(power(k))
                k += every
            }
            var minor: [Double] = []
            if every == 1 {
                for e in (firstDecade - 1)...lastDecade {
                    for m in 2...9 {
                        let v = Double(m) * power(e)
                        let lv = log10(v)
                        if lv >= a - eps, lv <= b + eps { minor.append(v) }
                    }
                }
            } else {
                // Unlabelled decades between the labelled ones.
                for e in firstDecade...lastDecade where !major.contains(power(e)) { minor.append(power(e)) }
            }
            return AxisTicks(major: major, minor: minor, step: Double(every))
        }
        // Less than two decades: 1, 2, 5 × 10^k as majors.
        var major: [Double] = []
        var minor: [Double] = []
        for e in (firstDecade - 1)...(lastDecade + 1) {
            for m in 1...9 {
                let v = Double(m) * power(e)
                let lv = log10(v)
                guard lv >= a - eps, lv <= b + eps else { continue }
                if m == 1 || m == 2 || m == 5 { major.append(v) } else { minor.append(v) }
            }
        }
        if major.count >= 2 { return AxisTicks(major: major, minor: minor, step: log10(2.5)) }
        return linear(lo, hi)
    }

    /// `10^k`, exact for the integer powers a Double represents exactly (`1e22` and below) and
    /// the correctly rounded literal beyond.
    static func power(_ k: Int) -> Double {
        Double("1e\(k)") ?? pow(10, Double(k))
    }

    /// Rounds away binary noise (`0.30000000000000004` → `0.3`) and `-0`.
    static func clean(_ v: Double) -> Double {
        if v == 0 { return 0 }
        let rounded = Double(String(format: "%.12g", v)) ?? v
        return rounded == 0 ? 0 : rounded
    }
}
