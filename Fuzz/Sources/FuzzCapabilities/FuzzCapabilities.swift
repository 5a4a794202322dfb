import Foundation
import LinearAlgebra
import NonlinearFit
import ScalingLaws

/// libFuzzer entry point for the `capabilities` reader and model: a models × benchmarks table.
///
/// The input is a CSV file whose first column names the family, second the compute, and the
/// remaining columns (at most 6, at most 60 rows) are benchmarks. It is read as `capabilities`
/// reads it (empty benchmark and compute cells allowed, as NaN) and fitted with one component and
/// a compute cutoff at the median compute. For any input: reading and fitting never crash or
/// hang; a failure is a one-line, non-empty error of the data, input, model or solver
/// vocabularies; a NaN appears only where a cell is blank; every held-out interval lies inside
/// `[0, 1]`-bounded link values `[c, 1]` and holds its prediction.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCapabilities(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    CapabilitiesFuzzChecks.check(text)
    return 0
}

enum CapabilitiesFuzzChecks {
    static let file: URL = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-capabilities-\(getpid()).csv")

    static func oneLine(_ error: any Error) {
        let message = String(describing: error)
        precondition(
            error is DataError || error is InputError || error is ObservationalScalingError || error is LinearAlgebraError || error is FitError,
            "unexpected error type: \(type(of: error)): \(message)")
        precondition(!message.isEmpty && !message.contains("\n") && !message.contains("\r"), "multi-line message: \(message)")
    }

    static func check(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count <= 61, let first = lines.first else { return }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
        guard header.count >= 3, header.count <= 8, Set(header).count == header.count, !header.contains("") else { return }
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            return
        }
        let benchmarks = Array(header.dropFirst(2))
        let numeric = [header[1]] + benchmarks
        do {
            let specification = InputSpecification(path: file.path, separator: ",", by: header[0])
            let selection = try specification.load(roles: [], extraColumns: numeric, blankAllowed: numeric)
            let dataset = selection.dataset
            let columns = try numeric.map { try dataset.column($0) }
            for column in columns { for v in column { precondition(v.isNaN || v.isFinite, "non-finite value read") } }
            let compute = columns[0].map { $0.isNaN || $0 <= 0 ? nil : $0 }
            let known = compute.compactMap { $0 }.sorted()
            let cutoff = known.isEmpty ? nil : known[known.count / 2]
            let table = CapabilityTable(
                models: dataset.rowLines.map { "line \($0)" }, families: selection.labelsByRow, compute: compute,
                columns: benchmarks, values: (0..<dataset.count).map { i in columns.dropFirst().map { $0[i].isNaN ? nil : $0[i] } })
            let model = try CapabilityModel(
                table: table, settings: .init(benchmarks: benchmarks, components: 1, chance: [benchmarks[0]: 0.25], cutoff: cutoff))
            for p in model.predictions {
                let c = model.settings.chance[p.target] ?? 0
                let interval = p.prediction.newModelInterval
                precondition(interval.lowerBound >= c - 1e-12 && interval.upperBound <= 1 + 1e-12, "interval outside [c, 1]")
                precondition(interval.contains(p.prediction.score) || !p.prediction.score.isFinite, "interval misses its prediction")
            }
        } catch {
            oneLine(error)
        }
    }
}
