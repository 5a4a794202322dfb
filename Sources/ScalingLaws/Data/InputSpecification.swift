import Foundation

/// Everything that says which rows and columns of a file an analysis reads: the file, its
/// separator, the column of each role, the `--where` predicates, the row filters and the
/// optional `--by` grouping column. Every command that reads runs builds one, and fit artifacts
/// record it (``InputRecord``), so a later command can read the same rows again.
///
/// Rows are selected in this order:
///
/// 1. ``predicates`` (all must hold), on each row's text, before any cell is converted to a
///    number: a cell of an excluded row is never parsed, so a bad cell there is not an error;
/// 2. ``filters`` (``RowFilter``: drop highest, drop lowest, range), in order, on the numbers;
/// 3. ``by`` splits what is left into groups (``InputSelection/groups()``).
public struct InputSpecification: Sendable, Codable, Equatable {
    /// The file of runs, as the user gave it.
    public var path: String
    /// The field separator; `nil` detects it from the header.
    public var separator: String?
    /// Role → file column, as given by the user (`--n`, `--loss`, `--x ROLE=COLUMN`).
    public var columns: [String: String]
    /// Conditions every kept row satisfies (`--where`).
    public var predicates: [RowPredicate]
    /// Row filters applied after the predicates, in order.
    public var filters: [RowFilter]
    /// The column whose values split the rows into groups (`--by`).
    public var by: String?
    /// Training logs to read instead of ``path`` (one run per file), reduced to one point per run.
    public var logs: LogInput?
    /// Whether rows with an empty cell in a column the analysis reads are dropped (`--drop-missing`)
    /// instead of being an error; `nil` (artifacts written before the option) means no.
    public var dropMissing: Bool?

    /// An input specification.
    /// - Parameters:
    ///   - path: The file of runs, as the user gave it.
    ///   - separator: The field separator, or `nil` to detect it from the header.
    ///   - columns: Role → file column, as given by the user.
    ///   - predicates: Conditions every kept row satisfies (`--where`).
    ///   - filters: Row filters applied after the predicates, in order.
    ///   - by: The column whose values split the rows into groups (`--by`), or `nil`.
    ///   - dropMissing: Whether rows with an empty cell in a column read are dropped instead of being
    ///     an error (`nil`: no).
    public init(
        path: String, separator: Character? = nil, columns: [String: String] = [:], predicates: [RowPredicate] = [],
        filters: [RowFilter] = [], by: String? = nil, dropMissing: Bool? = nil
    ) {
        self.dropMissing = dropMissing == true ? true : nil
        self.path = path
        self.separator = separator.map { String($0) }
        self.columns = columns
        self.predicates = predicates
        self.filters = filters
        self.by = by
    }

    /// The separator as a character.
    public var separatorCharacter: Character? { separator?.first }

    /// The file name used in messages.
    public var source: String { URL(fileURLWithPath: path).lastPathComponent }

    /// The predicates and filters in words, `dataset == rw; drop 5 highest loss`, or `""`.
    public var selectionDescription: String {
        (predicates.map(\.description) + filters.map(\.description) + (dropMissing == true ? ["drop rows with empty cells"] : []))
            .joined(separator: "; ")
    }

    /// Reads the rows and columns `law` needs.
    ///
    /// - Parameters:
    ///   - law: Its inputs and response are the roles read.
    ///   - extraColumns: More file columns carried as numbers under their own names.
    ///   - categoryColumns: Columns carried as category codes (0, 1, … in order of first
    ///     appearance of each text; the numbers themselves when every cell is a number), for
    ///     grouping rows (a bootstrap over runs named by text).
    /// - Throws: as ``load(roles:extraColumns:categoryColumns:blankAllowed:)``.
    public func load(
        for law: any ScalingLaw, extraColumns: [String] = [], categoryColumns: [String] = []
    ) throws -> InputSelection {
        try load(roles: law.inputs.map(\.role) + [law.response.role], extraColumns: extraColumns, categoryColumns: categoryColumns)
    }

    /// Reads `roles` (resolved by ``ColumnRoleResolver`` with ``columns`` first), streaming the
    /// file with ``CSVStream``, and applies the selection.
    ///
    /// - Throws: ``InputError/unknownColumn(source:option:column:suggestion:available:)`` for a
    ///   predicate, filter or `by` column the file lacks; ``InputError/numberOnText(source:line:column:predicate:cell:textComparable:)``
    ///   and ``InputError/textOnNumbers(source:column:predicate:)`` for a type mismatch;
    ///   ``InputError/emptySelection(source:predicates:)``; the errors of ``CSVStream``,
    ///   ``ColumnRoleResolver`` and of converting the kept cells (``DataError``); and
    ///   ``DataError/noRowsLeft(source:filter:)`` when a row filter removes every row.
    /// - Parameters:
    ///   - roles: The variables to read, resolved to file columns.
    ///   - extraColumns: More file columns carried as numbers under their own names.
    ///   - categoryColumns: Columns carried as category codes.
    ///   - blankAllowed: File columns whose empty cells are read as NaN (a missing value the
    ///     analysis handles) instead of being an error; `--drop-missing` still drops such rows.
    /// - Returns: The selected rows.
    public func load(
        roles: [String], extraColumns: [String] = [], categoryColumns: [String] = [], blankAllowed: [String] = []
    ) throws -> InputSelection {
        var stream: CSVStream
        var ladder: LogLadder?
        if var logs {
            // Every metric the glob matches is read when the analysis runs per metric (`--by
            // metric`) or selects metrics (`--where metric…`); each becomes a row per run.
            logs.options.eachMetric = by == "metric" || predicates.contains { $0.column == "metric" }
            // The points of the logs, as a table whose response column is named by the last role
            // (the law's response, as ``load(for:extraColumns:categoryColumns:)`` passes it).
            let read = try logs.stream(response: roles.last ?? "loss", separator: separatorCharacter)
            stream = read.0
            ladder = read.1
        } else {
            stream = try CSVStream(contentsOf: URL(fileURLWithPath: path), separator: separatorCharacter)
        }
        let source = stream.source
        let header = stream.header
        let table = CSVTable(header: header, rows: [], source: source)
        let resolved = try ColumnRoleResolver(explicit: columns).resolve(roles, in: table)

        /// The header column an option names: a file column, else the file column of a role.
        func fileColumn(_ name: String, option: String) throws -> String? {
            if let index = ColumnLookup.index(of: name, in: header) { return header[index] }
            if resolved.roles.contains(name) { return resolved.column(for: name) }
            throw InputError.unknownColumn(
                source: source, option: option, column: name,
                suggestion: ColumnLookup.nearest(to: name, in: header + resolved.roles.filter { !header.contains($0) }),
                available: header)
        }

        // Predicates on file columns run on the text; those on a derived role (D = C/(6N)) on its numbers.
        var textPredicates: [(predicate: RowPredicate, index: Int)] = []
        var numericPredicates: [RowPredicate] = []
        for predicate in predicates {
            if let column = try fileColumn(predicate.column, option: "--where '\(predicate)'"),
               let index = header.firstIndex(of: column) {
                textPredicates.append((predicate, index))
            } else {
                numericPredicates.append(predicate)
            }
        }
        for filter in filters { _ = try fileColumn(filter.column, option: "--\(Self.optionName(of: filter))") }
        var textColumns: [String] = []
        if let by {
            guard let column = try fileColumn(by, option: "--by") else {
                throw InputError.unknownColumn(
                    source: source, option: "--by", column: by, suggestion: nil, available: header)
            }
            textColumns.append(column)
        }
        var categories: [String] = []
        for name in categoryColumns where !roles.contains(name) {
            guard let column = try fileColumn(name, option: "--bootstrap-groups") else { continue }
            if !categories.contains(column) { categories.append(column) }
        }

        var carried: [String] = []
        for name in filters.map(\.column) + numericPredicates.map(\.column) + extraColumns
        where !roles.contains(name) && !carried.contains(name) && !categories.contains(name) {
            carried.append(name)
        }
        let numericColumns = resolved.fileColumns(extraColumns: carried)
        var numericIndices: [Int] = []
        for name in numericColumns {
            let index = try table.columnIndex(named: name)
            if !numericIndices.contains(index) { numericIndices.append(index) }
        }
        let textIndices = try (textColumns + categories).map { try table.columnIndex(named: $0) }

        let blankIndices = Set(blankAllowed.compactMap { ColumnLookup.index(of: $0, in: header) })
        var values = [[Double]](repeating: [], count: numericIndices.count)
        var texts = [[String]](repeating: [], count: textIndices.count)
        var lines: [Int] = []
        var rowsRead = 0
        var missingDropped = 0
        var textSeen = [Bool](repeating: false, count: textPredicates.count)
        // Plain pieces of the file (numbers only where numbers are read, nothing to trim or
        // unquote) skip the record store: the same values, rows and lines.
        let plain = textPredicates.isEmpty && textIndices.isEmpty && blankIndices.isEmpty && dropMissing != true
            ? PlainNumericRows(columns: numericIndices, fieldCount: header.count) : nil
        try stream.forEachRecord(plain: plain, plainRows: { columns, firstLine in
            for k in values.indices { values[k].append(contentsOf: columns[k]) }
            let count = columns.first?.count ?? 0
            rowsRead += count
            lines.append(contentsOf: firstLine..<(firstLine + count))
        }) { record, line in
            rowsRead += 1
            var keep = true
            var mismatch: InputError?
            for (k, entry) in textPredicates.enumerated() {
                let cell = record.string(entry.index)
                if !textSeen[k], NumericCell.parse(cell) == nil { textSeen[k] = true }
                guard keep else { continue }
                switch entry.predicate.evaluate(cell: cell) {
                case .kept: break
                case .dropped: keep = false
                case .textCell:
                    // An error only if no other condition excludes the row (whatever their order).
                    if mismatch == nil {
                        mismatch = InputError.numberOnText(
                            source: source, line: line, column: header[entry.index], predicate: entry.predicate.description,
                            cell: cell, textComparable: entry.predicate.comparesEquality)
                    }
                }
            }
            guard keep else { return }
            if let mismatch { throw mismatch }
            if dropMissing == true {
                for index in numericIndices where Self.isBlank(record.field(index)) {
                    missingDropped += 1
                    return
                }
            }
            for (k, index) in numericIndices.enumerated() {
                let cell = record.field(index)
                if !blankIndices.isEmpty, blankIndices.contains(index), Self.isBlank(cell) {
                    values[k].append(.nan)
                } else if let value = PlainDecimal.parse(cell) {
                    values[k].append(value)
                } else {
                    values[k].append(try Dataset.number(String(decoding: cell, as: UTF8.self), source: source, line: line, column: header[index]))
                }
            }
            for (k, index) in textIndices.enumerated() {
                texts[k].append(record.string(index).trimmingCharacters(in: .whitespaces))
            }
            lines.append(line)
        }
        guard rowsRead > 0 else { throw DataError.noDataRows(source: source) }
        for (k, entry) in textPredicates.enumerated() where entry.predicate.needsNumber == false && !textSeen[k] {
            throw InputError.textOnNumbers(source: source, column: header[entry.index], predicate: entry.predicate.description)
        }
        guard !lines.isEmpty else {
            if missingDropped > 0 { throw DataError.noRowsLeft(source: source, filter: "--drop-missing (every row has an empty cell in \(numericColumns.joined(separator: ", ")))") }
            throw InputError.emptySelection(source: source, predicates: predicates.map(\.description))
        }

        var byName: [String: [Double]] = [:]
        for (k, index) in numericIndices.enumerated() { byName[header[index]] = values[k] }
        for (k, column) in categories.enumerated() {
            byName[column] = Self.codes(texts[textColumns.count + k])
        }
        let raw = try Dataset(source: source, columns: byName, rowLines: lines)
        var data = try resolved.dataset(fromFileColumns: raw, extraColumns: carried + categories)
        for predicate in numericPredicates {
            let values = try data.column(predicate.column)
            let kept = data.filtered { predicate.evaluate(cell: DataMessage.formatNumber(values[$0])) == .kept }
            guard kept.count > 0 else { throw InputError.emptySelection(source: source, predicates: predicates.map(\.description)) }
            data = kept
        }
        data = try data.filtered(filters)

        var labels: [Int: String] = [:]
        if !textColumns.isEmpty {
            for (r, line) in lines.enumerated() { labels[line] = texts[0][r] }
        }
        let record = InputRecord(
            specification: self, roles: resolved,
            digest: LawFit.digest(data, columns: resolved.roles), rows: data.count)
        var selection = InputSelection(specification: self, roles: resolved, dataset: data, groupLabels: labels, record: record)
        selection.missingDropped = missingDropped
        selection.missingColumns = numericColumns
        if let ladder {
            // Warnings about the runs that were selected (run k is on line k + 2 of the points).
            let keptRuns = data.rowLines.compactMap { $0 - 2 < ladder.runs.count && $0 >= 2 ? ladder.runs[$0 - 2] : nil }
            let kept = Set(keptRuns.map(\.run))
            selection.logWarnings = ladder.warnings.filter { kept.contains($0.run) }
            // Points of several metrics in one analysis would mix responses.
            var metrics: [String] = []
            for run in keptRuns where !metrics.contains(run.metric) { metrics.append(run.metric) }
            if by != "metric", metrics.count > 1, let logs {
                throw LogError.ambiguousMetric(source: source, metric: logs.options.metric, matches: metrics)
            }
        }
        return selection
    }

    /// Whether a cell is empty or only spaces and tabs.
    static func isBlank(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in cell where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }

    /// The runs behind rows of a selection from logs (rows are numbered as ``LogLadder/table(response:source:)``
    /// numbers them: run k on line k + 2), read again with their logged curves when
    /// `keepCurves`; empty when the input is not logs.
    public func ladderRuns(atLines lines: [Int], keepCurves: Bool) throws -> [LadderRun] {
        guard var logs else { return [] }
        logs.options.eachMetric = by == "metric" || predicates.contains { $0.column == "metric" }
        logs.options.keepCurves = keepCurves
        let ladder = try logs.ladder(separator: separatorCharacter)
        return lines.compactMap { $0 >= 2 && $0 - 2 < ladder.runs.count ? ladder.runs[$0 - 2] : nil }
    }

    /// The codes of a category column: the numbers when every cell is one, else 0, 1, … by first appearance.
    static func codes(_ texts: [String]) -> [Double] {
        let numbers = texts.map { NumericCell.parse($0) }
        if numbers.allSatisfy({ $0?.isFinite == true }) { return numbers.map { $0 ?? 0 } }
        var index: [String: Double] = [:]
        return texts.map { text in
            if let code = index[text] { return code }
            let code = Double(index.count)
            index[text] = code
            return code
        }
    }

    /// The option that makes a row filter: `drop-highest`, `drop-lowest`, `range`.
    static func optionName(of filter: RowFilter) -> String {
        switch filter {
        case .dropHighest: return "drop-highest"
        case .dropLowest: return "drop-lowest"
        case .keepRange, .keepEquals: return "range"
        }
    }
}
