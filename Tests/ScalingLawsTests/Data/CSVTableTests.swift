import Foundation
import ScalingLaws
import Testing

@Suite("CSVTable parsing")
struct CSVTableParsingTests {
    @Test("header, rows and 1-based file lines")
    func basic() throws {
        let table = try runsTable("N,loss\n1,2\n3,4\n")
        #expect(table.header == ["N", "loss"])
        #expect(table.rows == [["1", "2"], ["3", "4"]])
        #expect(table.lineNumbers == [2, 3])
        #expect(table.source == "runs.csv")
    }

    @Test("default source name")
    func defaultSource() throws {
        #expect(try CSVTable.parse("a\n1\n").source == "<input>")
    }

    @Test("separator detected from the header line", arguments: [
        "N,D,loss\n1,2,3\n",
        "N\tD\tloss\n1\t2\t3\n",
        "N;D;loss\n1;2;3\n",
    ])
    func detection(text: String) throws {
        let table = try runsTable(text)
        #expect(table.header == ["N", "D", "loss"])
        #expect(table.rows == [["1", "2", "3"]])
    }

    @Test("semicolon file with decimal-comma-like cells keeps them whole")
    func semicolonWithCommas() throws {
        let table = try runsTable("N;loss\n1,5;2\n")
        #expect(table.rows == [["1,5", "2"]])
    }

    @Test("detection ignores separators inside quotes")
    func detectionIgnoresQuoted() throws {
        let table = try runsTable("\"a,b,c\";d\n1;2\n")
        #expect(table.header == ["a,b,c", "d"])
    }

    @Test("detection with a one-column file")
    func detectionSingleColumn() throws {
        let table = try runsTable("loss\n1\n2\n")
        #expect(table.header == ["loss"])
        #expect(table.rows == [["1"], ["2"]])
    }

    @Test("an explicit separator overrides detection")
    func explicitSeparator() throws {
        let table = try runsTable("a;b,c\n1;2,3\n", separator: ",")
        #expect(table.header == ["a;b", "c"])
        let other = try runsTable("a;b,c\n1;2,3\n", separator: ";")
        #expect(other.header == ["a", "b,c"])
        let pipes = try runsTable("a|b\n1|2\n", separator: "|")
        #expect(pipes.rows == [["1", "2"]])
    }

    @Test("UTF-8 byte-order mark is ignored")
    func byteOrderMark() throws {
        let table = try runsTable("\u{FEFF}N,loss\n1,2\n")
        #expect(table.header == ["N", "loss"])
        #expect(table.header[0].unicodeScalars.count == 1)
    }

    @Test("CRLF and lone CR line endings", arguments: [
        "N,loss\r\n1,2\r\n3,4\r\n",
        "N,loss\r1,2\r3,4\r",
        "N,loss\r\n1,2\n3,4",
    ])
    func lineEndings(text: String) throws {
        let table = try runsTable(text)
        #expect(table.header == ["N", "loss"])
        #expect(table.rows == [["1", "2"], ["3", "4"]])
        #expect(table.lineNumbers == [2, 3])
    }

    @Test("quoted fields: separators, doubled quotes, empty quotes")
    func quoted() throws {
        let table = try runsTable("name,note,x\n\"a,b\",\"say \"\"hi\"\"\",\"\"\n")
        #expect(table.rows == [["a,b", "say \"hi\"", ""]])
    }

    @Test("line breaks inside quotes, and the line numbers after them")
    func newlineInQuotes() throws {
        let table = try runsTable("a,b\n\"x\ny\",1\n2,3\n\"p\r\nq\",4\n5,6\n")
        #expect(table.rows == [["x\ny", "1"], ["2", "3"], ["p\r\nq", "4"], ["5", "6"]])
        #expect(table.lineNumbers == [2, 4, 5, 7])
    }

    @Test("blank lines are skipped and still counted")
    func blankLines() throws {
        let table = try runsTable("\n\na,b\n\n1,2\n   \n\r\n3,4\n\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [["1", "2"], ["3", "4"]])
        #expect(table.lineNumbers == [5, 8])
    }

    @Test("spaces around unquoted fields are trimmed, quoted fields keep theirs")
    func trimming() throws {
        let table = try runsTable("a , b\n 1 , \" 2 \" \n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [["1", " 2 "]])
    }

    @Test("tabs are kept as separators in a tab file")
    func tabFileEmptyFields() throws {
        let table = try runsTable("a\tb\tc\n1\t\t3\n", separator: "\t")
        #expect(table.rows == [["1", "", "3"]])
    }

    @Test("empty fields and a trailing separator")
    func emptyFields() throws {
        let table = try runsTable("a,b,c\n1,,3\n,,\n4,5,\n")
        #expect(table.rows == [["1", "", "3"], ["", "", ""], ["4", "5", ""]])
    }

    @Test("last line without a line break")
    func noFinalNewline() throws {
        let table = try runsTable("a,b\n1,2")
        #expect(table.rows == [["1", "2"]])
    }

    @Test("a quote inside an unquoted field is literal")
    func strayQuote() throws {
        let table = try runsTable("a,b\n5\"3,x\n")
        #expect(table.rows == [["5\"3", "x"]])
    }

    @Test("empty header names (pandas index column) may repeat")
    func emptyHeaderNames() throws {
        let table = try runsTable(",,N\n0,a,1\n")
        #expect(table.header == ["", "", "N"])
    }

    @Test("a header with no data rows parses to an empty table")
    func headerOnly() throws {
        let table = try runsTable("N,loss\n")
        #expect(table.rows.isEmpty)
        #expect(table.lineNumbers.isEmpty)
    }

    @Test("non-ASCII text survives")
    func unicode() throws {
        let table = try runsTable("modèle,☃\n\"naïve, ü\",1\n")
        #expect(table.header == ["modèle", "☃"])
        #expect(table.rows == [["naïve, ü", "1"]])
    }

    @Test("columnIndex: exact, then unique case-insensitive")
    func columnIndex() throws {
        let table = try runsTable("N,loss,Loss2\n1,2,3\n")
        #expect(try table.columnIndex(named: "loss") == 1)
        #expect(try table.columnIndex(named: "LOSS") == 1)
        #expect(try table.columnIndex(named: "n") == 0)
        let ambiguous = try runsTable("loss,LOSS\n1,2\n")
        #expect(try ambiguous.columnIndex(named: "LOSS") == 1)
        #expect(dataErrorMessage { _ = try ambiguous.columnIndex(named: "Loss") }
            == "runs.csv: no column named 'Loss'; did you mean 'loss'? (columns: loss, LOSS)")
    }

    @Test("one million rows parse in linear time", .timeLimit(.minutes(1)))
    func largeFile() throws {
        var text = "N,D,loss\n"
        text.reserveCapacity(30_000_000)
        for i in 0..<1_000_000 {
            text += "\(i),\(2 * i),\"3.5\"\n"
        }
        let table = try runsTable(text)
        #expect(table.rows.count == 1_000_000)
        #expect(table.rows.last == ["999999", "1999998", "3.5"])
        #expect(table.lineNumbers.last == 1_000_001)
    }
}

@Suite("CSVTable errors")
struct CSVTableErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let message: String
        var testDescription: String { message }
    }

    @Test("exact messages", arguments: [
        Case(text: "", message: "runs.csv: the file is empty"),
        Case(text: "\n \n\r\n", message: "runs.csv: the file is empty"),
        Case(text: "\u{FEFF}", message: "runs.csv: the file is empty"),
        Case(text: "N,loss,D,loss\n1,2,3,4\n",
             message: "runs.csv: column 'loss' appears twice in the header (fields 2 and 4)"),
        Case(text: "N,D,C,loss\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3\n",
             message: "runs.csv, line 9: expected 4 fields as in the header, got 3"),
        Case(text: "N,loss\n\n1,2,3\n", message: "runs.csv, line 3: expected 2 fields as in the header, got 3"),
        Case(text: "N\n1,2\n", message: "runs.csv, line 2: expected 1 field as in the header, got 2"),
        Case(text: "a,b\n1,\"2\n3,4\n", message: "runs.csv, line 2: a quoted field opened on this line is never closed"),
        Case(text: "a,b\n\"1\"x,2\n", message: "runs.csv, line 2: unexpected text after the closing quote of field 1"),
        Case(text: "a,b\n1,\"x\ny\"z\n", message: "runs.csv, line 3: unexpected text after the closing quote of field 2"),
    ])
    func messages(_ example: Case) {
        #expect(dataErrorMessage { _ = try runsTable(example.text) } == example.message)
    }

    @Test("error values carry file, line and counts")
    func payloads() {
        #expect(throws: DataError.raggedRow(source: "runs.csv", line: 3, expected: 2, got: 1)) {
            try runsTable("a,b\n1,2\n3\n")
        }
        #expect(throws: DataError.duplicateColumn(source: "runs.csv", column: "N", firstField: 1, secondField: 2)) {
            try runsTable("N,N\n1,2\n")
        }
        #expect(throws: DataError.emptyFile(source: "runs.csv")) { try runsTable("") }
    }

    @Test("unsupported separators")
    func unsupportedSeparator() {
        #expect(dataErrorMessage { _ = try runsTable("a\n1\n", separator: "é") }
            == "unsupported separator 'é': use one ASCII character such as ',', ';' or a tab")
        #expect(dataErrorMessage { _ = try runsTable("a\n1\n", separator: "\"") }
            == "unsupported separator '\"': use one ASCII character such as ',', ';' or a tab")
    }
}

@Suite("CSVTable files")
struct CSVTableFileTests {
    @Test("missing file")
    func missingFile() {
        #expect(dataErrorMessage { _ = try CSVTable.read(contentsOf: URL(fileURLWithPath: "/nonexistent/dir/runs.csv")) }
            == "no such file: /nonexistent/dir/runs.csv")
        #expect(throws: DataError.noSuchFile(path: "/nonexistent/runs.csv")) {
            try CSVTable.read(contentsOf: URL(fileURLWithPath: "/nonexistent/runs.csv"))
        }
    }

    @Test("a directory is not a file")
    func directory() throws {
        let dir = try makeDataTestDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(dataErrorMessage { _ = try CSVTable.read(contentsOf: dir) } == "\(dir.path): is a directory, not a file")
    }

    @Test("bytes that are not UTF-8")
    func notUTF8() throws {
        let dir = try makeDataTestDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.csv")
        try Data([0x4E, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: url)
        #expect(dataErrorMessage { _ = try CSVTable.read(contentsOf: url) } == "bad.csv: the file is not UTF-8 text")
    }

    @Test("an empty file")
    func emptyFile() throws {
        let dir = try makeDataTestDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("runs.csv")
        try Data().write(to: url)
        #expect(dataErrorMessage { _ = try CSVTable.read(contentsOf: url) } == "runs.csv: the file is empty")
    }

    @Test("reading a file names it by its file name; BOM, CRLF and semicolons")
    func readsFile() throws {
        let dir = try makeDataTestDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("runs.csv")
        try Data("\u{FEFF}N;loss\r\n\"70B\";2,5\r\n".utf8).write(to: url)
        let table = try CSVTable.read(contentsOf: url)
        #expect(table == CSVTable(header: ["N", "loss"], rows: [["70B", "2,5"]], lineNumbers: [2], source: "runs.csv"))
        let renamed = try CSVTable.read(contentsOf: url, source: "data/runs.csv")
        #expect(renamed.source == "data/runs.csv")
    }
}

@Suite("CSVTable serialization")
struct CSVTableSerializationTests {
    static let tricky: [CSVTable] = [
        CSVTable(header: ["N", "loss"], rows: [["1", "2"], ["3", "4"]]),
        CSVTable(
            header: ["name", "note", "x"],
            rows: [
                ["a,b", "say \"hi\"", ""],
                ["line\nbreak", "crlf\r\ninside", "cr\ronly"],
                ["", "", ""],
                [" padded ", "\ttab", "semi;colon"],
                ["\"", "\"\"", "\"a\""],
                ["naïve ☃", "1,234", "70B"],
            ]),
        CSVTable(header: ["only"], rows: [[""], ["x"], [""], [" "]]),
        CSVTable(header: [""], rows: [[""]]),
        CSVTable(header: ["a;b", "c\td", "e,f"], rows: [["1", "2", "3"]]),
        CSVTable(header: ["\u{FEFF}bom"], rows: [["1"]]),
        CSVTable(header: ["N", "loss"], rows: []),
    ]

    @Test("serialized() then parse() gives the same table", arguments: tricky, [",", "\t", ";"] as [Character])
    func roundTrip(table: CSVTable, separator: Character) throws {
        let text = table.serialized(separator: separator)
        #expect(try CSVTable.parse(text) == table)
        #expect(try CSVTable.parse(text, separator: separator) == table)
    }

    @Test("quoting is minimal and RFC 4180")
    func quotingRules() {
        let table = CSVTable(header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["plain", ""]])
        #expect(table.serialized() == "a,b\n\"x,y\",\"say \"\"hi\"\"\"\nplain,\n")
        #expect(table.serialized(separator: "\t") == "a\tb\n\"x,y\"\t\"say \"\"hi\"\"\"\nplain\t\n")
    }

    @Test("default line numbers follow the serialized layout")
    func defaultLineNumbers() {
        let table = CSVTable(header: ["a", "b"], rows: [["x\ny", "1"], ["2", "3"], ["p\r\nq\rr", "4"], ["5", "6"]])
        #expect(table.lineNumbers == [2, 4, 5, 8])
    }
}
