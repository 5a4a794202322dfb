/// Finding a column by name, and the nearest name for "did you mean" hints.
enum ColumnLookup {
    /// The index of `name` in `names`: an exact match, else the only case-insensitive match.
    static func index(of name: String, in names: [String]) -> Int? {
        if let exact = names.firstIndex(of: name) { return exact }
        let folded = name.lowercased()
        var found: Int?
        for (k, candidate) in names.enumerated() where candidate.lowercased() == folded {
            if found != nil { return nil }  // ambiguous by case: require the exact spelling
            found = k
        }
        return found
    }

    /// The name in `names` nearest to `name` by case-insensitive Levenshtein distance, or `nil`
    /// when even the nearest needs more than `max(2, name.count / 2)` edits. Ties go to the
    /// earlier name.
    static func nearest(to name: String, in names: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = Swift.max(2, target.count / 2)
        var best: (name: String, distance: Int)?
        for candidate in names where !candidate.isEmpty {
            let distance = levenshtein(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The edit distance (insertions, deletions, substitutions) between two scalar arrays.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = Swift.min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
