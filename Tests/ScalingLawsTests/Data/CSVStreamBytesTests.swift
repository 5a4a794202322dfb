import Foundation
import Testing
@testable import ScalingLaws

@Suite("CSV stream over bytes")
struct CSVStreamBytesTests {
    @Test("Bytes in memory read as the same file would: rows, lines, separator, messages")
    func sameAsTable() throws {
        let text = "N;D;loss\n1e8;2e9;3.5\n\"2e8\";4e9;3.2\r\n\n3e8;6e9;3.0\n"
        let table = try CSVTable.parse(text, source: "runs.csv")
        var stream = try CSVStream(bytes: Array(text.utf8), source: "runs.csv")
        #expect(stream.header == table.header)
        #expect(stream.separator == ";")
        var rows: [[String]] = [], lines: [Int] = []
        try stream.forEachRow { fields, line in
            rows.append(fields)
            lines.append(line)
        }
        #expect(rows == table.rows)
        #expect(lines == table.lineNumbers)
        #expect(lines == [2, 3, 5])
    }

    @Test("A ragged row and an empty input give the file reader's messages")
    func errors() throws {
        var stream = try CSVStream(bytes: Array("a,b\n1,2\n3\n".utf8), source: "logs")
        #expect(throws: DataError.raggedRow(source: "logs", line: 3, expected: 2, got: 1)) {
            try stream.forEachRow { _, _ in }
        }
        #expect(throws: DataError.emptyFile(source: "logs")) { try CSVStream(bytes: [], source: "logs") }
    }
}
