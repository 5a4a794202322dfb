/// A models × benchmarks table for an observational scaling analysis (Ruan, Maddison and
/// Hashimoto 2024, arXiv:2405.10938): each model's name, family, training compute (when known)
/// and its scores, with `nil` for an empty cell.
public struct CapabilityTable: Sendable, Equatable, Codable {
    /// Each model's name (or its file line when the table has no name column).
    public var models: [String]
    /// Each model's family.
    public var families: [String]
    /// Each model's training compute, `nil` when unknown.
    public var compute: [Double?]
    /// The score columns, in order.
    public var columns: [String]
    /// `values[i][j]`: model `i`'s score on column `j`, `nil` for an empty cell.
    public var values: [[Double?]]

    /// A table.
    ///
    /// - Parameters:
    ///   - models: Each model's name.
    ///   - families: Each model's family.
    ///   - compute: Each model's training compute, `nil` when unknown.
    ///   - columns: The score columns.
    ///   - values: One row per model, one value per column, `nil` when missing.
    public init(models: [String], families: [String], compute: [Double?], columns: [String], values: [[Double?]]) {
        self.models = models
        self.families = families
        self.compute = compute
        self.columns = columns
        self.values = values
    }

    /// Reads a table from a file with the command line's row selection (`--where`, `--range`,
    /// `--drop-missing`, ...): empty cells of the score and compute columns are missing values
    /// (unless `--drop-missing` drops their rows), every other cell must be a number.
    ///
    /// - Parameters:
    ///   - specification: The file, separator and row selection (its `by` is ignored).
    ///   - columns: The score columns (benchmarks and targets).
    ///   - family: The column naming each model's family; `nil`: one family, "all".
    ///   - compute: The training-compute column, or `nil`.
    ///   - model: The column naming each model; `nil`: "line N".
    /// - Returns: The table and the selection it came from (rows dropped by `--drop-missing`).
    /// - Throws: The errors of ``InputSpecification/load(roles:extraColumns:categoryColumns:blankAllowed:)``:
    ///   a missing column, a non-numeric cell (file, line and column), an empty selection.
    public static func load(
        _ specification: InputSpecification, columns: [String], family: String?, compute: String?, model: String?
    ) throws -> (table: CapabilityTable, selection: InputSelection) {
        var numeric: [String] = []
        for name in columns + (compute.map { [$0] } ?? []) where !numeric.contains(name) { numeric.append(name) }
        func read(by column: String?) throws -> InputSelection {
            var spec = specification
            spec.by = column
            return try spec.load(roles: [], extraColumns: numeric, blankAllowed: numeric)
        }
        let selected = try read(by: family)
        let data = selected.dataset
        let families = family == nil ? Array(repeating: "all", count: data.count) : selected.labelsByRow
        let models = try model.map { try read(by: $0).labelsByRow } ?? data.rowLines.map { "line \($0)" }
        let cells = try numeric.map { name in try data.column(name).map { $0.isNaN ? nil : $0 } }
        var computes: [Double?] = Array(repeating: nil, count: data.count)
        if let compute, let j = numeric.firstIndex(of: compute) { computes = cells[j] }
        let scoreColumns = numeric.filter { columns.contains($0) }
        let table = CapabilityTable(
            models: models, families: families, compute: computes, columns: scoreColumns,
            values: (0..<data.count).map { i in scoreColumns.map { cells[numeric.firstIndex(of: $0) ?? 0][i] } })
        return (table, selected)
    }

    /// The number of models.
    public var count: Int { models.count }

    /// Column `name`'s cells.
    func column(_ name: String) -> [Double?] {
        guard let j = columns.firstIndex(of: name) else { return values.map { _ in nil } }
        return values.map { $0[j] }
    }

    /// The cells of `names` for the rows `rows`.
    func cells(_ names: [String], rows: [Int]) -> [[Double?]] {
        let indices = names.map { columns.firstIndex(of: $0) }
        return rows.map { i in indices.map { j in j.flatMap { values[i][$0] } } }
    }
}
