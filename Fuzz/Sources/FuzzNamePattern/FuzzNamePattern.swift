import ScalingLaws

/// libFuzzer entry point for run name patterns (`--name-pattern`).
///
/// The input's first line is a pattern, the rest a run name. For any input: parsing never
/// crashes or hangs and every error is a one-line, non-empty `LogError`; a pattern that parses
/// prints to text that parses back to the same pattern; a match's fields, put back into the
/// pattern, give the name again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNamePattern(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    NamePatternFuzzChecks.check(text)
    return 0
}

enum NamePatternFuzzChecks {
    static func check(_ text: String) {
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let patternText = String(parts[0])
        let name = parts.count > 1 ? String(parts[1]) : ""
        let pattern: RunNamePattern
        do {
            pattern = try RunNamePattern(parsing: patternText)
        } catch let error as LogError {
            let message = error.description
            precondition(!message.isEmpty && !message.contains("\n") && !message.contains("\r"), "multi-line message: \(message)")
            return
        } catch {
            preconditionFailure("RunNamePattern threw a non-LogError: \(error)")
        }
        let printed = pattern.description
        guard let reparsed = try? RunNamePattern(parsing: printed) else {
            preconditionFailure("printed pattern does not parse: \(printed)")
        }
        precondition(reparsed == pattern, "round trip changed the pattern: \(patternText) -> \(printed)")
        guard let fields = pattern.match(name) else { return }
        precondition(Set(fields.keys) == Set(pattern.fieldNames), "fields missing from a match: \(fields)")
        var rebuilt = ""
        for piece in pattern.pieces {
            switch piece {
            case let .literal(literal): rebuilt += literal
            case let .field(field):
                let value = fields[field] ?? ""
                precondition(!value.isEmpty, "empty field \(field)")
                rebuilt += value
            }
        }
        precondition(rebuilt == name, "fields do not rebuild the name: \(name) -> \(rebuilt)")
    }
}
