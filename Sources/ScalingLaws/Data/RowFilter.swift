/// A rule that keeps some rows of a ``Dataset``, as published fitting protocols require.
///
/// Filters apply in order, each to the rows the previous one left
/// (``Dataset/filtered(_:)``). Row order is preserved.
///
/// Dropping extremes follows the convention of Epoch AI's Chinchilla replication
/// (Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt"), which removes the five
/// highest-loss runs with
///
/// ```
/// data = data[data.loss < sorted(data.loss)[-5]]
/// ```
///
/// that is, it keeps the rows strictly below the k-th highest value. When several rows share
/// that value, all of them are dropped, so ties can remove more than k rows.
public enum RowFilter: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Keeps rows whose value is strictly less than the `count`-th highest value of `column`
    /// (ties at that value are dropped too). `count` 0 keeps every row; a `count` at least the
    /// number of rows keeps none.
    case dropHighest(column: String, count: Int)
    /// Keeps rows whose value is strictly greater than the `count`-th lowest value of `column`
    /// (ties at that value are dropped too), mirroring ``dropHighest(column:count:)``.
    case dropLowest(column: String, count: Int)
    /// Keeps rows with `min <= value <= max`; a `nil` bound is open.
    case keepRange(column: String, min: Double?, max: Double?)
    /// Keeps rows whose value equals `value` exactly (for categorical numeric columns such as a seed).
    case keepEquals(column: String, value: Double)

    /// The column the filter reads.
    public var column: String {
        switch self {
        case let .dropHighest(column, _), let .dropLowest(column, _),
            let .keepRange(column, _, _), let .keepEquals(column, _):
            return column
        }
    }

    /// A short description used in messages: `drop 5 highest loss`, `drop 2 lowest N`,
    /// `100 <= N <= 1000`, `N >= 100`, `D <= 5e+20`, `any N`, `seed == 0`.
    public var description: String {
        switch self {
        case let .dropHighest(column, count):
            return "drop \(count) highest \(column)"
        case let .dropLowest(column, count):
            return "drop \(count) lowest \(column)"
        case let .keepRange(column, min, max):
            switch (min, max) {
            case let (lower?, upper?): return "\(DataMessage.formatNumber(lower)) <= \(column) <= \(DataMessage.formatNumber(upper))"
            case let (lower?, nil): return "\(column) >= \(DataMessage.formatNumber(lower))"
            case let (nil, upper?): return "\(column) <= \(DataMessage.formatNumber(upper))"
            case (nil, nil): return "any \(column)"
            }
        case let .keepEquals(column, value):
            return "\(column) == \(DataMessage.formatNumber(value))"
        }
    }

    /// The indices of the rows this filter keeps, in order.
    func keptRows(in dataset: Dataset) throws -> [Int] {
        let values = try dataset.column(column)
        switch self {
        case let .dropHighest(_, k), let .dropLowest(_, k):
            guard k >= 0 else {
                throw DataError.invalidFilter(filter: description, reason: "the count must be zero or more, got \(k)")
            }
            if k == 0 { return Array(values.indices) }
            if k > values.count { return [] }
            let sorted = values.sorted()
            if case .dropHighest = self {
                let threshold = sorted[sorted.count - k]
                return values.indices.filter { values[$0] < threshold }
            } else {
                let threshold = sorted[k - 1]
                return values.indices.filter { values[$0] > threshold }
            }
        case let .keepRange(_, min, max):
            if let min, let max, min > max {
                throw DataError.invalidFilter(
                    filter: description,
                    reason: "the lower bound \(DataMessage.formatNumber(min)) is above the upper bound \(DataMessage.formatNumber(max))")
            }
            return values.indices.filter { r in
                (min.map { values[r] >= $0 } ?? true) && (max.map { values[r] <= $0 } ?? true)
            }
        case let .keepEquals(_, value):
            return values.indices.filter { values[$0] == value }
        }
    }
}
