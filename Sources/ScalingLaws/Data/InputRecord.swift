/// What an artifact records about the data it was made from: the ``InputSpecification``, the
/// columns each role was read from, the digest and number of the selected rows, and the
/// `--by` group. A later command reads the same rows again with ``specification`` and checks
/// them against ``digest``.
public struct InputRecord: Sendable, Codable, Equatable {
    /// The file, separator, columns, predicates, filters (with the group's predicate for a `--by` group).
    public var specification: InputSpecification
    /// Where each role was found.
    public var roles: ColumnRoles
    /// FNV-1a 64-bit digest of the selected rows' role columns (as ``LawFit/DataSummary/digest``).
    public var digest: String
    /// The number of selected rows.
    public var rows: Int
    /// The `--by` value of the group, when the artifact is one group's.
    public var group: String?

    /// A record of the rows an artifact was made from.
    /// - Parameters:
    ///   - specification: The file, separator, columns, predicates and filters.
    ///   - roles: Where each role was found.
    ///   - digest: FNV-1a 64-bit digest of the selected rows' role columns.
    ///   - rows: The number of selected rows.
    ///   - group: The `--by` value of the group, or `nil`.
    public init(specification: InputSpecification, roles: ColumnRoles, digest: String, rows: Int, group: String? = nil) {
        self.specification = specification
        self.roles = roles
        self.digest = digest
        self.rows = rows
        self.group = group
    }

    /// Role → the file column it was read from (`C/(6N)` spelled out for a derived `D`).
    public var resolvedColumns: [String: String] {
        var out: [String: String] = [:]
        for role in roles.roles {
            switch roles.origins[role] {
            case let .explicit(column)?, let .inferred(column)?: out[role] = column
            case let .derivedTokens(compute, parameters)?: out[role] = "\(compute)/(6*\(parameters))"
            case nil: break
            }
        }
        return out
    }

    /// The specification with the recorded columns made explicit, so the same columns are read
    /// again whatever the file's other columns (a derived `D` stays derived).
    public var replay: InputSpecification {
        var specification = self.specification
        for role in roles.roles {
            if let column = roles.column(for: role) { specification.columns[role] = column }
        }
        return specification
    }
}

extension InputRecord {
    /// The specification a later command reads the artifact's data with: the recorded one (its
    /// columns made explicit, ``replay``) at `path`, with `columns` overriding recorded roles and
    /// `predicates` and `filters` replacing the recorded selection when either is given.
    ///
    /// - Returns: the specification, and whether the user changed the recorded columns or selection
    ///   (then the rows are not checked against ``digest``).
    public func specification(
        path: String, separator: Character? = nil, columns: [String: String] = [:], predicates: [RowPredicate] = [],
        filters: [RowFilter] = []
    ) -> (specification: InputSpecification, overridden: Bool) {
        var specification = replay
        specification.path = path
        if let separator { specification.separator = String(separator) }
        var overridden = false
        for (role, column) in columns where specification.columns[role] != column {
            specification.columns[role] = column
            overridden = true
        }
        if !predicates.isEmpty || !filters.isEmpty {
            specification.predicates = predicates
            specification.filters = filters
            overridden = true
        }
        return (specification, overridden)
    }

    /// Checks that `selection`, read with the recorded specification, holds the rows the
    /// artifact was made from.
    ///
    /// - Throws: ``InputError/dataMismatch(artifact:source:reason:)`` naming the artifact and the file.
    public func verify(_ selection: InputSelection, artifact: String) throws {
        let source = selection.specification.path
        if selection.record.resolvedColumns != resolvedColumns {
            let now = selection.record.resolvedColumns.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let then = resolvedColumns.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            throw InputError.dataMismatch(
                artifact: artifact, source: source,
                reason: "its columns are \(now.joined(separator: ", ")), the artifact's \(then.joined(separator: ", "))")
        }
        guard selection.record.digest == digest else {
            throw InputError.dataMismatch(
                artifact: artifact, source: source,
                reason: "the selected rows differ (\(selection.record.rows) rows, digest \(selection.record.digest); recorded \(rows) rows, digest \(digest))")
        }
    }
}
