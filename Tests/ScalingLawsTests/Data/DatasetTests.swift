import Foundation
import ScalingLaws
import TestSupport
import Testing

@Suite("Dataset")
struct DatasetTests {
    @Test("converts only the requested columns, keyed by the header's spelling")
    func convertsRequested() throws {
        let table = try runsTable("name,N,loss\nsmall,70M,3.5\nlarge,\"1,234\",2.5\n")
        let data = try Dataset(table: table, columns: ["N", "LOSS", "N"])
        #expect(data.count == 2)
        #expect(data.columnNames == ["N", "loss"])
        #expect(isClose(try data.column("N"), [7e7, 1234]))
        #expect(isClose(try data.column("loss"), [3.5, 2.5]))
        #expect(isClose(try data.column("Loss"), [3.5, 2.5]))
        #expect(data.rowLines == [2, 3])
        #expect(data.source == "runs.csv")
    }

    @Test("row lines follow the file, blank lines and multi-line cells included")
    func rowLines() throws {
        let table = try runsTable("note,N\n\n\"two\nlines\",1\n\n2e3,3\n")
        let data = try Dataset(table: table, columns: ["N"])
        #expect(data.rowLines == [3, 6])
    }

    struct BadCell: Sendable, CustomTestStringConvertible {
        let text: String
        let message: String
        var testDescription: String { message }
    }

    @Test("bad cells: exact messages", arguments: [
        BadCell(text: "N,loss\n1,2\n3,4\n5,abc\n",
                message: "runs.csv, line 4, column 'loss': expected a number, got 'abc'"),
        BadCell(text: "N,loss\n1,2\n,4\n",
                message: "runs.csv, line 3, column 'N': expected a number, got an empty cell"),
        BadCell(text: "N,loss\n1,\"  \"\n",
                message: "runs.csv, line 2, column 'loss': expected a number, got an empty cell"),
        BadCell(text: "N,loss\n1,nan\n",
                message: "runs.csv, line 2, column 'loss': expected a finite number, got 'nan'"),
        BadCell(text: "N,loss\n1,NaN\n",
                message: "runs.csv, line 2, column 'loss': expected a finite number, got 'NaN'"),
        BadCell(text: "N,loss\n-inf,1\n",
                message: "runs.csv, line 2, column 'N': expected a finite number, got '-inf'"),
        BadCell(text: "N,loss\n1e400,1\n",
                message: "runs.csv, line 2, column 'N': expected a finite number, got '1e400'"),
        BadCell(text: "N,loss\n70 bananas,1\n",
                message: "runs.csv, line 2, column 'N': expected a number, got '70 bananas' (a size suffix is one of k, M, B, T)"),
        BadCell(text: "N,loss\n\"1,23\",1\n",
                message: "runs.csv, line 2, column 'N': expected a number, got '1,23' (decimals take a point: 1.23)"),
        BadCell(text: "N,loss\n\"a\nb\",1\n",
                message: "runs.csv, line 2, column 'N': expected a number, got 'a\\nb'"),
        BadCell(text: "N,loss\n1,\(String(repeating: "x", count: 50))\n",
                message: "runs.csv, line 2, column 'loss': expected a number, got '\(String(repeating: "x", count: 40))…'"),
        BadCell(text: "N,loss\n\n\n1,2\n3,x\n5,y\n",
                message: "runs.csv, line 5, column 'loss': expected a number, got 'x'"),
        BadCell(text: "N,loss\nx,y\n",
                message: "runs.csv, line 2, column 'N': expected a number, got 'x'"),
    ])
    func badCells(_ example: BadCell) throws {
        let table = try runsTable(example.text)
        #expect(dataErrorMessage { _ = try Dataset(table: table, columns: ["N", "loss"]) } == example.message)
    }

    @Test("bad cells in columns not asked for are ignored")
    func ignoresOtherColumns() throws {
        let table = try runsTable("N,comment\n1,abc\n2,nan\n")
        #expect(try Dataset(table: table, columns: ["N"]).count == 2)
    }

    @Test("error values carry file, line and column")
    func payloads() throws {
        let table = try runsTable("N,loss\n1,abc\n")
        #expect(throws: DataError.notANumber(source: "runs.csv", line: 2, column: "loss", text: "abc")) {
            try Dataset(table: table, columns: ["loss"])
        }
    }

    @Test("header only")
    func headerOnly() throws {
        let table = try runsTable("N,loss\n")
        #expect(dataErrorMessage { _ = try Dataset(table: table, columns: ["N"]) } == "runs.csv: no data rows")
        #expect(throws: DataError.noDataRows(source: "runs.csv")) { try Dataset(table: table, columns: ["loss"]) }
    }

    @Test("missing column, with and without a near name")
    func missingColumn() throws {
        let table = try CSVTable.parse(
            "N_params,D_tokens,C_flop,loss\n1,2,3,4\n", source: "chinchilla_N_D_loss.csv")
        #expect(dataErrorMessage { _ = try Dataset(table: table, columns: ["los"]) }
            == "chinchilla_N_D_loss.csv: no column named 'los'; did you mean 'loss'? (columns: N_params, D_tokens, C_flop, loss)")
        #expect(dataErrorMessage { _ = try Dataset(table: table, columns: ["n_param"]) }
            == "chinchilla_N_D_loss.csv: no column named 'n_param'; did you mean 'N_params'? (columns: N_params, D_tokens, C_flop, loss)")
        #expect(dataErrorMessage { _ = try Dataset(table: table, columns: ["learning_rate"]) }
            == "chinchilla_N_D_loss.csv: no column named 'learning_rate' (columns: N_params, D_tokens, C_flop, loss)")
        #expect(throws: DataError.missingColumn(
            source: "chinchilla_N_D_loss.csv", column: "los", suggestion: "loss",
            available: ["N_params", "D_tokens", "C_flop", "loss"])) {
            try Dataset(table: table, columns: ["los"])
        }
    }

    @Test("column(_:) on a dataset suggests the nearest of its columns")
    func datasetColumnLookup() throws {
        let data = try Dataset(source: "runs.csv", columns: ["N": [1, 2], "loss": [3, 4]])
        #expect(dataErrorMessage { _ = try data.column("los") }
            == "runs.csv: no column named 'los'; did you mean 'loss'? (columns: N, loss)")
    }

    @Test("requirePositive names line, column and value")
    func requirePositive() throws {
        let table = try runsTable("N,loss\n1,2\n2,2\n3,2\n4,2\n5,2\n-3,2\n0,0\n")
        let data = try Dataset(table: table, columns: ["N", "loss"])
        #expect(dataErrorMessage { try data.requirePositive(["N"], reason: "for a power law in N") }
            == "runs.csv, line 7, column 'N': expected a positive number for a power law in N, got -3")
        #expect(dataErrorMessage { try data.requirePositive(["loss"], reason: "for a log-space loss") }
            == "runs.csv, line 8, column 'loss': expected a positive number for a log-space loss, got 0")
        #expect(dataErrorMessage { try data.requirePositive(["loss", "N"], reason: "") }
            == "runs.csv, line 7, column 'N': expected a positive number, got -3")
        #expect(throws: DataError.notPositive(
            source: "runs.csv", line: 7, column: "N", value: -3, reason: "for a power law in N")) {
            try data.requirePositive(["N"], reason: "for a power law in N")
        }
        let fine = try Dataset(source: "runs.csv", columns: ["N": [1e-300, 5.76e23]])
        try fine.requirePositive(["N"], reason: "for a power law in N")
        let fractional = try Dataset(source: "runs.csv", columns: ["D": [-2.5e-3], "N": [-7e30]])
        #expect(dataErrorMessage { try fractional.requirePositive(["D", "N"], reason: "") }
            == "runs.csv, line 2, column 'D': expected a positive number, got -0.0025")
        #expect(dataErrorMessage { try fractional.requirePositive(["N"], reason: "") }
            == "runs.csv, line 2, column 'N': expected a positive number, got -7e+30")
        #expect(dataErrorMessage { try data.requirePositive(["NN"], reason: "") }
            == "runs.csv: no column named 'NN'; did you mean 'N'? (columns: N, loss)")
    }

    @Test("requireRows: fewer rows than parameters")
    func requireRows() throws {
        let data = try Dataset(source: "runs.csv", columns: ["N": [1, 2, 3]])
        try data.requireRows(atLeast: 3, reason: "to fit 3 parameters")
        #expect(dataErrorMessage { try data.requireRows(atLeast: 5, reason: "to fit 5 parameters") }
            == "runs.csv: expected at least 5 rows to fit 5 parameters, got 3")
        let empty = try Dataset(source: "runs.csv", columns: ["N": []])
        #expect(dataErrorMessage { try empty.requireRows(atLeast: 1, reason: "") }
            == "runs.csv: expected at least 1 row, got 0")
    }

    @Test("direct construction checks lengths and numbers rows from line 2")
    func directConstruction() throws {
        let data = try Dataset(source: "synthetic", columns: ["N": [1, 2, 3], "loss": [4, 5, 6]])
        #expect(data.count == 3)
        #expect(data.rowLines == [2, 3, 4])
        #expect(dataErrorMessage { _ = try Dataset(source: "synthetic", columns: ["N": [1, 2, 3], "loss": [4, 5]]) }
            == "synthetic: column 'loss' has 2 values, expected 3")
        #expect(dataErrorMessage { _ = try Dataset(source: "x", columns: ["N": [1]], rowLines: [2, 3]) }
            == "x: column 'N' has 1 value, expected 2")
        let empty = try Dataset(columns: [:])
        #expect(empty.count == 0)
        #expect(empty.source == "<input>")
    }

    @Test("selecting rows keeps lines and columns aligned")
    func selectingRows() throws {
        let data = try Dataset(source: "runs.csv", columns: ["N": [10, 20, 30, 40], "loss": [4, 3, 2, 1]])
        let picked = data.rows(at: [3, 1])
        #expect(picked.count == 2)
        #expect(picked.rowLines == [5, 3])
        #expect(isClose(try picked.column("N"), [40, 20]))
        #expect(isClose(try picked.column("loss"), [1, 3]))
        let even = data.filtered { $0 % 2 == 0 }
        #expect(even.rowLines == [2, 4])
    }

    @Test("JSON round trip")
    func codable() throws {
        var data = try Dataset(source: "runs.csv", columns: ["N": [7e10, 1.4e12], "loss": [2.5, 2.1]], rowLines: [4, 9])
        data.columnLabels = ["N": "N_params"]
        let json = try JSONEncoder().encode(data)
        let back = try JSONDecoder().decode(Dataset.self, from: json)
        #expect(back == data)
    }
}
