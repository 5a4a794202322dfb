import Foundation

/// Calendar dates written as ISO 8601 text, read as decimal years so they can be compared,
/// fitted and differenced like any other number:
///
/// ```
/// YYYY-MM-DD  →  YYYY + (day of year − 1)/(days in year)      (2022-07-11 → 2022.5233)
/// YYYY-MM     →  the first day of the month
/// ```
/// Proleptic Gregorian calendar, years 1000–9999; no time of day or zone.
public enum ISODate {
    /// The decimal year of `text`, or `nil` when it is not a valid `YYYY-MM-DD` or `YYYY-MM`
    /// date (surrounding spaces allowed).
    public static func decimalYear(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        let body = Array(bytes[start..<end])
        guard body.count == 10 || body.count == 7 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = body[i]
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard body[4] == 0x2D, let year = digits(0..<4), year >= 1000, let month = digits(5..<7), (1...12).contains(month) else {
            return nil
        }
        var day = 1
        if body.count == 10 {
            guard body[7] == 0x2D, let d = digits(8..<10) else { return nil }
            day = d
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1, day <= lengths[month - 1] else { return nil }
        var dayOfYear = day
        for m in 0..<(month - 1) { dayOfYear += lengths[m] }
        return Double(year) + Double(dayOfYear - 1) / Double(leap ? 366 : 365)
    }
}
