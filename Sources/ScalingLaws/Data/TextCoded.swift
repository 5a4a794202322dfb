/// A value stored in JSON as the text a user writes for it (a `--where` expression, a run name
/// pattern, a log reduction), so an artifact shows `"size == 1B"`, not a tree of cases, and a
/// hand-edited value goes through the same parser and messages as the command line.
///
/// Conforming types parse with ``init(parsing:)`` and print with `description` such that
/// parsing the printed text gives the same value; `Codable` comes from this protocol.
public protocol TextCoded: Codable, CustomStringConvertible {
    /// Parses the text form.
    init(parsing text: String) throws
}

extension TextCoded {
    /// Encoded as `description`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the text written by ``encode(to:)``.
    /// - Throws: `DecodingError.dataCorrupted` carrying the parser's one-line message.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: String(describing: error))
        }
    }
}
