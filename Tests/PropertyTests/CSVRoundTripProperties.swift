import PropertyBased
import ScalingLaws
import Testing

/// Writing a table and reading it back gives the same table, whatever the cells hold:
/// separators of every kind, quotes, line breaks (LF, CR, CRLF), leading and trailing spaces,
/// empty cells, and non-ASCII text (accents, combining marks, CJK, emoji, a byte-order mark).
@Suite("CSV round trip (property)")
struct CSVRoundTripProperties {
    /// Characters cells are built from: the syntax characters of every separator and of
    /// quoting, whitespace, and Unicode that is easy to mangle.
    static let alphabet: [Character] = [
        "a", "Z", "0", "7", ".", "-", "e", ",", ";", "\t", "\"", " ", "\n", "\r", "\r\n", "'", "=", "#",
        "é", "ß", "日", "本", "🙂", "\u{0301}", "\u{FEFF}", "\u{00A0}",
    ]

    static let cell = Gen<Character?>.element(of: alphabet).compactMap { $0 }.string(of: 0...6)

    /// A table of 1–5 columns and 0–6 rows. Header names get their column number appended,
    /// so they are unique and never empty.
    static let table = Gen.int(in: 1...5).flatMap { columns in
        zip(cell.array(of: columns), cell.array(of: columns).array(of: 0...6))
    }.map { header, rows in
        CSVTable(header: header.enumerated().map { "\($1)\($0)" }, rows: rows)
    }

    @Test("parse(serialized(separator:)) gives the table back", arguments: [",", ";", "\t"] as [Character])
    func roundTrip(separator: Character) throws {
        SeededProperty.check(seed: 0xC5F, count: 400, Self.table) { table in
            let text = table.serialized(separator: separator)
            let read = try CSVTable.parse(text, source: "t.csv")
            #expect(read.header == table.header, "header of \(text.debugDescription)")
            #expect(read.rows == table.rows, "rows of \(text.debugDescription)")
            #expect(read.lineNumbers == table.lineNumbers, "line numbers of \(text.debugDescription)")
        }
    }

    @Test("the separator is detected from the written header")
    func detectedSeparator() throws {
        SeededProperty.check(seed: 0x5E9, count: 200, zip(Self.table, Gen<Character?>.element(of: [",", ";", "\t"] as [Character]))) { table, separator in
            let text = table.serialized(separator: separator ?? ",")
            // With one column there is nothing to detect; any separator reads it back.
            let read = try CSVTable.parse(text, source: "t.csv")
            #expect(read.rows == table.rows, "\(text.debugDescription)")
        }
    }

    @Test("CRLF line endings and a byte-order mark read as the same table")
    func crlfAndBOM() throws {
        SeededProperty.check(seed: 0xB0B, count: 200, Self.table) { table in
            let text = table.serialized()
            // CRLF outside quoted fields only: quoted fields keep their own line breaks.
            let plain = table.rows.allSatisfy { $0.allSatisfy { !$0.contains("\"") && !$0.contains("\n") && !$0.contains("\r") } }
                && table.header.allSatisfy { !$0.contains("\"") && !$0.contains("\n") && !$0.contains("\r") }
            guard plain else { return }
            let windows = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
            let read = try CSVTable.parse(windows, source: "t.csv")
            #expect(read.header == table.header)
            #expect(read.rows == table.rows)
        }
    }
}

extension Generator {
    /// A generator whose output depends on a first draw (for sizes).
    func flatMap<NewValue, NewShrink: Sequence>(
        _ transform: @Sendable @escaping (ResultValue) -> Generator<NewValue, NewShrink>
    ) -> Generator<NewValue, Shrink.None<NewValue>> {
        Generator<NewValue, Shrink.None<NewValue>> { rng in
            let first = self.run(using: &rng)
            return transform(first).run(using: &rng)
        }
    }
}
