import ScalingLaws

/// libFuzzer entry point for the schedule specification parser and printer.
///
/// For any text: parsing never crashes or hangs and every error is a one-line `ScheduleError`;
/// a specification that parses prints to text that parses back to the same value, and printing
/// that is a fixed point. A parsed specification with at most 10,000 steps is laid out and its
/// rates are finite and non-negative (or the layout fails with a one-line error).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchedule(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    ScheduleFuzzChecks.check(text)
    return 0
}

enum ScheduleFuzzChecks {
    static func check(_ text: String) {
        let spec: ScheduleSpecification
        do {
            spec = try ScheduleSyntax.parse(text)
        } catch let error as ScheduleError {
            let message = error.description
            precondition(!message.isEmpty && !message.contains(where: \.isNewline), "multi-line message: \(message)")
            return
        } catch {
            preconditionFailure("parse threw a non-ScheduleError: \(error)")
        }
        let printed = ScheduleSyntax.print(spec)
        let reparsed: ScheduleSpecification
        do {
            reparsed = try ScheduleSyntax.parse(printed)
        } catch {
            preconditionFailure("printed schedule does not parse (\(error)): \(printed)")
        }
        precondition(reparsed == spec, "round trip changed the schedule: \(text) -> \(printed)")
        precondition(ScheduleSyntax.print(reparsed) == printed, "printing is not a fixed point: \(printed)")
        guard (spec.steps ?? 1000) <= 10_000 else { return }
        do {
            let schedule = try spec.schedule(steps: spec.steps ?? 1000)
            precondition(schedule.rates.allSatisfy { $0.isFinite && $0 >= 0 }, "rate not finite or negative: \(printed)")
        } catch let error as ScheduleError {
            precondition(!error.description.contains(where: \.isNewline), "multi-line message: \(error)")
        } catch {
            preconditionFailure("schedule threw a non-ScheduleError: \(error)")
        }
    }
}
