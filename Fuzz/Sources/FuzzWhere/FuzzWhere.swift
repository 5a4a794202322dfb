import ScalingLaws

/// libFuzzer entry point for the `--where` language (``RowPredicate``).
///
/// For any text: parsing never crashes or hangs; it either throws a ``RowPredicateError`` whose
/// message is one non-empty line, or gives a predicate whose canonical form parses back to the
/// same predicate (parse(print(p)) == p) and prints the same again (a fixed point).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWhere(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    WhereFuzzChecks.check(text)
    return 0
}

enum WhereFuzzChecks {
    static func check(_ text: String) {
        let predicate: RowPredicate
        do {
            predicate = try RowPredicate(parsing: text)
        } catch let error as RowPredicateError {
            let message = error.description
            precondition(!message.isEmpty && !message.contains("\n") && !message.contains("\r"), "bad message: \(message)")
            return
        } catch {
            preconditionFailure("RowPredicate(parsing:) threw a non-RowPredicateError: \(error)")
        }
        let printed = predicate.description
        let reparsed: RowPredicate
        do {
            reparsed = try RowPredicate(parsing: printed)
        } catch {
            preconditionFailure("printed predicate does not parse (\(error)): \(text) -> \(printed)")
        }
        precondition(reparsed == predicate, "round trip changed the predicate: \(text) -> \(printed)")
        precondition(reparsed.description == printed, "printing is not a fixed point: \(printed) -> \(reparsed.description)")
    }
}
