import Foundation

/// Reads a delimited file piece by piece, row by row, so memory stays bounded by the size of a
/// piece (1 MiB by default) and the longest record, whatever the length of the file.
///
/// The syntax, the leniency and every message are those of ``CSVTable/parse(_:source:separator:)``
/// (the same byte-level reader runs on each piece): the file is cut only between records, so
/// each piece reads exactly as it would inside the whole file, and line numbers continue across
/// pieces. A quoted field left open keeps the rest of the file in one piece until the end,
/// where it is reported as ``DataError/unterminatedQuote(source:line:)``.
///
/// ```swift
/// var stream = try CSVStream(contentsOf: url)
/// try stream.forEachRow { fields, line in … }
/// ```
public struct CSVStream {
    /// Column names, in file order.
    public private(set) var header: [String] = []
    /// The file name used in messages.
    public let source: String
    /// The separator in use (given, or detected from the header line).
    public let separator: Character

    /// The file; `nil` for a stream over bytes in memory (``init(bytes:source:separator:)``).
    private let handle: FileHandle?
    private let pieceSize: Int
    private let separatorByte: UInt8
    /// Bytes read but not yet turned into records; always starts at a record boundary.
    private var buffer: [UInt8] = []
    private var atEnd = false
    private var nextLine = 1
    private var startsFile = true
    /// Records of the current piece (the header's piece holds data rows too), as bytes.
    private var pending = CSVRecordStore()
    /// The first record of `pending` not yet handed out.
    private var pendingNext = 0
    /// For a stream over bytes in memory read in pieces, the bytes not yet handed out
    /// (from `memoryNext` on).
    private var memory: [UInt8] = []
    private var memoryNext = 0

    /// Opens `url` and reads its header.
    ///
    /// - Parameters:
    ///   - url: A file URL.
    ///   - source: The name used in messages; `nil` uses the file name.
    ///   - separator: As in ``CSVTable/parse(_:source:separator:)``.
    ///   - pieceSize: Bytes read at a time (at least 64).
    /// - Throws: ``DataError/noSuchFile(path:)``, ``DataError/isDirectory(path:)``,
    ///   ``DataError/unreadableFile(path:reason:)``, ``DataError/notUTF8(source:)``,
    ///   ``DataError/emptyFile(source:)``, ``DataError/duplicateColumn(source:column:firstField:secondField:)``,
    ///   ``DataError/unsupportedSeparator(_:)`` and the syntax errors of the header record.
    public init(contentsOf url: URL, source: String? = nil, separator: Character? = nil, pieceSize: Int = 1 << 20) throws {
        let path = url.relativePath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataError.noSuchFile(path: path)
        }
        guard !isDirectory.boolValue else { throw DataError.isDirectory(path: path) }
        let file: FileHandle
        do {
            file = try FileHandle(forReadingFrom: url)
        } catch {
            throw DataError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        handle = file
        self.source = source ?? url.lastPathComponent
        self.pieceSize = Swift.max(64, pieceSize)

        if let separator {
            guard let ascii = separator.asciiValue, separator != "\"", separator != "\n", separator != "\r" else {
                throw DataError.unsupportedSeparator(String(separator))
            }
            separatorByte = ascii
        } else {
            // Read until the header line is complete, then detect as the whole-file reader does.
            var detected: UInt8?
            var first: [UInt8] = []
            while detected == nil {
                let more = try Self.read(file, count: self.pieceSize, path: path)
                if more.isEmpty { break }
                first.append(contentsOf: more)
                detected = first.withUnsafeBufferPointer { CSVReader.detectSeparator($0, atEnd: false) }
            }
            buffer = first
            atEnd = detected == nil
            separatorByte = detected ?? buffer.withUnsafeBufferPointer { CSVReader.detectSeparator($0) }
        }
        self.separator = Character(Unicode.Scalar(separatorByte))
        try readHeader()
    }

    /// A stream over bytes already in memory (a table a program made, such as the points read
    /// from training logs), with the syntax, checks and messages of a file.
    ///
    /// - Parameters:
    ///   - bytes: The whole table.
    ///   - source: The name used in messages.
    ///   - separator: As in ``CSVTable/parse(_:source:separator:)``.
    ///   - pieceSize: `nil` (the default) reads the bytes as one piece; a size (at least 64)
    ///     hands them out that many at a time, exactly as a file is read.
    /// - Throws: ``DataError/unsupportedSeparator(_:)``, ``DataError/notUTF8(source:)``,
    ///   ``DataError/emptyFile(source:)``, ``DataError/duplicateColumn(source:column:firstField:secondField:)``.
    public init(bytes: [UInt8], source: String, separator: Character? = nil, pieceSize: Int? = nil) throws {
        handle = nil
        self.source = source
        self.pieceSize = Swift.max(64, pieceSize ?? bytes.count)
        if let separator {
            guard let ascii = separator.asciiValue, separator != "\"", separator != "\n", separator != "\r" else {
                throw DataError.unsupportedSeparator(String(separator))
            }
            separatorByte = ascii
        } else {
            separatorByte = bytes.withUnsafeBufferPointer { CSVReader.detectSeparator($0) }
        }
        if pieceSize == nil {
            buffer = bytes
            atEnd = true
        } else {
            memory = bytes
        }
        self.separator = Character(Unicode.Scalar(separatorByte))
        try readHeader()
    }

    /// Reads the header, the first record of the first piece, and checks its names.
    private mutating func readHeader() throws {
        var header: [String]?
        while header == nil {
            guard try nextPiece() else { break }
            if pending.count > 0 {
                header = pending.strings(of: 0)
                pendingNext = 1
            }
        }
        guard let header else { throw DataError.emptyFile(source: self.source) }
        var seen: [String: Int] = [:]
        for (k, name) in header.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                throw DataError.duplicateColumn(source: self.source, column: name, firstField: first + 1, secondField: k + 1)
            }
            seen[name] = k
        }
        self.header = header
    }

    /// Calls `body` with every data row, in file order, and the file line it starts on.
    ///
    /// - Throws: ``DataError/raggedRow(source:line:expected:got:)``, the syntax errors of
    ///   ``CSVTable/parse(_:source:separator:)``, ``DataError/notUTF8(source:)``, and whatever `body` throws.
    public mutating func forEachRow(_ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        try forEachRecord { record, line in
            try body((0..<record.count).map { record.string($0) }, line)
        }
    }

    /// Calls `body` with every data row as raw field bytes (valid only during the call), in
    /// file order, and the file line it starts on: the same rows, checks and errors as
    /// ``forEachRow(_:)`` without making a `String` per cell.
    mutating func forEachRecord(_ body: (_ record: CSVRecordView, _ line: Int) throws -> Void) throws {
        try forEachRecord(plain: nil, plainRows: { _, _ in }, body)
    }

    /// As ``forEachRecord(_:)``, except that every piece after the header's that
    /// ``PlainNumericRows`` accepts goes to `plainRows` as its wanted columns (already numbers)
    /// and the line of its first row (its rows are on consecutive lines), never to `body`. The
    /// pieces it declines, and the header's, go to `body` record by record as before.
    mutating func forEachRecord(
        plain: PlainNumericRows?, plainRows: (_ columns: [[Double]], _ firstLine: Int) throws -> Void,
        _ body: (_ record: CSVRecordView, _ line: Int) throws -> Void
    ) throws {
        while true {
            do {
                let store = pending
                let expected = header.count
                let source = self.source
                try store.bytes.withUnsafeBufferPointer { bytes in
                    try store.fieldEnds.withUnsafeBufferPointer { ends in
                        for r in pendingNext..<store.count {
                            let first = store.firstField(of: r)
                            let count = store.recordEnds[r] - first
                            guard count == expected else {
                                throw DataError.raggedRow(source: source, line: store.lines[r], expected: expected, got: count)
                            }
                            try body(CSVRecordView(bytes: bytes, fieldEnds: ends, first: first, count: count), store.lines[r])
                        }
                    }
                }
            }
            pendingNext = 0
            var plainPiece: (columns: [[Double]], firstLine: Int)?
            guard try nextPiece(plain: plain, plainPiece: &plainPiece) else { return }
            if let plainPiece { try plainRows(plainPiece.columns, plainPiece.firstLine) }
        }
    }

    // MARK: - Pieces

    /// Reads records from the next stretch of complete records into `pending`; `false` at the end.
    private mutating func nextPiece() throws -> Bool {
        var unused: (columns: [[Double]], firstLine: Int)?
        return try nextPiece(plain: nil, plainPiece: &unused)
    }

    /// As ``nextPiece()``; a piece that `plain` accepts (never the first) is not tokenised but
    /// returned in `plainPiece`, with `pending` left empty.
    private mutating func nextPiece(plain: PlainNumericRows?, plainPiece: inout (columns: [[Double]], firstLine: Int)?) throws -> Bool {
        plainPiece = nil
        while true {
            let cut = atEnd ? buffer.count : recordBoundary()
            if cut > 0 {
                if let plain, !startsFile {
                    let separator = separatorByte
                    if let columns = buffer.withUnsafeBufferPointer({ plain.read(UnsafeBufferPointer(rebasing: $0[0..<cut]), separator: separator) }) {
                        // Plain ASCII (so valid UTF-8), one record a line.
                        pending.removeAll()
                        plainPiece = (columns, nextLine)
                        nextLine += columns.first?.count ?? 0
                        buffer.removeFirst(cut)
                        return true
                    }
                }
                let piece = buffer[0..<cut]
                guard String(validating: piece, as: UTF8.self) != nil else { throw DataError.notUTF8(source: source) }
                pending.removeAll()
                let (separator, source, firstLine, first) = (separatorByte, self.source, nextLine, startsFile)
                var store = CSVRecordStore()
                swap(&store, &pending)
                nextLine = try piece.withUnsafeBufferPointer { bytes in
                    try CSVReader(bytes: bytes, separator: separator, source: source, firstLine: firstLine, startsFile: first)
                        .read(into: &store)
                }
                swap(&store, &pending)
                buffer.removeFirst(cut)
                startsFile = false
                return true
            }
            if atEnd { return false }
            guard let handle else {
                if memoryNext < memory.count {
                    let end = Swift.min(memory.count, memoryNext + pieceSize)
                    buffer.append(contentsOf: memory[memoryNext..<end])
                    memoryNext = end
                } else {
                    atEnd = true
                }
                continue
            }
            let more = try Self.read(handle, count: pieceSize, path: source)
            if more.isEmpty {
                atEnd = true
            } else {
                buffer.append(contentsOf: more)
            }
        }
    }

    /// The index just past the last record break in `buffer` that the reader would also see as
    /// one (a line break outside a quoted field), or 0 when there is none yet. A CR at the very
    /// end is left for the next read, which may bring its LF.
    private func recordBoundary() -> Int {
        // Without quotes or carriage returns the boundary is just past the last line feed
        // (found by two library scans and a short backward one instead of the state machine).
        let quick = buffer.withUnsafeBufferPointer { b -> Int? in
            guard let base = b.baseAddress, b.count > 0 else { return 0 }
            if memchr(base, Int32(UInt8(ascii: "\"")), b.count) != nil || memchr(base, Int32(UInt8(ascii: "\r")), b.count) != nil {
                return nil
            }
            var i = b.count
            while i > 0, base[i - 1] != UInt8(ascii: "\n") { i -= 1 }
            return i
        }
        if let quick { return quick }
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        var boundary = 0
        var inQuoted = false
        var fieldStart = true
        var i = 0
        let n = buffer.count
        while i < n {
            let b = buffer[i]
            if inQuoted {
                if b == quote {
                    if i + 1 >= n { return boundary }  // a doubled quote may continue in the next read
                    if buffer[i + 1] == quote {
                        i += 2
                        continue
                    }
                    inQuoted = false
                }
            } else if b == lf {
                boundary = i + 1
                fieldStart = true
            } else if b == cr {
                if i + 1 >= n { return boundary }
                boundary = buffer[i + 1] == lf ? i + 2 : i + 1
                fieldStart = true
                if buffer[i + 1] == lf { i += 1 }
            } else if b == separatorByte {
                fieldStart = true
            } else if b == quote, fieldStart {
                inQuoted = true
                fieldStart = false
            } else if b != space, b != tab {
                fieldStart = false
            }
            i += 1
        }
        return boundary
    }

    private static func read(_ handle: FileHandle, count: Int, path: String) throws -> [UInt8] {
        do {
            guard let data = try handle.read(upToCount: count) else { return [] }
            return [UInt8](data)
        } catch {
            throw DataError.unreadableFile(path: path, reason: error.localizedDescription)
        }
    }
}
