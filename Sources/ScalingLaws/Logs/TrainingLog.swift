import Foundation

/// One training run's log: the evaluations a tracker exported, one row per logged step.
///
/// Only the columns asked for are converted (the file is streamed, so a log of 10^5 steps and
/// 100 columns costs the memory of the columns kept). Empty cells and `nan` are missing values
/// (trackers leave a metric empty at steps where it was not evaluated); any other text in a kept
/// column is an error naming file, line and column. Steps must increase strictly.
public struct TrainingLog: Sendable {
    /// The run's name: the file name without its extension.
    public let run: String
    /// The file name used in messages.
    public let source: String
    /// The path as given.
    public let path: String
    /// All column names of the file, in order.
    public let header: [String]
    /// The step column's name.
    public let stepColumn: String
    /// The logged steps, strictly increasing.
    public let steps: [Double]
    /// The file line of each step's row.
    public let lines: [Int]
    /// The kept columns by name; `nan` where missing.
    public let series: [String: [Double]]
    /// Cells written as `nan` (not empty) per kept column: a metric that diverged or failed.
    public let notANumberCounts: [String: Int]

    /// Names of step columns recognised when none is given, in order of preference.
    public static let stepColumnNames = ["_step", "step", "global_step", "trainer/global_step", "iteration", "iter", "steps"]

    /// The header of a log file (to resolve metric globs before reading).
    public static func header(of url: URL, separator: Character? = nil) throws -> [String] {
        try CSVStream(contentsOf: url, source: url.relativePath, separator: separator).header
    }

    /// Reads a log.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - columns: Columns to keep (exact header names); absent ones are an error.
    ///   - stepColumn: The step column, or `nil` to find one of ``stepColumnNames``.
    ///   - separator: As in ``CSVTable/parse(_:source:separator:)``.
    /// - Throws: the errors of ``CSVStream``; ``LogError/noColumn(source:run:what:flag:suggestion:)``
    ///   without a step column; ``DataError/missingColumn(source:column:suggestion:available:)``;
    ///   ``DataError/notANumber(source:line:column:text:)``; ``LogError/stepsOutOfOrder(source:line:step:previous:)``.
    public static func read(contentsOf url: URL, columns: [String], stepColumn: String? = nil, separator: Character? = nil) throws -> TrainingLog {
        let logs = try read(contentsOf: url, runColumn: nil, columns: columns, stepColumn: stepColumn, separator: separator)
        guard let log = logs.first else { throw DataError.noDataRows(source: url.relativePath) }
        return log
    }

    /// Reads a long log holding several runs, told apart by the text of `runColumn` (one log per
    /// run, in the order of each run's first row; steps must increase within a run).
    ///
    /// - Throws: as ``read(contentsOf:columns:stepColumn:separator:)``, and
    ///   ``DataError/missingColumn(source:column:suggestion:available:)`` for the run column;
    ///   ``LogError/emptyRunName(source:line:column:)`` for a row without a run.
    public static func read(contentsOf url: URL, runColumn: String?, columns: [String], stepColumn: String? = nil, separator: Character? = nil) throws -> [TrainingLog] {
        var stream = try CSVStream(contentsOf: url, source: url.relativePath, separator: separator)
        let source = stream.source
        let header = stream.header
        let fileRun = url.deletingPathExtension().lastPathComponent
        func column(_ name: String) throws -> Int {
            guard let k = ColumnLookup.index(of: name, in: header) else {
                throw DataError.missingColumn(source: source, column: name, suggestion: ColumnLookup.nearest(to: name, in: header), available: header)
            }
            return k
        }
        let stepIndex: Int
        if let stepColumn {
            stepIndex = try column(stepColumn)
        } else if let found = stepColumnNames.lazy.compactMap({ ColumnLookup.index(of: $0, in: header) }).first {
            stepIndex = found
        } else {
            throw LogError.noColumn(source: source, run: fileRun, what: "step", flag: "--step-column", suggestion: nil)
        }
        let stepName = header[stepIndex]
        let runIndex = try runColumn.map(column)
        var indices: [Int] = []
        for name in columns {
            let k = try column(name)
            if !indices.contains(k) { indices.append(k) }
        }

        /// One run's rows as they are read.
        struct Accumulator {
            var steps: [Double] = []
            var lines: [Int] = []
            var values: [[Double]]
            var nanCounts: [Int]

            /// Appends one row; steps must increase within the run.
            mutating func append(record: CSVRecordView, line: Int, step: Double, indices: [Int], header: [String], source: String) throws {
                if let previous = steps.last, step <= previous {
                    throw LogError.stepsOutOfOrder(source: source, line: line, step: step, previous: previous)
                }
                steps.append(step)
                lines.append(line)
                for (k, index) in indices.enumerated() {
                    let cell = record.field(index)
                    if let value = PlainDecimal.parse(cell) {
                        values[k].append(value)
                    } else {
                        let text = record.string(index)
                        let value = try TrainingLog.missingOrNumber(text, source: source, line: line, column: header[index])
                        if value.isNaN, !cell.isEmpty, !text.allSatisfy(\.isWhitespace) { nanCounts[k] += 1 }
                        values[k].append(value)
                    }
                }
            }
        }
        var order: [String] = []
        var runs: [String: Accumulator] = [:]
        let empty = Accumulator(values: [[Double]](repeating: [], count: indices.count), nanCounts: [Int](repeating: 0, count: indices.count))
        try stream.forEachRecord { record, line in
            var run = fileRun
            if let runIndex {
                run = record.string(runIndex).trimmingCharacters(in: .whitespaces)
                guard !run.isEmpty else { throw LogError.emptyRunName(source: source, line: line, column: header[runIndex]) }
            }
            if runs[run] == nil {
                order.append(run)
                runs[run] = empty
            }
            let step = try Dataset.number(record.string(stepIndex), source: source, line: line, column: stepName)
            try runs[run, default: empty].append(record: record, line: line, step: step, indices: indices, header: header, source: source)
        }
        guard !order.isEmpty else { throw DataError.noDataRows(source: source) }
        return order.map { run in
            let rows = runs[run] ?? empty
            var series: [String: [Double]] = [:]
            var counts: [String: Int] = [:]
            for (k, index) in indices.enumerated() {
                series[header[index]] = rows.values[k]
                counts[header[index]] = rows.nanCounts[k]
            }
            return TrainingLog(run: run, source: source, path: url.relativePath, header: header, stepColumn: stepName,
                               steps: rows.steps, lines: rows.lines, series: series, notANumberCounts: counts)
        }
    }

    /// A cell of a log: empty, `nan` or `NaN` are missing (`nan`); otherwise a number.
    static func missingOrNumber(_ cell: String, source: String, line: Int, column: String) throws -> Double {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.lowercased() == "nan" { return .nan }
        guard let value = NumericCell.parse(trimmed) else {
            throw DataError.notANumber(source: source, line: line, column: column, text: cell)
        }
        return value
    }

    /// The header columns matching a name or a glob (`*` any text, `?` one character): the
    /// exact (then case-insensitive) name, else every glob match in file order.
    public static func columns(matching pattern: String, in header: [String]) -> [String] {
        if let k = ColumnLookup.index(of: pattern, in: header) { return [header[k]] }
        guard pattern.contains("*") || pattern.contains("?") else { return [] }
        let glob = Array(pattern)
        return header.filter { Self.glob(glob[...], Array($0)[...]) }
    }

    /// Wildcard matching in linear passes: on a mismatch, resume after the last `*`.
    private static func glob(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
        let p = Array(pattern), t = Array(text)
        var i = 0, j = 0
        var star: Int?
        var resume = 0
        while j < t.count {
            if i < p.count, p[i] == "?" || (p[i] != "*" && p[i] == t[j]) {
                i += 1
                j += 1
            } else if i < p.count, p[i] == "*" {
                star = i
                resume = j
                i += 1
            } else if let s = star {
                i = s + 1
                resume += 1
                j = resume
            } else {
                return false
            }
        }
        while i < p.count, p[i] == "*" { i += 1 }
        return i == p.count
    }
}
