import Foundation
import ArgumentParser
import ScalingLaws

/// Parsing of the small value languages the options use (filters, `NAME=VALUE`, numbers).
/// Each throws ``ArgumentParser/ValidationError`` so a malformed value gets ArgumentParser's
/// usage message.
enum Syntax {
    /// A number as ``ScalingLaws/NumericCell`` reads it (`5.76e23`, `70B`, `1.4T`), or `nil`.
    static func number(_ text: String) -> Double? {
        NumericCell.parse(text)
    }

    @Sendable static func roleMapping(_ text: String) throws -> RoleMapping {
        let (name, value) = try pair(text, separator: "=", expected: "ROLE=COLUMN, e.g. N=params")
        return RoleMapping(role: name, column: value)
    }

    @Sendable static func separator(_ text: String) throws -> Character {
        switch text {
        case "tab", "\\t", "\t": return "\t"
        default:
            guard text.count == 1, let character = text.first else {
                throw ValidationError("expected one character or 'tab', got '\(text)'")
            }
            return character
        }
    }

    @Sendable static func dropHighest(_ text: String) throws -> RowFilter {
        let (column, count) = try columnCount(text)
        return .dropHighest(column: column, count: count)
    }

    @Sendable static func dropLowest(_ text: String) throws -> RowFilter {
        let (column, count) = try columnCount(text)
        return .dropLowest(column: column, count: count)
    }

    /// `COLUMN:MIN:MAX` with either end possibly empty.
    @Sendable static func range(_ text: String) throws -> RowFilter {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let expected = "expected COLUMN:MIN:MAX, e.g. N:1e8:1e10 or N:1e8:"
        guard parts.count == 3, !parts[0].isEmpty else { throw ValidationError("'\(text)': \(expected)") }
        func bound(_ s: String) throws -> Double? {
            if s.isEmpty { return nil }
            guard let v = number(s), v.isFinite else { throw ValidationError("'\(text)': '\(s)' is not a number; \(expected)") }
            return v
        }
        return .keepRange(column: parts[0], min: try bound(parts[1]), max: try bound(parts[2]))
    }

    /// `NAME=VALUE` for `--fix`.
    @Sendable static func fixedParameter(_ text: String) throws -> FixedParameter {
        let (name, valueText) = try pair(text, separator: "=", expected: "NAME=VALUE, e.g. alpha=0.34")
        guard let value = number(valueText), value.isFinite else {
            throw ValidationError("'\(text)': '\(valueText)' is not a finite number")
        }
        return FixedParameter(name: name, value: value)
    }

    /// `COLUMN:K` with a whole K ≥ 0.
    static func columnCount(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":") else {
            throw ValidationError("'\(text)': expected COLUMN:K, e.g. loss:5")
        }
        let column = String(text[..<colon])
        let countText = String(text[text.index(after: colon)...])
        guard !column.isEmpty, let count = Int(countText), count >= 0 else {
            throw ValidationError("'\(text)': expected COLUMN:K with a whole number K >= 0, e.g. loss:5")
        }
        return (column, count)
    }

    static func pair(_ text: String, separator: Character, expected: String) throws -> (String, String) {
        guard let index = text.firstIndex(of: separator) else { throw ValidationError("'\(text)': expected \(expected)") }
        let name = String(text[..<index]).trimmingCharacters(in: .whitespaces)
        let value = String(text[text.index(after: index)...]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !value.isEmpty else { throw ValidationError("'\(text)': expected \(expected)") }
        return (name, value)
    }
}

/// `NAME=VALUE` from `--fix`.
struct FixedParameter: Sendable, Equatable {
    let name: String
    let value: Double
}
