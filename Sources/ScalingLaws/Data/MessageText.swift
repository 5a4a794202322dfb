/// User text (a cell, a column or file name, a key, a reason from the system) made safe to
/// show inside a one-line error message.
///
/// Every error enum whose `CustomStringConvertible/description` echoes text it did not write
/// itself passes that text through ``escaped(_:)`` or ``quoted(_:)``, and passes the finished
/// message through ``line(_:)``, so the message is one line whatever the input held: a raw line
/// break inside a quoted CSV header field once split a message in two (found by fuzzing).
///
/// Escaped are the scalars that break or reorder a line on a terminal: line feed, carriage
/// return and tab as `\n`, `\r`, `\t`; every other control character (Unicode general category
/// Cc, which includes NEL U+0085), the line and paragraph separators U+2028 and U+2029, and the
/// bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) as
/// `\u{XXXX}` in Swift's notation. Everything else, including non-ASCII letters, is kept.
///
/// ```
/// MessageText.quoted("loss\n")   // 'loss\n'
/// MessageText.quoted("")         // ''
/// ```
public enum MessageText {
    /// `text` with every scalar that could break the line escaped (see the type's discussion).
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            append(scalar, to: &out)
        }
        return out
    }

    /// `text` escaped and shortened to its first `limit` scalars followed by `…` when longer.
    public static func escaped(_ text: String, limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return escaped(text) }
        var out = ""
        for scalar in scalars.prefix(max(limit, 0)) {
            append(scalar, to: &out)
        }
        return out + "…"
    }

    /// `text` escaped between single quotes; an empty text shows as `''`.
    public static func quoted(_ text: String) -> String {
        "'" + escaped(text) + "'"
    }

    /// A finished message made one line: any scalar that could still break it is escaped (a
    /// no-op for a message built from ``escaped(_:)`` and ``quoted(_:)`` parts).
    public static func line(_ message: String) -> String {
        escaped(message)
    }

    /// Whether `text` holds no scalar that ``escaped(_:)`` would escape.
    public static func isOneLine(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: needsEscape)
    }

    /// Whether `scalar` breaks, or reorders, a line of a terminal.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // Cc: C0, DEL, C1 (with NEL)
        case 0x2028, 0x2029: return true  // line and paragraph separators (Zl, Zp)
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidirectional controls
        default: return false
        }
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        guard needsEscape(scalar) else {
            out.unicodeScalars.append(scalar)
            return
        }
        switch scalar {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
