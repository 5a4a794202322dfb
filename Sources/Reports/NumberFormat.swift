import Foundation

/// Deterministic, locale-independent number formatting shared by the renderers.
///
/// Everything goes through C `printf` conversions (`%g`, `%.Ng`) with no locale, so the decimal
/// separator is always `.` and the same value always prints the same text.
public enum NumberFormat {
    /// `value` with `digits` significant digits (`%.{digits}g`): `1.817232`, `7.2357e+10`.
    /// Non-finite values print as `nan`, `inf`, `-inf`.
    public static func significant(_ value: Double, digits: Int = 7) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return String(format: "%.\(digits)g", value)
    }

    /// An optional value with ``significant(_:digits:)``, or `placeholder` when absent.
    public static func significant(_ value: Double?, digits: Int = 7, placeholder: String) -> String {
        value.map { significant($0, digits: digits) } ?? placeholder
    }

    /// Scientific notation with `digits` significant digits: `7.23570e+10` for 6 digits.
    public static func scientific(_ value: Double, digits: Int = 6) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return String(format: "%.\(max(digits - 1, 0))e", value)
    }

    /// Fixed-point with `decimals` digits after the point: `18.34`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return String(format: "%.\(decimals)f", value)
    }

    /// A count of parameters, tokens or FLOP the way people say it, with 3 significant digits and
    /// the suffixes `ScalingLaws/NumericCell` reads back: `950`, `12.5k`, `350M`, `74.0B`,
    /// `1.33T`. Values of 10¹⁵ and above, and below 1, use scientific notation: `5.76e+23`.
    public static func human(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        let magnitude = Swift.abs(value)
        if magnitude == 0 { return "0" }
        if magnitude < 1 { return String(format: "%.3g", value) }
        let suffixes: [(scale: Double, suffix: String)] = [(1, ""), (1e3, "k"), (1e6, "M"), (1e9, "B"), (1e12, "T")]
        for (k, entry) in suffixes.enumerated().reversed() where magnitude >= entry.scale {
            let scaled = value / entry.scale
            guard Swift.abs(scaled) >= 999.5 else { return threeDigits(scaled) + entry.suffix }
            // 999.7e9 would round to "1000" billions: say 1.00T instead.
            guard k + 1 < suffixes.count else { return String(format: "%.3g", value) }
            return threeDigits(value / suffixes[k + 1].scale) + suffixes[k + 1].suffix
        }
        return String(format: "%.3g", value)
    }

    /// Three significant digits, keeping trailing zeros (`74.0`, `1.30`) but no bare trailing
    /// point (`313`, not `313.`).
    static func threeDigits(_ x: Double) -> String {
        var text = String(format: "%#.3g", x)
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// US dollars the way people say them, three significant digits: `$1.81`, `$950`, `$12.5k`,
    /// `$50.1M`, `$1.22B`; `-$3.00M` for a negative amount.
    public static func money(_ value: Double) -> String {
        guard value.isFinite else { return nonFinite(value) }
        return (value < 0 ? "-$" : "$") + human(Swift.abs(value))
    }

    /// A duration given in hours, in the unit people would use, three significant digits:
    /// `45.0 min` (under an hour), `36.0 hours` (under three days), `90.0 days` (under two
    /// years), `3.42 years` (365.25 days).
    public static func duration(hours: Double) -> String {
        guard hours.isFinite else { return nonFinite(hours) }
        let magnitude = Swift.abs(hours)
        if magnitude < 1 { return threeDigits(hours * 60) + " min" }
        if magnitude < 72 { return threeDigits(hours) + " hours" }
        if magnitude < 2 * 8766 { return threeDigits(hours / 24) + " days" }
        return threeDigits(hours / 8766) + " years"
    }

    /// A percentage with two decimals: `1.43%`.
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return nonFinite(fraction) + "%" }
        return String(format: "%.2f%%", fraction * 100)
    }

    /// A signed correlation with four decimals: `+0.5815`, `-0.9912`.
    public static func correlation(_ r: Double) -> String {
        guard r.isFinite else { return nonFinite(r) }
        return String(format: "%+.4f", r)
    }

    /// A value for CSV: Swift's shortest round-trip form (`72357000000.0`, `1.8172e-05`),
    /// `nan`/`inf`/`-inf` when not finite, and `nan` when absent (a refused budget's `N*`, a
    /// fixed parameter's standard error): an empty cell would make the column unreadable as
    /// numbers, while `nan` re-reads with the tool's own CSV reader (`ScalingLaws/NumericCell`).
    public static func exact(_ value: Double?) -> String {
        guard let value else { return "nan" }
        guard value.isFinite else { return nonFinite(value) }
        return "\(value)"
    }

    static func nonFinite(_ value: Double) -> String {
        value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf")
    }
}
