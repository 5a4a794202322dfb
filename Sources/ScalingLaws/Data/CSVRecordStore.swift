/// The records of a stretch of delimited text as raw UTF-8 bytes, in flat arrays that are reused
/// from piece to piece, so reading allocates nothing per cell.
///
/// Field `f` of the store spans `bytes[fieldEnds[f − 1] ..< fieldEnds[f]]` (quotes removed,
/// doubled quotes undoubled, surrounding spaces trimmed, exactly the text ``CSVReader`` would
/// turn into a `String`); record `r` holds fields `recordEnds[r − 1] ..< recordEnds[r]` and
/// starts on file line `lines[r]`.
struct CSVRecordStore {
    var bytes: [UInt8] = []
    var fieldEnds: [Int] = []
    var recordEnds: [Int] = []
    var lines: [Int] = []

    /// The number of records.
    var count: Int { recordEnds.count }

    /// Forgets every record, keeping the capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        recordEnds.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
    }

    /// Index of the first field of record `r`.
    @inline(__always)
    func firstField(of r: Int) -> Int { r == 0 ? 0 : recordEnds[r - 1] }

    /// The number of fields of record `r`.
    @inline(__always)
    func fieldCount(of r: Int) -> Int { recordEnds[r] - firstField(of: r) }

    /// The text of field `f` (an index over the whole store).
    func string(field f: Int) -> String {
        let start = f == 0 ? 0 : fieldEnds[f - 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<fieldEnds[f]]), as: UTF8.self) }
    }

    /// The fields of record `r` as strings.
    func strings(of r: Int) -> [String] {
        (firstField(of: r)..<recordEnds[r]).map { string(field: $0) }
    }

    /// Appends a record given as strings (for records already turned into text).
    mutating func append(record fields: [String], line: Int) {
        for field in fields {
            bytes.append(contentsOf: field.utf8)
            fieldEnds.append(bytes.count)
        }
        recordEnds.append(fieldEnds.count)
        lines.append(line)
    }
}

/// One record of a ``CSVRecordStore``, valid only inside the call that hands it out.
struct CSVRecordView {
    let bytes: UnsafeBufferPointer<UInt8>
    let fieldEnds: UnsafeBufferPointer<Int>
    /// Index of the record's first field in the store.
    let first: Int
    /// The number of fields.
    let count: Int

    /// The bytes of field `k` of the record (0-based).
    @inline(__always)
    func field(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        let f = first + k
        let start = f == 0 ? 0 : fieldEnds[f - 1]
        return UnsafeBufferPointer(rebasing: bytes[start..<fieldEnds[f]])
    }

    /// The text of field `k`.
    func string(_ k: Int) -> String {
        String(decoding: field(k), as: UTF8.self)
    }
}
