import ScalingLaws

/// Owen's scaled compute for every selected row of a table (Owen 2024, "How predictable is
/// language model benchmark performance?", arXiv:2401.04757, step 1; `ScalingLaws/ScaledCompute`
/// is the per-model formula):
/// ```
/// L   = E + A/N^α + B/D^β                   the Chinchilla loss at the row's N and D
/// L   = E + A/N_s^α + B/(20·N_s)^β          solved for N_s
/// C_s = 6·N_s·20·N_s = 120·N_s²             the row's scaled compute (FLOP)
/// ```
/// The result is the table's selected rows, every cell as written, with two columns appended:
/// `chinchilla_loss` and `scaled_compute_flop`.
public struct ScaledComputeColumn: Sendable, Equatable {
    /// The header of the output: the input's header then the two new columns.
    public let header: [String]
    /// The output rows, in file order.
    public let rows: [[String]]
    /// The scaled compute of each output row (FLOP).
    public let compute: [Double]
    /// The Chinchilla loss of each output row.
    public let losses: [Double]

    /// The names of the appended columns.
    public static let columns = ["chinchilla_loss", "scaled_compute_flop"]

    /// Computes the column.
    ///
    /// - Parameters:
    ///   - table: The file as text (every column, every row).
    ///   - lines: The file lines of the selected rows (from the row selection), in file order.
    ///   - parameters: `N` of each selected row (parameters, > 0).
    ///   - tokens: `D` of each selected row (tokens, > 0).
    ///   - law: The Chinchilla constants.
    /// - Throws: ``ScaledComputeColumnError/row(source:line:reason:)`` naming the row whose loss
    ///   does not exceed `E` or whose N or D is not positive, and
    ///   ``ScaledComputeColumnError/duplicateColumn(source:column:)`` when the table already has
    ///   an output column.
    public init(table: CSVTable, lines: [Int], parameters: [Double], tokens: [Double], law: ChinchillaParameters) throws {
        for name in Self.columns where table.header.contains(name) {
            throw ScaledComputeColumnError.duplicateColumn(source: table.source, column: name)
        }
        var rowAt: [Int: Int] = [:]
        for (r, line) in table.lineNumbers.enumerated() { rowAt[line] = r }
        var rows: [[String]] = []
        var compute: [Double] = []
        var losses: [Double] = []
        for (k, line) in lines.enumerated() {
            let n = parameters[k]
            let d = tokens[k]
            guard n > 0, d > 0, n.isFinite, d.isFinite else {
                throw ScaledComputeColumnError.row(source: table.source, line: line, reason: "N and D must be positive, got N = \(n), D = \(d)")
            }
            let point: ScaledComputePoint
            do {
                point = try ScaledCompute.point(parameters: n, tokens: d, law: law)
            } catch let error as ScaledComputeError {
                throw ScaledComputeColumnError.row(source: table.source, line: line, reason: error.description)
            }
            guard let r = rowAt[line] else { continue }
            rows.append(table.rows[r] + ["\(point.loss)", "\(point.compute)"])
            compute.append(point.compute)
            losses.append(point.loss)
        }
        self.header = table.header + Self.columns
        self.rows = rows
        self.compute = compute
        self.losses = losses
    }

    /// The output as a table (`CSVTable/serialized(separator:)` writes it).
    public var table: CSVTable { CSVTable(header: header, rows: rows) }
}

/// Why a scaled-compute column cannot be made.
public enum ScaledComputeColumnError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A row's scaled compute is undefined.
    case row(source: String, line: Int, reason: String)
    /// The table already has a column of that name.
    case duplicateColumn(source: String, column: String)

    /// One line naming the file, the line and what is wrong.
    public var description: String {
        switch self {
        case let .row(source, line, reason):
            return "\(source), line \(line): no scaled compute: \(reason)"
        case let .duplicateColumn(source, column):
            return "\(source) already has a column '\(column)'; rename it before adding the scaled compute"
        }
    }
}
