import Foundation
import Reports

/// Our numbers beside the published ones: one row per quantity with the difference, the
/// tolerance it is held to and why, rendered as a Markdown table; the rows that are checked
/// decide the notebook's `PASS` / `FAIL`.
///
/// ```
/// relative:  |ours/published − 1| ≤ tol
/// absolute:  |ours − published| ≤ tol
/// printed:   |ours − published| ≤ half a unit in the last of `digits` significant figures of published
/// range:     lower ≤ ours ≤ upper
/// same:      ours == published (text, e.g. which pool is best)
/// context:   shown, not checked (e.g. a published value the data cannot reproduce, by design)
/// ```
public struct Comparison: Sendable {
    /// How a row is judged.
    public enum Tolerance: Sendable, Equatable {
        case relative(Double)
        case absolute(Double)
        /// Half a unit in the last of `significantDigits` figures of the published value.
        case printed(significantDigits: Int)
        case range(lower: Double, upper: Double)
        case same
        case context
    }

    /// One quantity.
    public struct Row: Sendable {
        public let quantity: String
        public let ours: String
        public let published: String
        public let difference: String
        public let tolerance: String
        public let reason: String
        /// `nil` for context rows.
        public let passed: Bool?
    }

    public private(set) var rows: [Row] = []
    /// Significant digits of the numbers shown.
    public var digits: Int

    public init(digits: Int = 5) {
        self.digits = digits
    }

    /// A numeric row judged by `tolerance` against `published` (shown as `publishedText` when
    /// given, e.g. `2.4× (printed)`).
    public mutating func add(_ quantity: String, ours: Double, published: Double, _ tolerance: Tolerance,
                             reason: String, publishedText: String? = nil) {
        let shownPublished = publishedText ?? format(published)
        var difference = "—"
        var tolText = "—"
        var passed: Bool?
        switch tolerance {
        case let .relative(tol):
            let rel = ours / published - 1
            difference = signed(rel * 100, suffix: "%")
            tolText = "±" + NumberFormat.significant(tol * 100, digits: 3) + "%"
            passed = ours.isFinite && Swift.abs(rel) <= tol
        case let .absolute(tol):
            let diff = ours - published
            difference = signed(diff, suffix: "")
            tolText = "±" + NumberFormat.significant(tol, digits: 3)
            passed = ours.isFinite && Swift.abs(diff) <= tol
        case let .printed(digits):
            let tol = Self.halfUnit(published, significantDigits: digits)
            let diff = ours - published
            difference = signed(diff, suffix: "")
            tolText = "±" + NumberFormat.significant(tol, digits: 3)
            passed = ours.isFinite && Swift.abs(diff) <= tol
        case let .range(lower, upper):
            difference = signed(ours - published, suffix: "")
            tolText = "[" + format(lower) + ", " + format(upper) + "]"
            passed = ours.isFinite && ours >= lower && ours <= upper
        case .same:
            difference = ours == published ? "0" : signed(ours - published, suffix: "")
            tolText = "exact"
            passed = ours == published
        case .context:
            if ours.isFinite, published.isFinite, published != 0 { difference = signed((ours / published - 1) * 100, suffix: "%") }
            tolText = "context"
        }
        rows.append(Row(quantity: quantity, ours: format(ours), published: shownPublished, difference: difference,
                        tolerance: tolText, reason: reason, passed: passed))
    }

    /// Half a unit in the last of `significantDigits` figures of `value`: 0.0005e12 for 1.058e12
    /// at 4 figures.
    public static func halfUnit(_ value: Double, significantDigits: Int) -> Double {
        let exponent = floor(log10(Swift.abs(value)))
        return 0.5 * pow(10, exponent - Double(significantDigits - 1))
    }

    /// A numeric row inside `lower...upper` (e.g. "between the two published budgets").
    public mutating func add(_ quantity: String, ours: Double, within range: ClosedRange<Double>, published: String, reason: String) {
        let passed = ours.isFinite && range.contains(ours)
        rows.append(Row(quantity: quantity, ours: format(ours), published: published, difference: "—",
                        tolerance: "[" + format(range.lowerBound) + ", " + format(range.upperBound) + "]",
                        reason: reason, passed: passed))
    }

    /// A text row that must match exactly (e.g. the best pool at a budget).
    public mutating func add(_ quantity: String, ours: String, published: String, reason: String) {
        rows.append(Row(quantity: quantity, ours: ours, published: published, difference: ours == published ? "same" : "differs",
                        tolerance: "exact", reason: reason, passed: ours == published))
    }

    /// A row shown for context only.
    public mutating func context(_ quantity: String, ours: String, published: String, reason: String) {
        rows.append(Row(quantity: quantity, ours: ours, published: published, difference: "—",
                        tolerance: "context", reason: reason, passed: nil))
    }

    /// The rows that failed their check.
    public var failures: [Row] { rows.filter { $0.passed == false } }

    /// The number of checked rows.
    public var checkedCount: Int { rows.filter { $0.passed != nil }.count }

    /// The Markdown table.
    public func markdown() -> String {
        var table = TextTable(header: ["quantity", "ours", "published", "difference", "tolerance", "reason", "status"],
                              numeric: [false, true, true, true, false, false, false])
        for row in rows {
            let status = row.passed.map { $0 ? "ok" : "**FAIL**" } ?? "context"
            table.append([row.quantity, row.ours, row.published, row.difference, row.tolerance, row.reason, status])
        }
        return table.markdown()
    }

    /// The rows as CSV (for the `output/` folder).
    public func csv() -> String {
        var table = TextTable(header: ["quantity", "ours", "published", "difference", "tolerance", "reason", "status"])
        for row in rows {
            table.append([row.quantity, row.ours, row.published, row.difference, row.tolerance, row.reason,
                          row.passed.map { $0 ? "ok" : "FAIL" } ?? "context"])
        }
        return table.csv()
    }

    /// `value` with the table's significant digits.
    public func format(_ value: Double) -> String {
        NumberFormat.significant(value, digits: digits)
    }

    private func signed(_ value: Double, suffix: String) -> String {
        guard value.isFinite else { return NumberFormat.significant(value) }
        let text = NumberFormat.significant(value, digits: 2)
        return (value > 0 ? "+" : "") + text + suffix
    }
}
