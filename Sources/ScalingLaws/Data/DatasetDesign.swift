/// The design of a dataset: how many distinct points its input columns span.
///
/// A law with `p` free parameters cannot be identified from fewer than `p` distinct input
/// points, however many rows repeat them (repeated seeds of one run add noise information, not
/// design points). A column holding one value in every row leaves every parameter that acts
/// only through it unidentified.
extension Dataset {
    /// The number of distinct rows of the named columns (exact comparison of the values).
    ///
    /// - Throws: ``DataError/missingColumn(source:column:suggestion:available:)``.
    public func distinctPointCount(_ columns: [String]) throws -> Int {
        try distinctPointCount(columns, upTo: .max)
    }

    /// As ``distinctPointCount(_:)``, but stops counting at `limit` (so a check for a few
    /// distinct points on a large dataset reads only as many rows as it needs).
    func distinctPointCount(_ columns: [String], upTo limit: Int) throws -> Int {
        let values = try columns.map { try column($0) }
        var seen: Set<[UInt64]> = []
        var point = [UInt64](repeating: 0, count: values.count)
        for r in 0..<count {
            // +0.0 and -0.0 are one point; compare the bit patterns of canonical zeros.
            for k in values.indices { point[k] = (values[k][r] == 0 ? 0.0 : values[k][r]).bitPattern }
            seen.insert(point)
            if seen.count >= limit { break }
        }
        return seen.count
    }

    /// Checks that the named columns span at least `minimum` distinct points.
    ///
    /// - Parameters:
    ///   - minimum: The least number of distinct points (one per free parameter).
    ///   - columns: The input columns.
    ///   - reason: Completes the message, e.g. `"to fit the 5 free parameters of chinchilla"`.
    /// - Throws: ``DataError/tooFewDistinctPoints(source:count:needed:variables:reason:)``.
    public func requireDistinctPoints(atLeast minimum: Int, of columns: [String], reason: String) throws {
        let distinct = try distinctPointCount(columns, upTo: minimum)
        guard distinct >= minimum else {
            throw DataError.tooFewDistinctPoints(
                source: source, count: distinct, needed: minimum, variables: columns.map { label(of: $0) }, reason: reason)
        }
    }

    /// The named columns that hold the same value in every row (none when there are fewer than
    /// two rows), with that value, in the order given.
    public func constantColumns(_ columns: [String]) -> [(name: String, value: Double)] {
        guard count >= 2 else { return [] }
        var out: [(name: String, value: Double)] = []
        for name in columns {
            guard let values = try? column(name), let first = values.first else { continue }
            if values.allSatisfy({ $0 == first }) { out.append((label(of: name), first)) }
        }
        return out
    }
}
