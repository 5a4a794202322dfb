/// The rows an ``InputSpecification`` selected from its file, as numbers, with the text of the
/// `--by` column of each row.
public struct InputSelection: Sendable, Equatable {
    /// What was asked.
    public let specification: InputSpecification
    /// Where each role was found.
    public let roles: ColumnRoles
    /// The selected rows (predicates and filters applied).
    public let dataset: Dataset
    /// File line → the row's `--by` text (empty without `--by`).
    let groupLabels: [Int: String]
    /// What a fit made from these rows records about them.
    public let record: InputRecord
    /// Warnings about the runs when the rows are points read from training logs.
    public internal(set) var logWarnings: [LogWarning] = []
    /// Rows dropped by `--drop-missing` for an empty cell in one of ``missingColumns``.
    public internal(set) var missingDropped = 0
    /// The file columns `--drop-missing` checked.
    public internal(set) var missingColumns: [String] = []

    /// `selection` with its dataset replaced by `dataset`, which must hold the same rows (same
    /// file lines, in order) with possibly more columns (several laws' roles merged).
    /// - Throws: ``DataError/columnLengthMismatch(source:column:expected:got:)`` when the rows differ.
    public init(_ selection: InputSelection, dataset: Dataset) throws {
        guard dataset.rowLines == selection.dataset.rowLines else {
            throw DataError.columnLengthMismatch(
                source: dataset.source, column: "row", expected: selection.dataset.count, got: dataset.count)
        }
        self.specification = selection.specification
        self.roles = selection.roles
        self.dataset = dataset
        self.groupLabels = selection.groupLabels
        self.record = selection.record
        self.logWarnings = selection.logWarnings
        self.missingDropped = selection.missingDropped
        self.missingColumns = selection.missingColumns
    }

    init(specification: InputSpecification, roles: ColumnRoles, dataset: Dataset, groupLabels: [Int: String], record: InputRecord) {
        self.specification = specification
        self.roles = roles
        self.dataset = dataset
        self.groupLabels = groupLabels
        self.record = record
    }

    /// The `--by` text of every selected row, in row order (empty without `--by`).
    public var labelsByRow: [String] {
        guard specification.by != nil else { return [] }
        return dataset.rowLines.map { groupLabels[$0] ?? "" }
    }

    /// One group of rows sharing a value of the `--by` column.
    public struct Group: Sendable, Equatable {
        /// The value, as written in the file (surrounding spaces trimmed).
        public let label: String
        /// The group's rows.
        public let dataset: Dataset
        /// The group's record: the selection plus the group's predicate.
        public let record: InputRecord
    }

    /// The rows split by the `--by` column: one group per value, in order of first appearance,
    /// or in increasing numeric order when every value is a number. Without `--by`, one group
    /// labelled `all` holding every row.
    public func groups() -> [Group] {
        guard let by = specification.by else { return [Group(label: "all", dataset: dataset, record: record)] }
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for r in 0..<dataset.count {
            let label = groupLabels[dataset.rowLines[r]] ?? ""
            if members[label] == nil { order.append(label) }
            members[label, default: []].append(r)
        }
        let numbers = order.map { NumericCell.parse($0).flatMap { $0.isFinite ? $0 : nil } }
        if numbers.allSatisfy({ $0 != nil }) {
            order = zip(order, numbers).sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map(\.0)
        }
        return order.map { label in
            let rows = dataset.rows(at: members[label] ?? [])
            var specification = self.specification
            let value: RowPredicate.Value = NumericCell.parse(label).flatMap { $0.isFinite ? RowPredicate.Value.number($0) : nil } ?? .text(label)
            specification.predicates.append(RowPredicate(column: by, test: .compare(.equal, value)))
            specification.by = nil
            let record = InputRecord(
                specification: specification, roles: roles, digest: LawFit.digest(rows, columns: roles.roles), rows: rows.count,
                group: label)
            return Group(label: label, dataset: rows, record: record)
        }
    }

    /// Runs `body` on every group (``groups()``) in order; an error from one group is rethrown as
    /// ``InputError/inGroup(by:group:message:)`` naming it (without `--by`, unchanged).
    public func mapGroups<T>(_ body: (Group) throws -> T) throws -> [(group: Group, result: T)] {
        var out: [(group: Group, result: T)] = []
        for group in groups() {
            do {
                out.append((group, try body(group)))
            } catch {
                guard let by = specification.by else { throw error }
                throw InputError.inGroup(by: by, group: group.label, message: String(describing: error))
            }
        }
        return out
    }

    /// Checks every group has at least `minimum` rows.
    /// - Throws: ``InputError/groupTooSmall(source:by:group:count:needed:reason:)`` naming the first small group.
    public func requireGroups(atLeast minimum: Int, reason: String) throws {
        guard let by = specification.by else { return }
        for group in groups() where group.dataset.count < minimum {
            throw InputError.groupTooSmall(
                source: dataset.source, by: by, group: group.label, count: group.dataset.count, needed: minimum, reason: reason)
        }
    }
}
