import Foundation

/// Groups of rows for colouring a figure: a plotting aid only, not an analysis.
///
/// - `byValue(_:maxDistinct:bins:)`: one group per distinct value when there are at most
///   `maxDistinct` (a sweep over fixed model sizes: each curve then sits exactly on its runs),
///   else `bins` equal-width bins in `log10` (linear for non-positive values), empty bins dropped.
/// - `byGaps(_:gap:maxGroups:maxSpan:)`: sorted `log10` values split where neighbours are more
///   than `gap` decades apart (runs on iso-FLOP budgets: 6e18, 1e19, 3e19 …); when that gives
///   more than `maxGroups`, or a group wider than `maxSpan` decades (values spread evenly, not
///   on a few budgets), falls back to equal-width bins (`byValue(_:maxDistinct:bins:)`).
///
/// Each group's representative value is the geometric mean of its members (arithmetic for
/// non-positive values). The iso-FLOP analysis of the Forecast module can replace these groups
/// with its own (budgets and fitted minima) by building the series itself.
public struct PlotGroup: Sendable, Equatable {
    /// Row indices, in row order.
    public let rows: [Int]
    /// The geometric mean of the grouped values.
    public let value: Double
}

/// Groupings of values for colouring figures (see ``PlotGroup``).
public enum PlotGrouping {
    /// One group per distinct value when there are at most `maxDistinct`, else equal-width bins in
    /// `log10`. Cost O(n log n).
    /// - Parameters:
    ///   - values: One value per row.
    ///   - maxDistinct: The most distinct values kept as their own groups (default 10).
    ///   - maxGroups: The number of bins otherwise (default 7).
    /// - Returns: The non-empty groups, by increasing value.
    public static func byValue(_ values: [Double], maxDistinct: Int = 10, bins maxGroups: Int = 7) -> [PlotGroup] {
        var distinct: [Double] = []
        for v in values where v.isFinite && !distinct.contains(v) {
            distinct.append(v)
            if distinct.count > maxDistinct { break }
        }
        if distinct.count <= maxDistinct {
            return distinct.sorted().map { v in
                PlotGroup(rows: values.indices.filter { values[$0] == v }, value: v)
            }
        }
        let positive = values.allSatisfy { !$0.isFinite || $0 > 0 }
        let t = values.map { $0.isFinite ? (positive ? log10($0) : $0) : .nan }
        let finite = t.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), hi > lo else { return [] }
        var bins = [[Int]](repeating: [], count: maxGroups)
        for (i, v) in t.enumerated() where v.isFinite {
            let k = Swift.min(maxGroups - 1, Int((v - lo) / (hi - lo) * Double(maxGroups)))
            bins[k].append(i)
        }
        return bins.filter { !$0.isEmpty }.map { rows in group(rows, values: values, positive: positive) }
    }

    /// Sorted `log10` values split where neighbours are more than `gap` decades apart, falling back
    /// to ``byValue(_:maxDistinct:bins:)`` bins. Cost O(n log n).
    /// - Parameters:
    ///   - values: One value per row.
    ///   - gap: The smallest gap in decades that splits (default 0.1).
    ///   - maxGroups: The most groups before falling back to bins (default 10).
    ///   - maxSpan: The widest group in decades before falling back to bins (default 0.3).
    /// - Returns: The groups, by increasing value.
    public static func byGaps(_ values: [Double], gap: Double = 0.1, maxGroups: Int = 10, maxSpan: Double = 0.3) -> [PlotGroup] {
        let order = values.indices.filter { values[$0].isFinite && values[$0] > 0 }.sorted { values[$0] < values[$1] }
        guard !order.isEmpty else { return [] }
        var groups: [[Int]] = [[order[0]]]
        for k in 1..<order.count {
            let previous = values[order[k - 1]], current = values[order[k]]
            if log10(current) - log10(previous) > gap {
                groups.append([order[k]])
            } else {
                groups[groups.count - 1].append(order[k])
            }
        }
        let tooWide = groups.contains { g in
            guard let first = g.first, let last = g.last else { return false }
            return log10(values[last]) - log10(values[first]) > maxSpan
        }
        if groups.count > maxGroups || tooWide { return byValue(values, maxDistinct: 0, bins: Swift.min(maxGroups, 7)) }
        return groups.map { group($0.sorted(), values: values, positive: true) }
    }

    static func group(_ rows: [Int], values: [Double], positive: Bool) -> PlotGroup {
        var sum = 0.0
        for i in rows { sum += positive ? log(values[i]) : values[i] }
        let mean = sum / Double(rows.count)
        return PlotGroup(rows: rows, value: positive ? exp(mean) : mean)
    }
}
