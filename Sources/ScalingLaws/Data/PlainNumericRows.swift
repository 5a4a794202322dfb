import NonlinearFit

/// The fast path of reading numeric columns from a stretch of delimited text: one scan of the
/// bytes that splits the common case (plain ASCII, no quotes, no carriage returns, no spaces or
/// tabs to trim, no blank lines, every row as long as the header) into fields and converts the
/// fields of the wanted columns with ``PlainDecimal`` straight into columns, without making a
/// record store or a string.
///
/// It accepts a stretch only when every wanted cell is a plain decimal and every row has the
/// header's number of fields; then the values are those of the general reader (``CSVReader``
/// then ``PlainDecimal`` / ``NumericCell``) bit for bit, and the rows start on consecutive
/// lines. Anything else (a quote, CR, tab or space that is not the separator, a byte outside
/// ASCII, a blank line, a ragged row, a cell that is not a plain decimal) declines the whole
/// stretch, which the caller then reads with the general reader: the same values, or the same
/// error for the same file, row and column.
struct PlainNumericRows: Sendable {
    /// The wanted file columns (field indices), in the order of the output columns.
    let columns: [Int]
    /// The number of fields of every row (the header's).
    let fieldCount: Int
    /// For each field index, its output column, or −1.
    private let slots: [Int]

    /// A reader of `columns` from rows of `fieldCount` fields.
    init(columns: [Int], fieldCount: Int) {
        self.columns = columns
        self.fieldCount = fieldCount
        var slots = [Int](repeating: -1, count: fieldCount)
        for (k, c) in columns.enumerated() where c >= 0 && c < fieldCount && slots[c] < 0 { slots[c] = k }
        self.slots = slots
    }

    /// Stretches at least this long are read as two halves on two cores.
    static let parallelBytes = 1 << 16

    /// The wanted columns of every row of `bytes` (a stretch of whole records), or `nil` when
    /// the stretch is not in the common case. A long stretch is cut after the first line feed
    /// past its middle and the halves are read at once on two cores, then joined in order.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [[Double]]? {
        let n = bytes.count
        guard n >= Self.parallelBytes, let base = bytes.baseAddress else { return readSerially(bytes, separator: separator) }
        var cut = n / 2
        while cut < n, base[cut] != UInt8(ascii: "\n") { cut += 1 }
        cut += 1
        guard cut < n else { return readSerially(bytes, separator: separator) }
        let address = Int(bitPattern: base)
        let half = cut
        let halves = ParallelMap.map(count: 2) { [self] part -> [[Double]]? in
            guard let start = UnsafePointer<UInt8>(bitPattern: address) else { return nil }
            let stretch = part == 0
                ? UnsafeBufferPointer(start: start, count: half) : UnsafeBufferPointer(start: start + half, count: n - half)
            return readSerially(stretch, separator: separator)
        }
        guard halves.count == 2, var joined = halves[0], let second = halves[1] else { return nil }
        for k in joined.indices { joined[k].append(contentsOf: second[k]) }
        return joined
    }

    /// ``read(_:separator:)`` on one core.
    func readSerially(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [[Double]]? {
        let lineFeed = UInt8(ascii: "\n")
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress, fieldCount > 0, !columns.isEmpty,
              columns.allSatisfy({ $0 >= 0 && $0 < fieldCount }), slots.filter({ $0 >= 0 }).count == columns.count
        else { return nil }
        // Bytes that send a stretch to the general reader (the separator excepted).
        var unusual = [Bool](repeating: false, count: 256)
        for b in [UInt8(ascii: "\""), UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t")] { unusual[Int(b)] = true }
        for b in 0x80...0xFF { unusual[b] = true }
        unusual[Int(separator)] = false
        var out = [[Double]](repeating: [], count: columns.count)
        var estimate = 0
        for i in 0..<n where base[i] == lineFeed { estimate += 1 }
        for k in out.indices { out[k].reserveCapacity(estimate + 1) }
        let ok = unusual.withUnsafeBufferPointer { unusual -> Bool in
            slots.withUnsafeBufferPointer { slots -> Bool in
                var i = 0
                while i < n {
                    var field = 0
                    if base[i] == lineFeed { return false }  // a blank line
                    while true {
                        let start = i
                        while i < n {
                            let b = base[i]
                            if b == separator || b == lineFeed { break }
                            if unusual[Int(b)] { return false }
                            i += 1
                        }
                        guard field < fieldCount else { return false }
                        let slot = slots[field]
                        if slot >= 0 {
                            guard let value = PlainDecimal.parse(UnsafeBufferPointer(start: base + start, count: i - start)) else {
                                return false
                            }
                            out[slot].append(value)
                        }
                        field += 1
                        if i >= n || base[i] == lineFeed { break }
                        i += 1  // the separator
                    }
                    guard field == fieldCount else { return false }
                    if i < n { i += 1 }  // the line feed
                }
                return true
            }
        }
        return ok ? out : nil
    }
}
