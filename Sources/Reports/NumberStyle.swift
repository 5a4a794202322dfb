import Foundation

/// How reports write large quantities (`--numbers`).
///
/// | quantity | `human` | `scientific` |
/// |---|---|---|
/// | parameters, tokens | `72.4B`, `1.33T` | `7.24e+10`, `1.33e+12` |
/// | money (USD) | `$50.1M` | `5.008e+07` |
/// | time | `90.0 days`, `36.0 hours` | `90` (days, unit in the header) |
///
/// Units are in the headers either way; CSV and JSON always carry exact values.
public enum NumberStyle: String, Sendable, Equatable, CaseIterable, Codable {
    /// `72.4B`, `$50.1M`, `90.0 days`.
    case human
    /// `7.24e+10`, `5.008e+07`, days as a number.
    case scientific

    /// A count of parameters, tokens, chips or chip-hours.
    public func count(_ value: Double) -> String {
        switch self {
        case .human: return NumberFormat.human(value)
        case .scientific: return NumberFormat.scientific(value, digits: 3)
        }
    }

    /// An amount of US dollars.
    public func money(_ value: Double) -> String {
        switch self {
        case .human: return NumberFormat.money(value)
        case .scientific: return NumberFormat.significant(value, digits: 4)
        }
    }

    /// A duration given in hours: `human` picks the unit, `scientific` writes days.
    public func duration(hours: Double) -> String {
        switch self {
        case .human: return NumberFormat.duration(hours: hours)
        case .scientific: return NumberFormat.significant(hours / 24, digits: 4)
        }
    }

    /// The header unit of ``duration(hours:)``: empty for `human` (each cell has its unit).
    public var durationUnit: String {
        self == .human ? "" : " (days)"
    }

    /// The header unit of ``money(_:)``.
    public var moneyUnit: String {
        self == .human ? "" : " (USD)"
    }
}
