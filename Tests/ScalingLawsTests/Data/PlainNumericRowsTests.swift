import Foundation
import NonlinearFit
import Testing
@testable import ScalingLaws

/// The plain fast path of the streaming reader (`PlainNumericRows`): it takes plain pieces and
/// converts the wanted cells to the very doubles `strtod` gives; it declines everything
/// unusual, which the general reader then reads, so a streamed read gives the whole-table
/// reader's dataset, and its errors, for the same file, row and column.
@Suite("plain numeric rows fast path")
struct PlainNumericRowsTests {
    static func read(_ text: String, columns: [Int], fields: Int, separator: Character = ",") -> [[Double]]? {
        Array(text.utf8).withUnsafeBufferPointer {
            PlainNumericRows(columns: columns, fieldCount: fields).read($0, separator: UInt8(ascii: separator.unicodeScalars.first ?? ","))
        }
    }

    /// Seeded checkpoint-like rows: a text column, then N, D, step and loss written as
    /// `%g`, integers, exponents and `%.6f`.
    static func checkpointText(rows: Int, seed: UInt64) -> String {
        var rng = SeededGenerator(seed: seed)
        var text = "run,N,D,step,loss\n"
        for r in 0..<rows {
            let n = pow(10, 7 + 3 * rng.nextUniform())
            let d = Int(1e5 + 1e9 * rng.nextUniform())
            let loss = 1.8 + 3 * rng.nextUniform()
            text += "run\(r % 7),\(String(format: "%g", n)),\(r % 3 == 0 ? String(format: "%.5e", Double(d)) : String(d)),\(r),\(String(format: "%.6f", loss))\n"
        }
        return text
    }

    @Test("plain rows: every wanted cell is strtod's double, bit for bit; other columns are skipped")
    func plainMatchesStrtod() throws {
        let text = Self.checkpointText(rows: 3_000, seed: 11)
        let body = String(text.drop { $0 != "\n" }.dropFirst())
        let columns = try #require(Self.read(body, columns: [4, 1, 2], fields: 5))
        let rows = body.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(columns.count == 3 && columns.allSatisfy { $0.count == 3_000 })
        for (r, row) in rows.enumerated() {
            for (k, field) in [4, 1, 2].enumerated() {
                #expect(columns[k][r].bitPattern == strtod(row[field], nil).bitPattern, "row \(r) field \(field): \(row[field])")
            }
        }
    }

    @Test("a stretch past the two-core size reads as two halves joined in order, the same as one core")
    func twoHalves() throws {
        let text = Self.checkpointText(rows: 4_000, seed: 12)
        let body = String(text.drop { $0 != "\n" }.dropFirst())
        #expect(body.utf8.count >= PlainNumericRows.parallelBytes)
        let reader = PlainNumericRows(columns: [1, 2, 3, 4], fieldCount: 5)
        let bytes = Array(body.utf8)
        let both = try #require(bytes.withUnsafeBufferPointer { reader.read($0, separator: UInt8(ascii: ",")) })
        let one = try #require(bytes.withUnsafeBufferPointer { reader.readSerially($0, separator: UInt8(ascii: ",")) })
        #expect(both.map { $0.map(\.bitPattern) } == one.map { $0.map(\.bitPattern) })
        #expect(both[2] == (0..<4_000).map(Double.init))
    }

    @Test("unusual stretches are declined", arguments: [
        "1,2\n\"3\",4\n",      // a quote
        "1,2\r\n3,4\r\n",      // CRLF
        "1,2\n 3,4\n",         // a space to trim
        "1,2\n3\t,4\n",        // a tab to trim
        "1,2\n\n3,4\n",        // a blank line
        "1,2\n3,4,5\n",        // a ragged row
        "1,2\n3\n",            // a short row
        "1,2\n70B,4\n",        // a size suffix (NumericCell's rules)
        "1,2\n1,234,4\n",      // thousands separators make the row ragged
        "1,2\n2022-07-11,4\n", // a date
        "1,2\nnan,4\n",        // not finite
        "1,2\n,4\n",           // an empty wanted cell
        "1,é\n3,4\n",          // non-ASCII, even in a column not read
    ])
    func declines(_ text: String) {
        #expect(Self.read(text, columns: [0], fields: 2) == nil)
    }

    @Test("semicolons and tabs as separators; a last row without a line feed; an empty unread cell")
    func separators() throws {
        #expect(Self.read("1;2\n3;4", columns: [1], fields: 2, separator: ";") == [[2, 4]])
        #expect(Self.read("1\t2\n3\t4\n", columns: [1, 0], fields: 2, separator: "\t") == [[2, 4], [1, 3]])
        #expect(Self.read("1,\n3,x\n", columns: [0], fields: 2) == [[1, 3]])
    }

    /// Reads `text` streaming in pieces of `pieceSize` bytes (plain pieces take the fast path).
    static func streamed(_ text: String, pieceSize: Int, columns: [String]) throws -> Dataset {
        try Dataset(stream: CSVStream(bytes: Array(text.utf8), source: "runs.csv", pieceSize: pieceSize), columns: columns)
    }

    @Test("streamed in small pieces, plain and unusual pieces mixed, the dataset is the whole table's")
    func streamedEqualsTable() throws {
        var text = Self.checkpointText(rows: 400, seed: 13)
        // Unusual rows here and there: quotes, CRLF, spaces, suffixes, a blank line.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[57] = "run1,\"1e8\",2e9,56,3.25"
        lines[120] = "run2,2e8, 4e9 ,119,3.0\r"
        lines[121] = ""
        lines[250] = "run3,70B,1.4T,249,2.5"
        text = lines.joined(separator: "\n")
        let columns = ["N", "D", "step", "loss"]
        let table = try Dataset(table: CSVTable.parse(text, source: "runs.csv"), columns: columns)
        for pieceSize in [64, 300, 4_096, 1 << 20] {
            let data = try Self.streamed(text, pieceSize: pieceSize, columns: columns)
            #expect(data.rowLines == table.rowLines, "pieces of \(pieceSize)")
            for name in columns {
                #expect(data.columns[name]?.map(\.bitPattern) == table.columns[name]?.map(\.bitPattern), "\(name), pieces of \(pieceSize)")
            }
        }
        #expect(table.count == 399)
    }

    @Test("errors in plain pieces are the general reader's: same file, line and column")
    func errors() throws {
        let text = Self.checkpointText(rows: 300, seed: 14)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[200] = "run4,1e9,abc,199,3.1"
        let bad = lines.joined(separator: "\n")
        #expect(throws: DataError.notANumber(source: "runs.csv", line: 201, column: "D", text: "abc")) {
            try Self.streamed(bad, pieceSize: 256, columns: ["N", "D"])
        }
        lines[200] = "run4,1e9,2e9,199"
        #expect(throws: DataError.raggedRow(source: "runs.csv", line: 201, expected: 5, got: 4)) {
            try Self.streamed(lines.joined(separator: "\n"), pieceSize: 256, columns: ["N", "D"])
        }
        lines[200] = "run4,1e9,,199,3.1"
        #expect(throws: DataError.emptyCell(source: "runs.csv", line: 201, column: "D")) {
            try Self.streamed(lines.joined(separator: "\n"), pieceSize: 256, columns: ["N", "D"])
        }
    }
}
