import Foundation
import ScalingLaws

/// libFuzzer entry point for ISO dates read as decimal years (``ISODate``), the reader of date
/// cells and of `backtest --holdout after:DATE`.
///
/// For any text: reading never crashes or hangs; a date that reads is a finite decimal year in
/// [1000, 10000) whose whole part is the text's first four digits, and the same date with
/// surrounding spaces reads to the same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDate(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    DateFuzzChecks.check(text)
    return 0
}

enum DateFuzzChecks {
    static func check(_ text: String) {
        guard let year = ISODate.decimalYear(text) else { return }
        precondition(year.isFinite && year >= 1000 && year < 10000, "decimal year out of range: \(year) from \(text)")
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        precondition(Int(trimmed.prefix(4)) == Int(year.rounded(.down)), "whole year differs from the text: \(year) from \(text)")
        precondition(ISODate.decimalYear(" " + text + " ") == year, "surrounding spaces change the date: \(text)")
    }
}
