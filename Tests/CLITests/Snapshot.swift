import Foundation
import Testing
import TestSupport

/// Snapshot files for text a person reads (reports, help). Stored in `Tests/CLITests/Snapshots/`.
///
/// - With `SNAPSHOT_RECORD=1` in the environment the snapshot is (re)written and the check passes.
/// - A missing snapshot is written and the check fails, so a new snapshot is always looked at.
/// - Otherwise text is compared token by token: numbers (`1.817232`, `7.2357e+10`) within a
///   relative tolerance, everything else exactly; runs of spaces are ignored, line breaks are not.
///   Lines containing a `volatile` marker are compared by marker only (for counts such as
///   function evaluations that depend on solver internals, not on the answer).
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" }

    static func check(
        _ actual: String, named name: String, rel: Double = 1e-6, volatile: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = directory.appendingPathComponent(name)
        if isRecording || !FileManager.default.fileExists(atPath: url.path) {
            let existed = FileManager.default.fileExists(atPath: url.path)
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
            } catch {
                Issue.record("cannot write snapshot \(name): \(error)", sourceLocation: sourceLocation)
            }
            if !existed && !isRecording {
                Issue.record("recorded new snapshot \(name); check it and run again", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("cannot read snapshot \(name)", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if let difference = firstDifference(expected: expected, actual: actual, rel: rel, volatile: volatile) {
            Issue.record("snapshot \(name) differs (re-record with SNAPSHOT_RECORD=1): \(difference)", sourceLocation: sourceLocation)
        }
    }

    /// A token of text: a number or a run of other non-blank characters; `newline` marks line ends.
    enum Token: Equatable {
        case number(Double, String)
        case word(String)
        case newline
    }

    /// `nil` when the texts match, else a description of the first mismatch.
    static func firstDifference(expected: String, actual: String, rel: Double, volatile: [String]) -> String? {
        let expectedLines = lines(expected, volatile: volatile)
        let actualLines = lines(actual, volatile: volatile)
        for k in 0..<max(expectedLines.count, actualLines.count) {
            guard k < expectedLines.count else { return "extra line \(k + 1): '\(actualLines[k].text)'" }
            guard k < actualLines.count else { return "missing line \(k + 1): '\(expectedLines[k].text)'" }
            let e = expectedLines[k], a = actualLines[k]
            let same = e.tokens.count == a.tokens.count && zip(e.tokens, a.tokens).allSatisfy { match($0, $1, rel: rel) }
            if !same {
                return "line \(k + 1): expected '\(e.text)', got '\(a.text)'"
            }
        }
        return nil
    }

    static func match(_ e: Token, _ a: Token, rel: Double) -> Bool {
        switch (e, a) {
        case let (.number(x, _), .number(y, _)):
            if x == y { return true }
            return isClose(y, x, rel: rel, abs: 1e-300)
        default:
            return e == a
        }
    }

    static func lines(_ text: String, volatile: [String]) -> [(text: String, tokens: [Token])] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let text = String(line)
            if let marker = volatile.first(where: { text.contains($0) }) {
                return (text, [.word(marker)])
            }
            return (text, tokens(text))
        }
    }

    /// Splits a line into numbers and words. A number starts with a digit, or with `-`, `+` or
    /// `.` directly followed by a digit, and may have a fraction and an exponent.
    static func tokens(_ line: String) -> [Token] {
        let chars = Array(line.unicodeScalars)
        var out: [Token] = []
        var word = ""
        func isDigit(_ i: Int) -> Bool { i < chars.count && chars[i].value >= 48 && chars[i].value <= 57 }
        func flush() {
            if !word.isEmpty { out.append(.word(word)); word = "" }
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" {
                flush()
                i += 1
                continue
            }
            let startsNumber = isDigit(i)
                || ((c == "-" || c == "+") && (isDigit(i + 1) || (i + 2 < chars.count && chars[i + 1] == "." && isDigit(i + 2))))
                || (c == "." && isDigit(i + 1))
            if startsNumber {
                flush()
                var j = i
                if chars[j] == "-" || chars[j] == "+" { j += 1 }
                while isDigit(j) { j += 1 }
                if j < chars.count, chars[j] == ".", isDigit(j + 1) {
                    j += 1
                    while isDigit(j) { j += 1 }
                }
                if j < chars.count, chars[j] == "e" || chars[j] == "E" {
                    var k = j + 1
                    if k < chars.count, chars[k] == "-" || chars[k] == "+" { k += 1 }
                    if isDigit(k) {
                        while isDigit(k) { k += 1 }
                        j = k
                    }
                }
                var text = ""
                for s in chars[i..<j] { text.unicodeScalars.append(s) }
                out.append(.number(Double(text) ?? .nan, text))
                i = j
                continue
            }
            word.unicodeScalars.append(c)
            i += 1
        }
        flush()
        return out
    }
}
