import Foundation

/// A table of model sizes joined to runs by size name: `size,params[,flops_per_token]`, as the
/// OLMo ladder publishes them (Bhagia et al. 2024, arXiv:2412.04403), e.g. `190M,190354176,1903391232`.
///
/// `params` is the parameter count N used for the fit; `flops_per_token`, when present, is the
/// training (forward + backward) FLOP per token, used for C = flops_per_token · D instead of 6ND.
public struct SizesTable: Sendable, Equatable {
    /// One size.
    public struct Entry: Sendable, Equatable, Codable {
        /// The size's name (e.g. `190M`), as the runs' names spell it.
        public let name: String
        /// The parameter count N.
        public let parameters: Double
        /// Training FLOP per token, when the table gives it.
        public let flopsPerToken: Double?
        /// The entry's line in the file (for messages).
        public let line: Int
    }

    /// The sizes, in file order.
    public let entries: [Entry]
    /// The file name used in messages.
    public let source: String

    /// Reads a sizes table: columns `size` and `params` (also `parameters`, `N`), optional
    /// `flops_per_token`; other columns are ignored.
    /// - Throws: the errors of ``CSVTable``, ``DataError/missingColumn(source:column:suggestion:available:)``,
    ///   ``LogError/invalidSize(source:line:column:text:)``, ``LogError/duplicateSize(source:size:firstLine:secondLine:)``.
    public init(table: CSVTable) throws {
        func column(_ names: [String], required: Bool) throws -> Int? {
            for name in names { if let k = ColumnLookup.index(of: name, in: table.header) { return k } }
            guard required else { return nil }
            throw DataError.missingColumn(
                source: table.source, column: names[0], suggestion: ColumnLookup.nearest(to: names[0], in: table.header),
                available: table.header)
        }
        guard let sizeColumn = try column(["size", "name", "model"], required: true),
              let paramsColumn = try column(["params", "parameters", "N", "n_params"], required: true) else {
            throw DataError.noDataRows(source: table.source)
        }
        let flopsColumn = try column(["flops_per_token", "flops/token", "C_per_token"], required: false)
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        for (r, row) in table.rows.enumerated() {
            let line = table.lineNumbers[r]
            let name = row[sizeColumn].trimmingCharacters(in: .whitespaces)
            func positive(_ k: Int) throws -> Double {
                guard let value = NumericCell.parse(row[k]), value.isFinite, value > 0 else {
                    throw LogError.invalidSize(source: table.source, line: line, column: table.header[k], text: row[k])
                }
                return value
            }
            let parameters = try positive(paramsColumn)
            let flops = try flopsColumn.map(positive)
            if let first = seen[name.lowercased()] {
                throw LogError.duplicateSize(source: table.source, size: name, firstLine: first, secondLine: line)
            }
            seen[name.lowercased()] = line
            entries.append(Entry(name: name, parameters: parameters, flopsPerToken: flops, line: line))
        }
        guard !entries.isEmpty else { throw DataError.noDataRows(source: table.source) }
        self.entries = entries
        self.source = table.source
    }

    /// Reads a sizes table from a file.
    public static func read(contentsOf url: URL) throws -> SizesTable {
        try SizesTable(table: CSVTable.read(contentsOf: url))
    }

    /// The entry for a size name: exact, else the only case-insensitive match.
    public func entry(named name: String) -> Entry? {
        let names = entries.map(\.name)
        return ColumnLookup.index(of: name.trimmingCharacters(in: .whitespaces), in: names).map { entries[$0] }
    }
}
