import NonlinearFit

/// The rows a large fit's start search runs on: a seeded uniform sample without replacement,
/// in row order (Knuth's selection sampling, TAOCP vol. 2, §3.4.2, Algorithm S: row `i` is
/// taken with probability `still needed / rows left`, so exactly `size` rows are taken).
///
/// Locating the basin needs only enough rows to pin the parameters roughly; the winner is then
/// polished on every row, so the reported optimum is the full-data one. The same seed and row
/// count always give the same sample.
enum StartSearchSample {
    /// The sampled row indices (ascending), or `nil` when `count ≤ size` (use every row).
    static func rows(count n: Int, size k: Int, seed: UInt64) -> [Int]? {
        guard k > 0, n > k else { return nil }
        var rng = SeededGenerator(seed: seed ^ 0x5CA1_E5A3_D1E5_0001)
        var picked: [Int] = []
        picked.reserveCapacity(k)
        var needed = k
        var i = 0
        while needed > 0 {
            if Double(n - i) * rng.nextUniform() < Double(needed) {
                picked.append(i)
                needed -= 1
            }
            i += 1
        }
        return picked
    }

    /// `values` at the sampled rows.
    static func take(_ values: [Double], at rows: [Int]) -> [Double] {
        rows.map { values[$0] }
    }
}
