/// Dates as decimal years, the time axis of trend fits.
///
/// Convention: the start of day `d` (1-based day of the year) of year `Y` is
///
/// ```
/// t = Y + (d − 1) / (days in Y)          days in Y = 366 in leap years, else 365
/// ```
/// so `2023-01-01` is `2023.0`, `2023-03-15` (day 74) is `2023 + 73/365 = 2023.2`, and
/// `2024-12-31` is `2024 + 365/366`. Leap years follow the Gregorian rule (divisible by 4, except
/// centuries not divisible by 400). With this convention the OLS of Cottier et al.'s 45 frontier
/// costs gives their 0.389 OOM/yr (95% CI 0.293–0.485), R² = 0.608.
///
/// Cells are read by ``parse(_:)``: an ISO calendar date `YYYY-MM-DD` (four-digit year, an
/// optional leading sign is not accepted), or a decimal year written as digits with an optional
/// sign and fraction (`2023`, `2023.2`, `-50.5`), after trimming surrounding whitespace.
/// Exponents, thousands separators, size suffixes, `nan` and `inf` are not dates.
public enum DecimalYear {
    /// The decimal year of a cell, or `nil` when it is neither an ISO date nor a decimal year
    /// (or an ISO-shaped cell that names no calendar day, such as `2023-02-30`).
    public static func parse(_ text: String) -> Double? {
        if case let .value(t) = read(text) { return t }
        return nil
    }

    /// The decimal year of a calendar date, or `nil` for a month outside 1–12 or a day outside
    /// the month.
    public static func fromDate(year: Int, month: Int, day: Int) -> Double? {
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(month, of: year) else { return nil }
        var dayOfYear = day
        for m in 1..<month { dayOfYear += daysInMonth(m, of: year) }
        return Double(year) + Double(dayOfYear - 1) / Double(daysInYear(year))
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// 366 for leap years, else 365.
    public static func daysInYear(_ year: Int) -> Int {
        isLeapYear(year) ? 366 : 365
    }

    /// The number of days of `month` (1–12) in `year`.
    public static func daysInMonth(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Converts a column of a table to decimal years.
    ///
    /// - Parameters:
    ///   - name: The column: an exact header name, else the only case-insensitive match.
    ///   - table: The parsed file.
    /// - Returns: One decimal year per row, in file order.
    /// - Throws: ``DataError/missingColumn(source:column:suggestion:available:)``,
    ///   ``DataError/noDataRows(source:)``, and for the first bad cell
    ///   ``TrendError/emptyDate(source:line:column:)``, ``TrendError/notADate(source:line:column:text:)``
    ///   or ``TrendError/invalidDate(source:line:column:text:reason:)``.
    public static func column(_ name: String, in table: CSVTable) throws -> [Double] {
        let index = try table.columnIndex(named: name)
        guard !table.rows.isEmpty else { throw DataError.noDataRows(source: table.source) }
        let column = table.header[index]
        var out: [Double] = []
        out.reserveCapacity(table.rows.count)
        for (r, row) in table.rows.enumerated() {
            let line = table.lineNumbers[r]
            switch read(row[index]) {
            case let .value(t):
                out.append(t)
            case .empty:
                throw TrendError.emptyDate(source: table.source, line: line, column: column)
            case let .invalid(reason):
                throw TrendError.invalidDate(source: table.source, line: line, column: column, text: row[index], reason: reason)
            case .notADate:
                throw TrendError.notADate(source: table.source, line: line, column: column, text: row[index])
            }
        }
        return out
    }

    // MARK: - Internals

    enum Reading: Equatable {
        case value(Double)
        case empty
        case invalid(String)
        case notADate
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func read(_ text: String) -> Reading {
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, scalars[start].properties.isWhitespace { start += 1 }
        while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        guard start < end else { return .empty }
        let body = Array(scalars[start..<end])
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        func number(_ range: Range<Int>) -> Int {
            var v = 0
            for i in range { v = v * 10 + Int(body[i].value - 48) }
            return v
        }

        // ISO calendar date: YYYY-MM-DD.
        if body.count == 10, body[4] == "-", body[7] == "-",
           [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDigit(body[$0]) }) {
            let year = number(0..<4), month = number(5..<7), day = number(8..<10)
            guard (1...12).contains(month) else { return .invalid("there is no month \(month)") }
            let days = daysInMonth(month, of: year)
            guard day >= 1, day <= days else {
                return .invalid("\(monthNames[month - 1]) \(year) has \(days) days")
            }
            return fromDate(year: year, month: month, day: day).map(Reading.value) ?? .notADate
        }

        // Decimal year: [+-]digits[.digits] or [+-].digits
        var i = 0
        if body[i] == "+" || body[i] == "-" { i += 1 }
        var digits = 0, fraction = 0
        while i < body.count, isDigit(body[i]) {
            digits += 1
            i += 1
        }
        if i < body.count, body[i] == "." {
            i += 1
            while i < body.count, isDigit(body[i]) {
                fraction += 1
                i += 1
            }
        }
        guard i == body.count, digits + fraction > 0,
              let value = Double(String(String.UnicodeScalarView(body))), value.isFinite else {
            return .notADate
        }
        return .value(value)
    }
}
