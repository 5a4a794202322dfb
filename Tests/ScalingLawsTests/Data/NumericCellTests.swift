import ScalingLaws
import TestSupport
import Testing

@Suite("NumericCell")
struct NumericCellTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let text: String
        let value: Double
        var testDescription: String { "'\(text)' = \(value)" }
        init(_ text: String, _ value: Double) {
            self.text = text
            self.value = value
        }
    }

    @Test("numbers, thousands separators and size suffixes", arguments: [
        Example("42", 42),
        Example("-3", -3),
        Example("+0.5", 0.5),
        Example(".5", 0.5),
        Example("5.", 5),
        Example("0", 0),
        Example("-0.0", 0),
        Example("5.76e23", 5.76e23),
        Example("5.76E+23", 5.76e23),
        Example("1E-3", 1e-3),
        Example("  7 ", 7),
        Example("\t2.5\u{00A0}", 2.5),
        Example("1,234", 1234),
        Example("12,345,678.5", 12_345_678.5),
        Example("-1,000", -1000),
        Example("12k", 1.2e4),
        Example("12K", 1.2e4),
        Example("350M", 3.5e8),
        Example("350m", 3.5e8),
        Example("70B", 7e10),
        Example("70b", 7e10),
        Example("1.4T", 1.4e12),
        Example("1.4t", 1.4e12),
        Example("2.8b", 2.8e9),
        Example("70 B", 7e10),
        Example("-2k", -2000),
        Example("1,500M", 1.5e9),
        Example("1e3k", 1e6),
        Example("0.5e-3T", 5e8),
    ])
    func parses(_ example: Example) {
        let value = NumericCell.parse(example.text)
        #expect(value.map { isClose($0, example.value, rel: 1e-15) } == true)
    }

    @Test("a suffix shifts the decimal exponent, so the result is correctly rounded")
    func suffixIsExact() {
        // Deliberately exact: 1.4 * 1e12 in binary may differ from 1.4e12 in the last bit.
        #expect(NumericCell.parse("1.4T") == Double("1.4e12"))
        #expect(NumericCell.parse("0.3B") == Double("0.3e9"))
        #expect(NumericCell.parse("6.9b") == Double("6.9e9"))
    }

    @Test("not numbers", arguments: [
        "", "   ", "70 bananas", "abc", "bananas 70", "1,23", "12,3456", ",123", "1,,234", "1,234,56",
        "1234,567", "0x10", "0x1p3", "1e", "1e+", "e5", "--1", "+-1", "1.2.3", "k", "12kk", "12 k k", "1 2",
        "nan(1)", "1_000", "5%", "12x", "$5", ".", "-", "12 K B", "1.4T tokens", "infinite",
    ])
    func rejects(text: String) {
        #expect(NumericCell.parse(text) == nil)
    }

    @Test("non-finite spellings are returned so callers can report them", arguments: ["nan", "NaN", "NAN", " nan "])
    func notANumber(text: String) {
        #expect(NumericCell.parse(text)?.isNaN == true)
    }

    @Test("infinities", arguments: [
        ("inf", Double.infinity), ("Inf", .infinity), ("+inf", .infinity), ("-inf", -.infinity),
        ("Infinity", .infinity), ("-INFINITY", -.infinity), ("1e400", .infinity), ("-2e308k", -.infinity),
    ])
    func infinities(text: String, value: Double) {
        #expect(NumericCell.parse(text) == value)
    }

    @Test("the documented suffix table")
    func suffixTable() {
        #expect(NumericCell.suffixExponents == ["k": 3, "K": 3, "m": 6, "M": 6, "b": 9, "B": 9, "t": 12, "T": 12])
    }
}
