/// Reads fields out of a run's name: the pattern `{size}-{mult}xC` reads the run `1B-0.5xC` as
/// `size = 1B`, `mult = 0.5`.
///
/// A pattern is literal text with fields in braces; `{{` and `}}` stand for literal braces. A
/// field matches one or more Unicode scalars; two fields must be separated by literal text (so
/// the split is never ambiguous), and a field name is a letter or `_` followed by letters, digits
/// or `_`. Matching compares scalars exactly (no normalisation), is anchored at both ends and
/// gives each field the shortest text that lets the rest of the name match. ``description``
/// prints the pattern back in a form that parses to the same pattern.
public struct RunNamePattern: Sendable, Equatable, Hashable, TextCoded {
    /// A piece of a pattern. Two pieces are equal when their texts have the same scalars, as
    /// matching compares them (String's `==` would equate canonically equivalent literals that
    /// match different names).
    public enum Piece: Sendable, Equatable, Hashable, Codable {
        /// Text the name must contain at this place.
        case literal(String)
        /// A field, named: one or more scalars read into it.
        case field(String)

        /// Whether `a` and `b` are the same kind of piece with the same scalars.
        public static func == (a: Piece, b: Piece) -> Bool {
            switch (a, b) {
            case let (.literal(x), .literal(y)), let (.field(x), .field(y)): x.unicodeScalars.elementsEqual(y.unicodeScalars)
            default: false
            }
        }

        /// Hashes the piece's kind and scalars (consistent with ``==(_:_:)``).
        public func hash(into hasher: inout Hasher) {
            let (kind, text) = switch self {
            case let .literal(text): (0, text)
            case let .field(name): (1, name)
            }
            hasher.combine(kind)
            for scalar in text.unicodeScalars { hasher.combine(scalar) }
        }
    }

    /// The pieces, in order; adjacent literals are merged, and fields never touch.
    public let pieces: [Piece]

    /// The field names, in order.
    public var fieldNames: [String] {
        pieces.compactMap { if case let .field(name) = $0 { return name } else { return nil } }
    }

    /// Parses a pattern.
    ///
    /// The pattern is read scalar by scalar: a brace is syntax wherever it stands, even where a
    /// neighbouring scalar would join it into one user-perceived character (a prepended Arabic
    /// number sign before `{`, a combining mark after `}`; found by fuzzing).
    /// - Throws: ``LogError/invalidPattern(pattern:reason:)``.
    public init(parsing text: String) throws {
        func fail(_ reason: String) -> LogError { .invalidPattern(pattern: text, reason: reason) }
        var pieces: [Piece] = []
        var literal = String.UnicodeScalarView()
        var names: Set<String> = []
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if c == "{" {
                if scalars.first == "{" {
                    scalars.removeFirst()
                    literal.append("{")
                    continue
                }
                guard let close = scalars.firstIndex(of: "}") else { throw fail("a '{' is not closed") }
                let name = String(String.UnicodeScalarView(scalars[..<close]))
                scalars = scalars[scalars.index(after: close)...]
                guard Self.isFieldName(name) else {
                    throw fail(name.isEmpty ? "a field has no name ('{}')" : "'\(name)' is not a field name (a letter or '_', then letters, digits or '_')")
                }
                guard names.insert(name).inserted else { throw fail("the field {\(name)} appears twice") }
                if !literal.isEmpty {
                    pieces.append(.literal(String(literal)))
                    literal = String.UnicodeScalarView()
                } else if case .field(let previous)? = pieces.last {
                    throw fail("the fields {\(previous)} and {\(name)} touch; separate them with literal text")
                }
                pieces.append(.field(name))
            } else if c == "}" {
                guard scalars.first == "}" else { throw fail("a '}' has no '{' (write '}}' for a literal brace)") }
                scalars.removeFirst()
                literal.append("}")
            } else {
                literal.append(c)
            }
        }
        if !literal.isEmpty { pieces.append(.literal(String(literal))) }
        guard pieces.contains(where: { if case .field = $0 { true } else { false } }) else {
            throw fail("it has no field; write fields in braces, e.g. {size}-{mult}xC")
        }
        self.pieces = pieces
    }

    /// The fields of `name`, or `nil` when it does not match.
    ///
    /// Literal text must equal the name's scalars exactly (no Unicode normalisation), and a
    /// field takes one or more scalars.
    public func match(_ name: String) -> [String: String]? {
        let scalars = Array(name.unicodeScalars)
        var matcher = Matcher(pieces: pieces, name: scalars)
        guard matcher.match(piece: 0, at: 0) else { return nil }
        var fields: [String: String] = [:]
        for (piece, span) in zip(pieces, matcher.spans) {
            if case let .field(field) = piece, let span { fields[field] = String(String.UnicodeScalarView(scalars[span])) }
        }
        return fields
    }

    public var description: String {
        var out = String.UnicodeScalarView()
        for piece in pieces {
            switch piece {
            case let .literal(text):
                for scalar in text.unicodeScalars {
                    if scalar == "{" || scalar == "}" { out.append(scalar) }
                    out.append(scalar)
                }
            case let .field(name):
                out.append(contentsOf: "{\(name)}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// A backtracking match over the name's scalars that remembers each (piece, offset) from
    /// which the rest of the name is known not to match, so that matching stays polynomial in
    /// the name's length whatever the number of fields.
    private struct Matcher {
        /// Each piece's literal scalars (empty for a field).
        let literals: [[Unicode.Scalar]]
        let name: [Unicode.Scalar]
        /// The scalars each field piece spans on the path being tried.
        var spans: [Range<Int>?]
        /// Whether (piece, offset) is known not to match, at `piece·(name.count + 1) + offset`.
        var failed: [Bool]

        init(pieces: [Piece], name: [Unicode.Scalar]) {
            literals = pieces.map { piece in
                if case let .literal(text) = piece { Array(text.unicodeScalars) } else { [] }
            }
            self.name = name
            spans = Array(repeating: nil, count: pieces.count)
            failed = Array(repeating: false, count: pieces.count * (name.count + 1))
        }

        mutating func match(piece: Int, at offset: Int) -> Bool {
            guard piece < literals.count else { return offset == name.count }
            let key = piece * (name.count + 1) + offset
            guard !failed[key] else { return false }
            let matched = matchPiece(piece, at: offset)
            if !matched { failed[key] = true }
            return matched
        }

        private func hasLiteral(_ literal: [Unicode.Scalar], at offset: Int) -> Bool {
            offset + literal.count <= name.count && name[offset..<(offset + literal.count)].elementsEqual(literal)
        }

        private mutating func matchPiece(_ piece: Int, at offset: Int) -> Bool {
            let literal = literals[piece]
            if !literal.isEmpty {
                guard hasLiteral(literal, at: offset) else { return false }
                return match(piece: piece + 1, at: offset + literal.count)
            }
            // A field: one or more scalars, the shortest first that lets the rest match.
            guard offset < name.count else { return false }
            guard piece + 1 < literals.count else {
                spans[piece] = offset..<name.count
                return true
            }
            let next = literals[piece + 1]
            for end in (offset + 1)..<name.count where hasLiteral(next, at: end) {
                spans[piece] = offset..<end
                if match(piece: piece + 1, at: end) { return true }
            }
            spans[piece] = nil
            return false
        }
    }

    private static func isFieldName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
