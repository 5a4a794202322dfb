/// Reading a number from a table cell, with the shorthand people use for model and data sizes.
///
/// Accepted, after trimming surrounding whitespace:
///
/// ```
/// 42   -3   +0.5   .5   5.   5.76e23   1E-3          plain decimal and scientific notation
/// 1,234   12,345,678.5                              thousands separators: groups of three digits
/// 12k  12K  350M  350m  70B  70b  1.4T  1.4t  70 B  size suffixes, case-insensitive
/// nan  NaN  inf  -inf  Infinity                     non-finite values (returned, so callers can
///                                                   report "expected a finite number")
/// ```
///
/// | suffix | factor | meaning |
/// | ------ | ------ | ------- |
/// | `k`, `K` | 10³ | thousand |
/// | `m`, `M` | 10⁶ | million (never milli) |
/// | `b`, `B` | 10⁹ | billion (as in "70B parameters") |
/// | `t`, `T` | 10¹² | trillion (as in "1.4T tokens") |
///
/// A suffix scales the decimal exponent before conversion, so `1.4T` is exactly the double
/// nearest 1.4 × 10¹², the same as `1.4e12`. Anything else (`70 bananas`, `1,23`, `0x10`, an
/// empty cell) is not a number.
public enum NumericCell {
    /// The size suffixes and the power of ten each stands for.
    public static let suffixExponents: [Character: Int] = [
        "k": 3, "K": 3, "m": 6, "M": 6, "b": 9, "B": 9, "t": 12, "T": 12,
    ]

    /// The value of a cell, or `nil` when it is not a number.
    ///
    /// - Parameter text: The cell as written.
    /// - Returns: The value; `.nan` for `nan`, `±.infinity` for `inf`/`infinity` (any case) and for
    ///   values beyond the range of `Double`; `nil` for anything that is not a number.
    public static func parse(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, scalars[start].properties.isWhitespace { start += 1 }
        while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        guard start < end else { return nil }
        let body = scalars[start..<end]

        var i = body.startIndex
        var negative = false
        if body[i] == "+" || body[i] == "-" {
            negative = body[i] == "-"
            i += 1
        }

        let word = String(String.UnicodeScalarView(body[i...])).lowercased()
        if word == "nan" { return .nan }
        if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }

        // Integer part, with optional thousands separators.
        var integerDigits = ""
        var groupLength = 0
        var sawComma = false
        while i < body.endIndex {
            let s = body[i]
            if isDigit(s) {
                integerDigits.unicodeScalars.append(s)
                groupLength += 1
            } else if s == "," {
                // A comma must follow 1–3 digits (first group) or exactly 3 (later groups).
                guard groupLength >= 1, groupLength <= 3, !sawComma || groupLength == 3 else { return nil }
                sawComma = true
                groupLength = 0
            } else {
                break
            }
            i += 1
        }
        if sawComma, groupLength != 3 { return nil }

        // Fraction.
        var fractionDigits = ""
        if i < body.endIndex, body[i] == "." {
            i += 1
            while i < body.endIndex, isDigit(body[i]) {
                fractionDigits.unicodeScalars.append(body[i])
                i += 1
            }
        }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }

        // Exponent.
        var exponent = 0
        if i < body.endIndex, body[i] == "e" || body[i] == "E" {
            i += 1
            var exponentNegative = false
            if i < body.endIndex, body[i] == "+" || body[i] == "-" {
                exponentNegative = body[i] == "-"
                i += 1
            }
            var digits = 0
            while i < body.endIndex, isDigit(body[i]) {
                // Clamp: beyond ±100000 the value is 0 or infinite either way.
                exponent = Swift.min(exponent * 10 + Int(body[i].value - 48), 100_000)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if exponentNegative { exponent = -exponent }
        }

        // Optional size suffix, possibly after spaces.
        var j = i
        while j < body.endIndex, body[j] == " " { j += 1 }
        if j < body.endIndex {
            guard j == body.endIndex - 1, let power = suffixExponents[Character(body[j])] else { return nil }
            exponent += power
        } else if j != i {
            return nil  // unreachable: trailing spaces were trimmed
        }

        let normalized = (negative ? "-" : "") + (integerDigits.isEmpty ? "0" : integerDigits)
            + "." + (fractionDigits.isEmpty ? "0" : fractionDigits) + "e" + String(exponent)
        return Double(normalized)
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool {
        s.value >= 48 && s.value <= 57
    }
}
