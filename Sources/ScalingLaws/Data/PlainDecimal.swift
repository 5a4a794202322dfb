/// A fast reader for the common case of a numeric cell: a plain decimal in ASCII,
///
/// ```
/// [+|-] digits [. digits] [(e|E) [+|-] digits]        at least one digit before the exponent
/// ```
/// with at most 19 significant digits whose value `m` fits in 2⁵³ and a decimal exponent
/// `k` (after moving the point) with `|k| ≤ 22`. Then `m` and `10^|k|` are exact doubles and
/// `m · 10^k` (or `m / 10^−k`) is one correctly rounded operation (Clinger 1990, "How to read
/// floating point numbers accurately", the fast path): the same double as the full rules of
/// ``NumericCell/parse(_:)``, which read the text with a correctly rounded conversion.
///
/// Anything else (whitespace, thousands separators, size suffixes, `nan`, long mantissas, large
/// exponents, a malformed cell) returns `nil`, and the caller falls back to ``NumericCell``,
/// which also produces the error messages.
enum PlainDecimal {
    /// Exact powers of ten 10⁰ … 10²².
    private static let powers: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// The value of `bytes`, or `nil` when the fast path does not apply.
    @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        var i = 0
        guard n > 0 else { return nil }
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significant = 0
        var scale = 0
        while i < n, bytes[i] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
            if mantissa > 0 { significant += 1 }
            digits += 1
            i += 1
        }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, bytes[i] &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
                if mantissa > 0 { significant += 1 }
                digits += 1
                scale -= 1
                i += 1
            }
        }
        guard digits > 0, significant <= 19 else { return nil }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while i < n, bytes[i] &- 48 < 10 {
                exponent = Swift.min(exponent * 10 + Int(bytes[i] &- 48), 100_000)
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            scale += exponentNegative ? -exponent : exponent
        }
        guard i == n, mantissa <= 1 << 53 else { return nil }
        var value = Double(mantissa)
        if mantissa != 0 {
            guard scale >= -22, scale <= 22 else { return nil }
            value = scale >= 0 ? value * powers[scale] : value / powers[-scale]
        }
        return negative ? -value : value
    }
}
