/// Reads fields out of a run's name: the pattern `{size}-{mult}xC` reads the run `1B-0.5xC` as
/// `size = 1B`, `mult = 0.5`.
///
/// A pattern is literal text with fields in braces; `{{` and `}}` stand for literal braces. A
/// field matches one or more characters; two fields must be separated by literal text (so the
/// split is never ambiguous), and a field name is a letter or `_` followed by letters, digits or
/// `_`. Matching is anchored at both ends and gives each field the shortest text that lets the
/// rest of the name match. ``description`` prints the pattern back in a form that parses to
/// the same pattern.
public struct RunNamePattern: Sendable, Equatable, Hashable, TextCoded {
    /// A piece of a pattern.
    public enum Piece: Sendable, Equatable, Hashable, Codable {
        /// Text the name must contain at this place.
        case literal(String)
        /// A field, named: one or more characters read into it.
        case field(String)
    }

    /// The pieces, in order; adjacent literals are merged, and fields never touch.
    public let pieces: [Piece]

    /// The field names, in order.
    public var fieldNames: [String] {
        pieces.compactMap { if case let .field(name) = $0 { return name } else { return nil } }
    }

    /// Parses a pattern.
    /// - Throws: ``LogError/invalidPattern(pattern:reason:)``.
    public init(parsing text: String) throws {
        func fail(_ reason: String) -> LogError { .invalidPattern(pattern: text, reason: reason) }
        var pieces: [Piece] = []
        var literal = ""
        var names: Set<String> = []
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if c == "{" {
                if characters.first == "{" {
                    characters.removeFirst()
                    literal.append("{")
                    continue
                }
                guard let close = characters.firstIndex(of: "}") else { throw fail("a '{' is not closed") }
                let name = String(characters[..<close])
                characters = characters[characters.index(after: close)...]
                guard Self.isFieldName(name) else {
                    throw fail(name.isEmpty ? "a field has no name ('{}')" : "'\(name)' is not a field name (a letter or '_', then letters, digits or '_')")
                }
                guard names.insert(name).inserted else { throw fail("the field {\(name)} appears twice") }
                if !literal.isEmpty {
                    pieces.append(.literal(literal))
                    literal = ""
                } else if case .field(let previous)? = pieces.last {
                    throw fail("the fields {\(previous)} and {\(name)} touch; separate them with literal text")
                }
                pieces.append(.field(name))
            } else if c == "}" {
                guard characters.first == "}" else { throw fail("a '}' has no '{' (write '}}' for a literal brace)") }
                characters.removeFirst()
                literal.append("}")
            } else {
                literal.append(c)
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        guard pieces.contains(where: { if case .field = $0 { true } else { false } }) else {
            throw fail("it has no field; write fields in braces, e.g. {size}-{mult}xC")
        }
        self.pieces = pieces
    }

    /// The fields of `name`, or `nil` when it does not match.
    public func match(_ name: String) -> [String: String]? {
        var fields: [String: String] = [:]
        var failed: Set<Failure> = []
        return Self.match(pieces[...], Substring(name), into: &fields, failed: &failed) ? fields : nil
    }

    public var description: String {
        pieces.map { piece in
            switch piece {
            case let .literal(text): return text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
            case let .field(name): return "{\(name)}"
            }
        }.joined()
    }

    /// A (piece, position) from which the rest of the name is known not to match: remembered so
    /// that matching stays polynomial in the name's length whatever the number of fields.
    private struct Failure: Hashable {
        let piece: Int
        let offset: Int
    }

    private static func match(
        _ pieces: ArraySlice<Piece>, _ text: Substring, into fields: inout [String: String], failed: inout Set<Failure>
    ) -> Bool {
        guard let first = pieces.first else { return text.isEmpty }
        let key = Failure(piece: pieces.startIndex, offset: text.startIndex.utf16Offset(in: text.base))
        guard !failed.contains(key) else { return false }
        let matched = matchFirst(first, pieces.dropFirst(), text, into: &fields, failed: &failed)
        if !matched { failed.insert(key) }
        return matched
    }

    private static func matchFirst(
        _ first: Piece, _ rest: ArraySlice<Piece>, _ text: Substring, into fields: inout [String: String], failed: inout Set<Failure>
    ) -> Bool {
        switch first {
        case let .literal(literal):
            guard text.hasPrefix(literal) else { return false }
            return match(rest, text.dropFirst(literal.count), into: &fields, failed: &failed)
        case let .field(name):
            guard !text.isEmpty else { return false }
            guard case let .literal(next)? = rest.first else {
                fields[name] = String(text)
                return true
            }
            // Shortest field first: try each place after one character where the next literal
            // starts (a search by characters, not Foundation's `range(of:)`, which trapped on
            // substrings holding NUL and other control characters: found by fuzzing).
            var start = text.index(after: text.startIndex)
            while start < text.endIndex {
                if text[start...].hasPrefix(next) {
                    fields[name] = String(text[..<start])
                    if match(rest, text[start...], into: &fields, failed: &failed) { return true }
                }
                start = text.index(after: start)
            }
            fields[name] = nil
            return false
        }
    }

    private static func isFieldName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
