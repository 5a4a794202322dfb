/// What a user declares about one parameter of a formula: bounds, and a start or a range of
/// starts.
///
/// ```
/// NAME [in [LOWER, UPPER]] [start VALUE | start [LOW, HIGH]]
///
/// alpha in [0, 2] start 0.3
/// E in [0, inf]
/// beta start [0, 2]
/// ```
/// Bounds may be `-inf` or `inf`; both ends are inclusive. A single start is where the fit
/// begins. A start range `[LOW, HIGH]` (finite ends) begins the fit at its midpoint and adds
/// the parameter as an axis of the start grid (`--starts grid`, see ``FormulaLaw/startGrid()``).
public struct FormulaParameterDeclaration: Sendable, Equatable, Codable {
    /// Where the fit starts for this parameter.
    public enum Start: Sendable, Equatable, Codable {
        /// Start the fit at this value.
        case value(Double)
        /// Start at the midpoint of `[low, high]`, and make the parameter an axis of the start grid.
        case range(Double, Double)
    }

    /// The parameter's name in the formula.
    public let name: String
    /// The lower bound (inclusive; `-infinity` when not declared).
    public let lowerBound: Double
    /// The upper bound (inclusive; `+infinity` when not declared).
    public let upperBound: Double
    /// The declared start, or `nil` for the formula's default start.
    public let start: Start?

    /// A declaration.
    /// - Parameters:
    ///   - name: The parameter's name in the formula.
    ///   - lowerBound: The lower bound (default unbounded).
    ///   - upperBound: The upper bound (default unbounded).
    ///   - start: A start value or range, or `nil` (default).
    public init(_ name: String, lowerBound: Double = -.infinity, upperBound: Double = .infinity, start: Start? = nil) {
        self.name = name
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.start = start
    }

    /// Parses one declaration.
    /// - Throws: ``FormulaError/invalidDeclaration(_:reason:)`` for text that does not read,
    ///   ``FormulaError/emptyBounds(parameter:lower:upper:)`` and
    ///   ``FormulaError/startOutsideBounds(parameter:start:lower:upper:)``.
    public static func parse(_ text: String) throws -> FormulaParameterDeclaration {
        var words = Words(text)
        func fail(_ reason: String) -> FormulaError { .invalidDeclaration(text.trimmingSpaces, reason: reason) }

        guard let name = words.next(), name.isFormulaName else {
            throw fail("expected a parameter name first")
        }
        guard words.peek() != nil else {
            throw fail("expected 'in [LOWER, UPPER]' or 'start VALUE' after '\(name)'")
        }
        var bounds: (Double, Double)?
        var start: Start?
        while let keyword = words.next() {
            switch keyword {
            case "in":
                guard bounds == nil else { throw fail("'in' is given twice") }
                guard words.peek() == "[" else { throw fail("expected '[' after 'in'") }
                bounds = try pair(&words, fail: fail)
            case "start":
                guard start == nil else { throw fail("'start' is given twice") }
                if words.peek() == "[" {
                    let (low, high) = try pair(&words, fail: fail)
                    guard low.isFinite, high.isFinite else { throw fail("a start range needs finite ends") }
                    guard low < high else { throw fail("the start range [\(FormulaNumber.text(low)), \(FormulaNumber.text(high))] is empty") }
                    start = .range(low, high)
                } else {
                    guard let word = words.next() else { throw fail("expected a number after 'start'") }
                    guard let value = number(word), value.isFinite else {
                        throw fail("expected a finite number after 'start', got '\(word)'")
                    }
                    start = .value(value)
                }
            default:
                throw fail("unexpected '\(keyword)'; expected 'in' or 'start'")
            }
        }
        let lower = bounds?.0 ?? -.infinity
        let upper = bounds?.1 ?? .infinity
        guard lower < upper else { throw FormulaError.emptyBounds(parameter: name, lower: lower, upper: upper) }
        switch start {
        case let .value(v)?:
            guard v >= lower, v <= upper else {
                throw FormulaError.startOutsideBounds(parameter: name, start: FormulaNumber.text(v), lower: lower, upper: upper)
            }
        case let .range(low, high)?:
            guard low >= lower, high <= upper else {
                throw FormulaError.startOutsideBounds(
                    parameter: name, start: "[\(FormulaNumber.text(low)), \(FormulaNumber.text(high))]", lower: lower, upper: upper)
            }
        case nil:
            break
        }
        return FormulaParameterDeclaration(name, lowerBound: lower, upperBound: upper, start: start)
    }

    /// `[A, B]` (the next word is `[`).
    private static func pair(_ words: inout Words, fail: (String) -> FormulaError) throws -> (Double, Double) {
        _ = words.next()
        func value(_ what: String) throws -> Double {
            guard let word = words.next(), word != "]", word != "," else { throw fail("expected the \(what) as a number") }
            guard let v = number(word) else { throw fail("expected the \(what) as a number, got '\(word)'") }
            return v
        }
        let a = try value("first end")
        guard words.next() == "," else { throw fail("expected ',' between the two ends of the interval") }
        let b = try value("second end")
        guard words.next() == "]" else { throw fail("expected ']' after the second end of the interval") }
        return (a, b)
    }

    /// A number as declarations write it: a decimal literal with optional sign and exponent,
    /// or `inf`, `-inf`, `+inf`.
    static func number(_ word: String) -> Double? {
        switch word.lowercased() {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        default: break
        }
        guard word.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let v = Double(word), v.isFinite else { return nil }
        return v
    }

    /// Splits a declaration into words: `[`, `]` and `,` stand alone; spaces separate.
    struct Words {
        var words: [String]
        var index = 0

        init(_ text: String) {
            var out: [String] = []
            var current = ""
            for c in text {
                if c == " " || c == "\t" {
                    if !current.isEmpty { out.append(current); current = "" }
                } else if c == "[" || c == "]" || c == "," {
                    if !current.isEmpty { out.append(current); current = "" }
                    out.append(String(c))
                } else {
                    current.append(c)
                }
            }
            if !current.isEmpty { out.append(current) }
            words = out
        }

        func peek() -> String? { index < words.count ? words[index] : nil }

        mutating func next() -> String? {
            defer { index += 1 }
            return peek()
        }
    }
}

extension String {
    /// Whether the string is a formula name: `[A-Za-z_][A-Za-z0-9_]*`.
    var isFormulaName: Bool {
        guard let first, first.isASCII, first.isLetter || first == "_" else { return false }
        return allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
