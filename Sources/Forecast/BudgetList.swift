import Foundation
import ScalingLaws

/// Compute budgets written on the command line.
///
/// - `START:STOP:xFACTOR`: the geometric sequence `START·FACTOR^k` up to and including `STOP`
///   (`1e21:1e27:x10` gives 1e21, 1e22, …, 1e27); `STOP` is included when it is within 1e-9
///   relative of a term.
/// - a comma list: `1e21,5.76e23,1e25` (in the order given).
///
/// Numbers are read as `ScalingLaws/NumericCell` reads them (`5.76e23`, `1e21`).
public enum BudgetList {
    /// At most this many budgets.
    public static let maximumCount = 1000

    /// - Throws: ``ForecastError/invalidBudgets(spec:reason:)``.
    public static func parse(_ spec: String) throws -> [Double] {
        let text = spec.trimmingCharacters(in: .whitespaces)
        func fail(_ reason: String) -> ForecastError { .invalidBudgets(spec: spec, reason: reason) }
        let expected = "expected START:STOP:xFACTOR (e.g. 1e21:1e27:x10) or a comma list (e.g. 1e21,5.76e23)"
        guard !text.isEmpty else { throw fail(expected) }
        func budget(_ raw: Substring) throws -> Double {
            let item = raw.trimmingCharacters(in: .whitespaces)
            guard !item.isEmpty else { throw fail("empty entry; \(expected)") }
            guard let value = NumericCell.parse(item) else { throw fail("'\(item)' is not a number") }
            guard value.isFinite, value > 0 else { throw fail("'\(item)' is not a positive number of FLOP") }
            return value
        }
        if text.contains(":") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3 else { throw fail(expected) }
            let start = try budget(parts[0])
            let stop = try budget(parts[1])
            let stepText = parts[2].trimmingCharacters(in: .whitespaces)
            guard stepText.first == "x" || stepText.first == "X" else {
                throw fail("step '\(stepText)' must be a factor written xFACTOR, e.g. x10")
            }
            guard let factor = Double(stepText.dropFirst()), factor.isFinite else {
                throw fail("step '\(stepText)' must be a factor written xFACTOR, e.g. x10")
            }
            guard factor > 1 else { throw fail("factor \(stepText) must be greater than 1") }
            guard start <= stop else {
                throw fail("start \(parts[0]) is above stop \(parts[1])")
            }
            let steps = log(stop / start) / log(factor)
            guard steps < Double(maximumCount) else {
                throw fail("more than \(maximumCount) budgets")
            }
            var values: [Double] = []
            var k = 0
            while true {
                var value = start * pow(factor, Double(k))
                if Swift.abs(value - stop) <= 1e-9 * stop { value = stop }
                if value > stop { break }
                values.append(value)
                if value == stop { break }
                k += 1
            }
            return values
        }
        let values = try text.split(separator: ",", omittingEmptySubsequences: false).map(budget)
        guard values.count <= maximumCount else { throw fail("more than \(maximumCount) budgets") }
        return values
    }
}
