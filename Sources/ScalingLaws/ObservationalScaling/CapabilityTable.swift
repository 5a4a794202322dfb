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
