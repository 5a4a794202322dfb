import Foundation
import ScalingLaws
import Testing

/// Every error message is one line whatever text it echoes: the escaping of ``MessageText``
/// and, case by case, the messages of ``DataError``, ``FormulaError``, ``TrendError`` and
/// ``TextEqualityFilterError`` built with hostile text in every text field.
@Suite("one-line messages")
struct OneLineMessageTests {
    /// A line feed, a carriage return, NEL, a line separator, a NUL and a right-to-left
    /// override: each breaks or reorders a line of a terminal.
    static let hostile = "x\ny\r\u{85}\u{2028}\u{0}\u{202E}"
    /// ``hostile`` as every message must show it.
    static let escaped = "x\\ny\\r\\u{85}\\u{2028}\\u{0}\\u{202E}"

    @Test("escapes", arguments: [
        ("a\nb", "a\\nb"),
        ("\r\n", "\\r\\n"),
        ("\t", "\\t"),
        ("\u{0}", "\\u{0}"),
        ("\u{1B}[31m", "\\u{1B}[31m"),
        ("\u{7F}", "\\u{7F}"),
        ("\u{85}", "\\u{85}"),
        ("\u{0B}\u{0C}", "\\u{B}\\u{C}"),
        ("\u{2028}\u{2029}", "\\u{2028}\\u{2029}"),
        ("\u{202A}\u{2066}\u{2069}", "\\u{202A}\\u{2066}\\u{2069}"),
        ("é α 日本 \u{301}", "é α 日本 \u{301}"),
        ("C:\\data\\runs.csv", "C:\\data\\runs.csv"),
        ("", ""),
    ])
    func escapes(text: String, expected: String) {
        #expect(MessageText.escaped(text) == expected)
        #expect(MessageText.isOneLine(MessageText.escaped(text)))
        #expect(MessageText.isOneLine(text) == (text == expected))
    }

    @Test("quoting, shortening and the whole-message guard")
    func quotingAndShortening() {
        #expect(MessageText.quoted("") == "''")
        #expect(MessageText.quoted("lo\nss") == "'lo\\nss'")
        #expect(MessageText.escaped("abcdef", limit: 3) == "abc…")
        #expect(MessageText.escaped("a\nb", limit: 3) == "a\\nb")
        #expect(MessageText.escaped("\n\n\n\n", limit: 2) == "\\n\\n…")
        #expect(MessageText.line("one\ntwo") == "one\\ntwo")
        #expect(MessageText.line(MessageText.quoted(Self.hostile)) == "'" + Self.escaped + "'")
    }

    /// Every case of ``DataError`` with ``hostile`` in each text field.
    static let dataErrors: [DataError] = {
        let h = hostile
        return [
            .noSuchFile(path: h),
            .isDirectory(path: h),
            .unreadableFile(path: h, reason: h),
            .notUTF8(source: h),
            .unsupportedSeparator(h),
            .emptyFile(source: h),
            .noDataRows(source: h),
            .duplicateColumn(source: h, column: h, firstField: 1, secondField: 2),
            .raggedRow(source: h, line: 3, expected: 2, got: 1),
            .unterminatedQuote(source: h, line: 2),
            .textAfterQuote(source: h, line: 2, field: 1),
            .missingColumn(source: h, column: h, suggestion: h, available: [h, ""]),
            .noColumnForRole(source: h, role: h, flag: h, available: [h]),
            .noColumnForTokens(source: h, flag: h, available: [h]),
            .ambiguousRole(source: h, role: h, candidates: [h, h], flag: h),
            .emptyCell(source: h, line: 2, column: h),
            .notANumber(source: h, line: 2, column: h, text: h),
            .notFinite(source: h, line: 2, column: h, text: h),
            .notPositive(source: h, line: 2, column: h, value: -1, reason: h),
            .tooFewRows(source: h, count: 1, needed: 2, reason: h),
            .tooFewDistinctPoints(source: h, count: 1, needed: 2, variables: [h], reason: h),
            .tooFewDistinctPoints(source: h, count: 1, needed: 2, variables: [h, h], reason: h),
            .noRowsLeft(source: h, filter: h),
            .invalidFilter(filter: h, reason: h),
            .columnLengthMismatch(source: h, column: h, expected: 2, got: 1),
        ]
    }()

    @Test("every DataError is one line", arguments: dataErrors)
    func dataError(_ error: DataError) {
        let message = error.description
        #expect(!message.isEmpty)
        #expect(!message.contains(where: \.isNewline) && MessageText.isOneLine(message), "\(message.debugDescription)")
        #expect(message.contains(Self.escaped), "\(message.debugDescription)")
    }

    @Test("an echoed name keeps its quotes and is escaped inside them")
    func exactDataMessages() {
        let h = Self.hostile, e = Self.escaped
        #expect(DataError.emptyCell(source: "runs.csv", line: 4, column: h).description
            == "runs.csv, line 4, column '\(e)': expected a number, got an empty cell")
        #expect(DataError.missingColumn(source: h, column: "los", suggestion: "loss", available: ["N", "", h]).description
            == "\(e): no column named 'los'; did you mean 'loss'? (columns: N, '', \(e))")
        #expect(DataError.ambiguousRole(source: "runs.csv", role: "N", candidates: ["n\t1", "n2"], flag: "--n").description
            == "runs.csv: columns 'n\\t1' and 'n2' both look like N; choose one with --n")
    }

    /// Every case of ``FormulaError`` with ``hostile`` in each text field, inside a law file too.
    static let formulaErrors: [FormulaError] = {
        let h = hostile
        let cases: [FormulaError] = [
            .unexpectedCharacter(h, column: 1),
            .unexpectedToken(h, column: 1),
            .malformedNumber(h, column: 1),
            .numberOutOfRange(h, column: 1),
            .unknownFunction(h, column: 1),
            .wrongArgumentCount(function: h, expected: 1, got: 2, column: 1),
            .functionWithoutArguments(h, column: 1),
            .noInputs(defaults: [h]),
            .unusedInput(h),
            .responseInFormula(h),
            .conflictingResponse(formula: h, option: h),
            .unknownParameter(h, parameters: [h]),
            .declaredInput(h),
            .duplicateName(h, list: h),
            .invalidNames(h, reason: h),
            .invalidDeclaration(h, reason: h),
            .duplicateDeclaration(h),
            .emptyBounds(parameter: h, lower: 1, upper: 0),
            .startOutsideBounds(parameter: h, start: h, lower: 0, upper: 1),
            .noFormulaInFile(source: h),
            .twoFormulasInFile(source: h, first: 1, second: 2),
        ]
        return cases + cases.map { .inFile(source: h, line: 3, $0) }
    }()

    @Test("every FormulaError is one line", arguments: formulaErrors)
    func formulaError(_ error: FormulaError) {
        let message = error.description
        #expect(!message.isEmpty)
        #expect(!message.contains(where: \.isNewline) && MessageText.isOneLine(message), "\(message.debugDescription)")
        #expect(message.contains(Self.escaped), "\(message.debugDescription)")
    }

    @Test("every TrendError and TextEqualityFilterError with text is one line")
    func trendAndFilterErrors() {
        let h = Self.hostile
        let messages = [
            TrendError.notADate(source: h, line: 2, column: h, text: h).description,
            TrendError.invalidDate(source: h, line: 2, column: h, text: h, reason: h).description,
            TrendError.emptyDate(source: h, line: 2, column: h).description,
            TrendError.tooFewPoints(source: h, count: 1, needed: 3).description,
            TrendError.noSpreadInDates(source: h).description,
            TextEqualityFilterError.noMatchingRows(source: h, filter: h, values: [h, ""]).description,
        ]
        for message in messages {
            #expect(!message.contains(where: \.isNewline) && MessageText.isOneLine(message), "\(message.debugDescription)")
            #expect(message.contains(Self.escaped), "\(message.debugDescription)")
        }
    }
}
