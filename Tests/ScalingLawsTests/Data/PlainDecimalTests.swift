import Foundation
@testable import ScalingLaws
import NonlinearFit
import TestSupport
import Testing

/// The fast path for plain decimal cells must give the very double the full rules give (the
/// standard library's correctly rounded conversion), and must decline everything else so the
/// full rules (and their error messages) apply.
@Suite("plain decimal fast path")
struct PlainDecimalTests {
    static func fast(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { PlainDecimal.parse($0) }
    }

    @Test("plain decimals read as Double(text) does, bit for bit", arguments: [
        "0", "-0", "+0.5", ".5", "5.", "42", "-3", "1e-3", "1E+07", "5.76e23", "3.123456", "2.00000e+08",
        "1.03532e+07", "9007199254740992", "0.1", "0.3", "123456789012345", "1e22", "1e-22", "4.35e-5",
        "0.000001", "17.5e-3", "1.797693134862315", "36.929751",
    ])
    func matchesStandardLibrary(_ text: String) throws {
        let value = try #require(Self.fast(text))
        let expected = try #require(Double(text))
        #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) vs \(expected)")
        #expect(NumericCell.parse(text)?.bitPattern == expected.bitPattern)
    }

    @Test("20,000 seeded random decimals read bit for bit as Double(text)")
    func randomDecimals() {
        var rng = SeededGenerator(seed: 7)
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let digits = 1 + Int(rng.next() % 16)
            var mantissa = ""
            for _ in 0..<digits { mantissa.append(Character(String(rng.next() % 10))) }
            let point = Int(rng.next() % UInt64(digits + 1))
            var text = String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
            if rng.next() % 2 == 0 { text += "e\(Int(rng.next() % 31) - 15)" }
            if rng.next() % 4 == 0 { text = "-" + text }
            guard let expected = Double(text) else { continue }
            guard let value = Self.fast(text) else { continue }  // declined: the full rules read it
            if value.bitPattern != expected.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("everything but a short plain decimal is left to the full rules", arguments: [
        "", " 5", "5 ", "1,234", "12k", "1.4T", "70 B", "nan", "inf", "-infinity", "e5", ".", "-", "1e", "1e+",
        "0x10", "1.2.3", "12345678901234567890", "1e23", "1e-23", "9007199254740993", "1e400", "70 bananas",
    ])
    func declines(_ text: String) {
        #expect(Self.fast(text) == nil)
    }

    @Test("a streamed file with shorthand, quoted and plain cells reads as the full rules read each cell")
    func mixedCells() throws {
        let directory = try makeDataTestDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("runs.csv")
        try "N,D,loss\n1.2M,\"20,000,000\",3.5\n 70B ,1.4T,2.25e0\n\"400000\",5e9,.5\n".write(to: url, atomically: true, encoding: .utf8)
        let data = try Dataset(contentsOf: url, columns: ["N", "D", "loss"])
        #expect(try data.column("N") == [1.2e6, 70e9, 4e5])
        #expect(try data.column("D") == [2e7, 1.4e12, 5e9])
        #expect(try data.column("loss") == [3.5, 2.25, 0.5])
        #expect(data.rowLines == [2, 3, 4])
    }
}
