import ScalingLaws

/// libFuzzer entry point for the CSV reader.
///
/// For any bytes: reading never crashes or hangs; every error is a `DataError` whose message
/// is one non-empty line (no line break, control character, line separator or bidirectional
/// control: `MessageText.isOneLine`); a table that reads is rectangular, serializes, and reads
/// back to the same header and rows (with the separator it was read with and with every other
/// separator);
/// every cell either is a number per `NumericCell` or is not, and `Dataset` conversion of all
/// columns agrees with cell-by-cell parsing; and the streaming reader in small pieces, whose
/// plain pieces take the fast path (`PlainNumericRows`), reads the same dataset.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    CSVFuzzChecks.check(text)
    return 0
}

enum CSVFuzzChecks {
    static func check(_ text: String) {
        for separator in [nil, ",", ";", "\t"] as [Character?] {
            let table: CSVTable
            do {
                table = try CSVTable.parse(text, source: "fuzz.csv", separator: separator)
            } catch let error as DataError {
                let message = error.description
                precondition(!message.isEmpty && !message.contains(where: \.isNewline) && MessageText.isOneLine(message),
                         "multi-line message: \(message.debugDescription)")
                continue
            } catch {
                preconditionFailure("CSVTable.parse threw a non-DataError: \(error)")
            }
            precondition(table.rows.allSatisfy { $0.count == table.header.count }, "ragged table accepted")
            precondition(table.lineNumbers.count == table.rows.count, "line numbers do not match rows")
            precondition(zip(table.lineNumbers, table.lineNumbers.dropFirst()).allSatisfy { $0 < $1 }, "lines not increasing")
            for writeSeparator in [",", ";", "\t"] as [Character] {
                let written = table.serialized(separator: writeSeparator)
                let reread: CSVTable
                do {
                    reread = try CSVTable.parse(written, source: "fuzz.csv")
                } catch {
                    preconditionFailure("serialized table does not read back (\(error)):\n\(written)")
                }
                precondition(reread.header == table.header, "header changed in round trip: \(table.header) -> \(reread.header)")
                precondition(reread.rows == table.rows, "rows changed in round trip: \(table.rows) -> \(reread.rows)")
            }
            // Cell conversion agrees with the dataset conversion.
            guard !table.rows.isEmpty, !table.header.contains(where: \.isEmpty) else { continue }
            checkStreamedPieces(text, table: table, separator: separator)
            var allNumeric = true
            for row in table.rows {
                for cell in row {
                    guard let value = NumericCell.parse(cell), value.isFinite else {
                        allNumeric = false
                        continue
                    }
                }
            }
            do {
                let dataset = try Dataset(table: table, columns: table.header)
                precondition(allNumeric, "Dataset accepted a non-numeric or non-finite cell")
                precondition(dataset.count == table.rows.count, "Dataset lost rows")
            } catch let error as DataError {
                precondition(MessageText.isOneLine(error.description), "multi-line message: \(error.description.debugDescription)")
                precondition(!allNumeric || isColumnLookupError(error), "Dataset rejected numeric cells: \(error)")
            } catch {
                preconditionFailure("Dataset threw a non-DataError: \(error)")
            }
        }
    }

    /// The streaming reader in small pieces (64 and 200 bytes, so every piece after the
    /// header's is offered to the plain fast path, `PlainNumericRows`, which takes the plain
    /// ones and declines the rest to the general reader) reads the same dataset as the whole
    /// table, bit for bit with the same row lines, or fails where the whole table fails, with
    /// a one-line message.
    static func checkStreamedPieces(_ text: String, table: CSVTable, separator: Character?) {
        let whole = try? Dataset(table: table, columns: table.header)
        for pieceSize in [64, 200] {
            var streamed: Dataset?
            do {
                let stream = try CSVStream(bytes: Array(text.utf8), source: "fuzz.csv", separator: separator, pieceSize: pieceSize)
                streamed = try Dataset(stream: stream, columns: table.header)
            } catch let error as DataError {
                precondition(MessageText.isOneLine(error.description), "multi-line message: \(error.description.debugDescription)")
            } catch {
                preconditionFailure("the streamed Dataset threw a non-DataError: \(error)")
            }
            precondition((streamed == nil) == (whole == nil), "streamed (pieces of \(pieceSize)) and whole-table reads disagree on success")
            guard let streamed, let whole else { continue }
            precondition(streamed.rowLines == whole.rowLines, "streamed row lines differ: \(streamed.rowLines) vs \(whole.rowLines)")
            precondition(streamed.columns.keys.sorted() == whole.columns.keys.sorted(), "streamed columns differ")
            for (name, values) in whole.columns {
                let other = streamed.columns[name] ?? []
                precondition(other.map(\.bitPattern) == values.map(\.bitPattern), "streamed values of \(name) differ: \(other) vs \(values)")
            }
        }
    }

    /// Header names that differ only in case make a case-insensitive lookup ambiguous.
    static func isColumnLookupError(_ error: DataError) -> Bool {
        if case .missingColumn = error { return true }
        return false
    }
}
