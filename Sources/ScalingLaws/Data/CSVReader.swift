/// The byte-level RFC 4180 reader behind ``CSVTable/parse(_:source:separator:)``.
///
/// One pass over UTF-8 bytes, so the cost is linear in the size of the text. The separator
/// and the quote are ASCII, so they never occur inside a multi-byte UTF-8 sequence and the
/// bytes between them can be decoded as whole strings.
///
/// Accepted beyond strict RFC 4180: a leading UTF-8 byte-order mark, LF, CRLF or lone CR line
/// endings, blank lines (skipped), spaces or tabs around a field (trimmed; a quoted field keeps
/// its inner whitespace), and a `"` inside an unquoted field (kept literally).
struct CSVReader {
    /// The records in file order, blank lines left out, each with the line it starts on.
    struct Output {
        var records: [[String]] = []
        var lines: [Int] = []
        /// The line the next record would start on (for reading a file in pieces).
        var nextLine = 1
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    let bytes: UnsafeBufferPointer<UInt8>
    let separator: UInt8
    let source: String
    /// The file line `bytes` starts on (later pieces of a file read in pieces start further on).
    var firstLine = 1
    /// Whether `bytes` starts the file, where a byte-order mark is skipped.
    var startsFile = true

    /// Index of the first byte after a UTF-8 byte-order mark, if any.
    static func contentStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return 3 }
        return 0
    }

    /// Picks the separator among `,`, tab and `;` by counting each outside quotes on the first
    /// non-blank line. The most frequent wins; ties go to comma, then tab. With none present
    /// (a one-column file) the answer is comma.
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        detectSeparator(bytes, atEnd: true) ?? UInt8(ascii: ",")
    }

    /// As ``detectSeparator(_:)``, or `nil` when `bytes` ends before the first non-blank line
    /// does and `atEnd` is false (more of the file is needed to decide).
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> UInt8? {
        let candidates: [UInt8] = [UInt8(ascii: ","), tab, UInt8(ascii: ";")]
        var counts = [0, 0, 0]
        var inQuotes = false
        var sawContent = false
        var complete = atEnd
        var i = contentStart(bytes)
        while i < bytes.count {
            let b = bytes[i]
            if b == quote {
                inQuotes.toggle()
                sawContent = true
            } else if !inQuotes {
                if b == lineFeed || b == carriageReturn {
                    if sawContent {
                        complete = true
                        break
                    }
                } else if let k = candidates.firstIndex(of: b) {
                    counts[k] += 1
                    sawContent = true
                } else if b != space {
                    sawContent = true
                }
            }
            i += 1
        }
        guard complete else { return nil }
        var best = 0
        for k in 1..<candidates.count where counts[k] > counts[best] { best = k }
        return candidates[best]
    }

    private func isTrimmable(_ b: UInt8) -> Bool {
        (b == Self.space || b == Self.tab) && b != separator
    }

    /// Reads every record.
    /// - Throws: ``DataError/unterminatedQuote(source:line:)``,
    ///   ``DataError/textAfterQuote(source:line:field:)``.
    func read() throws -> Output {
        var store = CSVRecordStore()
        var out = Output()
        out.nextLine = try read(into: &store)
        out.records.reserveCapacity(store.count)
        for r in 0..<store.count { out.records.append(store.strings(of: r)) }
        out.lines = store.lines
        return out
    }

    /// Reads every record into `store` (appending), as raw bytes: no text is made per cell.
    /// Returns the line the next record would start on.
    /// - Throws: as ``read()``.
    func read(into store: inout CSVRecordStore) throws -> Int {
        let n = bytes.count
        var i = startsFile ? Self.contentStart(bytes) : 0
        var line = firstLine

        while i < n {
            let recordLine = line
            let recordStart = store.fieldEnds.count
            var anyQuoted = false

            record: while true {
                var j = i
                while j < n, isTrimmable(bytes[j]) { j += 1 }

                if j < n, bytes[j] == Self.quote {
                    // Quoted field: runs to the next quote not doubled.
                    anyQuoted = true
                    let openLine = line
                    j += 1
                    var segmentStart = j
                    var closed = false
                    while j < n {
                        let b = bytes[j]
                        if b == Self.quote {
                            if j + 1 < n, bytes[j + 1] == Self.quote {
                                store.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart...j]))
                                j += 2
                                segmentStart = j
                                continue
                            }
                            store.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<j]))
                            j += 1
                            closed = true
                            break
                        }
                        if b == Self.lineFeed {
                            line += 1
                        } else if b == Self.carriageReturn, !(j + 1 < n && bytes[j + 1] == Self.lineFeed) {
                            line += 1
                        }
                        j += 1
                    }
                    guard closed else { throw DataError.unterminatedQuote(source: source, line: openLine) }
                    store.fieldEnds.append(store.bytes.count)
                    while j < n, isTrimmable(bytes[j]) { j += 1 }
                    if j >= n {
                        i = j
                        break record
                    }
                    let b = bytes[j]
                    if b == separator {
                        i = j + 1
                        continue record
                    }
                    if b == Self.lineFeed || b == Self.carriageReturn {
                        i = skipLineBreak(at: j)
                        line += 1
                        break record
                    }
                    throw DataError.textAfterQuote(source: source, line: line, field: store.fieldEnds.count - recordStart)
                } else {
                    // Unquoted field: runs to the separator or the end of the line.
                    var k = j
                    while k < n {
                        let b = bytes[k]
                        if b == separator || b == Self.lineFeed || b == Self.carriageReturn { break }
                        k += 1
                    }
                    var end = k
                    while end > j, isTrimmable(bytes[end - 1]) { end -= 1 }
                    store.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[j..<end]))
                    store.fieldEnds.append(store.bytes.count)
                    if k >= n {
                        i = k
                        break record
                    }
                    if bytes[k] == separator {
                        i = k + 1
                        continue record
                    }
                    i = skipLineBreak(at: k)
                    line += 1
                    break record
                }
            }

            let fieldCount = store.fieldEnds.count - recordStart
            let recordBytes = store.fieldEnds[recordStart] - (recordStart == 0 ? 0 : store.fieldEnds[recordStart - 1])
            if fieldCount == 1, !anyQuoted, recordBytes == 0 {  // blank line
                store.fieldEnds.removeLast()
                continue
            }
            store.recordEnds.append(store.fieldEnds.count)
            store.lines.append(recordLine)
        }
        return line
    }

    /// The index after the line break at `index` (CRLF counts as one break).
    private func skipLineBreak(at index: Int) -> Int {
        if bytes[index] == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.lineFeed {
            return index + 2
        }
        return index + 1
    }
}
